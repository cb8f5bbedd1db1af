// A paragraph is parsed whole, and the English parser's cost grows with the square of a sentence
// full of symbols (URL-like runs: it splices its token list once per symbol). A paragraph longer
// than a page is parsed in pieces instead, cut at sentence ends where it has them.
import type { Block } from './blocks';
import { ABBREVIATIONS } from './sentences';
import { pairSafeEnd } from './pairSafeEnd';

/** Longest stretch of a paragraph parsed at once (the longest paragraph of the samples and gold data is 11,288). */
export const MAX_PIECE = 16_000;

const SPACE = /\s/;
const CLOSING = /["”’')\]]/;
const LOWER = /\p{Ll}/u;

/** The paragraph in pieces of at most `max` code units, each trimmed; the block itself when it is short enough. */
export function paragraphPieces(block: Block, max = MAX_PIECE): Block[] {
  const text = block.text;
  if (text.length <= max) return [block];
  const pieces: Block[] = [];
  let at = 0;
  while (at < text.length) {
    while (at < text.length && SPACE.test(text[at]!)) at++;
    if (at >= text.length) break;
    const cut = text.length - at > max ? cutPoint(text, at, at + max) : text.length;
    let end = cut;
    while (end > at && SPACE.test(text[end - 1]!)) end--;
    pieces.push({ ...block, start: block.start + at, end: block.start + end, text: text.slice(at, end) });
    at = cut;
  }
  return pieces;
}

/**
 * Where to end a piece that starts at `from` and may run to `limit`, in its second half: the last
 * sentence end, else the last space between two lower-case words (names and dates have capitals or
 * digits, so they stay whole), else the last white space, else `limit`.
 */
function cutPoint(text: string, from: number, limit: number): number {
  const floor = from + Math.floor((limit - from) / 2);
  for (let i = limit - 1; i > floor; i--) if (SPACE.test(text[i]!) && endsSentence(text, i)) return i;
  for (let i = limit - 1; i > floor; i--) if (SPACE.test(text[i]!) && LOWER.test(text[i - 1]!) && LOWER.test(text[i + 1] ?? '')) return i;
  for (let i = limit - 1; i > floor; i--) if (SPACE.test(text[i]!)) return i;
  return pairSafeEnd(text, from, limit);
}

/** The white space at `i` follows a sentence end ("rose. The", "said.” Then") and precedes no lower-case word. */
function endsSentence(text: string, i: number): boolean {
  if (LOWER.test(text[i + 1] ?? '')) return false;
  let k = i - 1;
  while (k >= 0 && CLOSING.test(text[k]!)) k--;
  const mark = text[k];
  if (mark === '!' || mark === '?') return true;
  if (mark !== '.') return false;
  let w = k;
  while (w > 0 && /[\p{L}\d]/u.test(text[w - 1]!)) w--;
  const word = text.slice(w, k);
  // "Mr.", "U.S.", "J.": the period closes an abbreviation or an initial.
  return word.length > 1 && !ABBREVIATIONS.has(word.toLowerCase()) && text[w - 1] !== '.';
}
