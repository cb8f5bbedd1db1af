// Our offsets are UTF-16 code units (JavaScript string indices); brat and the W3C
// TextPositionSelector count Unicode code points, so text with emoji or other astral
// characters needs converting.

/** Converts offsets into one text between UTF-16 code units and code points. */
export class CodePointIndex {
  /** UTF-16 offsets of the high surrogate of each surrogate pair, ascending. */
  private readonly pairs: number[] = [];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length - 1; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) this.pairs.push(i++);
      }
    }
  }

  /** Pairs that start before `offset` (UTF-16): each makes a code point offset one less. */
  private pairsBefore(offset: number): number {
    let lo = 0;
    let hi = this.pairs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.pairs[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  toCodePoints(utf16: number): number {
    return this.pairs.length ? utf16 - this.pairsBefore(utf16) : utf16;
  }

  /** The UTF-16 offset of a code point offset; past the end gives undefined. */
  toUtf16(codePoints: number): number | undefined {
    if (!Number.isInteger(codePoints) || codePoints < 0) return undefined;
    let offset = codePoints;
    // Each pair before the answer pushes it one further; at most pairs.length steps.
    for (let n = 0; n <= this.pairs.length; n++) {
      const next = codePoints + this.pairsBefore(offset);
      if (next === offset) break;
      offset = next;
    }
    return offset <= this.text.length ? offset : undefined;
  }
}
