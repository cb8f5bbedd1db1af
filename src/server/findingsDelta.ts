// An edit of a long open source changes a few findings and moves the rest: those before it stay
// where they were, those after it move by the edit's length. Sending the worker's whole list again
// (v8.serialize there, deserialize on the main thread) took ~300 ms of a keystroke on 1 MB. Instead
// each finding that is one of the previous analysis's, as it was or moved by the edit, is sent as
// that finding's index: the main thread reuses the one it holds (or a moved copy of it), and only
// the others cross as they are.
//
// "Moved" has one meaning on both sides: every number under a key `start` or `end`, at any depth,
// is the previous one plus the shift; everything else is equal (ids too: they hold no offsets, see
// core/findingIds.ts), keys in the same order. A nested offset that does not move
// (a sidecar's stored target) makes the finding differ, so it is sent as it is: never wrong, only
// less saved.

import type { TaggedFinding } from '../core/taggedFindings';
import { commonEnds } from '../core/text/commonEnds';
import { moved, movedFinding, sameContentAs } from '../core/text/movedCopies';
import type { FindingCue } from '../core/model';
import { placeLookup, type Positioned } from '../core/text/placeLookup';

export { commonEnds, moved, movedFinding, sameContentAs, type Positioned };

/** The previous findings' indexes (−1: the next of the literal list) and, per finding, whether it moved. */
export interface FindingsDelta<T> {
  from: Int32Array;
  moved: Uint8Array;
  shift: number;
  /** How many characters both texts begin with: an item that ends there is where it was, line and character too. */
  prefix: number;
  /** How many characters both texts end with. */
  suffix: number;
  literal: T[];
}

const itself = (x: unknown) => x as Positioned;

const PROTO = Object.prototype;

/** Keys of the `before` object at each depth, reused: comparing 50,000 findings allocates no key lists. */
const scratch: string[][] = [];

/** Whether `now` is `before` moved by `shift` (see the head of this file). `key` is the key `now` sits under. */
function sameMoved(now: unknown, before: unknown, shift: number, key: string | undefined, depth: number): boolean {
  if (typeof now === 'number') {
    return typeof before === 'number' && (shift !== 0 && (key === 'start' || key === 'end') ? now === before + shift : now === before);
  }
  if (typeof now !== 'object' || now === null || typeof before !== 'object' || before === null) return now === before;
  // One object (a paragraph's cached hedges, say): the same unless offsets in it had to move.
  if (now === before && shift === 0) return true;
  if (Array.isArray(now)) {
    if (!Array.isArray(before) || now.length !== before.length) return false;
    for (let i = 0; i < now.length; i++) if (!sameMoved(now[i], before[i], shift, undefined, depth + 1)) return false;
    return true;
  }
  // Plain objects only: a Map or a Date has no keys to compare.
  if (Array.isArray(before) || Object.getPrototypeOf(now) !== PROTO || Object.getPrototypeOf(before) !== PROTO) return false;
  const a = now as Record<string, unknown>;
  const b = before as Record<string, unknown>;
  const keys = (scratch[depth] ??= []);
  let n = 0;
  for (const k in b) keys[n++] = k;
  let i = 0;
  for (const k in a) {
    if (i >= n || keys[i] !== k) return false;
    i++;
    if (!sameMoved(a[k], b[k], shift, k, depth + 1)) return false;
  }
  return i === n;
}

/** The same test for every list but findings. */
const sameItem = (now: unknown, before: unknown, shift: number): boolean => sameMoved(now, before, shift, undefined, 0);

/** A part that may hold offsets: the very same object is the same only where nothing moved. */
const samePart = (now: unknown, before: unknown, shift: number, key: string): boolean =>
  (now === before && (shift === 0 || now === undefined)) || sameMoved(now, before, shift, key, 1);

/**
 * A finding's cues against the last ones: they count from the finding's start (FindingCue), so a
 * moved finding's are the same list, or equal ones where its claim was made again.
 */
function sameCues(now: readonly FindingCue[], before: readonly FindingCue[]): boolean {
  if (now === before) return true;
  if (now.length !== before.length) return false;
  for (let i = 0; i < now.length; i++) {
    const a = now[i]!;
    const b = before[i]!;
    if (a.kind !== b.kind || a.text !== b.text || a.at !== b.at) return false;
  }
  return true;
}

/**
 * sameMoved for findings, tagged or not, read field by field (the general walk took ~10 ms of a
 * keystroke on 1 MB, its ~9,000 findings after the edit each compared whole). An entity's, a date's
 * and a claim's info hold no offsets: the same object is the same at any shift, and is what a kept
 * finding holds; cues count from the finding's start (sameCues). A quotation, a tag and its anchor
 * (offsets inside) go through the general walk. Reads the fields of TaggedFinding only, not their order nor an `undefined` one against an
 * absent one (findings are made by finding(), every field in one order): a test holds it to
 * sameMoved on every finding of the sample sources, moved or changed.
 */
export function sameMovedFinding(now: TaggedFinding, before: TaggedFinding, shift: number): boolean {
  // A kept finding (before the edit: half of them) is the very one.
  if (now === before && shift === 0) return true;
  return now.start === before.start + shift && now.end === before.end + shift
    && now.id === before.id && now.kind === before.kind && now.text === before.text && now.region === before.region
    && now.score === before.score && now.commenter === before.commenter
    && (now.entity === before.entity || sameMoved(now.entity, before.entity, shift, 'entity', 1))
    && (now.date === before.date || sameMoved(now.date, before.date, shift, 'date', 1))
    && (now.claim === before.claim || sameMoved(now.claim, before.claim, shift, 'claim', 1))
    && sameCues(now.cues, before.cues)
    && samePart(now.quotation, before.quotation, shift, 'quotation')
    && samePart(now.annotation, before.annotation, shift, 'annotation')
    && samePart(now.anchor, before.anchor, shift, 'anchor');
}

/**
 * `findings` (of `text`) against `previous` (of `previousText`): which are previous ones, as they
 * were or moved by the edit between the two texts. Any list of items with a span (findings, region
 * spans); the order is kept, whatever it is.
 */
export function findingsDelta<T>(
  previousText: string, previous: readonly T[], text: string, findings: readonly T[],
  /** commonEnds(previousText, text), when the caller has it (one scan of 1 MB for several lists). */
  ends = commonEnds(previousText, text),
  /** Where an item is: the item itself (a finding), or its span (a digest's items). */
  place: (item: T) => Positioned = itself,
  /** Whether an item is the other moved by the shift: sameMoved, or sameMovedFinding for findings. */
  same: (now: T, before: T, shift: number) => boolean = sameItem,
): FindingsDelta<T> {
  const { prefix, suffix } = ends;
  const shift = text.length - previousText.length;
  // Text from here on is the previous text's from (here − shift) on.
  const movedFrom = text.length - suffix;
  const n = findings.length;
  const m = previous.length;
  const from = new Int32Array(n);
  const movedFlags = new Uint8Array(n);
  const literal: T[] = [];
  // The previous items themselves at the start, in their order (those an edit kept before it): as
  // they were, and not read. Reading each of the ~9,000 before an edit of 1 MB, and building the
  // lookup over all 18,700, was most of the delta's own time.
  let head = 0;
  while (head < n && head < m && findings[head] === previous[head]) {
    from[head] = head;
    head++;
  }
  // From the end, each compared with the previous item in its place (those after the edit moved with it).
  const shiftOf = (at: Positioned) => (shift !== 0 && at.start >= movedFrom && at.start >= prefix ? shift : 0);
  let tail = 0;
  while (tail < n - head && tail < m - head) {
    const i = n - 1 - tail;
    const f = findings[i]!;
    const s = shiftOf(place(f));
    if (!same(f, previous[m - 1 - tail]!, s)) break;
    from[i] = m - 1 - tail;
    movedFlags[i] = s ? 1 : 0;
    tail++;
  }
  // Any other is looked for where it is among the previous items between (one the document pass
  // changed in place, or the edit's own).
  const between = previous.slice(head, m - tail);
  const atPlace = placeLookup(between, place);
  for (let i = head; i < n - tail; i++) {
    const f = findings[i]!;
    const at = place(f);
    const s = shiftOf(at);
    const j = atPlace(at.start - s, at.end - s, at.kind);
    if (j !== undefined && same(f, between[j]!, s)) {
      from[i] = head + j;
      movedFlags[i] = s ? 1 : 0;
    } else {
      from[i] = -1;
      literal.push(f);
    }
  }
  return { from, moved: movedFlags, shift, prefix, suffix, literal };
}
