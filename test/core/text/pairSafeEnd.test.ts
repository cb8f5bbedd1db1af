// A slice's end never between the halves of a pair, and never leaving a slice empty.
import { describe, expect, it } from 'vitest';
import { pairSafeEnd } from '../../../src/core/text/pairSafeEnd';

describe('pairSafeEnd', () => {
  it('moves back before a pair, keeps any other end, and goes past a pair a one-unit slice would split', () => {
    const text = 'ab😀cd';
    expect(pairSafeEnd(text, 0, 2)).toBe(2);
    expect(pairSafeEnd(text, 0, 3)).toBe(2);
    expect(pairSafeEnd(text, 0, 4)).toBe(4);
    expect(pairSafeEnd(text, 2, 3)).toBe(4);
    expect(pairSafeEnd(text, 0, 99)).toBe(text.length);
    // A lone first half at the very end is the end.
    expect(pairSafeEnd('ab\ud800', 0, 3)).toBe(3);
    // Every slice of any size takes something and no slice splits a pair.
    const long = 'x😀😀y\ud800😀z😀'.repeat(5);
    for (let size = 1; size <= 5; size++) {
      let joined = '';
      for (let at = 0; at < long.length;) {
        const end = pairSafeEnd(long, at, at + size);
        expect(end).toBeGreaterThan(at);
        // A cut inside the text is never between a first half and the second half after it.
        const splits = end < long.length && /[\ud800-\udbff]/.test(long[end - 1]!) && /[\udc00-\udfff]/.test(long[end]!);
        expect(splits).toBe(false);
        joined += long.slice(at, end);
        at = end;
      }
      expect(joined).toBe(long);
    }
  });
});
