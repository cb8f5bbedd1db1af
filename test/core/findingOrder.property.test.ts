// The analyser puts the kinds' findings in text order by merging their lists (each kind collects in
// text order): the result must be what a stable sort of the lists one after another gives, ties
// included, and a list out of order must still come out sorted.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inTextOrder } from '../../src/core/analyzer';
import { compareFindings, FINDING_KINDS, type Finding } from '../../src/core/model';

const finding = fc.record({
  kind: fc.constantFrom(...FINDING_KINDS),
  start: fc.integer({ min: 0, max: 30 }),
  length: fc.integer({ min: 0, max: 5 }),
  tag: fc.nat(),
}).map(({ kind, start, length, tag }): Finding => ({ id: `f${tag}`, kind, start, end: start + length, text: 'x', region: 'body', score: 0.5, cues: [] }));

const stableSort = (lists: Finding[][]) => lists.flat().sort(compareFindings);

describe('findings in text order', () => {
  it('merges lists each in text order as a stable sort of them would order them', () => {
    fc.assert(fc.property(fc.array(fc.array(finding, { maxLength: 12 }), { maxLength: 6 }), (lists) => {
      const sorted = lists.map((l) => [...l].sort(compareFindings));
      const before = sorted.map((l) => [...l]);
      const out = inTextOrder(sorted);
      expect(out).toEqual(stableSort(sorted));
      // Ties keep their list's order: the same objects in the same places.
      stableSort(sorted).forEach((f, i) => expect(out[i]).toBe(f));
      // The kinds' lists are theirs: none is changed or handed out.
      expect(sorted).toEqual(before);
      for (const l of sorted) expect(out).not.toBe(l);
    }));
  });

  it('sorts lists that are not in text order', () => {
    fc.assert(fc.property(fc.array(fc.array(finding, { maxLength: 12 }), { maxLength: 6 }), (lists) => {
      expect(inTextOrder(lists)).toEqual(stableSort(lists));
    }));
  });
});
