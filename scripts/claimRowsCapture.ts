// The claim kind's rows as its collect step sees them, before the ranker re-scores them: what the
// scripts that fit (trainClaimRanker), measure (claimErrors) or time (bench-claimRanker) the ranker
// read. The kind's collect is swapped for the duration of `run` and always put back.
import { Analyzer } from '../src/core/analyzer';
import type { AnalysisOptions } from '../src/core/model';
import { claimKind, claimRows } from '../src/core/kinds/claim';
import type { RankerRow } from '../src/core/kinds/claim/claimRanker';

/** Analyses one text and returns its claim rows (every sentence scored unless `options` say otherwise). */
export type RowsOf = (text: string, options?: Partial<AnalysisOptions>) => RankerRow[];

/**
 * Runs `run` with a function giving a text's claim rows. With `keepFindings` the kind still makes its
 * findings (an analysis as the product runs it, for timing); without, it stops at the rows.
 */
export function withClaimRows<T>(run: (rowsOf: RowsOf) => T, { keepFindings = false } = {}): T {
  const collect = claimKind.collect;
  let captured: RankerRow[] = [];
  claimKind.collect = (ctx) => {
    captured = claimRows(ctx.paragraphs);
    return keepFindings ? collect(ctx) : { findings: [] };
  };
  const analyzer = new Analyzer();
  try {
    return run((text, options = { claimThreshold: 0 }) => {
      captured = [];
      analyzer.analyze(text, options);
      return captured;
    });
  } finally {
    claimKind.collect = collect;
  }
}
