// Sources made of paragraphs drawn from a pool, edited at random (a paragraph replaced by another of
// the pool, or a word put before its first full stop), each version analysed by one warm analyser
// and compared with a fresh one's: the property tests of a kind's collect after an edit.
import fc from 'fast-check';
import { expect } from 'vitest';
import { Analyzer } from '../../../src/core/analyzer';

/** Asserts, over `numRuns` random sources and edit sequences, that the warm analyser gives what a fresh one gives after every edit. */
export function assertWarmEqualsFresh(pool: readonly string[], words: readonly string[], seed: number, numRuns = 150): void {
  const options = { referenceDate: '2018-03-10' };
  const paragraphs = fc.array(fc.nat(pool.length - 1), { minLength: 2, maxLength: 8 });
  const edit = fc.record({ at: fc.nat(), to: fc.nat(pool.length - 1), word: fc.constantFrom(...words), replace: fc.boolean() });
  fc.assert(fc.property(paragraphs, fc.array(edit, { minLength: 1, maxLength: 5 }), (start, edits) => {
    const warm = new Analyzer();
    const texts = start.map((i) => pool[i]!);
    warm.analyze(texts.join('\n\n'), options);
    for (const e of edits) {
      const at = e.at % texts.length;
      texts[at] = e.replace ? pool[e.to]! : texts[at]!.replace('.', `${e.word}.`);
      const text = texts.join('\n\n');
      expect(JSON.stringify(warm.analyze(text, options))).toBe(JSON.stringify(new Analyzer().analyze(text, options)));
    }
  }), { numRuns, seed });
}
