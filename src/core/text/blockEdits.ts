// Blocks after an edit: segmenting 1 MB again took ~13 ms and 9,000 line objects of every keystroke,
// though an edit changes the blocks around it only. The segmentation restarts at a block before the
// edit, with the classifier's state there, and stops at the first block after the edit that the last
// segmentation has at the same place (moved by the edit) in the same state: from there on both read
// the same lines in the same state. The blocks kept are copied, sliced from the new text, so that no
// block keeps an older version of the source alive.
import type { Block, Segmentation } from './blocks';
import { segment, segmentFrom } from './blocks';
import { firstAtLeast } from './sortedSearch';

const isBreak = (c: number) => c === 10 || c === 13;

/** End of the line holding `at` (its break, or the text's end). */
function lineEnd(text: string, at: number): number {
  let i = at;
  while (i < text.length && !isBreak(text.charCodeAt(i))) i++;
  return i;
}

/** Start of the line holding `at`. */
function lineStart(text: string, at: number): number {
  let i = at;
  while (i > 0 && !isBreak(text.charCodeAt(i - 1))) i--;
  return i;
}

function copyOf(b: Block, text: string, shift: number): Block {
  const start = b.start + shift;
  const end = b.end + shift;
  const copy: Block = { start, end, text: text.slice(start, end), region: b.region };
  if ('commenter' in b) copy.commenter = b.commenter;
  return copy;
}

/**
 * The segmentation of `text`, given that of `previous.text` and where the two differ (commonEnds of
 * the two): equal to `segment(text)` (a property test holds it to that), for any two texts.
 */
export function resegment(previous: { text: string; segmentation: Segmentation }, text: string, ends: { prefix: number; suffix: number }): Segmentation {
  const { blocks: old, commenters: oldCommenters } = previous.segmentation;
  const { prefix, suffix } = ends;
  const shift = text.length - previous.text.length;
  /** The first character of `text` after the edit. */
  const after = text.length - suffix;

  // The last block whose first line ends before the edit: the boundary before it, the state after
  // the block before it and that block's look at its first line all stand.
  const starts = old.map((b) => b.start);
  let r = firstAtLeast(starts, prefix) - 1;
  while (r >= 1 && lineEnd(text, old[r]!.start) >= prefix) r--;
  // The first block fixes the title and the first line every later line is compared with.
  if (r < 1) return segment(text);

  const blocks: Block[] = [];
  for (let i = 0; i < r; i++) blocks.push(copyOf(old[i]!, text, 0));
  const first = blocks[0]!;
  const out: Segmentation = {
    blocks,
    commenters: oldCommenters.slice(0, r),
    ...(first.region === 'title' ? { title: first.text } : {}),
    firstLine: text.slice(first.start, lineEnd(text, first.start)).trim(),
  };

  /** The last segmentation's block where this one took it up. */
  let resumeAt = -1;
  const known = (lineBefore: number): boolean => {
    // The line before the block and all after it are the previous text's, moved by the edit.
    if (lineBefore <= after) return false;
    const b = blocks[blocks.length - 1]!;
    const j = firstAtLeast(starts, b.start - shift);
    const o = old[j];
    if (!o || o.start !== b.start - shift || o.end !== b.end - shift || o.region !== b.region || oldCommenters[j] !== out.commenters[out.commenters.length - 1]) return false;
    resumeAt = j;
    return true;
  };
  if (segmentFrom(text, lineStart(text, old[r]!.start), out, known)) {
    for (let j = resumeAt + 1; j < old.length; j++) {
      blocks.push(copyOf(old[j]!, text, shift));
      out.commenters.push(oldCommenters[j]);
    }
  }
  return out;
}
