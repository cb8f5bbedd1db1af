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
