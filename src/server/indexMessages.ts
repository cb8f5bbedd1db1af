// The messages between the workspace index and its worker threads.
import type { FindingsJob } from './closedFindings';
import type { IndexedSource, IndexJob } from './indexJob';

/** Index a source (its digest and counts), or give a closed source's findings (the view expanded it). */
export type IndexTask = { job: IndexJob } | { findings: FindingsJob };

/** A task as the worker receives it, with the id its answer carries. */
export type WorkerRequest = IndexTask & { id: number };

export type IndexResponse =
  | ({ id: number; uri: string } & IndexedSource)
  | { id: number; uri: string; error: string };

/**
 * What a worker posts back: the indexed source (or the findings) as JSON text. The main thread keeps
 * every digest for the life of the index, and JSON.parse builds them a quarter smaller than
 * structured cloning does (it shares short strings: regions, types, finding ids), for less
 * main-thread time.
 */
export type WorkerResponse =
  | { id: number; uri: string; indexed: string }
  | { id: number; uri: string; findings: string }
  | { id: number; uri: string; error: string };

export function fromWire(r: Exclude<WorkerResponse, { findings: string }>): IndexResponse {
  return 'error' in r ? r : { id: r.id, uri: r.uri, ...(JSON.parse(r.indexed) as IndexedSource) };
}
