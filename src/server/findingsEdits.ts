// After an edit of a long open source the main thread takes the worker's findings in as a delta
// against the list it holds (analysisWire.ts): most are that list's, as they were or moved, with
// the same ids. What is made of each finding (its diagnostic) or asks which ids are there (a
// cross-source view carried over an edit) reads what the edit changed instead of every finding.
import type { TaggedFinding } from '../core/taggedFindings';

/** A findings list taken in as a delta against `before` (findingsDelta.ts). */
export interface FindingsEdit {
  before: readonly TaggedFinding[];
  /** Per finding, the index in `before` of the one it is (as it was, or moved), or −1. */
  from: Int32Array;
  /** Per finding, whether it is its original moved by the edit. */
  moved: Uint8Array;
  /** How many characters the two texts begin with: a finding that ends there is where it was, line and character too. */
  prefix: number;
  /** How many characters the two texts end with, when known: a finding on a line that starts there moved by whole lines. */
  suffix?: number;
}

const edits = new WeakMap<readonly TaggedFinding[], FindingsEdit>();
/** Per record, what went and what came, once asked (the view carried over and the counts both ask). */
const changes = new WeakMap<FindingsEdit, { removed: TaggedFinding[]; added: TaggedFinding[] }>();

/**
 * Records that `now` came as a delta against `edit.before`, and forgets how `edit.before` came: a
 * record holds the list before it, and a chain of them would hold every list since the source was
 * opened (a list's readers ask about it as it comes, before the next one).
 */
export function recordEdit(now: readonly TaggedFinding[], edit: FindingsEdit): void {
  edits.delete(edit.before);
  if (edit.from.length === now.length && edit.moved.length === now.length) edits.set(now, edit);
}

/** How `now` was taken in as a delta, against whichever list it was. */
export function lastEditOf(now: readonly TaggedFinding[]): FindingsEdit | undefined {
  return edits.get(now);
}

/** How `now` was taken in as a delta against `before`, if it was. */
export function editOf(now: readonly TaggedFinding[], before: readonly TaggedFinding[]): FindingsEdit | undefined {
  const edit = edits.get(now);
  return edit?.before === before ? edit : undefined;
}

/** What changed from `before` to `now`, when `now` was taken in as a delta against it: else undefined. */
export function editBetween(before: readonly TaggedFinding[], now: readonly TaggedFinding[]): { removed: TaggedFinding[]; added: TaggedFinding[] } | undefined {
  const edit = editOf(now, before);
  if (!edit) return undefined;
  const known = changes.get(edit);
  if (known) return known;
  const carried = new Uint8Array(before.length);
  const added: TaggedFinding[] = [];
  for (let i = 0; i < now.length; i++) {
    const j = edit.from[i]!;
    if (j < 0) added.push(now[i]!);
    else carried[j] = 1;
  }
  const removed: TaggedFinding[] = [];
  for (let j = 0; j < before.length; j++) if (!carried[j]) removed.push(before[j]!);
  const change = { removed, added };
  changes.set(edit, change);
  return change;
}
