import { dirname } from 'node:path';
import type { Analyzer } from '../core/analyzer';
import { digestSource, type SourceDigest } from '../core/corpus';
import { type DigestCache, sha256 } from '../core/corpus/digestCache';
import type { PackedEntry } from '../core/corpus/digestPacks';
import { asciiJson } from '../core/text/asciiJson';
import { ignoredNamesFor } from '../core/dismissals/ignoreFile';
import { readRegularFile, statOrMissing, statPath } from '../core/files/regularFile';
import { loadSource, readSourceFile } from '../core/loadSource';
import type { SourceOptions } from '../core/sourceAnalysis';
import { countFindings, emptyCounts, type SourceCounts } from '../core/sourceCounts';
import { SIDECAR_LIMITS } from '../core/tags/sidecarFormat';
import { sidecarFromBytes, sidecarPathFor, type SidecarRead, type SidecarStore } from '../core/tags/sidecarStore';
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
  /** Kept in the digest cache under this key (then `sidecar` and `stampedAt` are set too): what a workspace snapshot refers to. */
  cacheKey?: string;
  /** The sidecar's modification time and size when it was read, null when there was none. */
  sidecar?: FileStamp | null;
  /** Date.now() just before the files were looked at: a stamp this close to it may hide a later change (indexSnapshot.ts). */
  stampedAt?: number;
  /** sha256 of the text analysed: a stamp too fresh to trust is checked by it later (`restamped` in indexSnapshot.ts). */
  textSha256?: string;
}

/** A file's modification time (ms) and size in bytes. */
export type FileStamp = [mtimeMs: number, size: number];

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
export async function indexSourceFile(analyzer: Analyzer, store: SidecarStore, job: IndexJob, cache?: IndexCache): Promise<IndexedSource> {
  return (await indexSource(analyzer, store, job, cache)).indexed;
}

/**
 * `indexSourceFile` as the JSON text an index worker posts (`WorkerResponse`). The digest's part is
 * the very text its cache entry was written with, when one was: the digest is serialised once, not
 * once for the cache and once for the reply (0.11–0.14 ms of a worker's ~18 ms a 5 KB source).
 */
export async function indexSourceFileAsJson(analyzer: Analyzer, store: SidecarStore, job: IndexJob, cache?: IndexCache): Promise<{ json: string; entry?: PackedEntry }> {
  const { indexed, digestJson, entry } = await indexSource(analyzer, store, job, cache, true);
  return { json: `{"digest":${digestJson ?? JSON.stringify(indexed.digest)},"summary":${JSON.stringify(indexed.summary)}}`, ...(entry ? { entry } : {}) };
}

/**
 * With `pack`, a fresh result's cache entry is given back (`entry`) for the main thread to write
 * with others in a pack (digestPacks.ts: creating a file per source cost the workers ~0.6 ms of
 * kernel CPU each); else it is written at once, a file of its own.
 */
async function indexSource(analyzer: Analyzer, store: SidecarStore, job: IndexJob, cache?: IndexCache, pack = false): Promise<{ indexed: IndexedSource; digestJson?: string; entry?: PackedEntry }> {
  const stampedAt = Date.now();
  const info = job.text === undefined ? await statPath(job.path) : undefined;
  const fileStamp = { mtimeMs: info?.mtimeMs ?? 0, size: info?.size ?? 0, settingsKey: settingsKey(job.options) };
  const limit = job.options.maxFileSizeMB ?? DEFAULT_MAX_FILE_MB;
  if (info && info.size > limit * 1024 * 1024) {
    return {
      indexed: {
        digest: { version: 2, lines: [0], claims: [], entities: [], dates: [], quotations: [], skipped: `larger than ${limit} MB` },
        summary: { counts: emptyCounts(), problem: tooLargeReason(info.size, limit), ...fileStamp },
      },
    };
  }
  // What was learned about this very file, text, sidecar, ignore file and settings before (a
  // workspace opened again). Only closed sources: an open one changes with every edit.
  let key: string | undefined;
  let text = job.text;
  let options = job.options;
  let sidecar: SidecarRead | undefined;
  let snapshotStamp: Pick<IndexedSummary, 'cacheKey' | 'sidecar' | 'stampedAt' | 'textSha256'> = {};
  if (cache && text === undefined) {
    // Stamped before reading: a change after the stamp is seen at the next reopening.
    const sidecarStamp = await stampOf(sidecarPathFor(job.path));
    text = (await readSourceFile(job.path)).text;
    // The workspace's ignore file hides findings too; read here (beside the source only) when the settings do not carry it.
    if (!options.ignoredNames) options = { ...options, ignoredNames: await ignoredNamesFor(dirname(job.path), dirname(job.path)) };
    const sidecarBytes = await readSidecarBytes(job.path);
    if (sidecarBytes !== 'unreadable') {
      const textSha256 = sha256(text);
      key = cache.key([job.path, settingsKey(options), textSha256, sidecarBytes ? sha256(sidecarBytes) : 'no sidecar']);
      if (sidecarStamp !== 'unreadable') snapshotStamp = { cacheKey: key, sidecar: sidecarStamp, stampedAt, textSha256 };
      const known = cache.get(key);
      if (known) return { indexed: { digest: known.digest, summary: { ...known.summary, ...fileStamp, ...snapshotStamp } } };
      // Analysed with the very bytes the key was made of: a sidecar saved meanwhile is not filed under the old key.
      sidecar = sidecarFromBytes(sidecarBytes);
    }
  }
  const analysed = await loadSource(analyzer, { path: job.path, ...(text !== undefined ? { text } : {}), ...(sidecar ? { sidecar } : {}) }, options, store);
  const problem = problemOf(analysed.skippedReason, analysed.sidecar, analysed.sidecarPath);
  const digest = digestSource(analysed.text, analysed);
  const counts = countFindings(analysed.tagged);
  const summary = { counts, ...(problem ? { problem } : {}), ...fileStamp, ...(problem ? {} : snapshotStamp) };
  // A source with a problem is not kept: the message names paths and is in the session's language.
  if (!cache || !key || problem) return { indexed: { digest, summary } };
  const digestJson = asciiJson(digest);
  const entryJson = `{"digest":${digestJson},"summary":${JSON.stringify({ counts })}}`;
  if (pack) return { indexed: { digest, summary }, digestJson, entry: cache.packable(key, entryJson) };
  cache.setJson(key, entryJson);
  return { indexed: { digest, summary }, digestJson };
}

/** A file's stamp; null when there is no file, 'unreadable' when it cannot be told. */
export async function stampOf(file: string): Promise<FileStamp | null | 'unreadable'> {
  try {
    const info = await statOrMissing(file);
    return info ? [info.mtimeMs, info.size] : null;
  } catch {
    return 'unreadable';
  }
}

/**
 * A closed source's sidecar bytes for its cache key (with its path, the hash of its text and the
 * settings: regions, ignored names); undefined when there is none, 'unreadable' when it cannot be
 * read (too large, not a file): such a source is analysed every time.
 */
async function readSidecarBytes(path: string): Promise<Buffer | undefined | 'unreadable'> {
  try {
    return await readRegularFile(sidecarPathFor(path), SIDECAR_LIMITS.bytes);
  } catch {
    return 'unreadable';
  }
}

/** Indexed sources kept on disk between runs (see digestCache.ts): the digest and the counts, without the file's stamp. */
export type IndexCache = DigestCache<{ digest: SourceDigest; summary: Omit<IndexedSummary, 'mtimeMs' | 'size' | 'settingsKey'> }>;
