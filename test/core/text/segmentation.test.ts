import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Root, RootContent } from 'nlcst';
import { toString } from 'nlcst-to-string';
import { englishParser } from '../../../src/core/pipeline/englishParser';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { isHeadline, segmentBlocks } from '../../../src/core/text/blocks';
import { sentencesOf } from '../../../src/core/text/sentences';

const sentences = (text: string) => sentencesOf(unified().use(englishParser).parse(text) as Root, text).map((s) => s.text);

describe('sentence ends the English parser misses', () => {
  it('splits after "Pro." and "10." before a capital', () => {
    expect(sentences('Huawei will sell the Mate 10 Pro. The phone costs $600.')).toEqual(['Huawei will sell the Mate 10 Pro.', 'The phone costs $600.']);
    expect(sentences('Sales rose in version 10. The new model sold well.')).toEqual(['Sales rose in version 10.', 'The new model sold well.']);
  });

  it('keeps titles, initials and dotted abbreviations inside the sentence', () => {
    expect(sentences('Mr. Smith met Dr. Jones at the U.S. Army base.')).toHaveLength(1);
    expect(sentences('J. R. Smith left Apple Inc. on Friday.')).toHaveLength(1);
  });

  it('keeps offsets exact across the split', () => {
    const text = 'It ships the Mate 10 Pro.  The price is high.';
    const parsed = sentencesOf(unified().use(englishParser).parse(text) as Root, text, 100);
    for (const s of parsed) expect(text.slice(s.start - 100, s.end - 100)).toBe(s.text);
    expect(parsed.map((s) => s.text)).toEqual(['It ships the Mate 10 Pro.', 'The price is high.']);
    for (const s of parsed) for (const t of s.tokens) expect(text.slice(t.start - 100, t.end - 100)).toBe(t.text);
  });
});

describe('token text', () => {
  it('is the text of the parser\'s word nodes (taken as a slice of the source, not by walking them)', () => {
    const dir = path.join(__dirname, '../../../test-fixtures/sources');
    const texts = readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(path.join(dir, f), 'utf8'));
    texts.push('café nai\u0308ve x\u200by \ud83d\ude00word don’t U.S. e.g. 3.5% $1,000 co-founder’s #tag @who\r\nline');
    for (const text of texts) {
      for (const block of segmentBlocks(text)) {
        const tree = unified().use(englishParser).parse(block.text) as Root;
        const words: string[] = [];
        const visit = (node: Root | RootContent) => {
          if (node.type === 'WordNode') words.push(toString(node));
          else if ('children' in node) for (const child of node.children) visit(child);
        };
        visit(tree);
        expect(sentencesOf(tree, block.text).flatMap((s) => s.tokens.filter((t) => t.kind === 'word').map((t) => t.text))).toEqual(words);
      }
    }
  });
});

describe('paragraph blocks', () => {
  it('a Title Case headline line does not run into the sentence after it', () => {
    const text = 'Body starts here.\n\nJennifer Garner Won the Oscar For Best Arms - Here\'s How\nThe clip went viral with everyone sharing it.';
    expect(segmentBlocks(text).map((b) => b.text)).toEqual([
      'Body starts here.', "Jennifer Garner Won the Oscar For Best Arms - Here's How", 'The clip went viral with everyone sharing it.',
    ]);
  });

  it('a short byline line ends its block', () => {
    expect(segmentBlocks('Headline here\n\nNadim Ladki\nAL-AIN , United Arab Emirates 1996-12-06\nJapan began the defence of their title .').map((b) => b.text)).toEqual([
      'Headline here', 'Nadim Ladki', 'AL-AIN , United Arab Emirates 1996-12-06', 'Japan began the defence of their title .',
    ]);
  });

  it('hard-wrapped prose still joins across lines', () => {
    const wrapped = 'Xiaomi has been planning to start selling its smartphones in the United\nStates for many years now, but the company never found the right moment.';
    expect(segmentBlocks(`Headline here\n\n${wrapped}`).map((b) => b.text)).toEqual(['Headline here', wrapped]);
  });

  it('isHeadline: most words capitalised', () => {
    expect(isHeadline('Jennifer Garner Won the Oscar For Best Arms')).toBe(true);
    expect(isHeadline('the clip went viral with everyone')).toBe(false);
  });
});
