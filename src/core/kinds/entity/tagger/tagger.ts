// The statistical entity tagger: an averaged perceptron fitted on CoNLL-2003 train by
// scripts/train/train-entity-tagger.ts, shipped as entityTagger.bin (see weightsFile.ts). It reads one sentence's tokens
// and returns typed spans; the rules in ../entityDetector.ts then add what they know better.
import { token, type Token } from '../../../text/sentences';
import { Gazetteer } from '../gazetteer';
import { SENTENCE_INITIAL_COMMON } from '../entityWords';
import { FeatureScratch, GazetteerCodes, SentenceFeatureSource, type DocumentCasing, type RuleHints } from './features';
import { WordScores } from './wordScores';
import { decodeTokens, PackedWeights, QuantisedWeights, TAG_COUNT, TYPES, type TaggerType, type Weights } from './model';
import { readShippedWeights, type PackedModel } from './weightsFile';
import { isDigits } from '../../../text/wordTests';

export interface TaggedSpan {
  /** Offsets as the tokens', end exclusive. */
  start: number;
  end: number;
  type: TaggerType;
  /** The smallest lead of a tag of the span over the next best, in units of the weights' typical size: how sure the tagger is. */
  margin: number;
}

/** Token indexes of a span, end exclusive. */
interface TokenSpan {
  from: number;
  to: number;
  type: TaggerType;
}

const ABBREVIATION = /^(?:\p{L}|inc|corp|co|ltd|jr|sr|st|bros|no|mr|mrs|ms|dr|gen|gov|sen|rep|mt|ft|u\.s|u\.k|[a-z]\.[a-z])\.$/iu;

/** Whether conllTokens changes token i (see there). */
function splits(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i];
  const w = t.text;
  if (w === "'" || w === '’') return true;
  if (t.kind !== 'word' || w.length < 2) return false;
  const last = w.charCodeAt(w.length - 1);
  return last === 46 /* . */ || last === 115 /* s */ || last === 83 /* S */;
}

/**
 * The tokens as CoNLL splits them, which the weights were fitted on: "Xiaomi's" is "Xiaomi" "'s", the
 * parser's "'" "s" is one "'s", and a period the parser left on a word that is no abbreviation ("Pro.") stands alone.
 */
export function conllTokens(tokens: readonly Token[]): readonly Token[] {
  // Most sentences have nothing to split: no copy then.
  let first = 0;
  while (first < tokens.length && !splits(tokens, first)) first++;
  if (first === tokens.length) return tokens;
  const out: Token[] = [];
  for (let i = 0; i < first; i++) out.push(tokens[i]);
  for (let i = first; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    if ((t.text === "'" || t.text === '’') && next && !next.spaceBefore && (next.text === 's' || next.text === 'S') && (i + 2 >= tokens.length || tokens[i + 2].spaceBefore || tokens[i + 2].kind !== 'word')) {
      out.push(token("'s", t.start, next.end, 'word', t.spaceBefore, t.lineBreakBefore));
      i++;
      continue;
    }
    const w = t.text;
    if (t.kind === 'word' && w.length > 2 && /['’][sS]$/.test(w)) {
      out.push(token(w.slice(0, -2), t.start, t.end - 2, t.kind, t.spaceBefore, t.lineBreakBefore));
      out.push(token("'s", t.end - 2, t.end, 'word', false, false));
      continue;
    }
    if (t.kind === 'word' && w.length > 1 && w.endsWith('.') && !w.slice(0, -1).includes('.') && !ABBREVIATION.test(w)) {
      out.push(token(w.slice(0, -1), t.start, t.end - 1, t.kind, t.spaceBefore, t.lineBreakBefore));
      out.push(token('.', t.end - 1, t.end, 'punct', false, false));
      continue;
    }
    out.push(t);
  }
  return out;
}

export function unpack(model: PackedModel): PackedWeights {
  const { keys, scales, values: raw } = model;
  const values = new Float32Array(raw.length);
  for (let k = 0; k < keys.length; k++) {
    const unit = model.step * Math.exp(scales[k] * model.growth);
    for (let t = 0; t < TAG_COUNT; t++) values[k * TAG_COUNT + t] = raw[k * TAG_COUNT + t] * unit;
  }
  return new PackedWeights(keys, values);
}

/** The packed model as the decoder reads it (see QuantisedWeights); the same scores as unpack() gives, but for rounding. */
export function load(model: PackedModel): QuantisedWeights {
  const units = new Float64Array(256);
  for (let b = 0; b < 256; b++) units[b] = model.step * Math.exp(b * model.growth);
  return new QuantisedWeights(model.keys, model.scales, model.values, units);
}

let shipped: Weights | undefined;

const PLAIN = /^[^\p{Lu}\p{Lt}\d]*$/u;

/** A token without a capital or a digit in any script: no name starts there (see decodeTokens). ASCII by char codes, the rest by the expression. */
export function isPlain(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c > 127) return PLAIN.test(w);
    if ((c >= 65 && c <= 90) || (c >= 48 && c <= 57)) return false;
  }
  return true;
}

/** What follows the modal "May" opening a wish or a question ("May I ask", "May the best team win", "May God bless"), never a surname. */
const MODAL_SUBJECTS = new Set(['i', 'we', 'you', 'he', 'she', 'it', 'they', 'one', 'the', 'this', 'that', 'these', 'those', 'there', 'god', 'his', 'her', 'their', 'our', 'your', 'my', 'its', 'all', 'each', 'every', 'both', 'no', 'heaven']);

/** The sentence opens (after any quotation mark or bracket) with the modal "May": no name starts there. */
export function modalMay(tokens: readonly Token[]): boolean {
  let i = 0;
  while (i < tokens.length && tokens[i].kind !== 'word') i++;
  if (i + 1 >= tokens.length || (tokens[i].text !== 'May' && tokens[i].text !== 'MAY')) return false;
  const next = tokens[i + 1];
  return next.kind === 'word' && next.spaceBefore === true && MODAL_SUBJECTS.has(next.lower);
}

// Scratch space of tag(), which never re-enters itself: read before it returns.
let sharedMargins = new Float32Array(256);
let sharedPlain = new Uint8Array(256);
let sharedTags = new Uint8Array(256);
const MAX_SHARED = 1 << 16;

export class EntityTagger {
  private readonly weights: Weights;
  private readonly codes: GazetteerCodes;
  private readonly words: WordScores;
  /** The feature source's buffers, lent to one sentence at a time. */
  private readonly scratch = new FeatureScratch();
  /** Plain tokens after an O are O without scoring (see decodeTokens); off only to test that this changes nothing. */
  private readonly plainShortcut = true;

  constructor(gazetteer = new Gazetteer(), weights?: Weights) {
    // Read once per process, on the first tagger made.
    this.weights = weights ?? (shipped ??= load(readShippedWeights()));
    this.codes = new GazetteerCodes(gazetteer);
    this.words = new WordScores(this.codes);
  }

  /** The entity spans of one sentence's tokens, given the rules' hints (see ruleHints). */
  /** `casing` may be given as a function, called only if a word of the sentence is scored. */
  tag(sentenceTokens: readonly Token[], casing?: DocumentCasing | (() => DocumentCasing), hints?: (tokens: readonly Token[]) => RuleHints): TaggedSpan[] {
    const tokens = conllTokens(sentenceTokens);
    const n = tokens.length;
    if (!n) return [];
    // Scratch kept from sentence to sentence (as the margins): read only below n, and not after tag() returns.
    let plain = sharedPlain;
    if (plain.length < n) {
      plain = new Uint8Array(Math.max(n, 2 * plain.length));
      if (plain.length <= MAX_SHARED) sharedPlain = plain;
    }
    for (let i = 0; i < n; i++) plain[i] = isPlain(tokens[i].text) ? 1 : 0;
    // Nor before a plain word: a bare number ("20 percent") or a common opening word ("It is"). Same tags on testa and the samples, a fifth fewer tokens scored.
    let scored = 0;
    for (let i = 0; i < n; i++) {
      // A token's `lower` is its text lower-cased (token()).
      if (!plain[i] && (i + 1 >= n || plain[i + 1])) {
        if ((i === 0 && SENTENCE_INITIAL_COMMON.has(tokens[i].lower)) || isDigits(tokens[i].text)) plain[i] = 1;
      }
      if (!plain[i]) scored++;
    }
    if (modalMay(tokens)) {
      let at = 0;
      while (tokens[at].kind !== 'word') at++;
      if (!plain[at]) scored--;
      plain[at] = 1;
    }
    // Nothing a name could start at ("The phone sold well."): no features, no hints.
    if (!scored && this.plainShortcut) return [];
    let margins = sharedMargins;
    if (margins.length < n) {
      margins = new Float32Array(n);
      // Kept for the next sentences unless a hostile one is huge.
      if (n <= MAX_SHARED) sharedMargins = margins;
    }
    const source = new SentenceFeatureSource(tokens, this.codes, typeof casing === 'function' ? casing() : casing, hints?.(tokens), this.words, this.scratch);
    let tagsInto = sharedTags;
    if (tagsInto.length < n) {
      tagsInto = new Uint8Array(Math.max(n, 2 * tagsInto.length));
      if (tagsInto.length <= MAX_SHARED) sharedTags = tagsInto;
    }
    const tags = decodeTokens(this.weights, n, source.lowers, source, margins, this.plainShortcut ? plain : undefined, tagsInto);
    const out: TaggedSpan[] = [];
    for (const s of spansOf(tags, n)) {
      // A span starts and ends on a word: never on "(" or '"'.
      let { from, to } = s;
      while (from < to && tokens[from].kind !== 'word') from++;
      while (to > from && tokens[to - 1].kind !== 'word') to--;
      let margin = Infinity;
      for (let i = s.from; i < s.to; i++) margin = Math.min(margin, margins[i]);
      if (from < to) out.push({ start: tokens[from].start, end: tokens[to - 1].end, type: s.type, margin });
    }
    return out;
  }
}

/** B-X starts a span, I-X continues one of the same type; `n`, how many of `tags` are the sentence's. */
export function spansOf(tags: Uint8Array, n = tags.length): TokenSpan[] {
  const spans: TokenSpan[] = [];
  let open: TokenSpan | undefined;
  for (let i = 0; i <= n; i++) {
    const tag = i < n ? tags[i] : 0;
    const type = tag === 0 ? undefined : TYPES[(tag - 1) >> 1];
    if (open && (tag === 0 || tag % 2 === 1 || type !== open.type)) {
      open.to = i;
      spans.push(open);
      open = undefined;
    }
    if (type && !open) open = { from: i, to: i + 1, type };
  }
  return spans;
}
