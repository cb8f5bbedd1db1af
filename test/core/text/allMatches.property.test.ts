import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allMatches, someMatch } from '../../../src/core/text/allMatches';

// Patterns of the shapes the detectors scan with, empty matches and unicode mode among them.
const PATTERNS = [
  /\b[a-z]{3,}ed\b/g,
  /(?=[Imwou])(?<![\p{L}])(?:I|I['’]m|my|me|we|our|us)(?![\p{L}])/gu,
  /\b(?:would|could|can|might|may|['’]d)\b/gi,
  /x*/g,
  /(?:)/gu,
  /\p{L}*/gu,
];

const TEXT = fc.string({ unit: fc.constantFrom('a', 'e', 'd', 'I', 'm', 'y', ' ', "'", 'é', '😀', 'x', 'W', '\n'), maxLength: 40 });

const shape = (ms: Iterable<RegExpMatchArray>) => [...ms].map((m) => [m.index, ...m]);

describe('allMatches', () => {
  it('finds what matchAll finds, and leaves lastIndex at 0', () => {
    fc.assert(fc.property(fc.constantFrom(...PATTERNS), TEXT, (re, text) => {
      expect(shape(allMatches(re, text))).toEqual(shape(text.matchAll(re)));
      expect(re.lastIndex).toBe(0);
    }), { numRuns: 2000 });
  });

  it('someMatch takes the first match accepted, as a matchAll loop would', () => {
    fc.assert(fc.property(fc.constantFrom(...PATTERNS), TEXT, fc.nat(8), (re, text, from) => {
      const seen: number[] = [];
      const found = someMatch(re, text, (m) => {
        seen.push(m.index);
        return m.index >= from;
      });
      const expected = [...text.matchAll(re)].map((m) => m.index);
      const stop = expected.findIndex((i) => i >= from);
      expect(found).toBe(stop >= 0);
      expect(seen).toEqual(stop >= 0 ? expected.slice(0, stop + 1) : expected);
      expect(re.lastIndex).toBe(0);
    }), { numRuns: 2000 });
  });

  it('refuses a RegExp without the g flag, as matchAll does', () => {
    expect(() => allMatches(/a/, 'aaa')).toThrow(TypeError);
    expect(() => someMatch(/a/, 'aaa', () => false)).toThrow(TypeError);
  });
});
