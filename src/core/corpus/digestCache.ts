// What indexing learned about a source, kept on disk between runs: keyed by the source's path, the
// hash of its text, of its sidecar's bytes, of the analysis settings (with the ignored names) and of
// the analyser's own code, so reopening a workspace analyses only what changed. One folder, shared
// by every language server of this user and the CLI's `check` and `report` (src/cli/batch/checkCache.ts), each with entries of its own.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

/** Set by the build (scripts/build.mjs): a hash of the analyser's sources and locked dependencies. */
declare const __SOURCEMARK_ANALYSER__: string | undefined;

/** The analyser's version for cache keys; undefined when running from source (tests), where nothing is cached. */
export const ANALYSER_VERSION: string | undefined = typeof __SOURCEMARK_ANALYSER__ === 'string' ? __SOURCEMARK_ANALYSER__ : undefined;

// 2: gzipped (a digest's JSON is about 6.5 times its source's size; gzipped, about 1.2 times: 667 KB for the 5 samples and 100 generated 5 KB sources).
const FORMAT = 2;

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

export class DigestCache<T> {
  constructor(private readonly dir: string, private readonly version: string) {}

  /** One key for everything a cached result depends on. */
  key(parts: readonly string[]): string {
    return sha256([`v${FORMAT}`, this.version, ...parts].join('\u0000'));
  }

  get(key: string): T | undefined {
    try {
      return JSON.parse(gunzipSync(readFileSync(this.file(key))).toString('utf8')) as T;
    } catch {
      return undefined; // not cached, or unreadable: analysed again
    }
  }

  /** Written to a temporary file and renamed, so a reader never sees half of it; failures only cost a later analysis. */
  set(key: string, value: T): void {
    const file = this.file(key);
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(temp, gzipSync(JSON.stringify(value)));
      renameSync(temp, file);
    } catch {
      rmSync(temp, { force: true });
    }
  }

  private file(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.json.gz`);
  }
}

/**
 * The cache folder: SOURCEMARK_CACHE_DIR, else `sourcemark/digests` in the user's cache folder
 * (XDG_CACHE_HOME or ~/.cache). SOURCEMARK_CACHE_DIR=off, or a build without an analyser version, caches nothing.
 */
export function digestCacheFromEnv<T>(env: NodeJS.ProcessEnv = process.env, version = ANALYSER_VERSION): DigestCache<T> | undefined {
  const dir = env.SOURCEMARK_CACHE_DIR;
  if (!version || dir === 'off') return undefined;
  return new DigestCache<T>(dir || path.join(env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'sourcemark', 'digests'), version);
}
