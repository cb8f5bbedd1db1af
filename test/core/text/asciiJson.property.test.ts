// Digest JSON written with its few non-ASCII characters escaped (src/core/text/asciiJson.ts) reads
// back to the same value, from the string and from bytes; JSON written before (UTF-8) still reads.
import fc from 'fast-check';
import { isAscii } from 'node:buffer';
import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { asciiJson, jsonText } from '../../../src/core/text/asciiJson';

/** Text as sources have it: mostly ASCII, with curly quotes, dashes, accents, emoji, CJK and lone surrogates. */
const sourceChar = fc.oneof(
  { weight: 20, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.constantFrom('’', '“', '”', '—', 'é', 'ß', '\u00a0', '😀', '中', '\ud800', '\udfff', '\u2028', '\u0085', '"', '\\', '\n') },
);
const sourceText = fc.array(sourceChar, { maxLength: 60 }).map((cs) => cs.join(''));
const digestLike = fc.record({
  text: sourceText,
  terms: fc.array(sourceText, { maxLength: 5 }),
  start: fc.nat(),
  nested: fc.array(fc.record({ sentence: sourceText, value: fc.option(sourceText) }), { maxLength: 3 }),
});

describe('asciiJson', () => {
  it('reads back to the same value, from the string and from its UTF-8 bytes', () => {
    fc.assert(fc.property(digestLike, (v) => {
      const json = asciiJson(v);
      expect(JSON.parse(json)).toEqual(v);
      expect(JSON.parse(jsonText(Buffer.from(json, 'utf8')))).toEqual(v);
    }), { numRuns: 2000 });
  });

  it('escapes a few non-ASCII characters, so the bytes are ASCII', () => {
    const v = { text: `${'The company said sales rose. '.repeat(20)}It’s “big” — 😀 café`, lone: 'a\ud800b' };
    const json = asciiJson(v);
    expect(isAscii(Buffer.from(json, 'utf8'))).toBe(true);
    expect(json).toContain('\\u2019');
    expect(JSON.parse(jsonText(Buffer.from(json, 'utf8')))).toEqual(v);
  });

  it('is one byte a character, also from slices of a text with a curly quote (V8 keeps a string\'s width)', () => {
    // v8.serialize writes a string's characters as V8 holds them: one byte each, or two.
    const held = (s: string) => serialize(s).length - s.length;
    const source = `${'The company said sales rose. '.repeat(20)}It’s big.`;
    for (const v of [{ text: source }, { text: source.slice(0, 100), terms: [source.slice(30, 60)] }]) {
      const json = asciiJson(v);
      expect(held(JSON.stringify(v))).toBeGreaterThan(json.length / 2);
      expect(held(json)).toBeLessThan(8);
      expect(JSON.parse(json)).toEqual(v);
    }
  });

  it('leaves text in another script as it is (escapes would make it longer)', () => {
    const v = { text: 'Компания сообщила, что продажи выросли на 20 процентов. 小米公司表示销售额增长。' };
    expect(asciiJson(v)).toBe(JSON.stringify(v));
    expect(JSON.parse(jsonText(Buffer.from(asciiJson(v), 'utf8')))).toEqual(v);
  });

  it('reads JSON written as plain UTF-8 (cache entries from before)', () => {
    fc.assert(fc.property(digestLike, (v) => {
      expect(JSON.parse(jsonText(Buffer.from(JSON.stringify(v), 'utf8')))).toEqual(v);
    }), { numRuns: 1000 });
  });
});
