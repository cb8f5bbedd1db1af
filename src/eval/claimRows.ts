// The claim kind's rows as its collect step sees them, before the ranker re-scores them: what the
// eval's cross-validation of the rules' weights and the scripts that fit (trainClaimRanker,
// trainClaimWeights), measure (claimErrors) or time (bench-claimRanker) them read. The kind's collect
// is swapped for the duration of a run and always put back.
import { Analyzer } from '../core/analyzer';
import type { AnalysisOptions } from '../core/model';
import { claimKind, claimRows } from '../core/kinds/claim';
import type { RankerRow } from '../core/kinds/claim/claimRanker';

/** Analyses one text and returns its claim rows (every sentence scored unless `options` say otherwise). */
export type RowsOf = (text: string, options?: Partial<AnalysisOptions>) => RankerRow[];

/**
 * Runs `run` and returns what it returned with the claim rows of the last source it analysed. With
 * `keepFindings` the kind still makes its findings (an analysis as the product runs it); without, it
 * stops at the rows.
 */
export function captureClaimRows<T>(run: () => T, { keepFindings = true } = {}): { result: T; rows: RankerRow[] } {
  const collect = claimKind.collect;
  let rows: RankerRow[] = [];
  claimKind.collect = (ctx) => {
    rows = claimRows(ctx.paragraphs);
    return keepFindings ? collect(ctx) : { findings: [] };
  };
  try {
    return { result: run(), rows };
  } finally {
    claimKind.collect = collect;
  }
}

/** Runs `run` with a function giving a text's claim rows (see captureClaimRows for `keepFindings`). */
export function withClaimRows<T>(run: (rowsOf: RowsOf) => T, { keepFindings = false } = {}): T {
  const analyzer = new Analyzer();
  return run((text, options = { claimThreshold: 0 }) => captureClaimRows(() => analyzer.analyze(text, options), { keepFindings }).rows);
}
