// findingsDelta pairs the items at both ends with the previous ones in their places, and finds each
// other previous item by its place: by a binary search when the previous list is in start order
// (findings, region spans), by maps when it is not; both must give the same answer.
import { describe, expect, it } from 'vitest';
import { findingsDelta } from '../../src/server/findingsDelta';

interface Item {
  kind: string;
  start: number;
  end: number;
  text: string;
}

const before = 'aa bb cc dd ee';
const after = 'aa bb XX cc dd ee';
const item = (kind: string, start: number, end: number, text: string): Item => ({ kind, start, end, text });
// Two items at one place of different kinds, one of the same span twice, and one the edit changed.
const previous = [item('claim', 0, 5, 'aa bb'), item('entity', 0, 5, 'aa bb'), item('date', 6, 8, 'cc'), item('date', 6, 8, 'cc'), item('entity', 9, 14, 'dd ee')];
const now = [item('claim', 0, 5, 'aa bb'), item('entity', 0, 5, 'aa bb'), item('date', 6, 8, 'XX'), item('date', 9, 11, 'cc'), item('entity', 12, 17, 'dd ee')];

describe('findingsDelta', () => {
  it('finds previous items in a list in start order, moved or not', () => {
    const d = findingsDelta(before, previous, after, now);
    // Those after the edit are paired from the end, each with the previous item in its place: the
    // second of the two alike (3), which says what the first says.
    expect([...d.from]).toEqual([0, 1, -1, 3, 4]);
    expect([...d.moved]).toEqual([0, 0, 0, 1, 1]);
    expect(d.shift).toBe(3);
    expect(d.literal).toEqual([now[2]]);
  });

  it('finds the same ones when the previous list is in another order', () => {
    const order = [4, 2, 0, 3, 1];
    const shuffled = order.map((i) => previous[i]!);
    const d = findingsDelta(before, shuffled, after, now);
    // Index in the shuffled list of the item found in order: the first at its place in list order.
    expect([...d.from].map((j) => (j < 0 ? -1 : order[j]))).toEqual([0, 1, -1, 2, 4]);
    expect(d.literal).toEqual([now[2]]);
  });

  it('finds nothing in an empty previous list', () => {
    const d = findingsDelta('', [], after, now);
    expect([...d.from]).toEqual([-1, -1, -1, -1, -1]);
    expect(d.literal).toHaveLength(5);
  });
});
