// The messages between the workspace index and its worker threads.
import type { SourceOptions } from '../core/sourceAnalysis';
import type { Span } from '../core/taggedFindings';
import type { Sidecar } from '../core/tags/annotation';
import type { WireAnalysis, WireDigest } from './analysisWire';
import type { FindingsJob } from './closedFindings';
import type { IndexedSource, IndexJob } from './indexJob';

/** Index a source (its digest and counts), or give a closed source's findings (the view expanded it). */
export type IndexTask = { job: IndexJob } | { findings: FindingsJob };

/** A long open source analysed off the main thread (openAnalysis.ts); answered with its SourceAnalysis in slices (analysisWire.ts). */
export interface AnalyseJob {
  text: string;
  sidecar?: Sidecar;
  options: SourceOptions;
  tracked?: ReadonlyMap<string, Span>;
  /** Processor time the analysis may use, in ms (workBudget.ts); over it the worker stops and says so. */
  budgetMs?: number;
  /**
   * This analysis's number (`seq`) and that of the latest one of the source the main thread holds
   * (`base`): the worker then sends the findings as a delta against it, if it still has it too.
   */
  delta?: { uri: string; seq: number; base?: number };
}

/**
 * Make the cross-source digest of a long open source's analysis `seq` (the worker holds it, see
 * AnalyseJob.delta), asked once edits pause (openDigests.ts).
 */
export interface DigestJob {
  uri: string;
  seq: number;
  /** The seq of the source's digest the main thread holds: the worker sends this one as a delta against it, if it still has it too. */
  base?: number;
}

/** The digest; 'superseded' when the worker has analysed the source again since (that one's digest is the one to ask for). */
export type DigestReply = { id: number; digest: WireDigest } | { id: number; superseded: true } | { id: number; error: string };

/** A task as the worker receives it, with the id its answer carries. */
export type WorkerRequest = (IndexTask | { analyse: AnalyseJob } | { digest: DigestJob }) & { id: number };

/** The answer to an AnalyseJob: the analysis, or the processor time used when it ran over its budget, or an error. */
export type AnalyseReply = { id: number; analysed: WireAnalysis } | { id: number; overBudgetMs: number } | { id: number; error: string };

export type IndexResponse =
  | ({ id: number; uri: string; openSeq?: number } & IndexedSource)
  | { id: number; uri: string; openSeq?: number; error: string };

/**
 * What a worker posts back: the indexed source (or the findings) as JSON text. The main thread keeps
 * every digest for the life of the index, and JSON.parse builds them a quarter smaller than
 * structured cloning does (it shares short strings: regions, types, finding ids), for less
 * main-thread time.
 */
export type WorkerResponse =
  | { id: number; uri: string; openSeq?: number; indexed: string }
  | { id: number; uri: string; findings: string }
  | { id: number; uri: string; openSeq?: number; error: string };

export function fromWire(r: Exclude<WorkerResponse, { findings: string }>): IndexResponse {
  return 'error' in r ? r : { id: r.id, uri: r.uri, ...(r.openSeq !== undefined ? { openSeq: r.openSeq } : {}), ...(JSON.parse(r.indexed) as IndexedSource) };
}
