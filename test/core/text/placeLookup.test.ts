import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { placeLookup, type Positioned } from '../../../src/core/text/placeLookup';

const place = fc.record({ start: fc.integer({ min: 0, max: 60 }), end: fc.integer({ min: 0, max: 70 }), kind: fc.constantFrom(undefined, 'claim', 'entity') });

/** The first item at the place, by a scan. */
const scanned = (items: readonly Positioned[], p: Positioned) => {
  const i = items.findIndex((x) => x.start === p.start && x.end === p.end && (x.kind ?? '') === (p.kind ?? ''));
  return i < 0 ? undefined : i;
};

describe('placeLookup', () => {
  it('finds what a scan finds, in start order or not, whatever order the places are asked in', () => {
    fc.assert(fc.property(fc.array(place, { maxLength: 40 }), fc.boolean(), fc.array(fc.oneof(place, fc.nat(39)), { maxLength: 60 }), fc.boolean(), (raw, sort, asked, ascending) => {
      const items = sort ? [...raw].sort((a, b) => a.start - b.start) : raw;
      // Asked: places that are there (by index) and places that may not be.
      let queries = asked.map((q) => (typeof q === 'number' ? items[q % Math.max(1, items.length)] ?? { start: q, end: q } : q));
      if (ascending) queries = [...queries].sort((a, b) => a.start - b.start);
      const at = placeLookup(items);
      for (const q of queries) expect(at(q.start, q.end, q.kind)).toBe(scanned(items, q));
    }), { seed: 20261207, numRuns: 1_000 });
  });
});
