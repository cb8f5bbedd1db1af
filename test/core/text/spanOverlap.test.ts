import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { spanOverlap } from '../../../src/core/text/spanOverlap';

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
