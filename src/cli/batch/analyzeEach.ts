// The loop the analysing commands share: analyse the sources in order, and say on stderr which
// could not be read (those count against the exit code).
import type { SourceDigest } from '../../core/corpus';
import { jobsFor, type SourceOptions } from '../options';
import type { SourceReport } from '../sourceReport';
import { runBatch } from './runBatch';
import { warn } from '../terminal';

export interface AnalyzeEachOptions {
  /** Names the run in progress and timing lines (the command). */
  label: string;
  /** `--jobs` as given. */
  jobs: string | undefined;
  timing: boolean;
  /** Also compute each source's cross-source digest. */
  digest?: boolean;
}

/**
 * Analyses `files` (see runBatch) and hands each source's report to `onReport`, in input order.
 * A source that cannot be read is reported on stderr; resolves to how many could not be.
 */
export async function analyzeEach(
  files: readonly string[],
  options: SourceOptions,
  run: AnalyzeEachOptions,
  onReport: (report: SourceReport, digest: SourceDigest | undefined) => void | Promise<void>,
): Promise<number> {
  let unreadable = 0;
  await runBatch(files, options, { jobs: jobsFor(run.jobs, files.length), label: run.label, timing: run.timing, digest: run.digest === true }, (r) => {
    if ('report' in r) return onReport(r.report, r.digest);
    if (!('error' in r)) return;
    unreadable++;
    warn(`sourcemark: cannot read ${r.file}: ${r.error}\n`);
  });
  return unreadable;
}
