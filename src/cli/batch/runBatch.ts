// Analyses many sources on every core: a pool of worker threads (core/workerPool.ts), each running
// the same bundled CLI file as a worker. Results come back in input order, whatever order workers
// finish in.
import { stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { Analyzer } from '../../core/analyzer';
import { WorkerPool } from '../../core/workerPool';
import type { SourceOptions } from '../options';
import { BATCH_CACHE_PARAGRAPHS, runTask, type TaskResult, WORKER_ROLE, type WorkerReply, type WorkerTask } from './analysisWorker';
import { Progress, type BatchFigures } from './progress';
import type { SourceDigest } from '../../core/corpus';
import { PackWriter } from '../../core/corpus/packWriter';
import { checkCacheFromEnv } from './checkCache';

export type BatchResult = ({ file: string; bytes?: number } & TaskResult) | { file: string; error: string };

export interface BatchOptions {
  jobs: number;
  /** Names the run in progress and timing lines (the command). */
  label: string;
  timing: boolean;
  /** Compute each source's cross-source digest too (in the worker, where the analysis is). */
  digest?: boolean;
  /** Give what `check` or `report` keeps of each source instead of its report, from the digest cache when `cache`. */
  cached?: WorkerTask['cached'];
}

/** Tasks in flight per worker: one running, one waiting, so a worker never idles on a round trip. */
const IN_FLIGHT = 2;
/** Finished results held for in-order delivery, per worker, before new tasks wait for a slow one. */
const WINDOW = 32;

/** The cache entries of a batch's fresh results, written to the cache a pack at a time. */
class BatchPacks {
  private readonly writer = new PackWriter(checkCacheFromEnv());

  /** The result without its entry, which is kept to be written. */
  async take(r: BatchResult): Promise<BatchResult> {
    if (!('entry' in r) || r.entry === undefined) return r;
    const { entry, ...rest } = r;
    await this.writer.add(entry);
    return rest;
  }

  flush(): Promise<void> {
    return this.writer.flush();
  }
}

/** A worker's reply as a result: a digest that came as JSON parsed. */
function fromReply(file: string, reply: WorkerReply): BatchResult {
  const { id: _id, ...rest } = reply;
  if (!('digestJson' in rest) || rest.digestJson === undefined) return { file, ...rest };
  const { digestJson, ...result } = rest;
  return { file, ...result, digest: JSON.parse(digestJson) as SourceDigest };
}

export async function runBatch(
  files: readonly string[],
  options: SourceOptions,
  batch: BatchOptions,
  onResult: (r: BatchResult, index: number) => void | Promise<void>,
): Promise<BatchFigures> {
  const progress = new Progress(batch.label, files.length, batch.timing);
  const packs = new BatchPacks();
  let bytes = 0;
  let cached = 0;
  const count = async (r: BatchResult) => {
    bytes += 'bytes' in r && r.bytes !== undefined ? r.bytes : await stat(r.file).then((s) => s.size, () => 0);
    if ('cached' in r && r.cached) cached++;
  };
  const task = (file: string): Omit<WorkerTask, 'id'> => ({ file, options, digest: batch.digest === true, ...(batch.cached ? { cached: batch.cached } : {}) });
  if (batch.jobs <= 1) {
    const analyzer = new Analyzer(BATCH_CACHE_PARAGRAPHS);
    for (const [i, file] of files.entries()) {
      let result: BatchResult;
      try {
        result = await packs.take({ file, ...(await runTask(task(file), analyzer)) });
      } catch (e) {
        result = { file, error: (e as Error).message };
      }
      await count(result);
      await onResult(result, i);
      progress.tick(i + 1);
    }
    await packs.flush();
    return progress.finish({ sources: files.length, bytes, workers: 0, ...(batch.cached?.cache ? { cached } : {}) });
  }

  // A worker runs the bundled CLI itself (main.ts starts the worker loop when it sees the role).
  const pool = new WorkerPool<Omit<WorkerTask, 'id'>, WorkerReply>(
    () => new Worker(__filename, { workerData: { role: WORKER_ROLE } }), batch.jobs, { perWorker: IN_FLIGHT },
  );
  const pending = new Map<number, Promise<BatchResult>>();
  let next = 0;
  try {
    for (let delivered = 0; delivered < files.length; delivered++) {
      // Results are delivered in input order; a slow source holds back at most WINDOW results per worker.
      while (next < files.length && next - delivered < WINDOW * pool.size) {
        const file = files[next]!;
        const result = pool.run(task(file)).then((reply) => fromReply(file, reply));
        result.catch(() => undefined); // awaited in turn below; a failure ends the batch there
        pending.set(next++, result);
      }
      const r = await packs.take(await pending.get(delivered)!.catch((e: Error) => {
        throw new Error(`A worker thread failed: ${e.message}. Run again with --jobs 1 to analyse in one thread.`);
      }));
      pending.delete(delivered);
      await count(r);
      await onResult(r, delivered);
      progress.tick(delivered + 1);
    }
  } finally {
    await pool.terminate();
    // What was analysed before a failure is kept too.
    await packs.flush();
  }
  return progress.finish({ sources: files.length, bytes, workers: batch.jobs, ...(batch.cached?.cache ? { cached } : {}) });
}
