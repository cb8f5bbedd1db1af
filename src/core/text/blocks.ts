import type { Region } from '../model';
import { BOILERPLATE_LINES, COMMENT_HEADER, COMMENT_METADATA } from './regionPatterns';

/** A paragraph-sized piece of a source: one or more non-blank lines, with its region. */
export interface Block {
  start: number;
  end: number;
  text: string;
  region: Region;
  /** Handle of the reader who wrote a comment block. */
  commenter?: string;
}

interface Line {
  start: number;
  end: number;
  text: string;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    lines.push({ start, end: m.index, text: text.slice(start, m.index) });
    start = m.index + m[0].length;
  }
  lines.push({ start, end: text.length, text: text.slice(start) });
  return lines;
}

const isBlank = (line: Line) => line.text.trim() === '';

/**
 * Splits a source into blocks separated by blank lines and labels each with its region.
 * Reader-comment threads are recognised by a header line ("3. toukale") followed by a
 * metadata line ("Posts: 631; Member since: Jun 10, 2015"), so numbered prose is not mistaken
 * for a thread.
 */
export function segmentBlocks(text: string): Block[] {
  const lines = splitLines(text);
  const groups: Line[][] = [];
  let current: Line[] = [];
  for (const line of lines) {
    if (isBlank(line)) {
      if (current.length) groups.push(current);
      current = [];
      continue;
    }
    const previous = current[current.length - 1];
    if (previous && endsParagraph(previous, line, groups.length === 0 ? undefined : groups[0][0])) {
      groups.push(current);
      current = [];
    }
    current.push(line);
  }
  if (current.length) groups.push(current);

  const blocks: Block[] = [];
  let title: string | undefined;
  let commenter: string | undefined;
  let inThread = false;

  for (let g = 0; g < groups.length; g++) {
    const group = groups[g];
    const start = group[0].start + leadingSpace(group[0].text);
    const end = group[group.length - 1].end - trailingSpace(group[group.length - 1].text);
    const blockText = text.slice(start, end);
    const firstLine = group[0].text.trim();
    const block: Block = { start, end, text: blockText, region: 'body' };

    const header = COMMENT_HEADER.exec(firstLine);
    const next = groups[g + 1]?.[0]?.text.trim() ?? '';
    const startsThread = header !== null && group.length === 1 && (COMMENT_METADATA.test(next) || header[2] !== undefined);

    if (BOILERPLATE_LINES.some((re) => re.test(firstLine))) {
      block.region = 'boilerplate';
      inThread = false;
      commenter = undefined;
    } else if (startsThread) {
      block.region = 'comment-meta';
      inThread = true;
      commenter = header[1];
    } else if (inThread && COMMENT_METADATA.test(firstLine)) {
      block.region = 'comment-meta';
    } else if (inThread) {
      block.region = 'comment';
      block.commenter = commenter;
    } else if (title === undefined && blocks.length === 0 && looksLikeTitle(group)) {
      block.region = 'title';
      title = blockText;
    } else if (title !== undefined && blockText === title) {
      // Scraped pages often repeat the headline.
      block.region = 'title';
    }
    blocks.push(block);
  }
  return blocks;
}

/**
 * Scraped pages put one paragraph on a line; hard-wrapped text continues sentences across lines.
 * A line ends its paragraph when it ends a sentence, is too long to be wrapped, or repeats the title.
 */
function endsParagraph(line: Line, next: Line, titleLine: Line | undefined): boolean {
  const t = line.text.trim();
  if (/[.!?:"”’)]$/.test(t) || t.length > 100 || COMMENT_HEADER.test(t) || (titleLine !== undefined && t === titleLine.text.trim())) return true;
  // A short line or a Title Case headline, then a line starting a new sentence: a byline, a
  // dateline or a headline, not prose wrapped mid-sentence.
  return /^["“‘'(]?[\p{Lu}\d]/u.test(next.text.trim()) && (t.length < 60 || isHeadline(t));
}

/** Most words capitalised, as in "Jennifer Garner Won the Oscar For Best Arms". */
export function isHeadline(text: string): boolean {
  const words = text.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  const capitalised = words.filter((w) => /^["“‘'(]?[\p{Lu}\d]/u.test(w)).length;
  return words.length >= 3 && capitalised / words.length >= 0.7;
}

function looksLikeTitle(group: Line[]): boolean {
  const line = group[0].text.trim();
  return group.length === 1 && line.length <= 200 && !/[.!]$/.test(line);
}

function leadingSpace(s: string): number {
  return s.length - s.trimStart().length;
}

function trailingSpace(s: string): number {
  return s.length - s.trimEnd().length;
}
