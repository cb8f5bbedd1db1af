// A results report names its quarter once ("third-quarter profit rose…") and then compares with
// "a year earlier", "the year-ago results" or "the 1988 period" in later paragraphs: those mean the
// same quarter of another year. This pass runs over a source's dates in text order.
import { withValue, type DateHit } from './dateRule';

const QUARTER = /^(\d{4})-Q([1-4])$/;
const YEAR = /^\d{4}$/;

/** Rules whose year becomes a quarter once the source has named one. */
const YEAR_AGO_RULES = new Set(['year-earlier']);
const YEAR_OF_QUARTER_RULES = new Set(['year-period']);

/**
 * Returns the hits with the year of "a year earlier" to the latest quarter named before it
 * less four, and "the 1988 period" to that quarter in 1988. Hits before any quarter stay as they are.
 */
export function anchorQuarters<T extends DateHit>(
  hits: readonly T[],
  /** Given: the latest quarter named before these hits, and after them once they are read (hits read in parts). */
  state?: QuarterState,
): T[] {
  let latest = state?.latest;
  // Pushed, not mapped: `map` makes a holey array, which the passes after this one were not compiled for.
  const out: T[] = [];
  for (const h of hits) {
    const quarter = h.value ? QUARTER.exec(h.value) : null;
    if (quarter && !YEAR_AGO_RULES.has(h.rule)) {
      const seen = { year: +quarter[1]!, q: +quarter[2]! };
      if (!latest || seen.year * 4 + seen.q > latest.year * 4 + latest.q) latest = seen;
      out.push(h);
    } else if (!latest || !h.value || !YEAR.test(h.value)) {
      out.push(h);
    } else if (YEAR_AGO_RULES.has(h.rule)) {
      out.push(withValue(h, `${String(latest.year - 1).padStart(4, '0')}-Q${latest.q}`));
    } else if (YEAR_OF_QUARTER_RULES.has(h.rule)) {
      out.push(withValue(h, `${h.value}-Q${latest.q}`));
    } else {
      out.push(h);
    }
  }
  if (state) state.latest = latest;
  return out;
}

/** The latest quarter a source has named so far, as anchorQuarters reads a source's hits in order. */
export interface QuarterState {
  latest?: { year: number; q: number };
}
