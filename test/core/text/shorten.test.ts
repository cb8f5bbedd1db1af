import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cut, cutStart, firstWords, oneLine } from '../../../src/core/text/shorten';

describe('firstWords: the first words of a text, cut after a whole word', () => {
  it('returns a text that fits, on one line', () => {
    expect(firstWords('Xiaomi plans to\n  enter the US.', 60)).toBe('Xiaomi plans to enter the US.');
    expect(firstWords('  ', 10)).toBe('');
  });

  it('cuts a long text after a whole word, with an ellipsis, within max', () => {
    const text = 'Xiaomi plans to enter the US market next year, its chief executive said on Tuesday.';
    const out = firstWords(text, 40);
    expect(out).toBe('Xiaomi plans to enter the US market…');
    expect(out.length).toBeLessThanOrEqual(40);
  });

  it('never ends inside a word, for every max', () => {
    const text = 'Sales of the Mi 11 rose by 40 per cent in the first quarter of 2021, according to Canalys data.';
    const words = text.split(' ');
    for (let max = 10; max <= text.length + 2; max++) {
      const out = firstWords(text, max);
      expect(out.length).toBeLessThanOrEqual(max);
      if (out === text) continue;
      expect(out.endsWith('…')).toBe(true);
      const kept = out.slice(0, -1).split(' ');
      // Every word kept is a whole word of the text, punctuation after the last one aside.
      expect(kept.slice(0, -1)).toEqual(words.slice(0, kept.length - 1));
      expect(words[kept.length - 1]!.startsWith(kept.at(-1)!)).toBe(true);
      expect(words[kept.length - 1]!.replace(/[,;:]$/, '')).toBe(kept.at(-1));
    }
  });

  it('keeps a whole word that ends right at the cut', () => {
    expect(firstWords('aaaa bbbb cccc', 10)).toBe('aaaa bbbb…');
  });

  it('drops a comma or dash left before the ellipsis', () => {
    expect(firstWords('Prices rose, costs – fell sharply this year', 21)).toBe('Prices rose, costs…');
    expect(firstWords('Prices rose, costs fell sharply this year', 16)).toBe('Prices rose…');
  });

  it('cuts a very long word plainly rather than keep almost nothing', () => {
    expect(firstWords(`A ${'x'.repeat(50)}`, 20)).toBe(`A ${'x'.repeat(17)}…`);
  });

  it('does not cut a text that fits but itself ends with an ellipsis', () => {
    expect(firstWords('They said it would…', 19)).toBe('They said it would…');
  });

  it('cuts where oneLine(text, max) cuts, though it reads the text once', () => {
    // firstWords as it was: oneLine at max + 1 to see whether the text fits, then again at max.
    const twoPasses = (text: string, max: number) => {
      const longer = oneLine(text, max + 1);
      if (longer.length <= max) return longer;
      const line = oneLine(text, max);
      const body = line.slice(0, -1);
      const space = longer[max - 1] === ' ' ? body.length : body.lastIndexOf(' ');
      if (space < max / 3) return line;
      return `${body.slice(0, space).replace(/[\s,;:–—-]+$/u, '')}…`;
    };
    const text = fc.string({ unit: fc.constantFrom('a', 'bb', ' ', '  ', '\n', ',', '–', '…', 'é', '\u00a0'), maxLength: 60 });
    fc.assert(fc.property(text, fc.integer({ min: 2, max: 40 }), (t, max) => {
      expect(firstWords(t, max)).toBe(twoPasses(t, max));
    }), { numRuns: 2000 });
  });

  it('reads only as far as the cut of a huge text', () => {
    const huge = `${'word '.repeat(200_000)}end`;
    expect(firstWords(huge, 30)).toBe('word word word word word word…');
  });
});

describe('the other cuts', () => {
  it('cut, cutStart and oneLine stay within max', () => {
    expect(cut('abcdef', 4)).toBe('abc…');
    expect(cut('abc', 4)).toBe('abc');
    expect(cutStart('/a/b/c/file.txt', 9)).toBe('…file.txt');
    expect(oneLine(' a \n\t b ', 10)).toBe('a b');
    expect(oneLine('abcdef', 4)).toBe('abc…');
  });
});

describe('oneLine, word by word', () => {
  /** The definition: a character at a time. */
  const reference = (text: string, max: number) => {
    let out = '';
    let space = false;
    for (const ch of text.split('')) {
      if (/\s/.test(ch)) {
        space = out.length > 0;
        continue;
      }
      if (space) out += ' ';
      space = false;
      out += ch;
      if (out.length > max) return `${out.slice(0, max - 1)}…`;
    }
    return out;
  };
  const piece = fc.constantFrom('a', 'Bc', 'word', ' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u2028', '\u3000', '\ufeff', '\u0085', 'é', '😀', '\ud83d', '…');

  it('gives what reading a character at a time gives', () => {
    fc.assert(fc.property(fc.array(piece, { maxLength: 40 }), fc.integer({ min: 1, max: 30 }), (pieces, max) => {
      const text = pieces.join('');
      expect(oneLine(text, max)).toBe(reference(text, max));
    }), { numRuns: 2000 });
  });
});
