// `sourcemark check`, `report` and `stats` on a source they have seen before: the result is read from the
// digest cache the language server keeps too (core/corpus/digestCache.ts, same folder and key
// parts), so an unchanged folder costs only reading what was cached, and only changed sources are analysed.
import { dirname, resolve } from 'node:path';
import type { Analyzer } from '../../core/analyzer';
import { digestSource, type SourceDigest } from '../../core/corpus';
import { type DigestCache, digestCacheFromEnv, sha256 } from '../../core/corpus/digestCache';
import type { PackedEntry } from '../../core/corpus/digestPacks';
import { asciiJson } from '../../core/text/asciiJson';
import { ignoredNamesFor } from '../../core/dismissals/ignoreFile';
import { readRegularFile } from '../../core/files/regularFile';
import { loadSource, readSourceFile } from '../../core/loadSource';
import { SIDECAR_LIMITS } from '../../core/tags/sidecarFormat';
import { sidecarFromBytes, sidecarPathFor } from '../../core/tags/sidecarStore';
import { cachedCheckOf, checkFile, checkFileFromCache, type CheckFile } from '../checkFile';
import { cachedReportSourceOf, reportSourceFromCache, toReportSource } from '../exportSource';
import type { ReportSource } from '../../core/report/reportData';
import type { SourceReport } from '../sourceReport';
import type { SourceOptions } from '../options';
import { cachedStatsOf, statsFile, statsFileFromCache, type StatsFile } from '../statsFile';

/**
 * What a command keeps of a source: `keep` gives the cacheable part of a fresh result (undefined for
 * a source with a problem, never kept), `rebuild` the result again from it. `entry` names the shape
 * and keeps these entries apart from the server's, which hold counts, not lines; a change to the
 * code behind them makes them stale through the build's analyser version, which covers src/cli.
 */
interface CachedKind<R, T> {
  entry: string;
  fresh(report: SourceReport): R;
  keep(result: R): T | undefined;
  rebuild(file: string, kept: T): R;
}

export const CACHED_KINDS = {
  check: { entry: 'cli-check-1', fresh: checkFile, keep: cachedCheckOf, rebuild: checkFileFromCache } satisfies CachedKind<CheckFile, unknown>,
  reportSource: { entry: 'cli-report-source-1', fresh: (r) => toReportSource(r), keep: cachedReportSourceOf, rebuild: reportSourceFromCache } satisfies CachedKind<ReportSource, unknown>,
  stats: { entry: 'cli-stats-1', fresh: statsFile, keep: cachedStatsOf, rebuild: statsFileFromCache } satisfies CachedKind<StatsFile, unknown>,
};
export type CachedKindName = keyof typeof CACHED_KINDS;

export type CheckCache = DigestCache<{ value: unknown; digest?: SourceDigest }>;

let fromEnv: CheckCache | undefined | null = null;
/** The cache of this process (or worker thread), from SOURCEMARK_CACHE_DIR as the server reads it; undefined when off. */
export function checkCacheFromEnv(): CheckCache | undefined {
  if (fromEnv === null) fromEnv = digestCacheFromEnv();
  return fromEnv;
}

export interface CachedTaskResult<R> {
  value: R;
  digest?: SourceDigest;
  /** The digest's JSON, when it was kept just now: what a worker posts instead of the digest (runBatch.ts). */
  digestJson?: string;
  /** What to keep in the cache (runBatch writes them many to a pack): a source analysed without a problem. */
  entry?: PackedEntry;
  /** Answered from the cache, nothing analysed. */
  cached: boolean;
}

/** The options that change a source's result, with the ignored names, as one string (as the server's settingsKey). */
function settingsKey(s: SourceOptions): string {
  return JSON.stringify([
    s.referenceDate ?? null, s.claimThreshold ?? null, [...(s.kinds ?? [])].sort(), s.maxFileSizeMB ?? null, s.regions ?? null, s.ignoredNames ?? null,
  ]);
}

/** The sidecar's bytes (undefined: none), 'unreadable' when it cannot be read (such a source is never cached). */
async function sidecarBytes(file: string): Promise<Buffer | undefined | 'unreadable'> {
  try {
    return await readRegularFile(sidecarPathFor(file), SIDECAR_LIMITS.bytes);
  } catch {
    return 'unreadable';
  }
}

/**
 * One source's result of a command (and its digest when `digest`): from the cache when its path,
 * text, sidecar bytes, settings, ignore file and the analyser are unchanged; else analysed and, when
 * it has no problem, given with the entry to keep (`entry`, for the batch's pack). Throws when the
 * source cannot be read, as an analysis does.
 */
export async function cachedTask<R, T>(
  kind: CachedKind<R, T>, file: string, analyzer: Analyzer, options: SourceOptions, digest: boolean, cache: CheckCache | undefined,
): Promise<CachedTaskResult<R>> {
  if (!cache) {
    const report = { file, ...(await loadSource(analyzer, { path: file, ignoreRoot: process.cwd() }, options)) };
    return { value: kind.fresh(report), ...(digest ? { digest: digestSource(report.text, report) } : {}), cached: false };
  }
  const { text } = await readSourceFile(file);
  const withIgnored = options.ignoredNames ? options : { ...options, ignoredNames: await ignoredNamesFor(dirname(file), process.cwd()) };
  const bytes = await sidecarBytes(file);
  const key = bytes === 'unreadable' ? undefined : cache.key([kind.entry, resolve(file), settingsKey(withIgnored), sha256(text), bytes ? sha256(bytes) : 'no sidecar']);
  const known = key === undefined ? undefined : cache.get(key);
  if (known && (known.digest || !digest)) return { value: kind.rebuild(file, known.value as T), ...(digest ? { digest: known.digest } : {}), cached: true };

  // Analysed with the very sidecar bytes the key was made of, whatever the file holds meanwhile.
  const sidecar = bytes === 'unreadable' ? undefined : sidecarFromBytes(bytes);
  const report = { file, ...(await loadSource(analyzer, { path: file, text, ignoreRoot: process.cwd(), ...(sidecar ? { sidecar } : {}) }, withIgnored)) };
  const value = kind.fresh(report);
  const made = digest ? digestSource(report.text, report) : undefined;
  const keep = kind.keep(value);
  if (!key || keep === undefined) return { value, ...(made ? { digest: made } : {}), cached: false };
  // The entry's JSON (`set`'s shape; non-ASCII escaped part by part), the digest's part kept apart for the reply.
  const digestJson = made ? asciiJson(made) : undefined;
  const entry = cache.packable(key, `{"value":${asciiJson(keep as object)}${digestJson === undefined ? '' : `,"digest":${digestJson}`}}`);
  return { value, ...(made ? { digest: made, digestJson } : {}), entry, cached: false };
}
