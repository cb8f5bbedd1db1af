// Analyses many sources on every core: a small pool of worker threads, each running the same
// bundled CLI file as a worker. Results come back in input order, whatever order workers finish in.
// (A pool library such as piscina loads its own worker script from node_modules, which a
// single-file esbuild bundle does not have; the pool here is the few lines it takes.)
import { stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { Analyzer } from '../../core/analyzer';
import type { SourceDigest } from '../../core/corpus';
import type { SourceOptions } from '../options';
import type { SourceReport } from '../sourceReport';
import { analyzeTask, BATCH_CACHE_PARAGRAPHS, WORKER_ROLE, type WorkerReply, type WorkerTask } from './analysisWorker';
import { Progress, type BatchFigures } from './progress';

export type BatchResult = { file: string; report: SourceReport; digest?: SourceDigest } | { file: string; error: string };

export interface BatchOptions {
  jobs: number;
  /** Names the run in progress and timing lines (the command). */
  label: string;
  timing: boolean;
  /** Compute each source's cross-source digest too (in the worker, where the analysis is). */
  digest?: boolean;
}

/** Tasks in flight per worker: one running, one waiting, so a worker never idles on a round trip. */
const IN_FLIGHT = 2;
/** Finished results held for in-order delivery, per worker, before new tasks wait for a slow one. */
const WINDOW = 32;

export async function runBatch(
  files: readonly string[],
  options: SourceOptions,
  batch: BatchOptions,
  onResult: (r: BatchResult, index: number) => void | Promise<void>,
): Promise<BatchFigures> {
  const progress = new Progress(batch.label, files.length, batch.timing);
  let bytes = 0;
  const count = async (file: string) => {
    bytes += await stat(file).then((s) => s.size, () => 0);
  };
  if (batch.jobs <= 1) {
    const analyzer = new Analyzer(BATCH_CACHE_PARAGRAPHS);
    for (const [i, file] of files.entries()) {
      let result: BatchResult;
      try {
        result = { file, ...(await analyzeTask(file, analyzer, options, batch.digest === true)) };
      } catch (e) {
        result = { file, error: (e as Error).message };
      }
      await count(file);
      await onResult(result, i);
      progress.tick(i + 1);
    }
    return progress.finish({ sources: files.length, bytes, workers: 0 });
  }

  // A worker runs the bundled CLI itself (main.ts starts the worker loop when it sees the role).
  const workers = Array.from({ length: batch.jobs }, () => new Worker(__filename, { workerData: { role: WORKER_ROLE } }));
  const load = new Map<Worker, number>(workers.map((w) => [w, 0]));
  const done = new Map<number, BatchResult>();
  let next = 0;
  let delivered = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let delivering = Promise.resolve();
      const dispatch = () => {
        for (const w of workers) {
          while (load.get(w)! < IN_FLIGHT && next < files.length && next - delivered < WINDOW * workers.length) {
            const task: WorkerTask = { id: next, file: files[next]!, options, digest: batch.digest === true };
            next++;
            load.set(w, load.get(w)! + 1);
            w.postMessage(task);
          }
        }
      };
      const deliver = () => {
        // Delivery is chained so an async onResult sees results one at a time, in order.
        delivering = delivering.then(async () => {
          while (done.has(delivered)) {
            const r = done.get(delivered)!;
            done.delete(delivered);
            await count(r.file);
            await onResult(r, delivered);
            delivered++;
            progress.tick(delivered);
          }
          if (delivered === files.length) resolve();
          else dispatch();
        }).catch(reject);
      };
      for (const w of workers) {
        w.on('message', (reply: WorkerReply) => {
          load.set(w, load.get(w)! - 1);
          const file = files[reply.id]!;
          done.set(reply.id, 'report' in reply ? { file, report: reply.report, ...(reply.digest ? { digest: reply.digest } : {}) } : { file, error: reply.error });
          deliver();
          dispatch();
        });
        w.on('error', (e) => reject(new Error(`A worker thread failed: ${e.message}. Run again with --jobs 1 to analyse in one thread.`)));
        w.on('exit', (code) => {
          if (code !== 0 && delivered < files.length) reject(new Error(`A worker thread stopped (exit code ${code}). Run again with --jobs 1 to analyse in one thread.`));
        });
      }
      if (!files.length) resolve();
      dispatch();
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return progress.finish({ sources: files.length, bytes, workers: workers.length });
}
