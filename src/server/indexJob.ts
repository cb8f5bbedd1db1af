import { readFile, stat } from 'node:fs/promises';
import type { Analyzer } from '../core/analyzer';
import { digestSource, type SourceDigest } from '../core/corpus';
import type { FindingKind } from '../core/model';
import { analyzeSource } from '../core/sourceAnalysis';
import { countFindings, emptyCounts, type SourceCounts } from '../core/sourceCounts';
import { fitToSource, readOrInvalid, sidecarPathFor, type SidecarStore } from '../core/tags/sidecarStore';
import { decodeSource, tooLargeReason } from '../core/text/sourceText';
import { problemOf } from './sourceSummary';

/** One source file to index: plain data, so it can be posted to a worker thread. */
export interface IndexJob {
  uri: string;
  path: string;
  referenceDate?: string;
  claimThreshold: number;
  kinds: FindingKind[];
  maxFileSizeMB: number;
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

/** The settings that change what a source's analysis finds, as one comparable string. */
export function settingsKey(s: { referenceDate?: string; claimThreshold: number; kinds: readonly FindingKind[]; maxFileSizeMB: number }): string {
  return JSON.stringify([s.referenceDate ?? null, s.claimThreshold, [...s.kinds].sort(), s.maxFileSizeMB]);
}

/**
 * Reads a source that is not open in the editor, with its tags, analyses it like an open one and
 * returns its digest for the cross-source index and its counts for the Sourcemark view. A file
 * over the size limit is not even read.
 */
export async function indexSourceFile(analyzer: Analyzer, store: SidecarStore, job: IndexJob): Promise<IndexedSource> {
  const info = job.text === undefined ? await stat(job.path) : undefined;
  const fileStamp = { mtimeMs: info?.mtimeMs ?? 0, size: info?.size ?? 0, settingsKey: settingsKey(job) };
  if (info && info.size > job.maxFileSizeMB * 1024 * 1024) {
    const reason = tooLargeReason(info.size, job.maxFileSizeMB);
    return {
      digest: { version: 1, claims: [], entities: [], dates: [], skipped: `larger than ${job.maxFileSizeMB} MB` },
      summary: { counts: emptyCounts(), problem: reason, ...fileStamp },
    };
  }
  const text = job.text ?? decodeSource(await readFile(job.path));
  const sidecarPath = sidecarPathFor(job.path);
  const sidecar = fitToSource(await readOrInvalid(store, sidecarPath), text);
  const analysed = analyzeSource(analyzer, text, sidecar.state === 'ok' ? sidecar.sidecar : undefined, {
    ...(job.referenceDate ? { referenceDate: job.referenceDate } : {}),
    claimThreshold: job.claimThreshold,
    kinds: job.kinds,
    maxFileSizeMB: job.maxFileSizeMB,
  });
  const problem = problemOf(analysed.skippedReason, sidecar, sidecarPath);
  return {
    digest: digestSource(text, analysed),
    summary: { counts: countFindings(analysed.tagged), ...(problem ? { problem } : {}), ...fileStamp },
  };
}
