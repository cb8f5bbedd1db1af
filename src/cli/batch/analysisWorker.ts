// Runs inside a worker thread (dist/cli.js started again as a worker): analyses the sources the
// main thread sends, one at a time, with an Analyzer of its own.
import { parentPort } from 'node:worker_threads';
import { Analyzer } from '../../core/analyzer';
import { digestSource, type SourceDigest } from '../../core/corpus';
import { statPath } from '../../core/files/regularFile';
import type { SourceOptions } from '../options';
import type { CheckFile } from '../checkFile';
import type { StatsFile } from '../statsFile';
import type { ReportSource } from '../../core/report/reportData';
import { reportSource, type SourceReport } from '../sourceReport';
import { CACHED_KINDS, cachedTask, type CachedKindName, type CachedTaskResult, checkCacheFromEnv } from './checkCache';

export const WORKER_ROLE = 'sourcemark-analysis';

/**
 * Paragraph cache of a batch Analyzer. The editor's large cache pays off when one text is edited
 * and re-analysed; a batch reads each source once, so only repeated page furniture ever hits, and
 * a large cache only holds memory (measured: 670 MB peak for 2,000 sources with the default).
 */
export const BATCH_CACHE_PARAGRAPHS = 2_000;

/** One task's work, in a worker or in the main thread: the source's report, and its digest when asked for. */
export async function analyzeTask(file: string, analyzer: Analyzer, options: SourceOptions, digest: boolean): Promise<{ report: SourceReport; digest?: SourceDigest }> {
  const report = await reportSource(file, analyzer, options);
  return { report, ...(digest ? { digest: digestSource(report.text, report) } : {}) };
}

export interface WorkerTask {
  id: number;
  file: string;
  options: SourceOptions;
  /** Also compute the source's cross-source digest (for conflicts and the timeline). */
  digest: boolean;
  /** Reply with what `check`, `report` or `stats` keeps of the source instead of its report, read from the digest cache when `cache`. */
  cached?: { kind: CachedKindName; cache: boolean };
}

/** What a task gives: a source's report, or `check`'s result of it (and whether the cache answered). */
export type TaskResult =
  | { report: SourceReport; digest?: SourceDigest }
  | ({ check: CheckFile } & Kept)
  | ({ source: ReportSource } & Kept)
  | ({ stats: StatsFile } & Kept);

/** What a cached command's task gives besides its result. */
type Kept = Omit<CachedTaskResult<unknown>, 'value'>;

/**
 * A task's reply from a worker, with its file's size in bytes (stat there, off the main thread, which
 * then waited on one stat per source in turn). A digest just written to the cache comes as that
 * JSON (`digestJson`), not as the digest: posting 1,000 digests cloned cost a worker ~100 ms against
 * ~23 ms for their JSON, and the main thread ~300 ms more to take in than to parse.
 */
export type WorkerReply = ({ id: number; bytes: number } & TaskResult) | { id: number; error: string };

/** Runs one task, in a worker or in the main thread. */
export async function runTask(task: Omit<WorkerTask, 'id'>, analyzer: Analyzer): Promise<TaskResult> {
  if (!task.cached) return analyzeTask(task.file, analyzer, task.options, task.digest);
  const cache = task.cached.cache ? checkCacheFromEnv() : undefined;
  if (task.cached.kind === 'check') {
    const { value, ...rest } = await cachedTask(CACHED_KINDS.check, task.file, analyzer, task.options, task.digest, cache);
    return { check: value, ...rest };
  }
  if (task.cached.kind === 'stats') {
    const { value, ...rest } = await cachedTask(CACHED_KINDS.stats, task.file, analyzer, task.options, task.digest, cache);
    return { stats: value, ...rest };
  }
  const { value, ...rest } = await cachedTask(CACHED_KINDS.reportSource, task.file, analyzer, task.options, task.digest, cache);
  return { source: value, ...rest };
}

export function runAnalysisWorker(): void {
  const port = parentPort;
  if (!port) throw new Error('runAnalysisWorker must run in a worker thread.');
  const analyzer = new Analyzer(BATCH_CACHE_PARAGRAPHS);
  // Tasks are handled strictly in turn: the analysis is synchronous, so nothing is gained by overlap.
  let queue = Promise.resolve();
  port.on('message', (task: WorkerTask) => {
    queue = queue.then(async () => {
      let reply: WorkerReply;
      try {
        const result = await runTask(task, analyzer);
        if ('digestJson' in result && result.digestJson !== undefined) delete result.digest;
        reply = { id: task.id, bytes: await statPath(task.file).then((st) => st.size, () => 0), ...result };
      } catch (e) {
        reply = { id: task.id, error: (e as Error).message };
      }
      port.postMessage(reply);
    });
  });
}
