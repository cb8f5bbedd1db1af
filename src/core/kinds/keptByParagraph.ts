// A kind's list of items in paragraph order with, per paragraph, how many it and those before it
// gave (`ends`): what a kind keeps of its last collect to take over after an edit (ParagraphEdit).
// The items of the paragraphs the edit kept before it are taken as they were, those of the
// paragraphs it kept after it moved by its shift; the kind collects only the edit's own between.
import type { Finding } from '../model';
import { shiftedFinding } from '../text/movedCopies';
import type { ParagraphEdit } from './kind';

/** How many items the paragraphs before paragraph `i` gave. */
export const endBefore = (ends: Int32Array, i: number): number => (i > 0 ? ends[i - 1]! : 0);

/** A list by paragraph (see the head of this file). */
export interface ParagraphList<T> {
  items: T[];
  ends: Int32Array;
}

/** The items of the paragraphs `edit` kept before it, and ends for `count` paragraphs with theirs filled in. */
export function keptBefore<T>(last: ParagraphList<T>, edit: ParagraphEdit, count: number): ParagraphList<T> {
  const ends = new Int32Array(count);
  ends.set(last.ends.subarray(0, edit.prefix));
  return { items: last.items.slice(0, endBefore(last.ends, edit.prefix)), ends };
}

/** Appends to `list` the items of the paragraphs `edit` kept after it (each through `move`), and fills in their ends. */
export function keepAfter<T>(list: ParagraphList<T>, last: ParagraphList<T>, edit: ParagraphEdit, move: (item: T) => T): void {
  const was = last.ends.length;
  const from = endBefore(last.ends, was - edit.suffix);
  const by = list.items.length - from;
  for (let k = from; k < last.items.length; k++) list.items.push(move(last.items[k]!));
  for (let i = list.ends.length - edit.suffix, j = was - edit.suffix; i < list.ends.length; i++, j++) list.ends[i] = last.ends[j]! + by;
}

/** A finding moved by `edit`'s shift (itself when there is none). */
export const movedBy = (edit: ParagraphEdit) => (f: Finding): Finding => (edit.shift ? shiftedFinding(f, edit.shift) : f);
