// Features of each token for the entity tagger, as 32-bit hashes: no feature string is ever built,
// each is hashed from its template number and the characters it reads, so extraction stays cheap.
import type { Token } from '../../../text/sentences';
import type { Gazetteer } from '../gazetteer';
import { FIRST_NAMES } from '../entityWords';
import type { Weights } from './model';
import { TAG_COUNT as TAGS_IMPORTED } from './tags';

// A module's own constant: an imported binding can be a getter call in each loop test when not bundled (tsx, vitest).
const TAG_COUNT = TAGS_IMPORTED;
import type { WordScores } from './wordScores';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 16777619;

/** FNV-1a of a template number and `s[from, to)`. */
export function hashRange(template: number, s: string, from: number, to: number): number {
  let h = Math.imul(FNV_OFFSET ^ template, FNV_PRIME);
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

export const hash = (template: number, s: string): number => hashRange(template, s, 0, s.length);

/** Two strings as one feature, hashed in turn with a separator, never joined. */
export function hashPair(template: number, a: string, b: string): number {
  let h = hashRange(template, a, 0, a.length);
  h = Math.imul(h ^ 32, FNV_PRIME);
  for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/** A template number and a small integer (a tag, a flag) as one feature. */
export const hashInt = (template: number, n: number): number => Math.imul(Math.imul(FNV_OFFSET ^ template, FNV_PRIME) ^ (n + 1), FNV_PRIME) >>> 0;

// Template numbers. Tag-dependent templates (T_PREV…) are hashed while decoding.
const T_BIAS = 1;
const T_WORD = 2;
const T_LOWER = 3;
const T_SHAPE = 4;
const T_PREFIX = 5; // 5..8
const T_SUFFIX = 9; // 9..12
const T_CTX_LOWER = 13; // 13..16: −2, −1, +1, +2
const T_CTX_SHAPE = 17; // 17..20
const T_CAPS_LINE = 21;
const T_CAPS_LOWER = 22;
const T_GAZ = 23;
const T_GAZ_SPAN = 24;
const T_FIRST_NAME = 25;
const T_POSITION = 26;
const T_NEXT_GAZ = 27;
const T_PREV_GAZ = 28;
const T_BIGRAM_PREV = 29;
const T_BIGRAM_NEXT = 30;
const T_DOC_CASED = 31;
const T_HINT = 32;
const T_HINT_LOWER = 33;
const T_HINT_NEXT = 34;
const T_HINT_PREV = 35;
export const T_PREV_TAG = 40;
export const T_PREV2_TAG = 41;
export const T_PREV_TAG_LOWER = 42;

const MAX_SHAPE = 6;

/** "Xx", "X.X.", "d-d", "xXx": character classes with runs collapsed, at most six long. */
export function shapeOf(w: string): string {
  let out = '';
  let last = '';
  for (let i = 0; i < w.length && out.length < MAX_SHAPE; i++) {
    const c = w.charCodeAt(i);
    const k = c >= 65 && c <= 90 ? 'X' : c >= 97 && c <= 122 ? 'x' : c >= 48 && c <= 57 ? 'd' : c > 127 ? (w[i] === w[i].toLowerCase() ? 'x' : 'X') : w[i];
    if (k !== last) out += k;
    last = k;
  }
  return out;
}

export const GAZ_TYPES = ['person', 'organisation', 'place', 'product', 'event', 'other'] as const;
const GAZ_CODE = new Map<string, number>(GAZ_TYPES.map((t, i) => [t, i]));
const LONGEST_GAZ_SPAN = 4;

/** Words of a line set in capitals, or a headline: capitals prove nothing there. */
const NO_LATIN = 0;
const ALL_UPPER = 1;
const SOME_LOWER = 2;

/** Whether a word has a Latin letter, and if so whether it is all in capitals: by char codes where it is ASCII. */
function wordCasing(t: string): number {
  let latin = false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c > 127) return !/[A-Za-z]/.test(t) ? NO_LATIN : t === t.toUpperCase() ? ALL_UPPER : SOME_LOWER;
    if (c >= 97 && c <= 122) return SOME_LOWER;
    if (c >= 65 && c <= 90) latin = true;
  }
  return latin ? ALL_UPPER : NO_LATIN;
}

/** Per token, 1 on a line set in capitals; into `into` (its first tokens.length bytes) when given. */
function capsLines(tokens: readonly Token[], into?: Uint8Array): Uint8Array {
  const caps = into ?? new Uint8Array(tokens.length);
  let from = 0;
  for (let i = 0; i <= tokens.length; i++) {
    if (i < tokens.length && !(i > from && tokens[i].lineBreakBefore)) continue;
    let letters = 0;
    let upper = 0;
    for (let k = from; k < i; k++) {
      const t = tokens[k].text;
      if (tokens[k].kind !== 'word' || t.length < 2) continue;
      const casing = wordCasing(t);
      if (casing === NO_LATIN) continue;
      letters++;
      if (casing === ALL_UPPER) upper++;
    }
    const flag = letters >= 2 && upper / letters >= 0.8 ? 1 : 0;
    caps.fill(flag, from, i);
    from = i;
  }
  return caps;
}

/** Per source: the lower-case words seen capitalised away from a line's start, and seen in lower case. */
export interface DocumentCasing {
  capitalised: ReadonlySet<string>;
  lower: ReadonlySet<string>;
}

/**
 * Static features of every token of one sentence: `ids[offsets[i] .. offsets[i+1])` belong to token i.
 * `lowers[i]` is the token's lower-case form, for the tag-dependent features.
 */
export interface SentenceFeatures {
  ids: Uint32Array;
  offsets: Uint32Array;
  lowers: string[];
}

/**
 * What the hand-written rules say of each token, for the tagger to weigh: −1 for no name, else
 * type × 4 + 2 when the rules know the name (gazetteer) + 1 inside a name (not its first word).
 */
export type RuleHints = Int8Array;

/** Gazetteer type codes by looked-up text, per tagger: a source repeats its words, and a lookup is a few string operations. */
export class GazetteerCodes {
  private readonly plain = new Map<string, number>();
  private readonly capitals = new Map<string, number>();

  constructor(private readonly gazetteer: Gazetteer) {}

  mayOpenLongerName(lower: string): boolean {
    return this.gazetteer.mayOpenLongerName(lower);
  }

  /** The gazetteer type code of `text` (−1 when unknown), looked up as set in capitals or not. */
  code(text: string, inCapitals: boolean): number {
    const memo = inCapitals ? this.capitals : this.plain;
    let code = memo.get(text);
    if (code !== undefined) return code;
    const hit = inCapitals ? this.gazetteer.lookupInCapitals(text) : this.gazetteer.lookup(text);
    code = hit ? (GAZ_CODE.get(hit.type) ?? 5) : -1;
    // Bounded: a hostile source of a million distinct words must not grow it for ever.
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(text, code);
    return code;
  }
}

const MEMO_LIMIT = 100_000;

/** A sentence this long gets buffers of its own, not kept: a hostile source's one huge sentence must not hold memory for ever. */
const MAX_SCRATCH = 1 << 16;

/**
 * Buffers a tagger lends the feature source of each sentence it tags, one sentence at a time (a
 * source is done with before the next is made): five arrays per sentence were a cost per sentence.
 * Only the first n entries of each are the sentence's.
 */
export class FeatureScratch {
  size = 0;
  caps = new Uint8Array(0);
  gazSpan = new Int8Array(0);
  gazInside = new Uint8Array(0);
  lowers: string[] = [];
  rows: (Float64Array | undefined)[] = [];

  /** Whether buffers for n tokens are lent (grown if need be); false for a sentence over MAX_SCRATCH. */
  reserve(n: number): boolean {
    if (n > MAX_SCRATCH) return false;
    if (n <= this.size) return true;
    const size = Math.min(MAX_SCRATCH, Math.max(n, 2 * this.size, 64));
    this.caps = new Uint8Array(size);
    this.gazSpan = new Int8Array(size);
    this.gazInside = new Uint8Array(size);
    this.lowers = new Array<string>(size).fill('');
    this.rows = new Array<Float64Array | undefined>(size).fill(undefined);
    this.size = size;
    return true;
  }
}

/**
 * One sentence's tokens, read once (lower case, shapes, lines in capitals, gazetteer runs); each
 * token's features are then hashed when the decoder asks for them, so a word it need not score costs nothing.
 */
export class SentenceFeatureSource {
  readonly n: number;
  readonly lowers: string[];
  /** Shapes drawn when a scored token or its neighbour needs one (featuresOf: training reads them; the tagger's rows draw their own). */
  private shapes: (string | undefined)[] | undefined;
  private readonly caps: Uint8Array;
  private readonly gazSpan: Int8Array;
  private readonly gazInside: Uint8Array;
  private readonly codes: GazetteerCodes;
  private rows: (Float64Array | undefined)[] | undefined;

  /** `scratch`: buffers to fill instead of new ones (see FeatureScratch); `lowers` is then longer than the sentence. */
  constructor(private readonly tokens: readonly Token[], gazetteer: Gazetteer | GazetteerCodes, private readonly casing?: DocumentCasing, private readonly hints?: RuleHints, private readonly words?: WordScores, scratch?: FeatureScratch) {
    const n = (this.n = tokens.length);
    this.codes = gazetteer instanceof GazetteerCodes ? gazetteer : new GazetteerCodes(gazetteer);
    const lent = scratch !== undefined && scratch.reserve(n);
    let lowers: string[];
    let caps: Uint8Array;
    let gazSpan: Int8Array;
    let gazInside: Uint8Array;
    if (lent) {
      lowers = scratch.lowers;
      for (let i = 0; i < n; i++) lowers[i] = tokens[i].lower;
      caps = capsLines(tokens, scratch.caps);
      gazSpan = scratch.gazSpan.fill(-1, 0, n);
      gazInside = scratch.gazInside.fill(0, 0, n);
      const rows = (this.rows = scratch.rows);
      for (let i = 0; i < n; i++) rows[i] = undefined;
    } else {
      lowers = [];
      for (const t of tokens) lowers.push(t.lower);
      caps = capsLines(tokens);
      gazSpan = new Int8Array(n).fill(-1);
      gazInside = new Uint8Array(n);
    }
    this.lowers = lowers;
    this.caps = caps;
    // Gazetteer hits over runs of words joined by single spaces: B/I of the longest known name at each token.
    this.gazSpan = gazSpan;
    this.gazInside = gazInside;
    for (let i = 0; i < n; i++) {
      const c = tokens[i].text.charCodeAt(0);
      if (tokens[i].kind !== 'word' || !(c >= 65 && c <= 90) || gazSpan[i] >= 0) continue;
      let end = i + 1;
      if (this.codes.mayOpenLongerName(tokens[i].lower)) {
        while (end < n && end - i < LONGEST_GAZ_SPAN && tokens[end].kind === 'word' && tokens[end].spaceBefore && !tokens[end].lineBreakBefore) end++;
      }
      // The longest run's text built once; each shorter one is its beginning.
      let longest = tokens[i].text;
      for (let k = i + 1; k < end; k++) longest += ` ${tokens[k].text}`;
      let length = longest.length;
      for (let e = end; e > i; e--) {
        const text = e === end ? longest : e === i + 1 ? tokens[i].text : longest.slice(0, length);
        length -= tokens[e - 1].text.length + 1;
        const code = this.codes.code(text, caps[i] === 1);
        if (code < 0) continue;
        for (let k = i; k < e; k++) {
          gazSpan[k] = code;
          gazInside[k] = k > i ? 1 : 0;
        }
        break;
      }
    }
  }

  private shapeAt(i: number): string {
    return ((this.shapes ??= new Array<string | undefined>(this.n))[i] ??= shapeOf(this.tokens[i].text));
  }

  /** Appends the static feature hashes of token i to `ids`. */
  featuresOf(i: number, ids: number[]): void {
    const { tokens, lowers, n } = this;
    wordFeatures(tokens[i], lowers[i], this.shapeAt(i), this.codes, ids);
    for (let d = -2; d <= 2; d++) {
      if (d === 0) continue;
      const j = i + d;
      const slot = d < 0 ? d + 2 : d + 1;
      if (j < 0 || j >= n) boundaryFeatures(slot, j < 0, ids);
      else contextFeatures(slot, lowers[j], this.shapeAt(j), ids);
    }
    this.sentenceFeatures(i, ids);
  }

  /**
   * Adds the static weights of token i to `scores`: those of its own word and of its neighbours'
   * words from the per-word sums in `words` (a source repeats its words), the rest looked up.
   */
  addScores(i: number, weights: Weights, scores: Float64Array, ids: number[]): void {
    const words = this.words!;
    const { n } = this;
    const own = this.rowAt(i, weights);
    for (let t = 0; t < TAG_COUNT; t++) scores[t] += own[t];
    for (let d = -2; d <= 2; d++) {
      if (d === 0) continue;
      const j = i + d;
      const slot = d < 0 ? d + 2 : d + 1;
      const row = j < 0 || j >= n ? words.boundary(weights, slot, j < 0) : this.rowAt(j, weights);
      const at = (1 + slot) * TAG_COUNT;
      for (let t = 0; t < TAG_COUNT; t++) scores[t] += row[at + t];
    }
    ids.length = 0;
    this.sentenceFeatures(i, ids);
    for (const id of ids) weights.add(id, scores);
  }

  /** Token i's row in `words`, fetched once per sentence: each token is its neighbours' neighbour four times. */
  private rowAt(i: number, weights: Weights): Float64Array {
    const rows = (this.rows ??= new Array<Float64Array | undefined>(this.n));
    return (rows[i] ??= this.words!.of(this.tokens[i], weights));
  }

  /** The features of token i that depend on more than its own word and its neighbours' words. */
  private sentenceFeatures(i: number, ids: number[]): void {
    const { tokens, lowers, caps, gazSpan, gazInside, hints, casing, n } = this;
    const t = tokens[i];
    const lower = lowers[i];
    ids.push(hashPair(T_BIGRAM_PREV, i > 0 ? lowers[i - 1] : '<s>', lower), hashPair(T_BIGRAM_NEXT, lower, i + 1 < n ? lowers[i + 1] : '</s>'));
    if (caps[i]) ids.push(hashInt(T_CAPS_LINE, 0), hash(T_CAPS_LOWER, lower));
    if (gazSpan[i] >= 0) ids.push(hashInt(T_GAZ_SPAN, gazSpan[i] * 2 + gazInside[i]));
    if (i + 1 < n && gazSpan[i + 1] >= 0 && !gazInside[i + 1]) ids.push(hashInt(T_NEXT_GAZ, gazSpan[i + 1]));
    if (i > 0 && gazSpan[i - 1] >= 0) ids.push(hashInt(T_PREV_GAZ, gazSpan[i - 1]));
    const lineStart = i === 0 || t.lineBreakBefore === true;
    ids.push(hashInt(T_POSITION, (lineStart ? 1 : 0) + (i === 0 ? 2 : 0) + (t.spaceBefore ? 4 : 0)));
    if (hints) {
      ids.push(hashInt(T_HINT, hints[i]), hashInt(T_HINT_NEXT, i + 1 < n ? hints[i + 1] : -2), hashInt(T_HINT_PREV, i > 0 ? hints[i - 1] : -2));
      if (hints[i] >= 0) ids.push(hashRange(T_HINT_LOWER * 64 + hints[i], lower, 0, lower.length));
    }
    if (casing && t.kind === 'word') {
      // The same word elsewhere in the source: capitalised mid-line, or in lower case.
      ids.push(hashInt(T_DOC_CASED, (casing.capitalised.has(lower) ? 1 : 0) + (casing.lower.has(lower) ? 2 : 0) + (caps[i] ? 4 : 0)));
    }
  }
}

/** The features of a token that depend on its text alone (and whether it is a word). */
export function wordFeatures(t: Token, lower: string, shape: string, codes: GazetteerCodes, ids: number[]): void {
  const w = t.text;
  ids.push(hashInt(T_BIAS, 0), hash(T_WORD, w), hash(T_LOWER, lower), hash(T_SHAPE, shape));
  const len = Math.min(4, w.length);
  for (let k = 1; k <= len; k++) {
    ids.push(hashRange(T_PREFIX + k - 1, lower, 0, k), hashRange(T_SUFFIX + k - 1, lower, lower.length - k, lower.length));
  }
  if (t.kind === 'word' && w.length > 1) {
    const single = codes.code(w, true);
    if (single >= 0) ids.push(hashInt(T_GAZ, single));
    if (FIRST_NAMES.has(lower)) ids.push(hashInt(T_FIRST_NAME, 0));
  }
}

/** A neighbour's word at `slot` (−2, −1, +1, +2 as 0..3). */
export function contextFeatures(slot: number, lower: string, shape: string, ids: number[]): void {
  ids.push(hash(T_CTX_LOWER + slot, lower), hash(T_CTX_SHAPE + slot, shape));
}

/** No neighbour at `slot`: before the sentence's start or after its end. */
export function boundaryFeatures(slot: number, before: boolean, ids: number[]): void {
  const ctx = before ? '<s>' : '</s>';
  ids.push(hash(T_CTX_LOWER + slot, ctx), hash(T_CTX_SHAPE + slot, ctx));
}

/** Every token's features at once, as training reads them. */
export function extractFeatures(tokens: readonly Token[], gazetteer: Gazetteer | GazetteerCodes, casing?: DocumentCasing, hints?: RuleHints): SentenceFeatures {
  const source = new SentenceFeatureSource(tokens, gazetteer, casing, hints);
  const ids: number[] = [];
  const offsets = new Uint32Array(source.n + 1);
  for (let i = 0; i < source.n; i++) {
    offsets[i] = ids.length;
    source.featuresOf(i, ids);
  }
  offsets[source.n] = ids.length;
  return { ids: Uint32Array.from(ids), offsets, lowers: source.lowers };
}

/** The rules' mentions as hints on the tokens they cover. */
export function ruleHints(tokens: readonly Token[], mentions: readonly { start: number; end: number; type: string; canonical?: string }[]): RuleHints {
  const hints = new Int8Array(tokens.length).fill(-1);
  let k = 0;
  for (const m of mentions) {
    while (k < tokens.length && tokens[k].end <= m.start) k++;
    const code = (GAZ_CODE.get(m.type) ?? 5) * 4 + (m.canonical !== undefined ? 2 : 0);
    for (let i = k; i < tokens.length && tokens[i].start < m.end; i++) hints[i] = code + (i > k ? 1 : 0);
  }
  return hints;
}

let casingCaps = new Uint8Array(256);

/** Gathers a source's casing evidence from its sentences' tokens. */
export function documentCasing(sentences: readonly (readonly Token[])[]): DocumentCasing {
  const capitalised = new Set<string>();
  const lower = new Set<string>();
  for (const tokens of sentences) {
    // One buffer for the source's sentences, not one each (kept between calls unless a sentence is huge).
    let caps = casingCaps;
    if (caps.length < tokens.length) {
      caps = new Uint8Array(Math.max(tokens.length, 2 * caps.length));
      if (caps.length <= MAX_SCRATCH) casingCaps = caps;
    }
    capsLines(tokens, caps);
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t.kind !== 'word') continue;
      const c = t.text.charCodeAt(0);
      if (c >= 97 && c <= 122) lower.add(t.text);
      else if (c >= 65 && c <= 90 && i > 0 && !t.lineBreakBefore && !caps[i] && tokens[i - 1].kind === 'word') capitalised.add(t.lower);
    }
  }
  return { capitalised, lower };
}
