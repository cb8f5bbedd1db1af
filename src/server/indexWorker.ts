// Worker thread that analyses sources for the workspace index (bundled as dist/indexWorker.js),
// so indexing a large workspace never blocks hover or diagnostics on the main thread.
import { parentPort } from 'node:worker_threads';
import { Analyzer } from '../core/analyzer';
import { analyzeSource } from '../core/sourceAnalysis';
import { FileSidecarStore } from '../core/tags/sidecarStore';
import { closedFindings } from './closedFindings';
import { digestCacheFromEnv } from '../core/corpus/digestCache';
import { indexSourceFile, type IndexCache } from './indexJob';
import type { AnalyseReply, WorkerRequest, WorkerResponse } from './indexMessages';

// Workspace files rarely share paragraphs, so a small cache is enough (page furniture repeats);
// on generated sources 2,000 cached paragraphs held ~55 MB more heap than none for 14% less
// analysis time; 256 keeps most of that (17.7 vs 17.2 ms a source; none 20.0 ms).
const analyzer = new Analyzer(256);
const store = new FileSidecarStore();
const cache: IndexCache | undefined = digestCacheFromEnv();
analyzer.warmUp();

const post = (r: WorkerResponse) => parentPort!.postMessage(r);

// Long open sources (openAnalysis.ts) get an analyzer of their own, with the main thread's cache
// size: re-analysis after an edit then costs only the paragraphs it touched, here as there.
let openAnalyzer: Analyzer | undefined;

parentPort?.on('message', (request: WorkerRequest) => {
  if ('analyse' in request) {
    const { id, analyse: job } = request;
    openAnalyzer ??= new Analyzer();
    try {
      parentPort!.postMessage({ id, analysed: analyzeSource(openAnalyzer, job.text, job.sidecar, job.options, job.tracked) } satisfies AnalyseReply);
    } catch (e) {
      parentPort!.postMessage({ id, error: (e as Error).message } satisfies AnalyseReply);
    }
    return;
  }
  if ('findings' in request) {
    const { id, findings: job } = request;
    closedFindings(analyzer, store, job).then(
      (findings) => post({ id, uri: job.uri, findings: JSON.stringify(findings) }),
      (e: Error) => post({ id, uri: job.uri, error: e.message }),
    );
    return;
  }
  const { id, job } = request;
  indexSourceFile(analyzer, store, job, cache).then(
    (indexed) => post({ id, uri: job.uri, openSeq: job.openSeq, indexed: JSON.stringify(indexed) }),
    (e: Error) => post({ id, uri: job.uri, openSeq: job.openSeq, error: e.message }),
  );
});
