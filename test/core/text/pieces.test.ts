import { describe, expect, it } from 'vitest';
import type { Block } from '../../../src/core/text/blocks';
import { paragraphPieces } from '../../../src/core/text/pieces';

const block = (text: string, start = 10): Block => ({ start, end: start + text.length, text, region: 'body' });
const texts = (b: Block, max: number) => paragraphPieces(b, max).map((p) => p.text);

describe('a long paragraph in pieces', () => {
  it('leaves a paragraph within the limit whole', () => {
    const b = block('Sales rose. Prices fell.');
    expect(paragraphPieces(b, 100)).toEqual([b]);
  });

  it('cuts at the last sentence end that fits, not after a title or an initial', () => {
    const text = 'Sales rose in May. Mr. Smith met J. Jones. Then prices fell sharply.';
    expect(texts(block(text), 45)).toEqual(['Sales rose in May. Mr. Smith met J. Jones.', 'Then prices fell sharply.']);
  });

  it('cuts at white space where there is no sentence end, never inside a surrogate pair', () => {
    expect(texts(block('alpha beta gamma delta epsilon'), 12)).toEqual(['alpha beta', 'gamma delta', 'epsilon']);
    const emoji = '🙂'.repeat(10);
    const pieces = texts(block(emoji), 7);
    expect(pieces.join('')).toBe(emoji);
    for (const p of pieces) expect(p).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
  });

  it('keeps offsets: each piece is the text at its own offsets, in order, within the limit', () => {
    const text = `${'word '.repeat(3000)}End. ${'Another sentence here. '.repeat(900)}`.trim();
    const b = block(text, 7);
    const source = ' '.repeat(7) + text;
    const pieces = paragraphPieces(b, 4000);
    expect(pieces.length).toBeGreaterThan(5);
    let last = 0;
    for (const p of pieces) {
      expect(source.slice(p.start, p.end)).toBe(p.text);
      expect(p.text.length).toBeLessThanOrEqual(4000);
      expect(p.start).toBeGreaterThanOrEqual(last);
      last = p.end;
    }
    expect(pieces.map((p) => p.text).join(' ').replace(/\s+/g, ' ')).toBe(text.replace(/\s+/g, ' '));
  });
});
