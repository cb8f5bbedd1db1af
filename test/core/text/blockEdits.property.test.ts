// Re-segmenting after an edit gives what segmenting the new text gives: for pages of titles, prose,
// comment threads, boilerplate and every kind of line break, after random edits and between unrelated texts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resegment } from '../../../src/core/text/blockEdits';
import { segment } from '../../../src/core/text/blocks';
import { commonEnds } from '../../../src/core/text/commonEnds';

const LINES = [
  'Xiaomi Plans To Enter The US Market', 'Xiaomi plans to enter the US market', 'Lei Jun said the company would grow.',
  'The phone sold well in India, and the firm', 'expects more next year.', 'By Jane Doe', 'BEIJING:', '12. TheOracle1', '3. toukale unregistered',
  'Posts: 2697; Member since: Nov 09, 2015', 'I doubt it.', 'Advertisement', 'Copyright 2015 Reuters', 'Related Stories', 'a short line',
  `${'A long line of prose that goes on '.repeat(4)}without an end`, '   ', '\t', 'Posted on Jan 5, 2016', '“Quoted,” he said',
];
const BREAKS = ['\n', '\n', '\n\n', '\r\n', '\r\n\r\n', '\r', '\n  \n'];

const page = fc.array(fc.tuple(fc.constantFrom(...LINES), fc.constantFrom(...BREAKS)), { minLength: 40, maxLength: 200 })
  .map((parts) => parts.map(([l, b]) => l + b).join(''));

const edit = fc.record({
  at: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.3, max: 0.7, noNaN: true })),
  remove: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 60 })),
  insert: fc.array(fc.constantFrom(...LINES, ...BREAKS, ' ', '.', 'x'), { maxLength: 4 }).map((p) => p.join('')),
});

function applyEdit(text: string, e: { at: number; remove: number; insert: string }): string {
  const at = Math.min(text.length, Math.floor(e.at * text.length));
  return text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
}

const again = (before: string, after: string) => resegment({ text: before, segmentation: segment(before) }, after, commonEnds(before, after));

describe('resegment', () => {
  it('equals segmenting the edited text afresh, edit after edit', () => {
    fc.assert(fc.property(page, fc.array(edit, { minLength: 1, maxLength: 8 }), (text, edits) => {
      let current = text;
      let seg = segment(current);
      for (const e of edits) {
        const next = applyEdit(current, e);
        seg = resegment({ text: current, segmentation: seg }, next, commonEnds(current, next));
        expect(seg).toEqual(segment(next));
        current = next;
      }
    }), { numRuns: 600, seed: 0x5e6 });
  });

  it('equals segmenting afresh between unrelated texts', () => {
    fc.assert(fc.property(page, page, (a, b) => {
      expect(again(a, b)).toEqual(segment(b));
    }), { numRuns: 300, seed: 0x5e7 });
  });

  it('segments only around the edit: blocks away from it are the last segmentation\'s, moved', () => {
    const para = (i: number) => `Paragraph ${i} says the firm sold ${i} phones.`;
    const before = Array.from({ length: 400 }, (_, i) => para(i)).join('\n\n');
    const at = before.indexOf(para(200)) + 10;
    const after = `${before.slice(0, at)} new words${before.slice(at)}`;
    // Marks the last segmentation's blocks away from the edit: a block segmented again loses its mark.
    const marked = segment(before);
    const far = (i: number) => i < 190 || i > 210;
    marked.blocks.forEach((b, i) => { if (far(i)) b.region = 'boilerplate'; });
    const seg = resegment({ text: before, segmentation: marked }, after, commonEnds(before, after));
    const fresh = segment(after);
    expect(seg.blocks.map((b) => b.start)).toEqual(fresh.blocks.map((b) => b.start));
    seg.blocks.forEach((b, i) => expect(b.region).toBe(far(i) ? 'boilerplate' : 'body'));
  });

  it('does not take up the last segmentation at a block the edit reaches past, even where that block is unchanged', () => {
    // One edit from "Kk" to the blank line after the paragraph (a name corrected, a line typed): the
    // paragraph starts and ends where it did, but a new one follows it.
    const before = 'Title line\n\nA.\n\nKk kk\nkk.\n\n  \nD.';
    const after = 'Title line\n\nA.\n\nKx kk\nkk.\n\nx \nD.';
    expect(again(before, after)).toEqual(segment(after));
    expect(segment(after).blocks.map((b) => b.text)).toEqual(['Title line', 'A.', 'Kx kk\nkk.', 'x', 'D.']);
  });
});
