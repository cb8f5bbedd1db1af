// scoreClaim sums the word weights without listing a sentence's words (claimTextLogit); it must give
// the very number claimLogit gives over claimWords, rounding included, for any text and weights.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLAIM_MODEL, claimLogit, claimTextLogit, claimWords, type ClaimFeatures, type ClaimWeights } from '../../../../src/core/kinds/claim/claimDetector';

const FEATURE_NAMES = Object.keys(CLAIM_MODEL.features).filter((k) => k !== 'bias') as (keyof ClaimFeatures)[];
const VOCABULARY = ['tax', 'taxes', "don't", 'don’t', 'jobs', 'million', 'the', 'we', 'rose', "it's", 'percent', 'cut'];

const word = fc.oneof(fc.constantFrom(...VOCABULARY), fc.stringMatching(/^[A-Za-z’']{1,8}$/));
const cased = (w: string, casing: 'as is' | 'upper' | 'title') => (casing === 'upper' ? w.toUpperCase() : casing === 'title' ? w[0]!.toUpperCase() + w.slice(1) : w);
const text = fc.array(fc.tuple(word, fc.constantFrom('as is', 'upper', 'title'), fc.constantFrom(' ', ', ', '. ', '  ', '—', ' "', '\n')), { maxLength: 30 })
  .map((parts) => parts.map(([w, casing, sep]) => `${cased(w, casing)}${sep}`).join(''));
const features = fc.record(Object.fromEntries(FEATURE_NAMES.map((k) => [k, fc.constantFrom(0, 1, 2, 0.5)])) as Record<keyof ClaimFeatures, fc.Arbitrary<number>>) as fc.Arbitrary<ClaimFeatures>;
const weights = fc.dictionary(fc.constantFrom(...VOCABULARY.map((w) => w.replace(/’/g, "'"))), fc.double({ min: -3, max: 3, noNaN: true }))
  .map((words): ClaimWeights => ({ ...CLAIM_MODEL, words }));

const anyText = fc.array(fc.oneof(fc.constantFrom(...VOCABULARY, "'", '’', "''", "a'", "'s", ' ', '  ', ', ', 'İ', 'é', 'ß', '9', '_'), fc.string({ unit: 'binary', maxLength: 5 })), { maxLength: 20 }).map((p) => p.join(''));

/** claimWords as a regular expression says it, the specification its scanner is held to. */
function wordsBySpecification(text: string, pairs: boolean): string[] {
  const words = new Set<string>();
  let previous = '';
  let previousEnd = -1;
  for (const m of text.toLowerCase().matchAll(/[a-z]+(?:['’][a-z]+)*/g)) {
    const word = m[0].replace(/’/g, "'");
    words.add(word);
    if (pairs && previousEnd >= 0 && /^\s+$/.test(text.slice(previousEnd, m.index))) words.add(`${previous} ${word}`);
    previous = word;
    previousEnd = m.index + m[0].length;
  }
  return [...words];
}

describe('claimTextLogit', () => {
  it('is claimLogit over claimWords, to the last bit, with the shipped weights', () => {
    fc.assert(fc.property(features, text, (f, t) => {
      expect(Object.is(claimTextLogit(f, t), claimLogit(f, claimWords(t)))).toBe(true);
    }), { numRuns: 500 });
  });

  it('is claimLogit over claimWords with any word weights, repeated and curly-quoted words included', () => {
    fc.assert(fc.property(features, text, weights, (f, t, w) => {
      expect(Object.is(claimTextLogit(f, t, w), claimLogit(f, claimWords(t), w))).toBe(true);
    }), { numRuns: 500 });
  });

  it('reads the words claimWords reads in any text (digits, accents, lone apostrophes, other scripts)', () => {
    fc.assert(fc.property(features, anyText, weights, (f, t, w) => {
      expect(Object.is(claimTextLogit(f, t, w), claimLogit(f, claimWords(t), w))).toBe(true);
    }), { numRuns: 1_000 });
  });

  it('reads as words what the expression [a-z]+([\'’][a-z]+)* matches in the lower-cased text, pairs across spaces only', () => {
    fc.assert(fc.property(anyText, fc.boolean(), (t, pairs) => {
      expect(claimWords(t, pairs)).toEqual(wordsBySpecification(t, pairs));
    }), { numRuns: 2_000 });
  });

  it('counts a word once however often it comes, and reads "don’t" as "don\'t"', () => {
    const w: ClaimWeights = { ...CLAIM_MODEL, words: { "don't": 1.5, tax: 0.25 } };
    const f = Object.fromEntries(FEATURE_NAMES.map((k) => [k, 0])) as unknown as ClaimFeatures;
    const base = claimTextLogit(f, 'Nothing here.', w);
    expect(claimTextLogit(f, 'Tax, tax and TAX: I don’t, you don\'t.', w)).toBeCloseTo(base + 1.75, 12);
  });
});
