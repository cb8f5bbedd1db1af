// Re-finds tagged text after the source changed, the way the Hypothesis client re-anchors web
// annotations: the recorded position first, then exact occurrences ranked by context and distance,
// then approximate matching in windows around the expected position. A quote that cannot be found
// with confidence gives no anchor, and the caller keeps the tag as an orphan.
import search from 'approx-string-match';
import type { TextQuoteTarget } from './annotation';

export type AnchorMethod =
  /** Kept in step with the edits made in the editor. */
  | 'tracked'
  /** The quote is still at a position where it was expected (its old offset, or shifted like its neighbours). */
  | 'position'
  /** The quote occurs verbatim elsewhere, picked by its context and distance. */
  | 'exact'
  /** The quote occurs with different whitespace or line endings (reflow, CRLF). */
  | 'whitespace'
  /** Approximate match: the quoted text itself changed a little. */
  | 'fuzzy';

export interface Anchor {
  start: number;
  end: number;
  method: AnchorMethod;
  /** 0–1: how well quote, context and position agree (1 for an untouched quote and context). */
  confidence: number;
}

export interface AnchorHints {
  /** Expected start offsets besides the recorded one, best first (e.g. shifted like the neighbouring tags). */
  starts?: readonly number[];
  /** The recorded offsets mean nothing (an import that gave only the quote): judge by the text alone. */
  positionUnknown?: boolean;
}

/** Quotes at least this long are trusted on their own: identical text of this length is the same text. */
export const LONG_QUOTE = 40;
/**
 * A short quote where it was expected (its old offset, or shifted like its neighbours) needs one side
 * of its context intact, or both sides this similar on average…
 */
const MIN_CONTEXT_NEAR = 0.6;
/**
 * …and found anywhere else, both sides this similar on average: one intact side is not enough there,
 * as a deleted reader comment's "Member since: Jun 10, 2015" is not the same author's next comment's.
 */
const MIN_CONTEXT_FAR = 0.7;

/** How far from an expected position the first stage looks (a CRLF re-save shifts by one per line). */
const NEAR_SLACK = 64;

/** How far (in UTF-16 units) a short quote may have moved and still count as near where it was. */
const NEAR_DISTANCE = 256;

/**
 * Near: one side intact (or both fairly similar), and the other not entirely replaced, which is what
 * an identical line sliding into the place of a deleted one looks like (same header, other comment).
 */
const trustedNear = (c: ContextScore) => (c.best >= 1 || c.mean >= MIN_CONTEXT_NEAR) && c.worst >= MIN_OTHER_SIDE;
/** The weaker side of a short quote's context must still agree this much. */
const MIN_OTHER_SIDE = 0.25;

const trustedFar = (c: ContextScore) => c.mean >= MIN_CONTEXT_FAR;
/** Fuzzy matches may differ from the quote in at most this share of its length… */
export const MAX_ERROR_RATE = 0.25;
/** …and must score at least this on quote, context and position together. */
const MIN_FUZZY_SCORE = 0.75;
/** Half-width of each window searched approximately, at least; longer quotes get wider windows. */
const FUZZY_WINDOW = 2048;
/** Beyond this many exact occurrences, the quote is too common to tell apart by scanning them all. */
const MAX_OCCURRENCES = 2000;

/** Context characters right beside the quote that, when intact, identify an occurrence on their own. */
const ADJACENT_FULL = 16;

/**
 * How well one side of the context agrees, 0–1: by edit distance (Hypothesis' textMatchScore), or by
 * how many characters right beside the quote are unchanged, whichever says more. `before`: the side
 * is the prefix, which meets the quote at its end.
 */
function sideScore(actual: string, expected: string, before: boolean): number {
  if (actual === expected) return 1;
  if (!actual || !expected) return 0;
  let adjacent = 0;
  const n = Math.min(actual.length, expected.length);
  if (before) while (adjacent < n && actual[actual.length - 1 - adjacent] === expected[expected.length - 1 - adjacent]) adjacent++;
  else while (adjacent < n && actual[adjacent] === expected[adjacent]) adjacent++;
  const byAdjacency = Math.min(1, adjacent / Math.min(ADJACENT_FULL, expected.length));
  // Similar text that does not meet the quote is usually the same context seen from a nearby,
  // wrong occurrence (shifted by a few characters), so it only counts when the closest ones agree.
  if (adjacent < 2 || byAdjacency === 1) return byAdjacency;
  const matches = search(actual, expected, expected.length);
  const similar = matches.length ? Math.max(0, 1 - matches[0]!.errors / expected.length) : 0;
  return Math.max(similar, byAdjacency);
}

interface ContextScore {
  prefix?: number;
  suffix?: number;
  /** The better side: one intact side is enough to tell an occurrence apart. */
  best: number;
  /** Average of the sides that carry information. */
  mean: number;
  /** The weaker side. */
  worst: number;
}

/**
 * Context agreement around [start, end). An empty recorded context carries no information unless the
 * candidate is at the same text boundary, where it agrees fully.
 */
function contextAt(text: string, start: number, end: number, target: TextQuoteTarget): ContextScore {
  let prefix: number | undefined;
  let suffix: number | undefined;
  // Read a little more than was recorded, since whitespace is compared collapsed (CRLF, reflow).
  const room = (n: number) => n + (n >> 2) + 4;
  if (target.prefix) {
    const expected = collapseSpaces(target.prefix);
    const actual = collapseSpaces(text.slice(Math.max(0, start - room(target.prefix.length)), start));
    prefix = sideScore(actual.slice(Math.max(0, actual.length - expected.length)), expected, true);
  } else if (start === 0) prefix = 1;
  if (target.suffix) {
    const expected = collapseSpaces(target.suffix);
    const actual = collapseSpaces(text.slice(end, end + room(target.suffix.length)));
    suffix = sideScore(actual.slice(0, expected.length), expected, false);
  } else if (end === text.length) suffix = 1;
  const sides = [prefix, suffix].filter((s): s is number => s !== undefined);
  const best = sides.length ? Math.max(...sides) : 0.5;
  const mean = sides.length ? sides.reduce((a, b) => a + b, 0) / sides.length : 0.5;
  const worst = sides.length ? Math.min(...sides) : 0.5;
  return { prefix, suffix, best, mean, worst };
}

const collapseSpaces = (s: string) => s.replace(/\s+/g, ' ');

/** Quote, context and position weighted as in the Hypothesis client (50 : 20 : 20 : 2). */
function combinedScore(quote: number, context: ContextScore, distance: number, textLength: number): number {
  const position = textLength > 0 ? 1 - Math.min(1, distance / textLength) : 1;
  const prefix = context.prefix ?? 0.5;
  const suffix = context.suffix ?? 0.5;
  return (50 * quote + 20 * prefix + 20 * suffix + 2 * position) / 92;
}

const nearest = (i: number, expected: readonly number[]) => expected.reduce((best, e) => Math.min(best, Math.abs(i - e)), Infinity);

/**
 * Where the recorded context, found intact right beside an approximate match, says the quote starts
 * and ends: the surest bounds when the edit touched the quote's own edges.
 */
function snapToContext(text: string, start: number, end: number, target: TextQuoteTarget, slack: number): { start?: number; end?: number } {
  const out: { start?: number; end?: number } = {};
  const nearestHit = (needle: string, from: number, to: number, offset: number, want: number) => {
    if (needle.length < 4) return undefined;
    const region = text.slice(Math.max(0, from), to);
    let best: number | undefined;
    for (let k = region.indexOf(needle); k !== -1; k = region.indexOf(needle, k + 1)) {
      const at = Math.max(0, from) + k + offset;
      if (best === undefined || Math.abs(at - want) < Math.abs(best - want)) best = at;
    }
    return best;
  };
  const before = target.prefix.slice(-ADJACENT_FULL);
  out.start = nearestHit(before, start - slack - before.length, start + slack, before.length, start);
  const after = target.suffix.slice(0, ADJACENT_FULL);
  out.end = nearestHit(after, end - slack, end + slack + after.length, 0, end);
  if (out.start !== undefined && out.end !== undefined && out.end <= out.start) return {};
  return out;
}

/**
 * Levenshtein distance of `a` and `b`, or `max + 1` as soon as it must exceed `max`. Only the band of
 * cells within `max` of the diagonal is computed (Ukkonen), as a match is never worth more errors.
 */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const INF = max + 1;
  let prev = new Int32Array(b.length + 1).fill(INF);
  let cur = new Int32Array(b.length + 1).fill(INF);
  for (let j = 0; j <= Math.min(b.length, max); j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(b.length, i + max);
    cur.fill(INF);
    if (i <= max) cur[0] = i;
    let rowMin = cur[0]!;
    for (let j = lo; j <= hi; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return INF;
    [prev, cur] = [cur, prev];
  }
  return Math.min(prev[b.length]!, INF);
}

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}\p{M}]/u.test(c);

/** True when the quote began (or ended) on a word boundary but [start, end) begins (or ends) inside a word. */
function splitsWord(text: string, start: number, end: number, target: TextQuoteTarget): boolean {
  const wasStart = !isWordChar(target.prefix.at(-1)) || !isWordChar(target.exact[0]);
  const wasEnd = !isWordChar(target.suffix[0]) || !isWordChar(target.exact.at(-1));
  return (wasStart && isWordChar(text[start - 1]) && isWordChar(text[start])) || (wasEnd && isWordChar(text[end - 1]) && isWordChar(text[end]));
}

interface Candidate {
  start: number;
  end: number;
  context: ContextScore;
  distance: number;
}

/** Best candidate by context, then by distance to where the quote was expected. */
function pickByContext(candidates: Candidate[]): Candidate | undefined {
  let best: Candidate | undefined;
  for (const c of candidates) {
    if (!best) best = c;
    else {
      const d = c.context.mean - best.context.mean;
      // Contexts within a few percent are a tie that the distance decides.
      if (d > 0.02 || (d >= -0.02 && c.distance < best.distance)) best = c;
    }
  }
  return best;
}

/** Text with every run of whitespace collapsed to one space, and where each of its characters came from. */
interface Collapsed {
  text: string;
  /** Offset in the original text of each character of `text`. */
  origin: Int32Array;
}

function collapseWhitespace(text: string): Collapsed {
  const origin = new Int32Array(text.length);
  let out = '';
  let n = 0;
  let parts: string[] = [];
  let runStart = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 0xa0;
    if (space) {
      if (runStart < 0) {
        runStart = i;
        parts.push(' ');
        origin[n++] = i;
      }
    } else {
      runStart = -1;
      origin[n++] = i;
      parts.push(text[i]!);
    }
    if (parts.length >= 8192) {
      out += parts.join('');
      parts = [];
    }
  }
  out += parts.join('');
  return { text: out, origin: origin.subarray(0, n) };
}

/**
 * Anchors many quotes in one text. Work that depends only on the text (its whitespace-collapsed form)
 * is done once, and each anchored quote tells the next where to look: after an edit, tags shift
 * together, so the common case is a cheap check at the shifted position.
 */
export class QuoteAnchorer {
  private collapsed?: Collapsed;

  constructor(readonly text: string) {}

  /** Anchors every target; the result is parallel to `targets` (undefined = orphan). */
  anchorAll(targets: readonly TextQuoteTarget[]): (Anchor | undefined)[] {
    const order = targets.map((_, i) => i).sort((a, b) => targets[a]!.start - targets[b]!.start);
    const result: (Anchor | undefined)[] = new Array(targets.length);
    /** Tags found verbatim far from where they were expected: maybe a copy, while their own text changed. */
    const far = new Set<number>();
    // First pass: cheap methods only. Tags shift together after an edit, so each is first looked for
    // where the last one found in place moved, then where the last one found at all moved.
    let shift = 0;
    let steadyShift = 0;
    for (const i of order) {
      const t = targets[i]!;
      const starts = [...new Set([t.start + steadyShift, t.start + shift])].filter((x) => x !== t.start);
      const anchor = this.anchor(t, { starts }, false);
      result[i] = anchor;
      if (!anchor) continue;
      shift = anchor.start - t.start;
      if (anchor.method === 'position') steadyShift = shift;
      else if (nearest(anchor.start, [t.start, ...starts]) > NEAR_DISTANCE) far.add(i);
    }
    // Second pass: what is left may have changed; look where its neighbours found in place moved.
    order.forEach((i, k) => {
      if (result[i] && !far.has(i)) return;
      const t = targets[i]!;
      const steady = (j: number) => {
        const a = result[order[j]!];
        return a && a.method !== 'fuzzy' && !far.has(order[j]!) ? t.start + a.start - targets[order[j]!]!.start : undefined;
      };
      const nearestSteady = (step: 1 | -1) => {
        for (let j = k + step; j >= 0 && j < order.length; j += step) {
          const s = steady(j);
          if (s !== undefined) return s;
        }
        return undefined;
      };
      const starts = [nearestSteady(-1), nearestSteady(1)].filter((s): s is number => s !== undefined);
      if (!result[i]) {
        result[i] = this.anchor(t, { starts }, true);
        return;
      }
      // Found verbatim far away: if the text where it was expected is a slightly changed version that
      // fits better (quote, context and position together), that is the tag, and the far one a copy.
      const near = this.fuzzy(t, [t.start, ...starts], false);
      if (near && near.confidence > result[i]!.confidence) result[i] = near;
    });
    return result;
  }

  /** Anchors one quote; `fuzzy: false` stops before approximate matching. */
  anchor(target: TextQuoteTarget, hints: AnchorHints = {}, fuzzy = true): Anchor | undefined {
    const { text } = this;
    const { exact } = target;
    if (!exact) return undefined;
    const expected = hints.positionUnknown ? [] : [target.start, ...(hints.starts ?? [])];
    // Recorded without context (an import with offsets or a quote only): position and uniqueness are
    // all there is to go on, so they are trusted as far as they go.
    const bare = !target.prefix && !target.suffix;
    const long = exact.length >= LONG_QUOTE;

    // 1. Where its neighbours' shift puts it, else where it was, give or take a few line breaks. The
    //    shift goes first: after an edit above (or a CRLF re-save) an identical copy of the line can
    //    sit exactly on the old offset, while the neighbours say where the text itself moved.
    for (const at of hints.positionUnknown ? [] : [...(hints.starts ?? []), target.start]) {
      const from = Math.max(0, at - NEAR_SLACK);
      const near = text.slice(from, at + NEAR_SLACK + exact.length);
      const candidates: Candidate[] = [];
      for (let k = near.indexOf(exact); k !== -1; k = near.indexOf(exact, k + 1)) {
        const i = from + k;
        const context = contextAt(text, i, i + exact.length, target);
        const distance = Math.abs(i - at);
        // Off the expected spot, only an untouched context (whitespace aside) will do: a copy of the
        // same line nearby (a repeated headline) must not win over the real one further off.
        if (distance === 0 ? bare || trustedNear(context) : context.mean >= 0.999) candidates.push({ start: i, end: i + exact.length, context, distance });
      }
      const best = pickByContext(candidates);
      if (best) return { start: best.start, end: best.end, method: 'position', confidence: combinedScore(1, best.context, best.distance, text.length) };
    }

    // 2. Verbatim elsewhere.
    const exactHit = this.bestOccurrence(text, exact, target, expected, long, (i) => ({ start: i, end: i + exact.length }));
    if (exactHit) return { ...exactHit, method: 'exact' };

    // 3. Verbatim once whitespace is collapsed: reflowed lines, CRLF, double spaces.
    if (/\s/.test(exact) || /\s/.test(text.slice(Math.max(0, target.start - 1), target.end + 1))) {
      const collapsed = (this.collapsed ??= collapseWhitespace(text));
      const quote = collapseWhitespace(exact).text;
      if (quote.trim()) {
        const hit = this.bestOccurrence(collapsed.text, quote, target, expected, long, (i) => ({
          start: collapsed.origin[i]!,
          end: collapsed.origin[i + quote.length - 1]! + 1,
        }));
        if (hit) return { ...hit, method: 'whitespace' };
      }
    }

    return fuzzy ? this.fuzzy(target, expected) : undefined;
  }

  /**
   * The occurrence of `quote` in `haystack` (mapped back to offsets in the text) that context and
   * distance favour, if it is trustworthy: a long quote always is, a short one needs context.
   */
  private bestOccurrence(
    haystack: string, quote: string, target: TextQuoteTarget, expected: readonly number[], long: boolean,
    toText: (i: number) => { start: number; end: number },
  ): Omit<Anchor, 'method'> | undefined {
    const candidates: Candidate[] = [];
    for (const i of this.occurrences(haystack, quote)) {
      const { start, end } = toText(i);
      if (!long && splitsWord(this.text, start, end, target)) continue;
      candidates.push({ start, end, context: contextAt(this.text, start, end, target), distance: nearest(start, expected) });
    }
    // A quote needs both sides of its context, except when it is the only occurrence and still close
    // to where it was: then one intact side will do (the text on its other side was edited). A long
    // quote that occurs once is the same text whatever surrounds it now (a moved paragraph).
    const unique = candidates.length === 1;
    const bare = !target.prefix && !target.suffix;
    const trusted = candidates.filter((c) => trustedFar(c.context) || (unique && (long || bare || (c.distance <= NEAR_DISTANCE && trustedNear(c.context)))));
    let best = pickByContext(trusted);
    if (!best && long && candidates.length > 1) {
      // Copies of a long sentence (a quote repeated, a duplicated paragraph): only a clearly better context decides.
      const ranked = [...candidates].sort((a, b) => b.context.mean - a.context.mean);
      if (ranked[0]!.context.mean >= ranked[1]!.context.mean + 0.2) best = ranked[0];
    }
    if (!best) return undefined;
    return { start: best.start, end: best.end, confidence: combinedScore(1, best.context, best.distance, this.text.length) };
  }

  /** Scanning the whole text is the costly part of stages 2 and 3; anchorAll's second pass reuses it. */
  private readonly found = new Map<string, number[]>();

  private occurrences(haystack: string, quote: string): number[] {
    const key = `${haystack === this.text ? 't' : 'w'}\u0000${quote}`;
    let list = this.found.get(key);
    if (!list) {
      list = [];
      for (let i = haystack.indexOf(quote); i !== -1 && list.length < MAX_OCCURRENCES; i = haystack.indexOf(quote, i + 1)) list.push(i);
      this.found.set(key, list);
    }
    return list;
  }

  /** Approximate matching in windows around where the quote is expected, never over the whole text. */
  private fuzzy(target: TextQuoteTarget, expected: number[], aroundContext = true): Anchor | undefined {
    const { text } = this;
    const { exact, prefix, suffix } = target;
    const maxErrors = Math.floor(exact.length * MAX_ERROR_RATE);
    if (maxErrors < 1) return undefined;

    // The context may have survived where the quote did not: its exact occurrences are good places to look.
    const centres = [...expected];
    const addContextHits = (needle: string, offset: number) => {
      if (needle.length < 8) return;
      let n = 0;
      for (let i = text.indexOf(needle); i !== -1 && n < 4; i = text.indexOf(needle, i + 1), n++) centres.push(i + offset);
    };
    if (aroundContext) {
      addContextHits(prefix, prefix.length);
      addContextHits(suffix, -exact.length);
    }

    const half = Math.max(FUZZY_WINDOW, 2 * exact.length);
    const windows = centres
      .map((c) => [Math.max(0, c - half), Math.min(text.length, c + exact.length + half)] as [number, number])
      .filter(([a, b]) => b > a)
      .sort((x, y) => x[0] - y[0]);
    const merged: [number, number][] = [];
    for (const w of windows) {
      const last = merged[merged.length - 1];
      if (last && w[0] <= last[1]) last[1] = Math.max(last[1], w[1]);
      else merged.push([...w]);
    }

    let best: Anchor | undefined;
    for (const [from, to] of merged) {
      // Matches come one per end position; neighbouring ends are the same place, so look at each once.
      const seen: [number, number][] = [];
      const matches = search(text.slice(from, to), exact, maxErrors).sort((a, b) => a.errors - b.errors || a.start - b.start);
      for (const m of matches) {
        if (seen.some(([a, b]) => m.start < b && a < m.end)) continue;
        seen.push([m.start, m.end]);
        // The match tightened to where it really agrees with the quote, and to where the recorded
        // context says the quote starts and ends: whichever fits quote and context better (a typo on
        // the first letter is inside the tag; a neighbour's letters standing in for deleted ones are not).
        const tight = tightenBounds(text, from + m.start, from + m.end, exact);
        const snapped = snapToContext(text, from + m.start, from + m.end, target, maxErrors + 2);
        // Context may only trim what the match covers: text typed right after a tag is not part of it.
        const inside = (x: number | undefined) => x !== undefined && x >= from + m.start && x <= from + m.end;
        const bounds = [
          { start: inside(snapped.start) ? snapped.start! : tight.start, end: inside(snapped.end) ? snapped.end! : tight.end },
          tight,
        ];
        for (const [k, { start, end }] of bounds.entries()) {
          if (end <= start || (k > 0 && start === bounds[0]!.start && end === bounds[0]!.end)) continue;
          const errors = editDistance(text.slice(start, end), exact, maxErrors);
          const quote = 1 - errors / exact.length;
          if (quote < 1 - MAX_ERROR_RATE) continue;
          const context = contextAt(text, start, end, target);
          const distance = nearest(start, expected);
          const score = combinedScore(quote, context, distance, text.length);
          const trusted =
            exact.length >= LONG_QUOTE
              ? // A long quote that is nearly intact is trusted even when its surroundings were rewritten.
                score >= MIN_FUZZY_SCORE || (quote >= 0.9 && context.best >= 0.3)
              : // A short one needs its context as much as an exact occurrence would.
                score >= MIN_FUZZY_SCORE && (distance <= maxErrors ? trustedNear(context) : trustedFar(context));
          if (trusted && (!best || score > best.confidence)) best = { start, end, method: 'fuzzy', confidence: score };
        }
      }
    }
    return best;
  }
}


/**
 * An approximate match may begin or end on characters that only stand in for the quote's lost ones
 * (a substitution costs the same as a deletion), pulling in neighbouring text. Aligns the match with
 * the quote and drops unmatched characters at either edge, which never costs an error, then widens
 * again to whole words so a tag does not end mid-word.
 */
function tightenBounds(text: string, start: number, end: number, quote: string): { start: number; end: number } {
  const a = text.slice(start, end);
  const rows = a.length + 1;
  const cols = quote.length + 1;
  if (rows * cols > 4_000_000) return { start, end };
  const d = new Int32Array(rows * cols);
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    d[i * cols] = i;
    for (let j = 1; j < cols; j++) {
      const sub = d[(i - 1) * cols + j - 1]! + (a[i - 1] === quote[j - 1] ? 0 : 1);
      d[i * cols + j] = Math.min(sub, d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1);
    }
  }
  // Matched pairs (text index, quote index), collected from the end.
  const pairs: [number, number][] = [];
  for (let i = a.length, j = quote.length; i > 0 && j > 0; ) {
    const here = d[i * cols + j]!;
    if (a[i - 1] === quote[j - 1] && here === d[(i - 1) * cols + j - 1]) {
      pairs.push([i - 1, j - 1]);
      i--;
      j--;
    } else if (here === d[(i - 1) * cols + j - 1]! + 1) {
      i--;
      j--;
    } else if (here === d[(i - 1) * cols + j]! + 1) i--;
    else j--;
  }
  if (!pairs.length) return { start, end };
  pairs.reverse();
  // A lone matching letter amid replaced text is chance; the match starts at the first run of a few.
  let longest = 1;
  for (let k = 1, n = 1; k < pairs.length; k++) {
    n = pairs[k]![0] === pairs[k - 1]![0] + 1 && pairs[k]![1] === pairs[k - 1]![1] + 1 ? n + 1 : 1;
    longest = Math.max(longest, n);
  }
  const run = Math.min(6, longest);
  const runAt = (k: number, step: 1 | -1) => {
    for (let n = 1; n < run; n++) {
      const p = pairs[k + n * step];
      if (!p || p[0] !== pairs[k]![0] + n * step || p[1] !== pairs[k]![1] + n * step) return false;
    }
    return true;
  };
  const firstK = pairs.findIndex((_, k) => runAt(k, 1));
  let lastK = pairs.length - 1;
  while (lastK > firstK && !runAt(lastK, -1)) lastK--;

  let s = start + pairs[firstK]![0];
  let e = start + pairs[lastK]![0] + 1;
  // Widen to whole words (a changed last letter stays inside the tag), but only by one letter.
  for (let n = 0; n < 1 && s > start && isWordChar(text[s - 1]) && isWordChar(text[s]); n++) s--;
  for (let n = 0; n < 1 && e < end && isWordChar(text[e - 1]) && isWordChar(text[e]); n++) e++;
  return { start: s, end: e };
}

/** Anchors one quote in `text` (see QuoteAnchorer); undefined when it cannot be found with confidence. */
export function anchorQuote(text: string, target: TextQuoteTarget, hints?: AnchorHints): Anchor | undefined {
  return new QuoteAnchorer(text).anchor(target, hints);
}
