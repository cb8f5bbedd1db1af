import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makeQuoteTarget, sha256Hex } from '../../../src/core/tags/quoteSelector';

const isLoneSurrogate = (s: string) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

describe('makeQuoteTarget', () => {
  it('takes 32 code units of context either side in the middle of a text', () => {
    const text = 'x'.repeat(50) + 'TARGET' + 'y'.repeat(50);
    const t = makeQuoteTarget(text, 50, 56);
    expect(t).toEqual({ start: 50, end: 56, exact: 'TARGET', prefix: 'x'.repeat(32), suffix: 'y'.repeat(32) });
  });

  it('takes less context at the edges of the text', () => {
    const text = 'Acme said revenue rose 12%.';
    expect(makeQuoteTarget(text, 0, 4)).toMatchObject({ exact: 'Acme', prefix: '', suffix: ' said revenue rose 12%.' });
    expect(makeQuoteTarget(text, 23, 27)).toMatchObject({ exact: '12%.', prefix: 'Acme said revenue rose ', suffix: '' });
    expect(makeQuoteTarget(text, 0, text.length)).toMatchObject({ exact: text, prefix: '', suffix: '' });
  });

  it('allows an empty range and an empty text', () => {
    expect(makeQuoteTarget('abc', 1, 1)).toEqual({ start: 1, end: 1, exact: '', prefix: 'a', suffix: 'bc' });
    expect(makeQuoteTarget('', 0, 0)).toEqual({ start: 0, end: 0, exact: '', prefix: '', suffix: '' });
  });

  it('honours a custom context length', () => {
    expect(makeQuoteTarget('abcdefgh', 3, 5, 2)).toMatchObject({ prefix: 'bc', exact: 'de', suffix: 'fg' });
    expect(makeQuoteTarget('abcdefgh', 3, 5, 0)).toMatchObject({ prefix: '', exact: 'de', suffix: '' });
  });

  it('never splits a surrogate pair at the prefix cut (takes one unit less)', () => {
    // "😀" is two code units; put it so that start - 32 falls on its low half.
    const text = 'a😀' + 'b'.repeat(31) + 'X' + 'c'.repeat(40);
    const start = text.indexOf('X');
    expect(start - 32).toBe(2); // index 2 is the low surrogate
    const t = makeQuoteTarget(text, start, start + 1);
    expect(t.prefix).toBe('b'.repeat(31));
    expect(t.prefix.length).toBe(31);
    expect(isLoneSurrogate(t.prefix)).toBe(false);
  });

  it('never splits a surrogate pair at the suffix cut (takes one unit less)', () => {
    const text = 'X' + 'b'.repeat(31) + '😀' + 'c';
    const t = makeQuoteTarget(text, 0, 1);
    expect(t.suffix).toBe('b'.repeat(31));
    expect(isLoneSurrogate(t.suffix)).toBe(false);
  });

  it('keeps whole emoji that fit in the context', () => {
    const text = '👍🏽 great 😀 news 🎉';
    const start = text.indexOf('news');
    const t = makeQuoteTarget(text, start, start + 4);
    expect(t.prefix).toBe('👍🏽 great 😀 ');
    expect(t.suffix).toBe(' 🎉');
    expect(text.slice(t.start, t.end)).toBe(t.exact);
  });

  it('fuzz: context never contains a lone surrogate and is at most 32 units', () => {
    const text = Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? '😀' : i % 3 === 1 ? 'é' : '漢')).join('');
    for (let start = 0; start < text.length; start++) {
      // Keep the range itself on code point boundaries, like real findings.
      if (/[\uDC00-\uDFFF]/.test(text[start]!)) continue;
      const t = makeQuoteTarget(text, start, start);
      expect(isLoneSurrogate(t.prefix) || isLoneSurrogate(t.suffix)).toBe(false);
      expect(t.prefix.length).toBeLessThanOrEqual(32);
      expect(t.prefix.length).toBeGreaterThanOrEqual(Math.min(31, start));
      expect(t.suffix.length).toBeLessThanOrEqual(32);
    }
  });

  it('counts a BOM as one code unit like any other character', () => {
    const text = '\uFEFFHello world';
    const t = makeQuoteTarget(text, 1, 6);
    expect(t.exact).toBe('Hello');
    expect(t.prefix).toBe('\uFEFF');
  });

  it('keeps CRLF line endings as two code units', () => {
    const text = 'line one\r\nline two\r\n';
    const start = text.indexOf('two');
    const t = makeQuoteTarget(text, start, start + 3);
    expect(t).toMatchObject({ exact: 'two', prefix: 'line one\r\nline ', suffix: '\r\n' });
  });

  it('handles non-Latin text', () => {
    const text = 'Президент заявил, что 東京 станет столицей Ελλάδα.';
    const start = text.indexOf('東京');
    const t = makeQuoteTarget(text, start, start + 2, 8);
    expect(t).toMatchObject({ exact: '東京', prefix: 'ил, что ', suffix: ' станет ' });
  });

  it('rejects ranges outside the text', () => {
    expect(() => makeQuoteTarget('abc', -1, 2)).toThrow(RangeError);
    expect(() => makeQuoteTarget('abc', 2, 1)).toThrow(RangeError);
    expect(() => makeQuoteTarget('abc', 0, 4)).toThrow(RangeError);
    expect(() => makeQuoteTarget('abc', 0.5, 2)).toThrow(RangeError);
    expect(() => makeQuoteTarget('abc', 0, 2, -1)).toThrow(RangeError);
  });
});

describe('sha256Hex', () => {
  it('hashes the UTF-8 encoding of the text', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    const text = 'Grüße 😀 東京';
    expect(sha256Hex(text)).toBe(createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex'));
    expect(sha256Hex(text)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('distinguishes CRLF from LF and a BOM from none', () => {
    expect(sha256Hex('a\r\nb')).not.toBe(sha256Hex('a\nb'));
    expect(sha256Hex('\uFEFFa')).not.toBe(sha256Hex('a'));
  });
});
