/** What SOURCEMARK_INDEX_WORKERS asked for and what is used. */
export interface IndexWorkerCount {
  count: number;
  /** Set when the variable was ignored or lowered: why, for the log. */
  note?: string;
}

/**
 * Index workers for `value` (SOURCEMARK_INDEX_WORKERS) on `cores` cores. By default two even on two
 * cores: 2,000 sources index in ~28 s instead of ~39 s and hover on the open file stays at p95 ~10 ms
 * (npm run bench); one on a single core. The variable is for comparing (0 analyses in the server's
 * own thread). Each worker adds ~70 MB at its peak and a typo such as 200 started 200 of them, so it
 * is capped at two or the core count, whichever is more.
 */
export function indexWorkerCount(value: string | undefined, cores: number): IndexWorkerCount {
  const fallback = Math.min(2, cores);
  if (value === undefined || value.trim() === '') return { count: fallback };
  const asked = Number(value);
  if (!Number.isInteger(asked) || asked < 0) return { count: fallback, note: `SOURCEMARK_INDEX_WORKERS="${value}" is not a whole number of 0 or more: using ${fallback}.` };
  const most = Math.max(2, cores);
  if (asked > most) return { count: most, note: `SOURCEMARK_INDEX_WORKERS=${asked} is more than this machine's ${cores} core${cores === 1 ? '' : 's'} can use: using ${most}.` };
  return { count: asked };
}
