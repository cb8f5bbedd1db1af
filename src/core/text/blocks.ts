import type { Region } from '../model';
import { isCommentRegion } from '../regions';
import { ownCopy } from './ownCopy';
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

const isBlank = (line: Line) => line.text.trim() === '';

/** A segmentation with what restarting it after an edit needs (text/blockEdits.ts). */
export interface Segmentation {
  blocks: Block[];
  /** The thread's commenter as it stands after each block (the classifier's state; a block's own `commenter` is set on comments only). */
  commenters: (string | undefined)[];
  /** The title block's text, when the first block is a title. */
  title?: string;
  /** The first block's first line, trimmed: a later line repeating it ends its paragraph. */
  firstLine?: string;
}

/**
 * Splits a source into blocks separated by blank lines and labels each with its region.
 * Reader-comment threads are recognised by a header line ("3. toukale") followed by a
 * metadata line ("Posts: 631; Member since: Jun 10, 2015"), so numbered prose is not mistaken
 * for a thread.
 */
export function segmentBlocks(text: string): Block[] {
  return segment(text).blocks;
}

/** segmentBlocks with the state for re-segmenting after an edit. */
export function segment(text: string): Segmentation {
  const out: Segmentation = { blocks: [], commenters: [] };
  segmentFrom(text, 0, out);
  return out;
}

/**
 * Segments `text` from the line start `at`, appending to `out` (empty, or the blocks before `at` with
 * their state), until the end or until `stop` (asked after each block, with the start of the line
 * before that block's first line, −1 at the text's start) says the rest is known. Returns whether it stopped.
 */
export function segmentFrom(text: string, at: number, out: Segmentation, stop?: (lineBefore: number) => boolean): boolean {
  const { blocks, commenters } = out;
  let commenter = commenters.length ? commenters[commenters.length - 1] : undefined;
  let inThread = blocks.length > 0 && isCommentRegion(blocks[blocks.length - 1]!.region);
  /** A closed group, classified once the next group's first line is known. */
  let pending: Line[] | undefined;
  let pendingLineBefore = -1;
  let current: Line[] = [];
  let currentLineBefore = -1;
  let lastLineStart = -1;

  /** Classifies the pending group (`next`: the next group's first line, trimmed). */
  const emit = (group: Line[], next: string): void => {
    const start = group[0]!.start + leadingSpace(group[0]!.text);
    const last = group[group.length - 1]!;
    const end = last.end - trailingSpace(last.text);
    const blockText = text.slice(start, end);
    const firstLine = group[0]!.text.trim();
    const block: Block = { start, end, text: blockText, region: 'body' };

    const header = COMMENT_HEADER.exec(firstLine);
    const startsThread = header !== null && group.length === 1 && (COMMENT_METADATA.test(next) || header[2] !== undefined);

    if (BOILERPLATE_LINES.some((re) => re.test(firstLine))) {
      block.region = 'boilerplate';
      inThread = false;
      commenter = undefined;
    } else if (startsThread) {
      block.region = 'comment-meta';
      inThread = true;
      // Its own copy: re-segmenting after an edit keeps it (text/blockEdits.ts), and a slice would keep this version of the source.
      commenter = ownCopy(header[1]);
    } else if (inThread && COMMENT_METADATA.test(firstLine)) {
      block.region = 'comment-meta';
    } else if (inThread) {
      block.region = 'comment';
      block.commenter = commenter;
    } else if (out.title === undefined && blocks.length === 0 && looksLikeTitle(group)) {
      block.region = 'title';
      out.title = blockText;
    } else if (out.title !== undefined && blockText === out.title) {
      // Scraped pages often repeat the headline.
      block.region = 'title';
    }
    blocks.push(block);
    commenters.push(commenter);
  };
  /** Closes the current group: the one pending before it is classified now. */
  const close = (): boolean => {
    if (!current.length) return false;
    if (out.firstLine === undefined && !pending && !blocks.length) out.firstLine = current[0]!.text.trim();
    const next = current[0]!.text.trim();
    let stopped = false;
    if (pending) {
      emit(pending, next);
      stopped = !!stop?.(pendingLineBefore);
    }
    pending = current;
    pendingLineBefore = currentLineBefore;
    current = [];
    return stopped;
  };

  const re = /\r\n|\r|\n/g;
  re.lastIndex = at;
  let start = at;
  for (;;) {
    const m = re.exec(text);
    const line: Line = m ? { start, end: m.index, text: text.slice(start, m.index) } : { start, end: text.length, text: text.slice(start) };
    if (isBlank(line)) {
      if (close()) return true;
    } else {
      const previous = current[current.length - 1];
      if (previous && endsParagraph(previous, line, out.firstLine)) {
        if (close()) return true;
      }
      if (!current.length) currentLineBefore = lastLineStart;
      current.push(line);
    }
    lastLineStart = start;
    if (!m) break;
    start = m.index + m[0].length;
  }
  if (close()) return true;
  if (pending) {
    emit(pending, '');
    pending = undefined;
    if (stop?.(pendingLineBefore)) return true;
  }
  return false;
}

/**
 * Scraped pages put one paragraph on a line; hard-wrapped text continues sentences across lines.
 * A line ends its paragraph when it ends a sentence, is too long to be wrapped, or repeats the title.
 */
function endsParagraph(line: Line, next: Line, firstLine: string | undefined): boolean {
  const t = line.text.trim();
  if (/[.!?:"”’)]$/.test(t) || t.length > 100 || COMMENT_HEADER.test(t) || (firstLine !== undefined && t === firstLine)) return true;
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
