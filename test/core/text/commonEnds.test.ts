import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commonEnds } from '../../../src/core/text/commonEnds';

/** The definition, a character at a time. */
function reference(a: string, b: string) {
  const max = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < max && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  return { prefix, suffix };
}

describe('commonEnds', () => {
  it('finds the common prefix and suffix of a text and an edit of it, at any length against the chunk it compares', () => {
    // Few letters, so the edit often repeats its neighbours; up to 20,000 characters, so chunks of 4,096 are compared and cut.
    const text = fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'é', '😀'), maxLength: 20_000 });
    fc.assert(fc.property(text, fc.nat(), fc.nat(), fc.string({ unit: fc.constantFrom('a', 'b', 'x'), maxLength: 9 }), (a, at, cut, insert) => {
      const from = a.length ? at % (a.length + 1) : 0;
      const to = Math.min(a.length, from + (cut % 12));
      const b = a.slice(0, from) + insert + a.slice(to);
      expect(commonEnds(a, b)).toEqual(reference(a, b));
      expect(commonEnds(b, a)).toEqual(reference(b, a));
    }), { numRuns: 300 });
  });

  it('handles equal, empty and wholly different texts', () => {
    const long = 'ab'.repeat(5000);
    for (const [a, b] of [[long, long], ['', long], [long, ''], ['', ''], [long, 'c'.repeat(10_000)], [long, `${long}c`], [`c${long}`, long]] as const) {
      expect(commonEnds(a, b), `${a.length}/${b.length}`).toEqual(reference(a, b));
    }
  });
});
