import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { spanOverlap, spanWithin } from '../../../src/core/text/spanOverlap';

describe('spanOverlap', () => {
  it('answers as testing every span would', () => {
    const span = fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 20 })).map(([s, l]) => ({ start: s, end: s + l }));
    fc.assert(
      fc.property(fc.array(span, { maxLength: 12 }), fc.integer({ min: 0, max: 30 }), fc.array(span, { maxLength: 20 }), (spans, from, queries) => {
        const to = from + 50;
        const overlaps = spanOverlap(spans, from, to);
        for (const q of queries) {
          if (q.start < from || q.end > to) continue;
          const naive = spans.some((x) => x.end > x.start && q.end > q.start && q.start < x.end && q.end > x.start);
          expect(overlaps(q.start, q.end)).toBe(naive);
        }
      }),
    );
  });

  it('answers the same for a few spans (tested one by one) as for many (prefix sums), queries outside the range included', () => {
    const span = fc.tuple(fc.integer({ min: 0, max: 90 }), fc.integer({ min: 0, max: 20 })).map(([s, l]) => ({ start: s, end: s + l }));
    // Empty spans cover nothing: padding with them only forces the many-span path.
    const padding = Array.from({ length: 10 }, (_, i) => ({ start: i * 7, end: i * 7 }));
    fc.assert(
      fc.property(fc.array(span, { maxLength: 8 }), fc.integer({ min: 0, max: 30 }), fc.array(span, { maxLength: 20 }), (spans, from, queries) => {
        const few = spanOverlap(spans, from, from + 40);
        const many = spanOverlap([...spans, ...padding], from, from + 40);
        for (const q of queries) expect(few(q.start, q.end)).toBe(many(q.start, q.end));
      }),
    );
  });
});

describe('spanWithin', () => {
  const inside = (x: { start: number; end: number }, s: number, e: number) => e > s && x.start <= s && x.end >= e && x.end - x.start > e - s;

  it('answers as testing every span would, for spans that do not overlap (names in a sentence), few or many', () => {
    // Spans laid end to end with gaps: no two overlap.
    const laid = fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 8 })), { maxLength: 16 }).map((parts) => {
      let at = 0;
      return parts.map(([gap, length]) => ({ start: (at += gap), end: (at += length) }));
    });
    const query = fc.tuple(fc.integer({ min: 0, max: 90 }), fc.integer({ min: 0, max: 6 })).map(([s, l]) => ({ start: s, end: s + l }));
    fc.assert(
      fc.property(laid, fc.integer({ min: 0, max: 20 }), fc.array(query, { maxLength: 20 }), (spans, from, queries) => {
        const to = from + 60;
        const within = spanWithin(spans, from, to);
        for (const q of queries) {
          if (q.start < from || q.end > to) continue;
          expect(within(q.start, q.end)).toBe(spans.some((x) => inside(x, q.start, q.end)));
        }
      }),
    );
  });

  it('is not fooled by a span exactly the query, an empty query, nor queries outside the range', () => {
    const names = Array.from({ length: 12 }, (_, i) => ({ start: i * 10, end: i * 10 + 6 }));
    const within = spanWithin(names, 0, 120);
    expect(within(12, 14)).toBe(true);
    expect(within(10, 16)).toBe(false);
    expect(within(15, 17)).toBe(false);
    expect(within(16, 16)).toBe(false);
    expect(within(-5, -1)).toBe(false);
    expect(within(200, 201)).toBe(false);
  });
});
