// Worker thread that analyses sources for the workspace index (bundled as dist/indexWorker.js),
// so indexing a large workspace never blocks hover or diagnostics on the main thread.
import { parentPort } from 'node:worker_threads';
import { Analyzer } from '../core/analyzer';
import { FileSidecarStore } from '../core/tags/sidecarStore';
import { indexSourceFile, type IndexedSource, type IndexJob } from './indexJob';

export interface IndexRequest {
  id: number;
  job: IndexJob;
}

export type IndexResponse =
  | ({ id: number; uri: string; openSeq?: number } & IndexedSource)
  | { id: number; uri: string; openSeq?: number; error: string };

// Workspace files rarely share paragraphs, so a small cache is enough (page furniture repeats).
const analyzer = new Analyzer(2_000);
const store = new FileSidecarStore();
analyzer.warmUp();

parentPort?.on('message', (request: IndexRequest) => {
  indexSourceFile(analyzer, store, request.job).then(
    (indexed) => parentPort!.postMessage({ id: request.id, uri: request.job.uri, openSeq: request.job.openSeq, ...indexed } satisfies IndexResponse),
    (e: Error) => parentPort!.postMessage({ id: request.id, uri: request.job.uri, openSeq: request.job.openSeq, error: e.message } satisfies IndexResponse),
  );
});
