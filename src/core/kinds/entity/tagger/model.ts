// The entity tagger's weights and its greedy left-to-right decoding over BIO tags.
import { hash, hashInt, T_PREV2_TAG, T_PREV_TAG, T_PREV_TAG_LOWER, type SentenceFeatures } from './features';

import { TAG_COUNT as COUNT_OF_TAGS } from './tags';

export { TAGS, TYPES, type TaggerType } from './tags';
// The module's own constant: an imported binding can be a getter call in each loop test when not bundled (tsx, vitest).
export const TAG_COUNT = COUNT_OF_TAGS;
const START = TAG_COUNT; // the tag "before" the sentence

/** I-X may follow only B-X or I-X. */
export function allowed(prev: number, tag: number): boolean {
  if (tag === 0 || tag % 2 === 1) return true;
  return prev === tag || prev === tag - 1;
}

/** Weights by feature hash: an open-addressing table of keys and TAG_COUNT weights per key. */
export interface Weights {
  /** Weights of `key` added into `scores`. */
  add(key: number, scores: Float64Array): void;
}

const STRIDE = TAG_COUNT + 1;

export class PackedWeights implements Weights {
  /**
   * Open addressing with each slot's key and its TAG_COUNT weights side by side (one cache line per
   * probe): key 0 marks an empty slot, so the one key that is 0, if any, keeps its row apart.
   */
  private readonly keys: Uint32Array;
  private readonly weights: Float32Array;
  private readonly mask: number;
  private readonly zeroRow: Float32Array | undefined;

  constructor(keys: Uint32Array, values: Float32Array) {
    let size = 1;
    while (size < keys.length * 2) size <<= 1;
    this.mask = size - 1;
    const buffer = new ArrayBuffer(size * STRIDE * 4);
    this.keys = new Uint32Array(buffer);
    this.weights = new Float32Array(buffer);
    let zero: Float32Array | undefined;
    for (let i = 0; i < keys.length; i++) {
      const row = values.subarray(i * TAG_COUNT, (i + 1) * TAG_COUNT);
      if (keys[i] === 0) {
        zero = row;
        continue;
      }
      let slot = keys[i] & this.mask;
      while (this.keys[slot * STRIDE] !== 0) slot = (slot + 1) & this.mask;
      this.keys[slot * STRIDE] = keys[i];
      this.weights.set(row, slot * STRIDE + 1);
    }
    this.zeroRow = zero;
  }

  add(key: number, scores: Float64Array): void {
    if (key === 0) {
      if (this.zeroRow) for (let t = 0; t < TAG_COUNT; t++) scores[t] += this.zeroRow[t];
      return;
    }
    const { keys, weights, mask } = this;
    let slot = key & mask;
    for (;;) {
      const at = slot * STRIDE;
      const k = keys[at];
      if (k === key) {
        for (let t = 0; t < TAG_COUNT; t++) scores[t] += weights[at + 1 + t];
        return;
      }
      if (k === 0) return;
      slot = (slot + 1) & mask;
    }
  }
}

const SLOT_BYTES = 16;

/**
 * The shipped weights as they are packed: per slot a key, the row's scale byte and TAG_COUNT signed
 * bytes, 16 bytes in all (one cache line holds a probe; a third of the memory of float rows, which
 * matters as decoding is mostly table lookups). Key 0 marks an empty slot, so a key that is 0 keeps its row apart.
 */
export class QuantisedWeights implements Weights {
  private readonly keys: Uint32Array;
  private readonly bytes: Uint8Array;
  private readonly weights: Int8Array;
  private readonly mask: number;
  private readonly zeroRow: Float64Array | undefined;

  /** `units[scale]` is the weight of 1 in a row with that scale byte. */
  constructor(keys: Uint32Array, scales: Uint8Array, raw: Int8Array, private readonly units: Float64Array) {
    let size = 1;
    while (size < keys.length * 2) size <<= 1;
    this.mask = size - 1;
    const buffer = new ArrayBuffer(size * SLOT_BYTES);
    this.keys = new Uint32Array(buffer);
    this.bytes = new Uint8Array(buffer);
    this.weights = new Int8Array(buffer);
    let zero: Float64Array | undefined;
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === 0) {
        zero = Float64Array.from(raw.subarray(i * TAG_COUNT, (i + 1) * TAG_COUNT), (v) => v * units[scales[i]]);
        continue;
      }
      let slot = keys[i] & this.mask;
      while (this.keys[(slot * SLOT_BYTES) >> 2] !== 0) slot = (slot + 1) & this.mask;
      const at = slot * SLOT_BYTES;
      this.keys[at >> 2] = keys[i];
      this.bytes[at + 4] = scales[i];
      this.weights.set(raw.subarray(i * TAG_COUNT, (i + 1) * TAG_COUNT), at + 5);
    }
    this.zeroRow = zero;
  }

  add(key: number, scores: Float64Array): void {
    if (key === 0) {
      if (this.zeroRow) for (let t = 0; t < TAG_COUNT; t++) scores[t] += this.zeroRow[t];
      return;
    }
    const { keys, bytes, weights, mask, units } = this;
    let slot = key & mask;
    for (;;) {
      const at = slot * SLOT_BYTES;
      const k = keys[at >> 2];
      if (k === key) {
        const unit = units[bytes[at + 4]];
        for (let t = 0; t < TAG_COUNT; t++) scores[t] += weights[at + 5 + t] * unit;
        return;
      }
      if (k === 0) return;
      slot = (slot + 1) & mask;
    }
  }
}

/** Tag-dependent features of token i given the two tags before it. */
export function historyFeatures(lower: string, prev: number, prev2: number, out: number[]): number[] {
  out.length = 0;
  out.push(hashInt(T_PREV_TAG, prev), hashInt(T_PREV2_TAG, prev * 16 + prev2), hash(T_PREV_TAG_LOWER * 16 + prev, lower));
  return out;
}

/**
 * Greedy decoding: each token's best tag allowed after the one before it. `margins`, when given,
 * receives how far each chosen tag's score is ahead of the next best.
 */
export function decode(weights: Weights, f: SentenceFeatures, margins?: Float32Array): Uint8Array {
  const source = {
    addScores(i: number, w: Weights, scores: Float64Array): void {
      for (let k = f.offsets[i]; k < f.offsets[i + 1]; k++) w.add(f.ids[k], scores);
    },
  };
  return decodeTokens(weights, f.offsets.length - 1, f.lowers, source, margins);
}

/** Adds the weights of token i's static features to `scores`; `ids` is scratch space. */
export interface TokenScorer {
  addScores(i: number, weights: Weights, scores: Float64Array, ids: number[]): void;
}

// Scratch space of decodeTokens, which never re-enters itself.
const scores = new Float64Array(TAG_COUNT);
const ids: number[] = [];
const history: number[] = [];

/**
 * Greedy decoding over features asked for token by token. A token marked in `plain` after an O is O
 * without scoring (see EntityTagger.tag for which): most of a source's words are such.
 */
export function decodeTokens(weights: Weights, n: number, lowers: readonly string[], source: TokenScorer, margins?: Float32Array, plain?: Uint8Array, into?: Uint8Array): Uint8Array {
  // `into`: a buffer to write the tags into (its first n bytes), not a new one.
  const tags = into ? into.fill(0, 0, n) : new Uint8Array(n);
  let prev = START;
  let prev2 = START;
  for (let i = 0; i < n; i++) {
    if (plain?.[i] && (prev === 0 || prev === START)) {
      // tags[i] stays O; its margin is unused, as no span holds it.
      prev2 = prev;
      prev = 0;
      continue;
    }
    scores.fill(0);
    source.addScores(i, weights, scores, ids);
    for (const h of historyFeatures(lowers[i], prev, prev2, history)) weights.add(h, scores);
    let best = 0;
    for (let t = 1; t < TAG_COUNT; t++) if (scores[t] > scores[best] && allowed(prev, t)) best = t;
    if (margins) {
      let second = -Infinity;
      for (let t = 0; t < TAG_COUNT; t++) if (t !== best && allowed(prev, t) && scores[t] > second) second = scores[t];
      margins[i] = scores[best] - second;
    }
    tags[i] = best;
    prev2 = prev;
    prev = best;
  }
  return tags;
}
