// A text that remembers where each character came from, so a test knows the truth about a tag after
// any sequence of edits: is its text still there unchanged, changed, or gone, and where.
import { LONG_QUOTE } from '../../../src/core/tags/anchoring';
import type { TextQuoteTarget } from '../../../src/core/tags/annotation';

/** Ids below this are characters of the original text; inserted characters get fresh ids above it. */
const INSERTED = 1 << 30;

export class ProvenanceText {
  private units: string[];
  private ids: number[];
  private nextId = INSERTED;

  constructor(text: string) {
    this.units = [...text].flatMap((ch) => ch.split('')); // UTF-16 code units
    this.ids = this.units.map((_, i) => i);
  }

  get text(): string {
    return this.units.join('');
  }

  get length(): number {
    return this.units.length;
  }

  /** Moves `offset` off the low half of a surrogate pair, so edits never split a character. */
  snap(offset: number): number {
    const o = Math.max(0, Math.min(this.units.length, offset));
    const c = this.units[o]?.charCodeAt(0) ?? 0;
    return c >= 0xdc00 && c <= 0xdfff && o > 0 ? o - 1 : o;
  }

  replace(start: number, end: number, inserted: string): void {
    const s = this.snap(start);
    const e = Math.max(s, this.snap(end));
    const units = inserted.split('');
    this.units.splice(s, e - s, ...units);
    this.ids.splice(s, e - s, ...units.map(() => this.nextId++));
  }

  /** Cuts [start, end) and puts it back at `to` (an offset in the text before the cut), keeping ids. */
  move(start: number, end: number, to: number): void {
    const s = this.snap(start);
    const e = Math.max(s, this.snap(end));
    const t = this.snap(to);
    if (t >= s && t <= e) return;
    const units = this.units.splice(s, e - s);
    const ids = this.ids.splice(s, e - s);
    const at = t > e ? t - (e - s) : t;
    this.units.splice(at, 0, ...units);
    this.ids.splice(at, 0, ...ids);
  }

  /** Every "\n" not after "\r" becomes "\r\n" (or the reverse). */
  setLineEndings(crlf: boolean): void {
    for (let i = this.units.length - 1; i >= 0; i--) {
      if (crlf && this.units[i] === '\n' && this.units[i - 1] !== '\r') {
        this.units.splice(i, 0, '\r');
        this.ids.splice(i, 0, this.nextId++);
      } else if (!crlf && this.units[i] === '\r' && this.units[i + 1] === '\n') {
        this.units.splice(i, 1);
        this.ids.splice(i, 1);
      }
    }
  }

  /** Current offsets of the original characters [start, end), in order of the original text. */
  positionsOf(start: number, end: number): (number | undefined)[] {
    const where = new Map<number, number>();
    this.ids.forEach((id, i) => {
      if (id >= start && id < end) where.set(id, i);
    });
    const out: (number | undefined)[] = [];
    for (let id = start; id < end; id++) out.push(where.get(id));
    return out;
  }

  idAt(offset: number): number | undefined {
    return this.ids[offset];
  }

  isInserted(offset: number): boolean {
    return (this.ids[offset] ?? 0) >= INSERTED;
  }
}

export type TagOutcomeClass =
  /** The quoted characters are all there, contiguous, and so is the text right beside them on both sides (or the quote is long). */
  | 'unchanged'
  /** The quote is intact but short, and the text beside it was rewritten: another occurrence may fit as well. */
  | 'unchanged, context lost'
  /** Part of the quote survives and it is within the fuzzy tolerance of its old text. */
  | 'changed slightly'
  /** Part of the quote survives but it changed beyond the fuzzy tolerance. */
  | 'changed heavily'
  /** None of the quoted characters survives. */
  | 'deleted';

export interface Truth {
  cls: TagOutcomeClass;
  /** For unchanged quotes: where they are now. */
  exactly?: { start: number; end: number };
  /** For changed quotes: the span their surviving characters cover, widened over text inserted at its edges. */
  region?: { start: number; end: number };
  /** Offsets whose character is one of the quote's own. */
  own?: Set<number>;
}

/** Levenshtein distance (small strings only). */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

const CONTEXT_KEPT = 12;

export function truthFor(doc: ProvenanceText, target: TextQuoteTarget, maxErrorRate: number): Truth {
  const positions = doc.positionsOf(target.start, target.end);
  const alive = positions.filter((p): p is number => p !== undefined);
  if (alive.length === 0) return { cls: 'deleted' };
  const own = new Set(alive);
  const first = alive[0]!;
  const contiguous = alive.length === positions.length && alive.every((p, i) => p === first + i);
  if (contiguous) {
    const exactly = { start: first, end: first + alive.length };
    const sideKept = (before: boolean) => {
      const n = Math.min(CONTEXT_KEPT, before ? target.prefix.length : target.suffix.length);
      if (n === 0) return before ? exactly.start === 0 : exactly.end === doc.length;
      for (let k = 1; k <= n; k++) {
        const at = before ? exactly.start - k : exactly.end - 1 + k;
        const want = before ? target.start - k : target.end - 1 + k;
        if (doc.idAt(at) !== want) return false;
      }
      return true;
    };
    const word = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}\p{M}]/u.test(c);
    const text = doc.text;
    // A short quote that now runs into a neighbouring word is not the same token any more.
    const glued =
      (!word(target.prefix.at(-1)) && word(text[exactly.start - 1]) && word(text[exactly.start])) ||
      (!word(target.suffix[0]) && word(text[exactly.end]) && word(text[exactly.end - 1]));
    const kept = target.exact.length >= LONG_QUOTE || (!glued && sideKept(true) && sideKept(false));
    return { cls: kept ? 'unchanged' : 'unchanged, context lost', exactly, own };
  }
  let start = Math.min(...alive);
  let end = Math.max(...alive) + 1;
  while (start > 0 && doc.isInserted(start - 1)) start--;
  while (end < doc.length && doc.isInserted(end)) end++;
  const now = doc.text.slice(Math.min(...alive), Math.max(...alive) + 1);
  const slight = editDistance(now, target.exact) <= Math.floor(target.exact.length * maxErrorRate);
  return { cls: slight ? 'changed slightly' : 'changed heavily', region: { start, end }, own };
}

export type Verdict = 'exact' | 'anchored to the changed text' | 'orphan' | 'WRONG';

/**
 * Judges an anchor against the truth. For a changed quote, the anchor must be mostly the quote's own
 * characters and may reach only a little beyond the region they (and text typed into them) cover.
 */
export function judge(truth: Truth, anchor: { start: number; end: number } | undefined, quoteLength: number): Verdict {
  if (!anchor) return truth.cls === 'unchanged' ? 'WRONG' : 'orphan';
  switch (truth.cls) {
    case 'deleted':
      return 'WRONG';
    case 'unchanged':
    case 'unchanged, context lost':
      return anchor.start === truth.exactly!.start && anchor.end === truth.exactly!.end ? 'exact' : 'WRONG';
    default: {
      const { region, own } = truth;
      let mine = 0;
      let outside = 0;
      for (let i = anchor.start; i < anchor.end; i++) {
        if (own!.has(i)) mine++;
        else if (i < region!.start || i >= region!.end) outside++;
      }
      const slack = Math.max(2, Math.ceil(quoteLength * 0.1));
      return mine * 2 >= anchor.end - anchor.start && outside <= slack ? 'anchored to the changed text' : 'WRONG';
    }
  }
}
