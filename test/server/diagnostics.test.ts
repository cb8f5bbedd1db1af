import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineBreakIn } from '../../src/server/diagnostics';

/** The first "\n" or "\r" in text[from, to), the plain way. */
function firstBreak(text: string, from: number, to: number): number {
  const m = /[\r\n]/.exec(text.slice(from, to));
  return m ? from + m.index : -1;
}

describe('lineBreakIn', () => {
  it('finds the first line break of a range, whichever of LF, CR or CRLF, as a plain search does', () => {
    const text = fc.array(fc.constantFrom('a', 'é', '😀', ' ', '\n', '\r', '\r\n'), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (t, a, b) => {
        const from = t.length ? a % (t.length + 1) : 0;
        const to = from + (t.length - from ? b % (t.length - from + 1) : 0);
        expect(lineBreakIn(t, from, to)).toBe(firstBreak(t, from, to));
        expect(lineBreakIn(t)).toBe(firstBreak(t, 0, t.length));
      }),
      { numRuns: 2000 },
    );
  });

  it('sees a break before the range\'s end only', () => {
    expect(lineBreakIn('one line', 0, 8)).toBe(-1);
    expect(lineBreakIn('title\r\nbody', 0, 11)).toBe(5);
    expect(lineBreakIn('a\nb\rc', 2, 5)).toBe(3);
    expect(lineBreakIn('abc\n', 0, 3)).toBe(-1);
    expect(lineBreakIn('ab\rc\n', 0, 2)).toBe(-1);
  });
});
