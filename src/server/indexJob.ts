import { stat } from 'node:fs/promises';
import type { Analyzer } from '../core/analyzer';
import { digestSource, type SourceDigest } from '../core/corpus';
import { loadSource } from '../core/loadSource';
import type { SourceOptions } from '../core/sourceAnalysis';
import { countFindings, emptyCounts, type SourceCounts } from '../core/sourceCounts';
import type { SidecarStore } from '../core/tags/sidecarStore';
import { DEFAULT_MAX_FILE_MB, tooLargeReason } from '../core/text/sourceText';
import { problemOf } from './sourceSummary';

/** One source file to index: plain data, so it can be posted to a worker thread. */
export interface IndexJob {
  uri: string;
  path: string;
  options: SourceOptions;
  /** The editor's text of an open source (large ones are digested off the main thread too); else read from disk. */
  text?: string;
  /** For open sources: which analysis of the document this is, so an older result never replaces a newer one. */
  openSeq?: number;
}

/**
 * What the Sourcemark view lists for a closed source, worked out by whoever indexed it (a worker
 * thread), so a listing never analyses on the server's main thread. Valid for the file's
 * modification time and size and for the settings it was analysed with.
 */
export interface IndexedSummary {
  counts: SourceCounts;
  problem?: string;
  mtimeMs: number;
  size: number;
  settingsKey: string;
}

export interface IndexedSource {
  digest: SourceDigest;
  summary: IndexedSummary;
}

/** The options that change what a source's analysis finds, as one comparable string. */
export function settingsKey(s: SourceOptions): string {
  return JSON.stringify([
    s.referenceDate ?? null, s.claimThreshold ?? null, [...(s.kinds ?? [])].sort(), s.maxFileSizeMB ?? null, s.regions ?? null, s.ignoredNames ?? null,
  ]);
}

/**
 * Reads a source that is not open in the editor, with its tags, analyses it like an open one and
 * returns its digest for the cross-source index and its counts for the Sourcemark view. A file
 * over the size limit is not even read.
 */
export async function indexSourceFile(analyzer: Analyzer, store: SidecarStore, job: IndexJob): Promise<IndexedSource> {
  const info = job.text === undefined ? await stat(job.path) : undefined;
  const fileStamp = { mtimeMs: info?.mtimeMs ?? 0, size: info?.size ?? 0, settingsKey: settingsKey(job.options) };
  const limit = job.options.maxFileSizeMB ?? DEFAULT_MAX_FILE_MB;
  if (info && info.size > limit * 1024 * 1024) {
    return {
      digest: { version: 1, claims: [], entities: [], dates: [], quotations: [], skipped: `larger than ${limit} MB` },
      summary: { counts: emptyCounts(), problem: tooLargeReason(info.size, limit), ...fileStamp },
    };
  }
  const analysed = await loadSource(analyzer, { path: job.path, ...(job.text !== undefined ? { text: job.text } : {}) }, job.options, store);
  const problem = problemOf(analysed.skippedReason, analysed.sidecar, analysed.sidecarPath);
  return {
    digest: digestSource(analysed.text, analysed),
    summary: { counts: countFindings(analysed.tagged), ...(problem ? { problem } : {}), ...fileStamp },
  };
}
