import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { transformSpan, transformSpans, type TextChange } from '../../../src/core/tags/rangeTracking';
import { ProvenanceText } from './provenanceText';

const span = { start: 10, end: 20 };
const change = (start: number, end: number, length: number): TextChange => ({ start, end, length });

describe('transformSpan', () => {
  it.each([
    ['insertion before', change(2, 2, 5), { start: 15, end: 25 }],
    ['insertion at the start stays outside', change(10, 10, 3), { start: 13, end: 23 }],
    ['insertion inside', change(12, 12, 4), { start: 10, end: 24 }],
    ['insertion at the end stays outside', change(20, 20, 4), { start: 10, end: 20 }],
    ['deletion before', change(0, 5, 0), { start: 5, end: 15 }],
    ['deletion across the start', change(5, 12, 0), { start: 5, end: 13 }],
    ['deletion inside', change(12, 15, 0), { start: 10, end: 17 }],
    ['deletion across the end', change(18, 25, 0), { start: 10, end: 18 }],
    ['replacement inside (a typo fixed)', change(14, 15, 2), { start: 10, end: 21 }],
    ['replacement across the end', change(18, 25, 3), { start: 10, end: 21 }],
    ['replacement of everything', change(0, 40, 100), { start: 0, end: 0 }],
    ['change after', change(25, 30, 1), { start: 10, end: 20 }],
  ])('%s', (_name, c, expected) => {
    expect(transformSpan(span, c)).toEqual(expected);
  });
});

describe('transformSpans (property)', () => {
  it('a span whose text no edit touched still covers exactly that text', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 20, maxLength: 200 }),
        fc.nat(),
        fc.integer({ min: 1, max: 15 }),
        fc.array(fc.record({ at: fc.nat(), remove: fc.nat({ max: 10 }), insert: fc.string({ maxLength: 10 }) }), { maxLength: 8 }),
        (text, s, len, edits) => {
          const start = s % (text.length - len);
          const doc = new ProvenanceText(text);
          const spans = new Map([['t', { start, end: start + len }]]);
          let touched = false;
          for (const e of edits) {
            const from = e.at % (doc.length + 1);
            const to = Math.min(doc.length, from + e.remove);
            const current = spans.get('t')!;
            if (from < current.end && to > current.start) touched = true;
            if (from === to && from > current.start && from < current.end) touched = true;
            doc.replace(from, to, e.insert);
            transformSpans(spans, [{ start: from, end: to, length: e.insert.length }]);
          }
          const positions = doc.positionsOf(start, start + len);
          const result = spans.get('t')!;
          if (!touched) {
            expect(result).toEqual({ start: positions[0], end: positions[0]! + len });
          } else {
            // Whatever survived of the tagged text is still inside the span.
            for (const p of positions) if (p !== undefined && result.end > result.start) expect(p >= result.start && p < result.end).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
