import { describe, expect, it } from 'vitest';
import { segmentBlocks, type Block } from '../../../src/core/text/blocks';

/** [region, text, commenter?] of every block, after checking each block's offsets. */
function regions(text: string): (string | undefined)[][] {
  const blocks = segmentBlocks(text);
  for (const b of blocks) expect(text.slice(b.start, b.end)).toBe(b.text);
  return blocks.map((b) => (b.commenter ? [b.region, b.text, b.commenter] : [b.region, b.text]));
}

const PAGE = [
  'Xiaomi to enter the US market',
  '',
  'Xiaomi to enter the US market',
  '',
  'Xiaomi will enter the US market by early 2019.',
  '',
  '1. GreenMan',
  '',
  'Posts: 2697; Member since: Nov 09, 2015',
  '',
  'I doubt it will happen this year.',
  '',
  '10. fyah_king unregistered',
  '',
  "I'll believe it when I see it.",
  '',
  '11. kennybenny',
  '',
  'Posts: 214; Member since: Apr 10, 2017',
  '',
  'Hope it comes to Canada',
  '',
  'Latest Stories',
  '',
  'Related news',
  '',
  'This copy is for your personal, non-commercial use only. You can order copies for distribution.',
].join('\n');

const PAGE_REGIONS = [
  ['title', 'Xiaomi to enter the US market'],
  ['title', 'Xiaomi to enter the US market'],
  ['body', 'Xiaomi will enter the US market by early 2019.'],
  ['comment-meta', '1. GreenMan'],
  ['comment-meta', 'Posts: 2697; Member since: Nov 09, 2015'],
  ['comment', 'I doubt it will happen this year.', 'GreenMan'],
  ['comment-meta', '10. fyah_king unregistered'],
  ['comment', "I'll believe it when I see it.", 'fyah_king'],
  ['comment-meta', '11. kennybenny'],
  ['comment-meta', 'Posts: 214; Member since: Apr 10, 2017'],
  ['comment', 'Hope it comes to Canada', 'kennybenny'],
  ['boilerplate', 'Latest Stories'],
  ['boilerplate', 'Related news'],
  ['boilerplate', 'This copy is for your personal, non-commercial use only. You can order copies for distribution.'],
];

describe('segmentBlocks regions', () => {
  it('labels title, repeated title, body, comment thread and boilerplate', () => {
    expect(regions(PAGE)).toEqual(PAGE_REGIONS);
  });

  it('gives exact offsets', () => {
    const blocks = segmentBlocks(PAGE);
    expect(blocks[0]).toEqual({ start: 0, end: 29, text: 'Xiaomi to enter the US market', region: 'title' });
    const body = blocks[2];
    expect(body.start).toBe(PAGE.indexOf('Xiaomi will'));
    expect(body.end).toBe(body.start + 'Xiaomi will enter the US market by early 2019.'.length);
  });

  it('a thread header names the commenter only for the comment, not the metadata', () => {
    const blocks = segmentBlocks(PAGE);
    expect(blocks.filter((b) => b.region === 'comment-meta').every((b) => b.commenter === undefined)).toBe(true);
  });

  it('an unregistered commenter has no metadata line and still starts a comment', () => {
    const text = 'A headline\n\nBody text.\n\n10. fyah_king unregistered\n\nXiaomi phones are cheap.';
    expect(regions(text)).toEqual([
      ['title', 'A headline'],
      ['body', 'Body text.'],
      ['comment-meta', '10. fyah_king unregistered'],
      ['comment', 'Xiaomi phones are cheap.', 'fyah_king'],
    ]);
  });

  it('a comment may run over several blocks until the next header', () => {
    const text = 'A headline\n\n1. GreenMan\n\nPosts: 1; Member since: Jan 01, 2017\n\nFirst paragraph.\n\nSecond paragraph.';
    expect(regions(text).slice(2)).toEqual([
      ['comment-meta', 'Posts: 1; Member since: Jan 01, 2017'],
      ['comment', 'First paragraph.', 'GreenMan'],
      ['comment', 'Second paragraph.', 'GreenMan'],
    ]);
  });

  it('numbered prose without a metadata line is not a thread', () => {
    const text = 'Three reasons\n\n1. The first point is that Xiaomi sells phones.\n\n2. The second point is that Huawei does too.';
    expect(regions(text)).toEqual([
      ['title', 'Three reasons'],
      ['body', '1. The first point is that Xiaomi sells phones.'],
      ['body', '2. The second point is that Huawei does too.'],
    ]);
  });

  it('a numbered one-word line without a metadata line is not a thread', () => {
    expect(regions('Three reasons\n\n1. Xiaomi\n\nXiaomi is big.')).toEqual([
      ['title', 'Three reasons'],
      ['body', '1. Xiaomi'],
      ['body', 'Xiaomi is big.'],
    ]);
  });

  it('boilerplate ends a thread', () => {
    const text = 'A headline\n\n1. GreenMan\n\nPosts: 1; Member since: Jan 01, 2017\n\nNice.\n\nLatest Stories\n\nXiaomi opened a store.';
    expect(regions(text).slice(-2)).toEqual([
      ['boilerplate', 'Latest Stories'],
      ['body', 'Xiaomi opened a store.'],
    ]);
  });

  it.each([
    'Latest Stories', 'Related news', 'Top Stories', 'More Articles', 'Advertisement', 'Sponsored content', 'Read more',
    'Share this article', 'Copyright 2018 Example Media', '© 2018 Example Media', 'All rights reserved.',
  ])('"%s" is boilerplate', (line) => {
    expect(regions(`A headline\n\nSome body text.\n\n${line}`)[2]).toEqual(['boilerplate', line]);
  });

  it('a sentence that merely mentions related news is body', () => {
    expect(regions('A headline\n\nRelated news came out later.')[1]).toEqual(['body', 'Related news came out later.']);
  });

  it('a first block that ends like a sentence is not a title', () => {
    expect(regions('Xiaomi will launch phones.\n\nMore text here.')[0]).toEqual(['body', 'Xiaomi will launch phones.']);
  });

  it('a later block equal to a non-title first block is body', () => {
    expect(regions('Xiaomi grew.\n\nXiaomi grew.').map((r) => r[0])).toEqual(['body', 'body']);
  });

  it('trims surrounding spaces off blocks', () => {
    expect(segmentBlocks('  Indented title  \n\n   Body text here.   \n')).toEqual<Block[]>([
      { start: 2, end: 16, text: 'Indented title', region: 'title' },
      { start: 23, end: 38, text: 'Body text here.', region: 'body' },
    ]);
  });

  it('gives no blocks for empty or blank text', () => {
    expect(segmentBlocks('')).toEqual([]);
    expect(segmentBlocks('\n\n  \n\t\n')).toEqual([]);
  });
});

describe('line endings', () => {
  it('CRLF text gives the same regions and exact offsets into the CRLF text', () => {
    const crlf = PAGE.replace(/\n/g, '\r\n');
    expect(regions(crlf)).toEqual(PAGE_REGIONS);
    const lf = segmentBlocks(PAGE);
    const blocks = segmentBlocks(crlf);
    // Each block starts later by one code unit per line break before it.
    blocks.forEach((b, i) => {
      const breaks = PAGE.slice(0, lf[i].start).split('\n').length - 1;
      expect(b.start).toBe(lf[i].start + breaks);
      expect(b.end - b.start).toBe(lf[i].end - lf[i].start);
    });
  });

  it('a hard-wrapped paragraph with CRLF keeps its inner line breaks', () => {
    const text = 'Title line\r\n\r\nThis paragraph is wrapped\r\nover two lines.\r\n';
    expect(regions(text)).toEqual([
      ['title', 'Title line'],
      ['body', 'This paragraph is wrapped\r\nover two lines.'],
    ]);
  });

  it('lone CR line endings split lines too', () => {
    expect(regions('Title line\r\rBody one.\rBody two.')).toEqual([
      ['title', 'Title line'],
      ['body', 'Body one.'],
      ['body', 'Body two.'],
    ]);
  });
});

describe('scraped one-paragraph-per-line text vs hard-wrapped text', () => {
  it('each line that ends a sentence is its own paragraph', () => {
    expect(regions('Xiaomi will launch phones.\nApple will not.\nHuawei is waiting!')).toEqual([
      ['body', 'Xiaomi will launch phones.'],
      ['body', 'Apple will not.'],
      ['body', 'Huawei is waiting!'],
    ]);
  });

  it('short lines without terminal punctuation continue the paragraph', () => {
    const text = 'A headline\n\nThis is a hard-wrapped paragraph that\ncontinues on the next line and ends\nhere.\nA new one starts\nand ends here.';
    expect(regions(text)).toEqual([
      ['title', 'A headline'],
      ['body', 'This is a hard-wrapped paragraph that\ncontinues on the next line and ends\nhere.'],
      ['body', 'A new one starts\nand ends here.'],
    ]);
  });

  it('a line longer than 100 characters ends its paragraph even without punctuation', () => {
    const long = `Xiaomi ${'sells many phones and '.repeat(5)}speakers in many countries across Asia and Europe today`;
    expect(long.length).toBeGreaterThan(100);
    expect(regions(`A headline\n\n${long}\nnext line of text`)).toEqual([
      ['title', 'A headline'],
      ['body', long],
      ['body', 'next line of text'],
    ]);
  });

  it('a repeated title line directly followed by the body is split from it', () => {
    expect(regions('Big news today\n\nBig news today\nXiaomi grew.')).toEqual([
      ['title', 'Big news today'],
      ['title', 'Big news today'],
      ['body', 'Xiaomi grew.'],
    ]);
  });

  it('a closing quote or bracket ends a paragraph', () => {
    expect(regions('A headline\n\nHe said “yes”\nShe said (no)\nthe end')).toEqual([
      ['title', 'A headline'],
      ['body', 'He said “yes”'],
      ['body', 'She said (no)'],
      ['body', 'the end'],
    ]);
  });
});
