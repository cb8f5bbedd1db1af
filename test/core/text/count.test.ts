import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCount, plural } from '../../../src/core/text/count';

describe('formatCount', () => {
  it('writes integers as en-US does', () => {
    for (const n of [0, 7, 999, 1000, 12345, 1234567, -1, -1000, -987654321, Number.MAX_SAFE_INTEGER]) expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
    fc.assert(fc.property(fc.maxSafeInteger(), (n) => formatCount(n) === n.toLocaleString('en-US')));
  });

  it('leaves other numbers to toLocaleString', () => {
    for (const n of [1.5, -0.25, 1e21, Number.NaN, Infinity]) expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
  });
});

describe('plural', () => {
  it('counts a noun, plural unless there is one', () => {
    expect(plural(1, 'source')).toBe('1 source');
    expect(plural(0, 'source')).toBe('0 sources');
    expect(plural(2001, 'source')).toBe('2,001 sources');
    expect(plural(2, 'unreadable source', 'unreadable sources')).toBe('2 unreadable sources');
    expect(plural(1, 'child', 'children')).toBe('1 child');
  });
});
