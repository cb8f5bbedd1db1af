import { describe, expect, it } from 'vitest';
import { CodePointIndex } from '../../../src/core/export/codePoints';

describe('CodePointIndex', () => {
  it('is the identity on text without astral characters', () => {
    const index = new CodePointIndex('plain text, é and 小米');
    expect(index.toCodePoints(7)).toBe(7);
    expect(index.toUtf16(7)).toBe(7);
  });

  it('converts around emoji both ways, and agrees with Array.from', () => {
    const text = 'a📈b🚀🚀c';
    const index = new CodePointIndex(text);
    const chars = Array.from(text);
    for (let cp = 0; cp <= chars.length; cp++) {
      const utf16 = chars.slice(0, cp).join('').length;
      expect(index.toUtf16(cp)).toBe(utf16);
      expect(index.toCodePoints(utf16)).toBe(cp);
    }
    expect(index.toUtf16(chars.length + 1)).toBeUndefined();
    expect(index.toUtf16(-1)).toBeUndefined();
  });
});
