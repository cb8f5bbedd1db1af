// The entity tagger's weights and its greedy left-to-right decoding over BIO tags.
import { hash, hashInt, T_PREV2_TAG, T_PREV_TAG, T_PREV_TAG_LOWER, type SentenceFeatures } from './features';

/** BIO tags over the CoNLL types: O, then B- and I- of each type. */
export const TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;
export type TaggerType = (typeof TYPES)[number];
export const TAGS = ['O', ...TYPES.flatMap((t) => [`B-${t}`, `I-${t}`])];
export const TAG_COUNT = TAGS.length;
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

export class PackedWeights implements Weights {
  private readonly table: Int32Array;
  private readonly mask: number;

  constructor(private readonly keys: Uint32Array, private readonly values: Float32Array) {
    let size = 1;
    while (size < keys.length * 2) size <<= 1;
    this.mask = size - 1;
    this.table = new Int32Array(size).fill(-1);
    for (let i = 0; i < keys.length; i++) {
      let slot = keys[i] & this.mask;
      while (this.table[slot] >= 0) slot = (slot + 1) & this.mask;
      this.table[slot] = i;
    }
  }

  add(key: number, scores: Float64Array): void {
    let slot = key & this.mask;
    for (;;) {
      const i = this.table[slot];
      if (i < 0) return;
      if (this.keys[i] === key) {
        const base = i * TAG_COUNT;
        for (let t = 0; t < TAG_COUNT; t++) scores[t] += this.values[base + t];
        return;
      }
      slot = (slot + 1) & this.mask;
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
  const n = f.offsets.length - 1;
  const tags = new Uint8Array(n);
  const scores = new Float64Array(TAG_COUNT);
  const history: number[] = [];
  let prev = START;
  let prev2 = START;
  for (let i = 0; i < n; i++) {
    scores.fill(0);
    for (let k = f.offsets[i]; k < f.offsets[i + 1]; k++) weights.add(f.ids[k], scores);
    for (const h of historyFeatures(f.lowers[i], prev, prev2, history)) weights.add(h, scores);
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
