import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortInPlace } from '../../../src/core/text/sortInPlace';

describe('sortInPlace', () => {
  it('orders as the stable library sort does, equal keys in their order, short lists and long', () => {
    const items = fc.array(fc.record({ key: fc.integer({ min: 0, max: 6 }), id: fc.nat() }), { maxLength: 80 });
    fc.assert(
      fc.property(items, (list) => {
        const byKey = (a: { key: number }, b: { key: number }) => a.key - b.key;
        const expected = list.slice().sort(byKey);
        const copy = list.slice();
        expect(sortInPlace(copy, byKey)).toBe(copy);
        expect(copy).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
