// After an edit of a long source most paragraphs are the last analysis's, and so are the mentions,
// claims, dates and quotes in them (the same objects). A finding made from one of them, at the same
// place and with the same entity, score or speaker, is the finding the last analysis made: kept, not
// made again, it costs no allocation, and the worker's delta (server/findingsDelta.ts) knows it at a
// glance. One an edit before it moved (about half of them on a keystroke) is copied from it at its
// new place, sharing its entity, date and claim info, which the delta then compares by identity.
// Nothing changes a finding once analysed; a kept finding whose id or commenter must change is
// copied (analyzer.ts), never changed.

import type { Finding } from './model';
import { shiftedFinding } from './text/movedCopies';

/**
 * Per paragraph item, the finding the last analysis made from it. A map beside the items, not a
 * property on them: many items are spread copies (`{ ...hit, start }`), whose hidden class V8 made
 * apart from its transition tree, and each such item given a property of its own got a class of its
 * own (16,400 classes among the 18,000 names of 1 MB). Every pass over the items then missed its
 * inline caches: 5.5 ms a pass over the names, against 0.3 ms for the same items with one class.
 */
const made = new WeakMap<object, Finding>();

/** The finding last made from `item`, if any. */
export function lastMade(item: object): Finding | undefined {
  return made.get(item);
}

/** Remembers `finding` as made from `item`. */
export function rememberMade(item: object, finding: Finding): void {
  made.set(item, finding);
}

/**
 * `last` (lastMade(item), which still says what it said) at `start`: itself where it was, else a
 * copy at its new place, remembered as made from `item`.
 */
export function madeAt(item: object, last: Finding, start: number): Finding {
  if (last.start === start) return last;
  const copy = shiftedFinding(last, start - last.start);
  made.set(item, copy);
  return copy;
}

/** Whether `f` was made by an earlier analysis (kept): only a finding made now has no id yet. */
export const madeEarlier = (f: Finding): boolean => f.id !== '';
