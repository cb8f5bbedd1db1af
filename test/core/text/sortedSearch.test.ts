import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstAtLeast, firstStartingAt, lastStartingBefore, partitionPoint } from '../../../src/core/text/sortedSearch';

const sortedStarts = fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 30 }).map((xs) => xs.sort((a, b) => a - b).map((start) => ({ start })));

describe('sorted search', () => {
  it('finds what a scan finds, with repeated starts and offsets outside the range', () => {
    fc.assert(fc.property(sortedStarts, fc.integer({ min: -5, max: 60 }), (items, offset) => {
      const first = items.findIndex((i) => i.start >= offset);
      expect(firstStartingAt(items, offset)).toBe(first < 0 ? items.length : first);
      expect(lastStartingBefore(items, offset)).toBe(items.findLastIndex((i) => i.start < offset));
      expect(partitionPoint(items, (i) => i.start <= offset)).toBe(items.filter((i) => i.start <= offset).length);
      const starts = items.map((i) => i.start);
      expect(firstAtLeast(starts, offset)).toBe(first < 0 ? items.length : first);
      expect(firstAtLeast(Float64Array.from(starts), offset)).toBe(first < 0 ? items.length : first);
      // From an index on: the first there or after it.
      const from = Math.floor(starts.length / 2);
      const later = starts.findIndex((s, i) => i >= from && s >= offset);
      expect(firstAtLeast(starts, offset, from)).toBe(later < 0 ? starts.length : later);
    }), { seed: 20261202, numRuns: 500 });
  });
});
