// The lower-case words of a source, kept between analyses (src/core/kinds/entity/lowerCaseWords.ts):
// after any sequence of paragraph lists, what it says equals a fresh count, and an edit that adds or
// removes the lower-case word decides whether a sentence-opening word is a name.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Data } from 'vfile';
import { Analyzer } from '../../../../src/core/analyzer';
import type { AnalysedParagraph } from '../../../../src/core/kinds/kind';
import { lowerCaseWordsOf, LowerCaseWords } from '../../../../src/core/kinds/entity/lowerCaseWords';
import { createParagraphProcessor } from '../../../../src/core/pipeline/processor';

const WORDS = ['tablets', 'tablet', 'Tablet', 'phones', 'x1', 'über', 'sales'];
/** A paragraph's data as the pipeline leaves it: its lower-case words, read from its tokens. */
const paragraphData = (words: string[]): Data => ({ lowerWords: lowerCaseWordsOf([{ tokens: words.map((text) => ({ text })) }]) });
const pool = [[], ['tablets', 'sales'], ['Tablet', 'tablet'], ['phones', 'x1', 'über'], ['sales', 'sales']].map(paragraphData);
const asParagraphs = (data: Data[]): AnalysedParagraph[] => data.map((d, i) => ({ start: i * 10, region: 'body', data: d }));

function freshHas(data: Data[], word: string): boolean {
  const counts = new LowerCaseWords();
  counts.update(asParagraphs(data));
  return counts.has(word);
}

describe('lower-case words kept between analyses', () => {
  it('says what a fresh count says after any sequence of lists', () => {
    const list = fc.array(fc.nat({ max: pool.length - 1 }).map((i) => pool[i]!), { maxLength: 8 });
    fc.assert(fc.property(fc.array(list, { minLength: 1, maxLength: 8 }), (lists) => {
      const kept = new LowerCaseWords();
      for (const data of lists) {
        kept.update(asParagraphs(data));
        for (const w of WORDS) expect(kept.has(w)).toBe(freshHas(data, w));
      }
    }));
  });

  it('counts only words that start with a lower-case letter', () => {
    const kept = new LowerCaseWords();
    kept.update(asParagraphs([pool[2]!, pool[3]!]));
    expect(kept.has('tablet')).toBe(true);
    expect(kept.has('Tablet')).toBe(false);
    expect(kept.has('über')).toBe(false);
    expect(kept.has('x1')).toBe(true);
  });

  it('a paragraph keeps its lower-case words, not its sentences of tokens', () => {
    const data = createParagraphProcessor()('Crypto sales fell. The x1 sells, sells well in Über-land.', { region: 'body' });
    expect(data.sentences).toBeUndefined();
    expect(Object.values(data).some((v) => JSON.stringify(v ?? null).includes('"tokens"'))).toBe(false);
    expect(data.lowerWords).toBe('sales fell x1 sells sells well in');
    // A reader's metadata line names no one, yet its words count.
    expect(createParagraphProcessor()('Posts: 12, member since 2011', { region: 'comment-meta' }).lowerWords).toBe('member since');
  });

  it('an edit that removes or brings back the lower-case word decides, in one analyser', () => {
    const analyzer = new Analyzer();
    const names = (text: string) => analyzer.analyze(text).findings.filter((f) => f.kind === 'entity').map((f) => f.text);
    // "Crypto" opens a sentence: a name unless the source writes "cryptos" (its plural) in lower case.
    const lower = 'Crypto sales in China fell.\n\nXiaomi sells cryptos in India.';
    const without = 'Crypto sales in China fell.\n\nXiaomi sells phones in India.';
    expect(names(lower)).toEqual(['China', 'Xiaomi', 'India']);
    expect(names(without)).toEqual(['Crypto', 'China', 'Xiaomi', 'India']);
    expect(names(lower)).toEqual(['China', 'Xiaomi', 'India']);
  });
});
