import { describe, expect, it } from 'vitest';
import type { TextQuoteTarget } from '../../../src/core/tags/annotation';
import { anchorQuote, QuoteAnchorer } from '../../../src/core/tags/anchoring';
import { makeQuoteTarget } from '../../../src/core/tags/quoteSelector';

const SOURCE = 'Xiaomi said sales rose 20% in 2017. Huawei said sales fell in 2017.';

function quote(text: string, exact: string, occurrence = 0, context?: number): TextQuoteTarget {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = text.indexOf(exact, start + 1);
  expect(start).toBeGreaterThanOrEqual(0);
  return makeQuoteTarget(text, start, start + exact.length, context);
}

describe('anchorQuote', () => {
  it('keeps the recorded position when the text there is unchanged', () => {
    const target = quote(SOURCE, 'sales rose 20%');
    expect(anchorQuote(SOURCE, target)).toMatchObject({ start: 12, end: 26 });
  });

  it('keeps the position when only text after the quote changed', () => {
    const target = quote(SOURCE, 'sales rose 20%');
    expect(anchorQuote(SOURCE.replace('Huawei', 'Apple'), target)).toMatchObject({ start: 12, end: 26 });
  });

  it('finds the quote after text was inserted before it', () => {
    const target = quote(SOURCE, 'sales rose 20%');
    const edited = 'UPDATE: ' + SOURCE;
    expect(anchorQuote(edited, target)).toMatchObject({ start: 20, end: 34 });
    expect(edited.slice(20, 34)).toBe('sales rose 20%');
  });

  it('finds the quote after text before it was deleted', () => {
    const target = quote(SOURCE, 'Huawei said sales fell');
    const edited = SOURCE.replace(' 20%', '');
    const anchor = anchorQuote(edited, target)!;
    expect(edited.slice(anchor.start, anchor.end)).toBe('Huawei said sales fell');
    expect(anchor.start).toBe(target.start - 4);
  });

  it('disambiguates repeated text by its prefix and suffix context', () => {
    // "said sales" occurs twice; the tag is on Huawei's.
    const target = quote(SOURCE, 'said sales', 1);
    expect(target.start).toBe(43);
    const edited = 'Breaking. ' + SOURCE;
    expect(anchorQuote(edited, target)).toMatchObject({ start: 53, end: 63 });
    // Even when the edit moves the quote next to where the other occurrence was.
    const reordered = 'Huawei said sales fell in 2017. Xiaomi said sales rose 20% in 2017.';
    const anchor = anchorQuote(reordered, target)!;
    expect(anchor).toMatchObject({ start: 7, end: 17 });
    expect(reordered.slice(0, anchor.end)).toBe('Huawei said sales');
  });

  it('uses the suffix when the prefixes are alike', () => {
    const text = 'Sales in 2017: up. Sales in 2017: down.';
    const target = quote(text, 'Sales in 2017', 1);
    const edited = 'Note. ' + text;
    expect(anchorQuote(edited, target)).toMatchObject({ start: 25, end: 38 });
  });

  it('picks the nearest occurrence when contexts match equally', () => {
    const sentence = 'Xiaomi grew faster than any other phone maker.';
    const text = `So: ${sentence} Then. So: ${sentence} Then. So: ${sentence} Then.`;
    const target = quote(text, sentence, 1, 4); // the same four characters either side of each
    const edited = 'A. ' + text;
    const second = edited.indexOf(sentence, 10);
    expect(anchorQuote(edited, target)).toMatchObject({ start: second, end: second + sentence.length });
  });

  it('does not guess between identical short quotes when nothing else tells them apart', () => {
    const text = 'Xiaomi grew. Xiaomi grew. Xiaomi grew.';
    const target = quote(text, 'Xiaomi grew', 1, 0);
    expect(anchorQuote('A. ' + text, target)).toBeUndefined();
  });

  it('does not move a deleted comment\'s date to the same author\'s next comment, further on', () => {
    const comment = 'Got to love it when folks take every opportunity to take jabs at whatever they do not like. '.repeat(4);
    const text = `3. toukale\n\nPosts: 631; Member since: Jun 10, 2015\n\n${comment}\n\n6. toukale\n\nPosts: 631; Member since: Jun 10, 2015\n\nLike China.`;
    const target = quote(text, 'Jun 10, 2015');
    const edited = 'Earlier comments were removed by a moderator.\n\n' + text.slice(text.indexOf('6. toukale'));
    expect(anchorQuote(edited, target)).toBeUndefined();
  });

  it('reads whitespace in the context collapsed, so a CRLF re-save changes nothing', () => {
    const text = 'Posts: 631\n\nMember since: Jun 10, 2015\n\nGot to love it.\n\nOther: Jun 10, 2015\n\nLike China.';
    const target = quote(text, 'Jun 10, 2015');
    const crlf = text.replace(/\n/g, '\r\n');
    const anchor = anchorQuote(crlf, target)!;
    expect(anchor.start).toBe(crlf.indexOf('Jun 10, 2015'));
    expect(anchor.confidence).toBeGreaterThan(0.95);
  });

  it('returns undefined when the quoted text was deleted', () => {
    const target = quote(SOURCE, 'sales rose 20%');
    expect(anchorQuote(SOURCE.replace(' sales rose 20% in 2017.', ''), target)).toBeUndefined();
    expect(anchorQuote(SOURCE.replace('sales rose 20%', 'profits doubled'), target)).toBeUndefined();
    expect(anchorQuote('', target)).toBeUndefined();
  });

  it('follows a quote whose text changed a little, fuzzily', () => {
    const target = quote(SOURCE, 'Xiaomi said sales rose 20% in 2017');
    const edited = 'Update. ' + SOURCE.replace('20%', '25%');
    const anchor = anchorQuote(edited, target)!;
    expect(anchor.method).toBe('fuzzy');
    expect(edited.slice(anchor.start, anchor.end)).toBe('Xiaomi said sales rose 25% in 2017');
    expect(anchor.confidence).toBeGreaterThan(0.8);
  });

  it('returns undefined for an empty quote', () => {
    expect(anchorQuote(SOURCE, { start: 3, end: 3, exact: '', prefix: 'Xia', suffix: 'omi' })).toBeUndefined();
  });

  it('does not match text that differs in case', () => {
    const target = quote(SOURCE, 'Xiaomi');
    expect(anchorQuote(SOURCE.replace('Xiaomi', 'XIAOMI'), target)).toBeUndefined();
  });

  it('anchors quotes that contain or follow astral characters', () => {
    const text = '😀 Xiaomi said 𝒳 sales rose.';
    const target = quote(text, '𝒳 sales');
    expect(anchorQuote('😀😀 ' + text, target)).toMatchObject({ start: target.start + 5, end: target.end + 5 });
  });

  it('anchors after CRLF conversion shifts offsets', () => {
    const lf = 'Title\n\nXiaomi grew.\n\nHuawei fell.';
    const target = quote(lf, 'Huawei fell');
    const crlf = lf.replace(/\n/g, '\r\n');
    const anchor = anchorQuote(crlf, target)!;
    expect(crlf.slice(anchor.start, anchor.end)).toBe('Huawei fell');
    expect(anchor.start).toBe(target.start + 4);
  });
});

describe('QuoteAnchorer.anchorAll', () => {
  it('follows its neighbours when an identical copy of its line lands on its old offset (CRLF re-save)', () => {
    // The first copy of the line sits after D one-character lines, and the second copy D characters
    // further on: re-saved with CRLF, the first copy moves by D, exactly onto the second's old offset.
    const D = 200;
    const line = 'Germany backs the plan, said the ministry on Friday evening.';
    const lead = 'Both copies are led in by this same sentence. ';
    const block = `${lead}${line}\nBoth copies are followed by this same sentence.\n`;
    const filler = 'x\n'.repeat(D);
    const marker = 'Only here: a unique marker.\n';
    const pad = 'p'.repeat(D - block.length - marker.length);
    const text = `${filler}${block}${marker}${pad}${block}The end.\n`;
    const tagStart = filler.length + block.length + marker.length + pad.length + lead.length;
    expect(tagStart - (filler.length + lead.length)).toBe(D);
    const targets = [
      quote(text, 'Only here: a unique marker.'),
      makeQuoteTarget(text, tagStart, tagStart + line.length),
    ];
    const crlf = text.replace(/\n/g, '\r\n');
    expect(crlf.slice(tagStart, tagStart + line.length)).toBe(line); // the copy now sits on the old offset
    const [neighbour, tag] = new QuoteAnchorer(crlf).anchorAll(targets);
    expect(crlf.slice(neighbour!.start, neighbour!.end)).toBe('Only here: a unique marker.');
    const lines = crlf.slice(0, tag!.start).split('\r\n').length;
    expect(lines).toBe(D + 4); // on the second copy's line (the first copy is on line D + 1)
    expect(crlf.slice(tag!.start, tag!.end)).toBe(line);
  });
});

describe('targets recorded without context (imports)', () => {
  const text = 'In 2010 it began. Sales rose in 2010 and again in 2011.';
  const at = text.lastIndexOf('2010');
  const bare = (start: number, end: number, exact: string): TextQuoteTarget => ({ start, end, exact, prefix: '', suffix: '' });

  it('keeps a short quote at its recorded offset when that offset still holds it', () => {
    expect(anchorQuote(text, bare(at, at + 4, '2010'))).toMatchObject({ start: at, end: at + 4 });
  });

  it('with no usable position, takes the only occurrence and refuses to choose between several', () => {
    expect(anchorQuote(text, bare(0, 0, '2011'), { positionUnknown: true })).toMatchObject({ start: text.indexOf('2011') });
    expect(anchorQuote(text, bare(0, 0, '2010'), { positionUnknown: true })).toBeUndefined();
  });

  it('with no usable position, still refuses a short quote whose recorded context contradicts the text', () => {
    const target = { start: 0, end: 0, exact: '2011', prefix: 'were sold in ', suffix: ', he said' };
    expect(anchorQuote(text, target, { positionUnknown: true })).toBeUndefined();
  });
});
