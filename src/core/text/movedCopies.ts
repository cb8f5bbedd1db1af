// An item (a finding, a region span, a digest's claim) moved by an edit: every number under a key
// `start` or `end`, at any depth, plus the edit's length, everything else the same. After an edit of a
// long source the main thread holds most of the new analysis as moved copies of the last one's
// (server/analysisWire.ts); each copy knows its original, so what depends only on what an item says
// (a diagnostic's message, an index entry) is kept without reading the item again.

import { StepCounter, type Steps } from '../corpus/steps';
import { finding, type Finding, type QuotationInfo } from '../model';

/**
 * On each moved copy, its first original. A property that is neither enumerable nor a string key,
 * so no copy, comparison or serialisation sees it: kept in a WeakMap it cost two thirds of moving a
 * 1 MB source's findings (27,000 entries per edit; 100 → 54 ms in process).
 */
const ORIGIN = Symbol('origin');

/** The item `x` is a moved copy of (first of the line), or `x` itself. */
export function sameContentAs<T extends object>(x: T): T {
  if (x instanceof MovedFindingCopy) return MovedFindingCopy.originOf(x) as T;
  return (x as { [ORIGIN]?: T })[ORIGIN] ?? x;
}

/**
 * `x` with every number under a key `start` or `end` moved by `shift`: a copy of what holds such a
 * number, the very object where nothing does (an entity's info, a claim's cue words), as nothing
 * changes an item once made.
 */
function copyMoved(x: unknown, shift: number, key: string | undefined): unknown {
  if (typeof x === 'number') return key === 'start' || key === 'end' ? x + shift : x;
  if (typeof x !== 'object' || x === null) return x;
  if (Array.isArray(x)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < x.length; i++) {
      const v: unknown = x[i];
      const c = copyMoved(v, shift, undefined);
      if (c !== v) out ??= x.slice(0, i);
      if (out) out[i] = c;
    }
    return out ?? x;
  }
  const from = x as Record<string, unknown>;
  let out: Record<string, unknown> | undefined;
  for (const k in from) {
    const v = from[k];
    const c = copyMoved(v, shift, k);
    if (c !== v && !out) {
      out = {};
      for (const earlier in from) {
        if (earlier === k) break;
        out[earlier] = from[earlier];
      }
    }
    if (out) out[k] = c;
  }
  return out ?? x;
}

/** `before` moved by `shift`: a copy with every `start`/`end` number moved; `before` itself when the shift is 0. */
export function moved<T>(before: T, shift: number): T {
  if (shift === 0) return before;
  const out = copyMoved(before, shift, undefined) as object;
  Object.defineProperty(out, ORIGIN, { value: sameContentAs(before as object) });
  return out as T;
}

/** A finding's keys as finding() writes them, then a tag's (attachTags adds both). */
const FINDING_KEYS = ['id', 'kind', 'start', 'end', 'text', 'region', 'score', 'cues', 'entity', 'date', 'claim', 'quotation', 'commenter', 'annotation', 'anchor'];
const UNTAGGED_KEYS = 13;

/** How many of FINDING_KEYS `f` has, in their order and nothing else (13 or 15), or −1. */
function findingShape(f: object): number {
  let n = 0;
  for (const k in f) if (n >= FINDING_KEYS.length || k !== FINDING_KEYS[n++]) return -1;
  return n === UNTAGGED_KEYS || n === FINDING_KEYS.length ? n : -1;
}

/**
 * moved() for a finding, tagged or not: the same copy, keys in their order and marked as a copy of
 * its original, written as one object literal. The general walk read every entity's info through,
 * and a spread copy given its mark afterwards (a new property) was as slow: ~50 ms for the ~27,000
 * findings of 1 MB against ~10–20 ms. An entity's, a date's and a claim's info hold no offsets
 * (see shiftedFinding); whatever else may is walked. Any other shape takes the general walk. A
 * test holds it to moved() on every finding of the sample sources. Not shiftedFinding's copy given
 * its mark (and tag) afterwards: that took ~50 ms for the 27,000 findings against ~16 ms.
 */
export function movedFinding<T extends Finding>(f: T, shift: number): T {
  if (shift === 0) return f;
  const shape = findingShape(f);
  if (shape < 0) return moved(f, shift);
  return new MovedFindingCopy(f as unknown as TaggedFindingFields, sameContentAs(f), shift, shape !== UNTAGGED_KEYS) as unknown as T;
}

/** A finding's fields as read by movedFinding: a tagged finding's, any of them of any type. */
type TaggedFindingFields = Record<(typeof FINDING_KEYS)[number], unknown>;

/**
 * A finding's moved copy (movedFinding): a finding's own keys in finding()'s order, as an object
 * literal would have them, and its first original in a private field, which no spread, comparison,
 * serialisation or listing of keys sees. A literal marked with a defined symbol property cost ~0.2 µs
 * a copy, 2.8 ms of the ~14,000 moved per keystroke of 1 MB (main-thread profile).
 */
class MovedFindingCopy {
  readonly #origin: object;
  // Declared, not defined: an absent tag must stay absent (`'annotation' in f` tells a tagged finding).
  declare id: unknown;
  declare kind: unknown;
  declare start: unknown;
  declare end: unknown;
  declare text: unknown;
  declare region: unknown;
  declare score: unknown;
  declare cues: unknown;
  declare entity: unknown;
  declare date: unknown;
  declare claim: unknown;
  declare quotation: unknown;
  declare commenter: unknown;
  declare annotation?: unknown;
  declare anchor?: unknown;

  constructor(g: TaggedFindingFields, origin: object, shift: number, tagged: boolean) {
    this.#origin = origin;
    this.id = g.id;
    this.kind = g.kind;
    this.start = copyMoved(g.start, shift, 'start');
    this.end = copyMoved(g.end, shift, 'end');
    this.text = g.text;
    this.region = g.region;
    this.score = g.score;
    // Offsets from the finding's start (FindingCue): they move with it, the same list.
    this.cues = g.cues;
    this.entity = g.entity;
    this.date = g.date;
    this.claim = g.claim;
    this.quotation = copyMoved(g.quotation, shift, 'quotation');
    this.commenter = g.commenter;
    if (!tagged) return;
    this.annotation = copyMoved(g.annotation, shift, 'annotation');
    this.anchor = copyMoved(g.anchor, shift, 'anchor');
  }

  static originOf(copy: MovedFindingCopy): object {
    return copy.#origin;
  }
}

/**
 * A finding (not tagged) at its place moved by `shift`, its quotation's offsets too (its cues count from its start): what
 * moved() gives, but made by finding() (the analyser's findings keep one shape) and not marked as a
 * copy. An entity's, a date's and a claim's info hold no offsets: the copy shares them. A test holds
 * it to moved() on every finding of the sample sources.
 */
export function shiftedFinding(f: Finding, shift: number): Finding {
  return finding({
    id: f.id, kind: f.kind, start: f.start + shift, end: f.end + shift, text: f.text, region: f.region, score: f.score,
    cues: f.cues,
    entity: f.entity, date: f.date, claim: f.claim,
    quotation: f.quotation && (copyMoved(f.quotation, shift, 'quotation') as QuotationInfo),
    commenter: f.commenter,
  });
}

/** How a list of items changed: those that went, those that came, and those that stayed as moved copies (each with its copy). */
export interface ContentChanges<T> {
  removed: T[];
  added: T[];
  moved: [before: T, now: T][];
}

/**
 * `now` against `before`, items paired when one is the other or both are copies of one original
 * (the same content, their offsets aside): after an edit of a long source nearly all are, and an
 * index that holds items by what they say takes out and puts in only the rest. Both lists keep
 * their order across an edit, so the pairs are found from both ends and only the items between (the
 * edit's) are looked up by content; pairs are one for one, so an item listed twice pairs twice.
 *
 * In steps (steps.ts; `size` Infinity: at once): a long source analysed afresh (none of its items a
 * copy) has every item looked up, which took 20–30 ms of the server's main thread in one turn for
 * 1 MB of prose (scripts/bench-corpus-steps.ts). A lookup costs less than a registry's work on an
 * item, so a step takes eight times `size` of them; the pairs from both ends (a comparison each, the
 * whole of an edit's work) take no step.
 */
export function* contentChangesInSteps<T extends object>(before: readonly T[], now: readonly T[], size: number): Steps<ContentChanges<T>> {
  const step = new StepCounter(size * 8);
  const movedPairs: [T, T][] = [];
  const pair = (b: T, n: T) => {
    if (b !== n) movedPairs.push([b, n]);
  };
  let lo = 0;
  while (lo < before.length && lo < now.length && sameContentAs(before[lo]!) === sameContentAs(now[lo]!)) pair(before[lo]!, now[lo++]!);
  let endBefore = before.length;
  let endNow = now.length;
  while (endBefore > lo && endNow > lo && sameContentAs(before[endBefore - 1]!) === sameContentAs(now[endNow - 1]!)) pair(before[--endBefore]!, now[--endNow]!);
  const waiting = new Map<object, T[]>();
  for (let i = lo; i < endBefore; i++) {
    const b = before[i]!;
    const list = waiting.get(sameContentAs(b));
    if (list) list.push(b);
    else waiting.set(sameContentAs(b), [b]);
    if (step.tick()) yield;
  }
  const added: T[] = [];
  for (let i = lo; i < endNow; i++) {
    const n = now[i]!;
    const b = waiting.get(sameContentAs(n))?.shift();
    if (b) pair(b, n);
    else added.push(n);
    if (step.tick()) yield;
  }
  const removed: T[] = [];
  for (const list of waiting.values()) for (const b of list) removed.push(b);
  return { removed, added, moved: movedPairs };
}
