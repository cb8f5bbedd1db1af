// Per tagger, by token text: the summed weights of the features a token's word decides alone, so
// that decoding a source, which repeats its words, adds five rows instead of some thirty lookups.
import type { Token } from '../../../text/sentences';
import { boundaryFeatures, contextFeatures, shapeOf, wordFeatures, type GazetteerCodes } from './features';
import type { Weights } from './model';
import { TAG_COUNT as TAGS_IMPORTED } from './tags';

// A module's own constant: an imported binding can be a getter call in each loop test when not bundled (tsx, vitest).
const TAG_COUNT = TAGS_IMPORTED;

/** A word's own features, then the word as the neighbour at each context slot (−2, −1, +1, +2). */
const ROW = 5 * TAG_COUNT;
/** Bounded like GazetteerCodes: a hostile source of a million distinct words must not grow it for ever (20,000 rows are 7 MB). */
const LIMIT = 20_000;

/** The sums differ from adding each feature's weights in turn only in rounding. */
export class WordScores {
  /** Rows of non-word tokens, then of words: a word's gazetteer and given-name features count only for words. */
  private readonly rows = [new Map<string, Float64Array>(), new Map<string, Float64Array>()];
  private readonly edges: (Float64Array | undefined)[] = [];
  private readonly ids: number[] = [];

  constructor(private readonly codes: GazetteerCodes) {}

  of(t: Token, weights: Weights): Float64Array {
    const memo = this.rows[t.kind === 'word' ? 1 : 0];
    let row = memo.get(t.text);
    if (row) return row;
    const lower = t.lower;
    const shape = shapeOf(t.text);
    row = new Float64Array(ROW);
    const ids = this.ids;
    ids.length = 0;
    wordFeatures(t, lower, shape, this.codes, ids);
    this.sum(weights, row, 0);
    for (let slot = 0; slot < 4; slot++) {
      ids.length = 0;
      contextFeatures(slot, lower, shape, ids);
      this.sum(weights, row, 1 + slot);
    }
    if (memo.size >= LIMIT) memo.clear();
    memo.set(t.text, row);
    return row;
  }

  /** The row of an absent neighbour (before the sentence or after it), laid out as a word's. */
  boundary(weights: Weights, slot: number, before: boolean): Float64Array {
    const k = slot * 2 + (before ? 1 : 0);
    let row = this.edges[k];
    if (!row) {
      row = new Float64Array(ROW);
      this.ids.length = 0;
      boundaryFeatures(slot, before, this.ids);
      this.sum(weights, row, 1 + slot);
      this.edges[k] = row;
    }
    return row;
  }

  private sum(weights: Weights, row: Float64Array, part: number): void {
    const scores = row.subarray(part * TAG_COUNT, (part + 1) * TAG_COUNT);
    for (const id of this.ids) weights.add(id, scores);
  }
}
