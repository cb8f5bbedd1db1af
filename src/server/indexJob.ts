import { stat } from 'node:fs/promises';
import type { Analyzer } from '../core/analyzer';
import { digestSource, type SourceDigest } from '../core/corpus';
import { DigestCache, sha256 } from '../core/corpus/digestCache';
import { readRegularFile } from '../core/files/regularFile';
import { loadSource, readSourceFile } from '../core/loadSource';
import type { SourceOptions } from '../core/sourceAnalysis';
import { countFindings, emptyCounts, type SourceCounts } from '../core/sourceCounts';
import { SIDECAR_LIMITS } from '../core/tags/sidecarFormat';
import { sidecarPathFor, type SidecarStore } from '../core/tags/sidecarStore';
import { DEFAULT_MAX_FILE_MB, tooLargeReason } from '../core/text/sourceText';
import { problemOf } from './sourceSummary';

/** One source file to index: plain data, so it can be posted to a worker thread. */
export interface IndexJob {
  uri: string;
  path: string;
  options: SourceOptions;
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
  return JSON.stringify([s.referenceDate ?? null, s.claimThreshold ?? null, [...(s.kinds ?? [])].sort(), s.maxFileSizeMB ?? null]);
}

/**
 * Reads a source that is not open in the editor, with its tags, analyses it like an open one and
 * returns its digest for the cross-source index and its counts for the Sourcemark view. A file
 * over the size limit is not even read.
 */
export async function indexSourceFile(analyzer: Analyzer, store: SidecarStore, job: IndexJob, cache?: IndexCache): Promise<IndexedSource> {
  const info = await stat(job.path);
  const fileStamp = { mtimeMs: info.mtimeMs, size: info.size, settingsKey: settingsKey(job.options) };
  const limit = job.options.maxFileSizeMB ?? DEFAULT_MAX_FILE_MB;
  if (info.size > limit * 1024 * 1024) {
    return {
      digest: { version: 1, claims: [], entities: [], dates: [], quotations: [], skipped: `larger than ${limit} MB` },
      summary: { counts: emptyCounts(), problem: tooLargeReason(info.size, limit), ...fileStamp },
    };
  }
  // What was learned about this very text, sidecar and settings before (a workspace opened again).
  let key: string | undefined;
  let text: string | undefined;
  if (cache) {
    text = (await readSourceFile(job.path)).text;
    const sidecar = await readRegularFile(sidecarPathFor(job.path), SIDECAR_LIMITS.bytes).catch(() => undefined);
    key = cache.key([fileStamp.settingsKey, sha256(text), sidecar ? sha256(sidecar) : 'no sidecar']);
    const known = cache.get(key);
    if (known) return { digest: known.digest, summary: { ...known.summary, ...fileStamp } };
  }
  const analysed = await loadSource(analyzer, { path: job.path, ...(text !== undefined ? { text } : {}) }, job.options, store);
  const problem = problemOf(analysed.skippedReason, analysed.sidecar, analysed.sidecarPath);
  const digest = digestSource(analysed.text, analysed);
  const counts = countFindings(analysed.tagged);
  if (cache && key) cache.set(key, { digest, summary: { counts, ...(problem ? { problem } : {}) } });
  return { digest, summary: { counts, ...(problem ? { problem } : {}), ...fileStamp } };
}

/** Indexed sources kept on disk between runs (see digestCache.ts): the digest and the counts, without the file's stamp. */
export type IndexCache = DigestCache<{ digest: SourceDigest; summary: Omit<IndexedSummary, 'mtimeMs' | 'size' | 'settingsKey'> }>;
