// Scoring functions for the quality evaluation. Pure: spans and labels in, counts and ratios out.

/** A labelled text span; offsets are UTF-16 code units, start inclusive, end exclusive. */
export interface Span {
  start: number;
  end: number;
  label?: string;
  value?: string | null;
}

export interface Prf {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Precision, recall and F1 from counts; a ratio with a zero denominator is 0. */
export function prf(tp: number, fp: number, fn: number): Prf {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

/** Adds counts of several documents or types into one micro-averaged figure. */
export function sumPrf(parts: readonly Pick<Prf, 'tp' | 'fp' | 'fn'>[]): Prf {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const p of parts) {
    tp += p.tp;
    fp += p.fp;
    fn += p.fn;
  }
  return prf(tp, fp, fn);
}

export type SpanMatch = 'exact' | 'overlap';

export interface SpanAlignment {
  /** Pairs of matched gold and predicted spans (each span used at most once). */
  pairs: { gold: Span; pred: Span }[];
  missed: Span[];
  spurious: Span[];
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
const overlapLength = (a: Span, b: Span) => Math.min(a.end, b.end) - Math.max(a.start, b.start);

/**
 * One-to-one alignment of predicted to gold spans of one document. `exact` pairs equal offsets;
 * `overlap` pairs spans sharing at least one code unit, largest overlap first. With `sameLabel`
 * a pair must also agree on its label.
 */
export function alignSpans(gold: readonly Span[], pred: readonly Span[], match: SpanMatch, sameLabel = false): SpanAlignment {
  const candidates: { g: number; p: number; size: number }[] = [];
  for (let g = 0; g < gold.length; g++) {
    for (let p = 0; p < pred.length; p++) {
      const a = gold[g];
      const b = pred[p];
      if (sameLabel && a.label !== b.label) continue;
      if (match === 'exact' ? a.start === b.start && a.end === b.end : overlaps(a, b)) {
        candidates.push({ g, p, size: overlapLength(a, b) });
      }
    }
  }
  candidates.sort((x, y) => y.size - x.size || x.g - y.g || x.p - y.p);
  const goldUsed = new Set<number>();
  const predUsed = new Set<number>();
  const pairs: SpanAlignment['pairs'] = [];
  for (const c of candidates) {
    if (goldUsed.has(c.g) || predUsed.has(c.p)) continue;
    goldUsed.add(c.g);
    predUsed.add(c.p);
    pairs.push({ gold: gold[c.g], pred: pred[c.p] });
  }
  return {
    pairs,
    missed: gold.filter((_, i) => !goldUsed.has(i)),
    spurious: pred.filter((_, i) => !predUsed.has(i)),
  };
}

/** Counts of an alignment. */
export function alignmentPrf(a: SpanAlignment): Prf {
  return prf(a.pairs.length, a.spurious.length, a.missed.length);
}

/**
 * TempEval-3 value measure: a relaxed (overlap) match counts only when the normalised values are
 * equal; precision is over all predictions, recall over all gold spans.
 */
export function valuePrf(gold: readonly Span[], pred: readonly Span[]): Prf {
  const a = alignSpans(gold, pred, 'overlap');
  const correct = a.pairs.filter((p) => p.gold.value != null && p.gold.value === p.pred.value).length;
  return prf(correct, pred.length - correct, gold.length - correct);
}

/** Binary classification counts: `positive` items predicted `predicted`. */
export function classificationPrf(items: readonly { positive: boolean; predicted: boolean }[]): Prf {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const i of items) {
    if (i.predicted && i.positive) tp++;
    else if (i.predicted) fp++;
    else if (i.positive) fn++;
  }
  return prf(tp, fp, fn);
}

/**
 * Average precision of a ranking by score: the sum over distinct score thresholds (highest first)
 * of precision at that threshold times the recall it adds. Items with tied scores enter together,
 * so a ranking gets no credit for an order it does not make. 0 when there is no positive item.
 */
export function averagePrecision(items: readonly { positive: boolean; score: number }[]): number {
  const positives = items.filter((i) => i.positive).length;
  if (positives === 0) return 0;
  const sorted = [...items].sort((a, b) => b.score - a.score);
  let ap = 0;
  let tp = 0;
  let seen = 0;
  let previousRecall = 0;
  for (let i = 0; i < sorted.length; ) {
    const score = sorted[i].score;
    while (i < sorted.length && sorted[i].score === score) {
      if (sorted[i].positive) tp++;
      seen++;
      i++;
    }
    const recall = tp / positives;
    ap += (recall - previousRecall) * (tp / seen);
    previousRecall = recall;
  }
  return ap;
}

/**
 * Sentence-level detection: a unit is positive in gold (or predicted) when it overlaps at least
 * one gold (or predicted) cue span.
 */
export function unitPrf(units: readonly Span[], goldCues: readonly Span[], predCues: readonly Span[]): Prf & { positives: number } {
  const items = units.map((u) => ({ positive: goldCues.some((c) => overlaps(u, c)), predicted: predCues.some((c) => overlaps(u, c)) }));
  return { ...classificationPrf(items), positives: items.filter((i) => i.positive).length };
}
