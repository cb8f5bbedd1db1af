// Finding ids: the one place they are made.
//
// An id names a finding by what it is, not where it is: `${kind}:${hash}`, the hash of its text
// (whitespace runs as one space, so re-wrapping or CRLF keeps it), and `:${n}` for the n-th later
// finding of the same kind and hash in text order. Offsets made every id after an edit change (half
// a 1 MB source's diagnostics, the view's rows and everything else keyed by id churned on each
// keystroke); this id changes only when a finding of the same kind and text appears or goes before
// it. Unique within a source by construction: the ordinal counts per kind and hash, so a hash
// collision costs stability, never uniqueness. Linear: each finding's text is hashed once.
import type { Finding, FindingKind } from './model';

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

/**
 * Id bases (`kind:hash`) by kind and finding text, from an analyser's last analysis: after an edit
 * nearly every finding's text is the last analysis's, and hashing each again and building its id
 * string took 25–40 ms of a keystroke on 1 MB. Only the last analysis's are kept, so a batch
 * analyser reading thousands of sources holds one source's, not every text it ever saw.
 */
export class FindingIdBases {
  private last = new Map<FindingKind, Map<string, string>>();
  private next = new Map<FindingKind, Map<string, string>>();

  /** The id base of a finding of `kind` with `text`, kept for the next analysis. */
  baseOf(kind: FindingKind, text: string): string {
    let next = this.next.get(kind);
    if (!next) this.next.set(kind, (next = new Map()));
    let base = next.get(text);
    if (base === undefined) {
      // Keyed by this analysis's texts (slices of the version it read): none outlives the next analysis.
      base = this.last.get(kind)?.get(text) ?? `${kind}:${textHash(text)}`;
      next.set(text, base);
    }
    return base;
  }

  /** Ends an analysis: what it used is what the next one finds. */
  endAnalysis(): void {
    this.last = this.next;
    this.next = new Map();
  }
}

/**
 * Gives each finding its id. `inTextOrder`: every finding of the source that has one (flagged ones
 * and repeats alike), sorted by compareFindings; `bases`, the analyser's (absent: hashed afresh).
 */
export function assignFindingIds(inTextOrder: readonly Finding[], bases?: FindingIdBases): void {
  const seen = new Map<string, number>();
  for (const f of inTextOrder) {
    const base = bases ? bases.baseOf(f.kind, f.text) : `${f.kind}:${textHash(f.text)}`;
    const n = seen.get(base);
    seen.set(base, (n ?? 0) + 1);
    f.id = n === undefined ? base : `${base}:${n}`;
  }
  bases?.endAnalysis();
}

/** The id of a finding that exists only because a tag holds it: its tag's id keeps it apart from any detected one. */
export function taggedOnlyId(kind: FindingKind, text: string, annotationId: string): string {
  return `${kind}:${textHash(text)}:@${annotationId}`;
}

/** Where a finding is, as a key: for matching a finding to an anchored tag or dismissal, not an id. */
export function placeKey(kind: FindingKind, start: number, end: number): string {
  return `${kind}:${start}:${end}`;
}
