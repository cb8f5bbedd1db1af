// What indexing learned about a source, kept on disk between runs: keyed by the source's path, the
// hash of its text, of its sidecar's bytes, of the analysis settings (with the ignored names) and of
// the analyser's own code, so reopening a workspace analyses only what changed. One folder, shared
// by every language server of this user and the CLI's `check` and `report` (src/cli/batch/checkCache.ts), each with entries of its own.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
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

/** The cache folder's size cap by default (SOURCEMARK_CACHE_MAX_MB): about 40,000 sources of 5 KB. */
export const DEFAULT_CACHE_MAX_BYTES = 256 * 1024 * 1024;
/** Entries written between two checks of the folder's size (each check lists and stats every entry). */
const WRITES_BETWEEN_CHECKS = 500;
/** The sub-folder of workspace snapshots, and their suffix: counted and evicted with the entries. */
const SNAPSHOTS = 'snapshots';
const SNAPSHOT_SUFFIX = '.snapshot';
/** A temporary file this old was left by a process that died mid-write: removed by the next size check. */
const STALE_TEMP_MS = 60 * 60 * 1000;

export class DigestCache<T> {
  private writes = 0;

  constructor(private readonly dir: string, private readonly version: string, readonly maxBytes = DEFAULT_CACHE_MAX_BYTES) {}

  /** One key for everything a cached result depends on. */
  key(parts: readonly string[]): string {
    return sha256([`v${FORMAT}`, this.version, ...parts].join('\u0000'));
  }

  get(key: string): T | undefined {
    const file = this.file(key);
    let value: T;
    try {
      value = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as T;
    } catch {
      return undefined; // not cached, or unreadable: analysed again
    }
    // Used now: its modification time orders the entries for eviction, least recently used first.
    const now = new Date();
    try {
      utimesSync(file, now, now);
    } catch {
      // Evicted meanwhile by another process: the value read stands.
    }
    return value;
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
    // The first write of a process checks the size too: a server that only reads never grows it.
    if (this.writes++ % WRITES_BETWEEN_CHECKS === 0) this.evict();
  }

  /**
   * Keeps the folder under its cap: over it, the least recently used entries and workspace snapshots
   * (oldest modification time: `get` touches what it reads, a server what it reopens) go until it holds 90 % of the cap. Other processes may read
   * or write meanwhile; an entry gone under a reader is only a miss. Returns the entries removed.
   */
  evict(): number {
    const entries: { file: string; size: number; used: number }[] = [];
    let total = 0;
    let dirs: string[];
    try {
      dirs = readdirSync(this.dir);
    } catch {
      return 0;
    }
    for (const d of dirs) {
      let names: string[];
      try {
        names = readdirSync(path.join(this.dir, d));
      } catch {
        continue; // not a folder of entries
      }
      for (const name of names) {
        const temp = name.endsWith('.tmp');
        if (!name.endsWith('.json.gz') && !name.endsWith(SNAPSHOT_SUFFIX) && !temp) continue;
        const file = path.join(this.dir, d, name);
        try {
          const st = statSync(file);
          if (temp) {
            if (Date.now() - st.mtimeMs > STALE_TEMP_MS) rmSync(file, { force: true });
            continue;
          }
          entries.push({ file, size: st.size, used: st.mtimeMs });
          total += st.size;
        } catch {
          // removed meanwhile
        }
      }
    }
    if (total <= this.maxBytes) return 0;
    entries.sort((a, b) => a.used - b.used || (a.file < b.file ? -1 : 1));
    let removed = 0;
    for (const e of entries) {
      if (total <= this.maxBytes * 0.9) break;
      rmSync(e.file, { force: true });
      total -= e.size;
      removed++;
    }
    return removed;
  }

  /** Where the entry of `key` is kept (gzipped JSON). */
  entryFile(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.json.gz`);
  }

  /** Where a workspace snapshot (indexSnapshot.ts) named by a key is kept: in the same folder, under the same cap. */
  snapshotFile(key: string): string {
    return path.join(this.dir, SNAPSHOTS, `${key}${SNAPSHOT_SUFFIX}`);
  }

  private file(key: string): string {
    return this.entryFile(key);
  }
}

/**
 * The cache folder: SOURCEMARK_CACHE_DIR, else `sourcemark/digests` in the user's cache folder
 * (XDG_CACHE_HOME or ~/.cache), kept under SOURCEMARK_CACHE_MAX_MB (default 256). SOURCEMARK_CACHE_DIR=off,
 * or a build without an analyser version, caches nothing.
 */
export function digestCacheFromEnv<T>(env: NodeJS.ProcessEnv = process.env, version = ANALYSER_VERSION): DigestCache<T> | undefined {
  const dir = env.SOURCEMARK_CACHE_DIR;
  if (!version || dir === 'off') return undefined;
  const maxMb = Number(env.SOURCEMARK_CACHE_MAX_MB);
  return new DigestCache<T>(
    dir || path.join(env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'sourcemark', 'digests'), version,
    maxMb > 0 ? maxMb * 1024 * 1024 : DEFAULT_CACHE_MAX_BYTES,
  );
}
