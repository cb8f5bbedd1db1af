// A kind's list of items in paragraph order with, per paragraph, how many it and those before it
// gave (`ends`): what a kind keeps of its last collect to take over after an edit (ParagraphEdit).
// The items of the paragraphs the edit kept before it are taken as they were, those of the
// paragraphs it kept after it moved by its shift; the kind collects only the edit's own between.
import type { Finding } from '../model';
import { rememberMade } from '../madeFindings';
import { shiftedFinding } from '../text/movedCopies';
import type { ParagraphEdit } from './kind';

/** How many items the paragraphs before paragraph `i` gave. */
export const endBefore = (ends: Int32Array, i: number): number => (i > 0 ? ends[i - 1]! : 0);

/**
 * A kind's findings by paragraph (see the head of this file), each beside the paragraph item it was
 * made of (madeFindings.ts): a finding moved is remembered as made of its item, or the item would
 * keep the finding it was made of first, a second copy of every finding after the edit.
 */
export interface ParagraphList {
  items: Finding[];
  ends: Int32Array;
  from: object[];
}

/** An empty list for `count` paragraphs. */
export const paragraphList = (count: number): ParagraphList => ({ items: [], ends: new Int32Array(count), from: [] });

/** Appends finding `f`, made of paragraph item `item`. */
export function pushMade(list: ParagraphList, f: Finding, item: object): void {
  list.items.push(f);
  list.from.push(item);
}

/** The findings of the paragraphs `edit` kept before it, and ends for `count` paragraphs with theirs filled in. */
export function keptBefore(last: ParagraphList, edit: ParagraphEdit, count: number): ParagraphList {
  const ends = new Int32Array(count);
  ends.set(last.ends.subarray(0, edit.prefix));
  const n = endBefore(last.ends, edit.prefix);
  return { items: last.items.slice(0, n), ends, from: last.from.slice(0, n) };
}

/** Appends to `list` the findings of the paragraphs `edit` kept after it, moved by its shift, and fills in their ends. */
export function keepAfter(list: ParagraphList, last: ParagraphList, edit: ParagraphEdit): void {
  const was = last.ends.length;
  const from = endBefore(last.ends, was - edit.suffix);
  const by = list.items.length - from;
  for (let k = from; k < last.items.length; k++) list.items.push(moved(last.items[k]!, last.from[k]!, edit.shift));
  for (let k = from; k < last.from.length; k++) list.from.push(last.from[k]!);
  for (let i = list.ends.length - edit.suffix, j = was - edit.suffix; i < list.ends.length; i++, j++) list.ends[i] = last.ends[j]! + by;
}

/** `f` (made of `item`) moved by `shift`, remembered as made of it. */
export function moved(f: Finding, item: object, shift: number): Finding {
  if (!shift) return f;
  const copy = shiftedFinding(f, shift);
  rememberMade(item, copy);
  return copy;
}
