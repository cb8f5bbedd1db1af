// Finding ids: the one place they are made.
//
// An id names a finding by what it is, not where it is: `${kind}:${hash}`, the hash of its text
// (whitespace runs as one space, so re-wrapping or CRLF keeps it), and `:${n}` for the n-th later
// finding of the same kind and hash in text order. Offsets made every id after an edit change (half
// a 1 MB source's diagnostics, the view's rows and everything else keyed by id churned on each
// keystroke); this id changes only when a finding of the same kind and text appears or goes before
// it. Unique within a source by construction: the ordinal counts per kind and hash, so a hash
// collision costs stability, never uniqueness. Linear: each finding's text is hashed once.
import { madeEarlier } from './madeFindings';
import { compareFindings, findingWith, type Finding, type FindingKind } from './model';

/** 32-bit FNV-1a of `text` with each whitespace run as one space and the ends trimmed, in base 36. */
export function textHash(text: string): string {
  let h = 0x811c9dc5;
  let space = false;
  let started = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x2028 || c === 0x2029) {
      space = started;
      continue;
    }
    if (space) {
      h = Math.imul(h ^ 32, 0x01000193);
      space = false;
    }
    started = true;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/** An id base (`kind:hash`) and how many findings have taken it in the analysis of `stamp`. */
interface IdBase {
  base: string;
  stamp: number;
  seen: number;
  /** The ids given, by ordinal (`ids[0]` is `base`): the same strings from one analysis to the next, so a kept finding's id compares as one. */
  ids: string[];
}

/**
 * Id bases by kind and finding text, kept from one analysis to the next: after an edit nearly every
 * finding's text is the last analysis's, and hashing each again and building its id string took
 * 25–40 ms of a keystroke on 1 MB; building maps of them afresh for each analysis, ~16 ms more. What an
 * analysis did not use is dropped at its end, so a batch analyser reading thousands of sources holds
 * one source's (the texts are the analysed paragraphs' own, never a whole source's).
 */
export class FindingIdBases {
  private readonly byText = new Map<FindingKind, Map<string, IdBase>>();
  /** Texts that differ only in whitespace share a base, and count as one. */
  private readonly byBase = new Map<string, IdBase>();
  private stamp = 0;
  /** Bases the current analysis used: when that is all of them, its end has nothing to drop and reads none. */
  private used = 0;
  /**
   * The last analysis's findings in the order their ids were given, and each one's base. After an
   * edit the findings before it and after it are the last analysis's, in the same order, each with
   * the same kind and text: their bases are read from here, not looked up by text (two lookups per
   * finding, ~5 ms of a keystroke on 1 MB). Bases the last analysis used are all still held.
   */
  lastOrder: readonly Finding[] = [];
  lastBases: readonly IdBase[] = [];

  /** Starts an analysis: every base is counted from zero again. */
  begin(): void {
    this.stamp++;
    this.used = 0;
  }

  /** The id of the next finding of `kind` with `text`, in text order. */
  next(kind: FindingKind, text: string): string {
    return this.take(this.baseOf(kind, text));
  }

  /** The base of `kind` and `text`, made on first use. */
  baseOf(kind: FindingKind, text: string): IdBase {
    let texts = this.byText.get(kind);
    if (!texts) this.byText.set(kind, (texts = new Map()));
    let entry = texts.get(text);
    if (!entry) {
      const base = `${kind}:${textHash(text)}`;
      entry = this.byBase.get(base);
      if (!entry) this.byBase.set(base, (entry = { base, stamp: 0, seen: 0, ids: [base] }));
      texts.set(text, entry);
    }
    return entry;
  }

  /** The id of the next finding of `entry`'s base (baseOf, or one this analysis's order took from the last), in text order. */
  take(entry: IdBase): string {
    const n = this.count(entry);
    // A name written 300 times has 300 ids: each built once, not at every keystroke.
    return (entry.ids[n] ??= `${entry.base}:${n}`);
  }

  /** Counts the next finding of `entry`'s base without its id (one that holds it already): its ordinal. */
  count(entry: IdBase): number {
    if (entry.stamp !== this.stamp) {
      entry.stamp = this.stamp;
      entry.seen = 0;
      this.used++;
    }
    return entry.seen++;
  }

  /** Ends an analysis: what it did not use is dropped (a text with its base, never while its base is used). */
  end(): void {
    if (this.used === this.byBase.size) return;
    for (const texts of this.byText.values()) for (const [text, e] of texts) if (e.stamp !== this.stamp) texts.delete(text);
    for (const [base, e] of this.byBase) if (e.stamp !== this.stamp) this.byBase.delete(base);
  }
}

/**
 * Gives each finding its id, in text order: `findings` (flagged) and `repeats`, each sorted by
 * compareFindings, walked as one list (on a tie the flagged one first); `bases`, the analyser's (absent:
 * hashed afresh). A finding made now takes its id; one an earlier analysis made and this one kept
 * (madeFindings.ts) is never changed: where its id is no longer the same, a copy takes its place.
 */
export function assignFindingIds(findings: Finding[], repeats: Finding[] = [], bases = new FindingIdBases()): void {
  bases.begin();
  // Both lists as one, in the order ids are given (on a tie the flagged one first).
  const order: Finding[] = new Array(findings.length + repeats.length);
  const fromRepeats = new Uint8Array(order.length);
  for (let i = 0, j = 0, k = 0; k < order.length; k++) {
    const fromFindings = j >= repeats.length || (i < findings.length && compareFindings(findings[i]!, repeats[j]!) <= 0);
    order[k] = fromFindings ? findings[i++]! : repeats[j++]!;
    fromRepeats[k] = fromFindings ? 0 : 1;
  }
  const { lastOrder, lastBases } = bases;
  const same = (a: Finding, b: Finding) => a === b || (a.kind === b.kind && a.text === b.text);
  // How many at each end say what the last analysis's did there (kind and text): those take its bases.
  const most = Math.min(order.length, lastOrder.length);
  let head = 0;
  while (head < most && same(order[head]!, lastOrder[head]!)) head++;
  let tail = 0;
  while (tail < most - head && same(order[order.length - 1 - tail]!, lastOrder[lastOrder.length - 1 - tail]!)) tail++;
  const offset = lastOrder.length - order.length;
  const used: IdBase[] = new Array(order.length);
  let i = 0;
  let j = 0;
  for (let k = 0; k < order.length; k++) {
    const f = order[k]!;
    if (k < head && f === lastOrder[k]) {
      // The very finding the last analysis gave its id here, every one before it of the same base
      // too: the id is the one it holds. Only its base's count moves on (not reading the finding
      // itself spared a cache miss for each of the ~9,000 before an edit of 1 MB).
      const entry = lastBases[k]!;
      used[k] = entry;
      bases.count(entry);
      if (fromRepeats[k]) j++;
      else i++;
      continue;
    }
    const entry = k < head ? lastBases[k]! : k >= order.length - tail ? lastBases[k + offset]! : bases.baseOf(f.kind, f.text);
    used[k] = entry;
    const id = bases.take(entry);
    const list = fromRepeats[k] ? repeats : findings;
    const at = fromRepeats[k] ? j++ : i++;
    if (!madeEarlier(f)) f.id = id;
    else if (f.id !== id) order[k] = list[at] = findingWith(f, { id });
  }
  bases.end();
  bases.lastOrder = order;
  bases.lastBases = used;
}

/** The id of a finding that exists only because a tag holds it: its tag's id keeps it apart from any detected one. */
export function taggedOnlyId(kind: FindingKind, text: string, annotationId: string): string {
  return `${kind}:${textHash(text)}:@${annotationId}`;
}

/** Where a finding is, as a key: for matching a finding to an anchored tag or dismissal, not an id. */
export function placeKey(kind: FindingKind, start: number, end: number): string {
  return `${kind}:${start}:${end}`;
}
