// `sourcemark check` on a source it has seen before: the result is read from the digest cache
// the language server keeps too (core/corpus/digestCache.ts, same folder and key parts), so an
// unchanged folder costs only reading what was cached, and only changed sources are analysed.
import { dirname, resolve } from 'node:path';
import type { Analyzer } from '../../core/analyzer';
import { digestSource, type SourceDigest } from '../../core/corpus';
import { type DigestCache, digestCacheFromEnv, sha256 } from '../../core/corpus/digestCache';
import { ignoredNamesFor } from '../../core/dismissals/ignoreFile';
import { readRegularFile } from '../../core/files/regularFile';
import { loadSource, readSourceFile } from '../../core/loadSource';
import { SIDECAR_LIMITS } from '../../core/tags/sidecarFormat';
import { sidecarPathFor } from '../../core/tags/sidecarStore';
import { type CachedCheck, cachedCheckOf, checkFile, checkFileFromCache, type CheckFile } from '../checkFile';
import type { SourceOptions } from '../options';

/**
 * What a cached check result is: bump when checkFile.ts changes what it keeps (the build's analyser
 * version covers src/core, not src/cli). Also keeps these entries apart from the server's, which
 * hold counts, not the untagged claims' lines.
 */
const ENTRY = 'cli-check-1';

export type CheckCache = DigestCache<{ check: CachedCheck; digest?: SourceDigest }>;

let fromEnv: CheckCache | undefined | null = null;
/** The cache of this process (or worker thread), from SOURCEMARK_CACHE_DIR as the server reads it; undefined when off. */
export function checkCacheFromEnv(): CheckCache | undefined {
  if (fromEnv === null) fromEnv = digestCacheFromEnv();
  return fromEnv;
}

export interface CheckTaskResult {
  check: CheckFile;
  digest?: SourceDigest;
  /** Answered from the cache, nothing analysed. */
  cached: boolean;
}

/** The options that change a source's result, with the ignored names, as one string (as the server's settingsKey). */
function settingsKey(s: SourceOptions): string {
  return JSON.stringify([
    s.referenceDate ?? null, s.claimThreshold ?? null, [...(s.kinds ?? [])].sort(), s.maxFileSizeMB ?? null, s.regions ?? null, s.ignoredNames ?? null,
  ]);
}

/** The sidecar's bytes as a key part; undefined when it cannot be read (such a source is never cached). */
async function sidecarHash(file: string): Promise<string | undefined> {
  try {
    const bytes = await readRegularFile(sidecarPathFor(file), SIDECAR_LIMITS.bytes);
    return bytes ? sha256(bytes) : 'no sidecar';
  } catch {
    return undefined;
  }
}

/**
 * One source's check result (and its digest when `digest`): from the cache when its path, text,
 * sidecar bytes, settings, ignore file and the analyser are unchanged; else analysed and, when it
 * has no problem, kept. Throws when the source cannot be read, as an analysis does.
 */
export async function checkTask(file: string, analyzer: Analyzer, options: SourceOptions, digest: boolean, cache: CheckCache | undefined): Promise<CheckTaskResult> {
  if (!cache) {
    const report = { file, ...(await loadSource(analyzer, { path: file }, options)) };
    return { check: checkFile(report), ...(digest ? { digest: digestSource(report.text, report) } : {}), cached: false };
  }
  const { text } = await readSourceFile(file);
  const withIgnored = options.ignoredNames ? options : { ...options, ignoredNames: await ignoredNamesFor(dirname(file)) };
  const sidecar = await sidecarHash(file);
  const key = sidecar === undefined ? undefined : cache.key([ENTRY, resolve(file), settingsKey(withIgnored), sha256(text), sidecar]);
  const known = key === undefined ? undefined : cache.get(key);
  if (known && (known.digest || !digest)) return { check: checkFileFromCache(file, known.check), ...(digest ? { digest: known.digest } : {}), cached: true };

  const loaded = await loadSource(analyzer, { path: file, text }, withIgnored);
  const report = { file, ...loaded };
  const check = checkFile(report);
  const made = digest ? digestSource(report.text, report) : undefined;
  const keep = cachedCheckOf(check);
  // Kept only if the sidecar read for the key is the one analysed (it may change meanwhile).
  if (key && keep && (await sidecarHash(file)) === sidecar) cache.set(key, { check: keep, ...(made ? { digest: made } : {}) });
  return { check, ...(made ? { digest: made } : {}), cached: false };
}
