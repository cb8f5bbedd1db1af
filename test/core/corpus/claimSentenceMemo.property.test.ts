// A source digested again after edits with the last digests' claim sentences at hand (what the
// worker for long open sources does once typing pauses) gives exactly the digest made without them,
// and reads again only the sentences an edit touched.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../../src/core/analyzer';
import { ClaimSentenceMemo, type SentenceParts } from '../../../src/core/corpus/claimSentenceMemo';
import { digestSource } from '../../../src/core/corpus/digest';
import { analyzeSource } from '../../../src/core/sourceAnalysis';
import { poolsFrom, SourceGenerator } from '../../../scripts/bench/generate';
import { applyEdit, editArb } from '../randomEdits';

const SAMPLES_DIR = path.resolve(__dirname, '../../../test-fixtures/sources');
const samples = readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.txt')).sort()
  .map((name) => ({ name, text: readFileSync(path.join(SAMPLES_DIR, name), 'utf8') }));
const generated = new SourceGenerator(poolsFrom(samples.map((s) => s.text)), 0x5e7).source(16 * 1024);
const options = { referenceDate: '2018-03-10' };

/** Counts the sentences read anew. */
class CountingMemo extends ClaimSentenceMemo {
  reads = 0;
  override parts(sentence: string, spans: readonly number[], read: () => SentenceParts): SentenceParts {
    return super.parts(sentence, spans, () => {
      this.reads++;
      return read();
    });
  }
}

describe('claim sentences kept between digests', () => {
  it.each([...samples, { name: 'generated-16kb.txt', text: generated }])('give the digest made without them after random edits: $name', ({ name, text }) => {
    const analyzer = new Analyzer();
    fc.assert(
      fc.property(fc.array(editArb(5), { minLength: 1, maxLength: 5 }), (edits) => {
        const memo = new ClaimSentenceMemo();
        let current = text;
        digestSource(current, analyzeSource(analyzer, current, undefined, options), memo);
        for (const e of edits) {
          current = applyEdit(current, e);
          const analysed = analyzeSource(analyzer, current, undefined, options);
          const kept = digestSource(current, analysed, memo);
          const fresh = digestSource(current, analysed);
          expect(JSON.stringify(kept)).toBe(JSON.stringify(fresh));
        }
      }),
      { numRuns: 10, seed: 0x34 + name.length },
    );
  });

  it('reads a sentence again when its names or dates are not where they were, its words the same', () => {
    // An edit elsewhere can make a word of an unchanged sentence a name (the source now writes it
    // so), or no longer one: its terms (names left out) change though its words did not.
    const analysed = analyzeSource(new Analyzer(), generated, undefined, options);
    const claims = analysed.tagged.findings.filter((f) => f.kind === 'claim');
    const inClaim = (f: { kind: string; start: number; end: number }) => f.kind !== 'claim' && f.kind !== 'quotation' && claims.some((c) => c.start <= f.start && f.end <= c.end);
    const without = { ...analysed, tagged: { ...analysed.tagged, findings: analysed.tagged.findings.filter((f) => !inClaim(f)) } };
    const memo = new ClaimSentenceMemo();
    digestSource(generated, analysed, memo);
    const kept = digestSource(generated, without, memo);
    const fresh = digestSource(generated, without);
    expect(JSON.stringify(kept.claims.map((c) => c.terms))).not.toBe(JSON.stringify(digestSource(generated, analysed).claims.map((c) => c.terms)));
    expect(JSON.stringify(kept)).toBe(JSON.stringify(fresh));
    // And back.
    expect(JSON.stringify(digestSource(generated, analysed, memo))).toBe(JSON.stringify(digestSource(generated, analysed)));
  });

  it('reads again only the sentence an edit changed', () => {
    const analyzer = new Analyzer();
    const memo = new CountingMemo();
    const first = digestSource(generated, analyzeSource(analyzer, generated, undefined, options), memo);
    expect(memo.reads).toBe(first.claims.length);
    // A word inserted inside the tenth claim: its sentence changed, every other one did not.
    const claim = first.claims[10]!;
    const at = generated.indexOf(' ', claim.start + 1);
    const edited = `${generated.slice(0, at)} really${generated.slice(at)}`;
    memo.reads = 0;
    const second = digestSource(edited, analyzeSource(analyzer, edited, undefined, options), memo);
    expect(second.claims.length).toBe(first.claims.length);
    expect(memo.reads).toBe(1);
    expect(second.claims[10]!.text).toContain('really');
    // Nothing changed: nothing read.
    memo.reads = 0;
    digestSource(edited, analyzeSource(analyzer, edited, undefined, options), memo);
    expect(memo.reads).toBe(0);
  });
});

describe('ClaimSentenceMemo', () => {
  const parts = (n: number): SentenceParts => ({ quote: `q${n}`, figures: [], terms: [`t${n}`], anaphors: [] });

  it('gives each layout of a sentence its own parts, and keeps a few layouts per sentence', () => {
    const memo = new CountingMemo();
    const layouts = Array.from({ length: 20 }, (_, i) => [i, i + 3, -1, -1, -2]);
    for (let round = 0; round < 2; round++) {
      layouts.forEach((spans, i) => expect(memo.parts('One sentence, said twenty times.', spans, () => parts(i)).terms).toEqual([`t${i}`]));
      memo.endDigest();
    }
    // The first round read all 20; the second only those past the kept eight.
    expect(memo.reads).toBe(20 + 12);
  });
});
