import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { LineIndex, lineStarts, rangeIn } from '../../../src/core/text/lineIndex';

describe('LineIndex', () => {
  it('ends lines at LF, CRLF and a lone CR, as LSP does', () => {
    const text = 'a\nbb\r\nccc\rdd😀e\n\nf';
    const lines = new LineIndex(text);
    const doc = TextDocument.create('file:///x.txt', 'plaintext', 1, text);
    for (let offset = 0; offset <= text.length; offset++) {
      const { line, character } = doc.positionAt(offset);
      // Offsets inside a CRLF pair have no position of their own in LSP either.
      if (text[offset - 1] === '\r' && text[offset] === '\n') continue;
      expect(lines.position(offset), `offset ${offset}`).toEqual([line, character]);
      expect(lines.at(offset)).toEqual({ line: line + 1, column: character + 1 });
    }
  });

  it('counts columns in UTF-16 code units', () => {
    expect(new LineIndex('x😀y').at(3)).toEqual({ line: 1, column: 4 });
    expect(new LineIndex('\ufeffHi').at(1)).toEqual({ line: 1, column: 2 });
  });

  it('gives whole positions ≥ 0 from line starts that are not what a text gives (a damaged cache entry)', () => {
    const starts = [0, 5, 'x', null, -3, 2.5, Number.NaN, 1e12] as unknown as number[];
    for (const offset of [0, 3, 7, 100, -1, Number.NaN]) {
      const { start, end } = rangeIn(starts, offset, offset + 1);
      for (const p of [start, end]) {
        expect(Number.isInteger(p.line) && p.line >= 0, JSON.stringify(p)).toBe(true);
        expect(Number.isInteger(p.character) && p.character >= 0, JSON.stringify(p)).toBe(true);
      }
    }
    expect(rangeIn([], 4, 6)).toEqual({ start: { line: 0, character: 4 }, end: { line: 0, character: 6 } });
  });

  it('agrees with LSP on random texts, with and without CRs (two ways of finding lines)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'é', '😀', ' ', '\n', '\n', '\r\n', '\r'), { maxLength: 60 }), (pieces) => {
        const text = pieces.join('');
        const lines = new LineIndex(text);
        const starts = lineStarts(text);
        const doc = TextDocument.create('file:///x.txt', 'plaintext', 1, text);
        for (let offset = 0; offset <= text.length; offset++) {
          if (text[offset - 1] === '\r' && text[offset] === '\n') continue;
          const { line, character } = doc.positionAt(offset);
          expect(lines.position(offset)).toEqual([line, character]);
          // A digest keeps only the line starts: a range from them is the same.
          expect(rangeIn(starts, offset, text.length)).toEqual({ start: { line, character }, end: doc.positionAt(text.length) });
        }
      }),
      { numRuns: 300, seed: 0x11 },
    );
  });
});
