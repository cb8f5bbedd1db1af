// What indexing learned about a source, kept on disk between runs: keyed by the source's path, the
// hash of its text, of its sidecar's bytes, of the analysis settings (with the ignored names) and of
// the analyser's own code, so reopening a workspace analyses only what changed. One folder, shared
// by every language server of this user and the CLI's `check` and `report` (src/cli/batch/checkCache.ts), each with entries of its own.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { writeFileAtomic } from '../files/atomicWrite';
import { statPath } from '../files/regularFile';
import { userCacheFolder } from '../files/userCacheFolder';
import { asciiJson, jsonText } from '../text/asciiJson';
import { pairSafeEnd } from '../text/pairSafeEnd';
import { PACK_SUFFIX, packBytes, readPacked, readPackedAsync, readPackIndexes, readPackIndexesAsync, type PackedEntry, type PackPlace } from './digestPacks';

/** Set by the build (scripts/build.mjs): a hash of the analyser's sources and locked dependencies. */
declare const __SOURCEMARK_ANALYSER__: string | undefined;

/** The analyser's version for cache keys; undefined when running from source (tests), where nothing is cached. */
export const ANALYSER_VERSION: string | undefined = typeof __SOURCEMARK_ANALYSER__ === 'string' ? __SOURCEMARK_ANALYSER__ : undefined;

// 2: gzipped (a digest's JSON is about 6.5 times its source's size; gzipped, about 1.2 times: 667 KB for the 5 samples and 100 generated 5 KB sources).
// 3: digest version 2 (items are spans, lines and characters from the digest's line starts).
const FORMAT = 3;

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** Bytes hashed per turn of the event loop by `sha256InSlices`: about a millisecond. */
const HASH_SLICE = 512 * 1024;
/** Characters of a text hashed per turn: their UTF-8 is encoded first, up to three bytes each. */
const TEXT_HASH_SLICE = 256 * 1024;

/**
 * sha256 of megabytes a language server's main thread should not hold on for (a 2,000-source
 * snapshot: 25–35 ms at once), hashed a slice per turn of the event loop. WebCrypto's digest, which
 * hashes on libuv's threads, first copied the bytes on the main thread: 11 ms.
 */
export async function sha256InSlices(data: string | Uint8Array | readonly Uint8Array[]): Promise<string> {
  const hash = createHash('sha256');
  if (typeof data === 'string') {
    // Text as sha256(text) hashes it (its UTF-8), a slice of characters per turn, never between the two halves of a pair.
    for (let at = 0; at < data.length; ) {
      if (at > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      const end = pairSafeEnd(data, at, at + TEXT_HASH_SLICE);
      hash.update(data.slice(at, end));
      at = end;
    }
    return hash.digest('hex');
  }
  // Pieces (a blob not joined into one buffer) hash as their concatenation would; a turn of the
  // event loop after each HASH_SLICE bytes, however small the pieces (a snapshot's are its entries).
  let sinceTurn = 0;
  for (const piece of data instanceof Uint8Array ? [data] : data) {
    for (let at = 0; at < piece.length; ) {
      if (sinceTurn >= HASH_SLICE) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        sinceTurn = 0;
      }
      const slice = piece.subarray(at, at + HASH_SLICE - sinceTurn);
      hash.update(slice);
      sinceTurn += slice.length;
      at += slice.length;
    }
  }
  return hash.digest('hex');
}

/** The cache folder's size cap by default (SOURCEMARK_CACHE_MAX_MB): about 35,000 sources of 5 KB. */
export const DEFAULT_CACHE_MAX_BYTES = 256 * 1024 * 1024;
/** Entries written between two checks of the folder's size (each lists the folder and stats a sample of it, see evict). */
const WRITES_BETWEEN_CHECKS = 500;
/**
 * gzip's fastest level: a first index writes an entry per source, and at the default level (6)
 * compressing them was ~5 % of an index worker's CPU; level 1 takes half the time for entries
 * ~18 % larger (2,000 digests of 33 KB: 6.3 → 7.5 KB each).
 */
const GZIP_LEVEL = 1;
/** The sub-folder of workspace snapshots, and their suffix: counted and evicted with the entries. */
const SNAPSHOTS = 'snapshots';
/** The sub-folder of packs (digestPacks.ts), counted and evicted with the entries, a pack as one. */
const PACKS = 'packs';
const SNAPSHOT_SUFFIX = '.snapshot';
/** A temporary file this old was left by a process that died mid-write: removed by the next size check. */
const STALE_TEMP_MS = 60 * 60 * 1000;
/** Files stat'ed at once by an asynchronous eviction check. */
const STAT_BATCH = 64;
/**
 * Least time between two asynchronous checks of one process, unless its own writes since could take
 * the folder over its cap: even sampled, a full folder (20,000 entries) costs 25–35 ms of CPU.
 * Other processes check their own writes.
 */
const ASYNC_CHECK_INTERVAL_MS = 10 * 60 * 1000;

interface CachedFile {
  file: string;
  /** A temporary file, left by a write or removed when stale. */
  temp: boolean;
  mtimeMs: number;
  size: number;
}

/** The cache's files among one sub-folder's names (entries, snapshots, temporary files), to be stat'ed. */
function cachedFiles(dir: string, sub: string, names: readonly string[]): { file: string; temp: boolean }[] {
  const out: { file: string; temp: boolean }[] = [];
  for (const name of names) {
    const temp = name.endsWith('.tmp');
    if (temp || name.endsWith('.json.gz') || name.endsWith(SNAPSHOT_SUFFIX) || name.endsWith(PACK_SUFFIX)) out.push({ file: path.join(dir, sub, name), temp });
  }
  return out;
}

/** Entries are filed in 256 sub-folders by their key's first two hex digits, so each holds about the same share. */
const SHARD = /^[0-9a-f]{2}$/;
/** A size check stats one sub-folder of entries in this many (turn by turn a different one) and scales up. */
const SAMPLE_STRIDE = 16;

/**
 * The sub-folders a size check stats first: every folder that is not a shard of entries
 * (snapshots), and of the shards one in SAMPLE_STRIDE, starting at `round`. `scale` turns the sampled
 * shards' bytes into an estimate for all shards; a folder of few shards is read whole (no `scale`).
 */
function sampleOf(dirs: readonly string[], round: number): { first: string[]; rest: string[]; scale?: number } {
  const shards = dirs.filter((d) => SHARD.test(d)).sort();
  const others = dirs.filter((d) => !SHARD.test(d));
  if (shards.length <= SAMPLE_STRIDE) return { first: [...others, ...shards], rest: [] };
  const sampled = shards.filter((_, i) => i % SAMPLE_STRIDE === round % SAMPLE_STRIDE);
  return { first: [...others, ...sampled], rest: shards.filter((_, i) => i % SAMPLE_STRIDE !== round % SAMPLE_STRIDE), scale: shards.length / sampled.length };
}

/**
 * The folder's size as a sample tells it (exact for what is not a shard, the sampled shards scaled
 * up) when that settles the check: under the cap. Undefined when the whole folder must be read.
 */
function sizeBySample(files: readonly CachedFile[], scale: number | undefined, maxBytes: number): number | undefined {
  if (scale === undefined) return undefined;
  let exact = 0;
  let sampled = 0;
  for (const f of files) {
    if (f.temp) continue;
    if (SHARD.test(path.basename(path.dirname(f.file)))) sampled += f.size;
    else exact += f.size;
  }
  const size = exact + sampled * scale;
  return size <= maxBytes ? size : undefined;
}

const staleTemps = (files: readonly CachedFile[]): string[] => {
  const now = Date.now();
  return files.filter((f) => f.temp && now - f.mtimeMs > STALE_TEMP_MS).map((f) => f.file);
};

/**
 * A folder stat'ed whole because its sample was over the cap is trimmed from this share of the cap:
 * one hovering just under it would otherwise be stat'ed whole at most checks (the sample's error).
 */
const SAMPLED_TRIM = 0.95;

/**
 * What an eviction check removes: temporary files older than STALE_TEMP_MS, and while the rest is
 * over `maxBytes` (`trimFrom` of it), the least recently used files until it holds 90 % of it.
 */
function toRemove(files: readonly CachedFile[], maxBytes: number, trimFrom = 1): { stale: string[]; evicted: string[]; total: number } {
  const stale = staleTemps(files);
  const kept = files.filter((f) => !f.temp);
  let total = kept.reduce((n, f) => n + f.size, 0);
  const evicted: string[] = [];
  if (total <= maxBytes * trimFrom) return { stale, evicted, total };
  kept.sort((a, b) => a.mtimeMs - b.mtimeMs || (a.file < b.file ? -1 : 1));
  for (const f of kept) {
    if (total <= maxBytes * 0.9) break;
    evicted.push(f.file);
    total -= f.size;
  }
  return { stale, evicted, total };
}

export class DigestCache<T> {
  private writes = 0;
  /** Which shards the next size check samples; a random start, so that processes checking once each still read different shards (and stale temporary files everywhere go in time). */
  private round = Math.floor(Math.random() * SAMPLE_STRIDE);
  /** This process's last asynchronous check: when, and the bytes it left plus those written since. */
  private lastAsyncCheck?: { at: number; bytes: number };
  /** The entries of the packs there were when first asked, by key; those this cache wrote since; the packs read (touched once). */
  private packed?: Map<string, PackPlace>;
  private packedAsync?: Promise<Map<string, PackPlace>>;
  private readonly written = new Map<string, PackPlace>();
  private readonly packsUsed = new Set<string>();

  constructor(private readonly dir: string, private readonly version: string, readonly maxBytes = DEFAULT_CACHE_MAX_BYTES) {}

  /** One key for everything a cached result depends on. */
  key(parts: readonly string[]): string {
    return sha256([`v${FORMAT}`, this.version, ...parts].join('\u0000'));
  }

  get(key: string): T | undefined {
    const fromPack = this.getPacked(key);
    if (fromPack !== undefined) return fromPack;
    const file = this.file(key);
    let value: T;
    try {
      value = JSON.parse(jsonText(gunzipSync(readFileSync(file)))) as T;
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

  private getPacked(key: string): T | undefined {
    const place = this.written.get(key) ?? (this.packed ??= readPackIndexes(path.join(this.dir, PACKS))).get(key);
    const bytes = place && readPacked(place);
    if (!bytes) return undefined;
    let value: T;
    try {
      value = JSON.parse(jsonText(gunzipSync(bytes))) as T;
    } catch {
      return undefined;
    }
    this.used(place.file);
    return value;
  }

  /** Marks a pack used now, as `get` marks an entry: a pack goes when none of its entries has been read for longest. */
  private used(pack: string): void {
    if (this.packsUsed.has(pack)) return;
    this.packsUsed.add(pack);
    const now = new Date();
    try {
      utimesSync(pack, now, now);
    } catch {
      // Evicted meanwhile: what was read stands.
    }
  }

  /**
   * An entry's bytes as stored (gzipped JSON), from its pack or its file, read on libuv's threads: a
   * workspace snapshot holds them as they are. Undefined when it is gone (evicted) or never was.
   */
  async storedBytes(key: string): Promise<Buffer | undefined> {
    const place = this.written.get(key) ?? (await (this.packedAsync ??= readPackIndexesAsync(path.join(this.dir, PACKS)))).get(key);
    const packed = place && (await readPackedAsync(place));
    if (packed) return packed;
    return readFile(this.entryFile(key)).catch(() => undefined);
  }

  /** An entry's JSON as `writePack` stores it (`json` must be the JSON of a T; asciiJson's, to read back fast). */
  packable(key: string, json: string): PackedEntry {
    return { key, gz: gzipSync(json, { level: GZIP_LEVEL }) };
  }

  /**
   * Keeps `entries` in one new pack (digestPacks.ts), written on libuv's threads to a temporary file
   * and renamed; a failure only costs a later analysis. Then checks the folder's size (evictAsync).
   */
  async writePack(entries: readonly PackedEntry[]): Promise<void> {
    if (!entries.length) return;
    const file = path.join(this.dir, PACKS, `${Date.now().toString(36)}-${randomBytes(6).toString('hex')}${PACK_SUFFIX}`);
    const pieces = packBytes(entries);
    try {
      await writeFileAtomic(file, pieces);
    } catch {
      return;
    }
    let offset = pieces[0]!.length;
    for (const e of entries) {
      this.written.set(e.key, { file, offset, length: e.gz.length });
      offset += e.gz.length;
    }
    // A check that fails only leaves the folder over its cap until a later one.
    await this.evictAsync(offset).catch(() => undefined);
  }

  /** Written to a temporary file and renamed, so a reader never sees half of it; failures only cost a later analysis. */
  set(key: string, value: T): void {
    this.setJson(key, asciiJson(value as object));
  }

  /** `set` of a value already in JSON (`json` must be the JSON of a T): for a writer that has the text anyway. */
  setJson(key: string, json: string): void {
    const file = this.file(key);
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      const gz = gzipSync(json, { level: GZIP_LEVEL });
      try {
        writeFileSync(temp, gz);
      } catch (e) {
        // The shard's folder is made when a write first needs it (or again, if it was deleted): a
        // mkdir before every write was ~0.12 ms of a ~20 ms indexed source.
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(temp, gz);
      }
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
   * The size is first estimated from one shard of entries in SAMPLE_STRIDE (sampleOf), the whole
   * folder stat'ed only when that is over the cap: a full folder (20,000 entries) took 198–281 ms to
   * stat whole, and under its cap that is all a check finds. The estimate's error (±4 % on such a
   * folder) may leave the folder that much over its cap until a later check.
   */
  evict(): number {
    let dirs: string[];
    try {
      dirs = readdirSync(this.dir);
    } catch {
      return 0;
    }
    const { first, rest, scale } = sampleOf(dirs, this.round++);
    const files = this.statAll(first);
    if (sizeBySample(files, scale, this.maxBytes) !== undefined) {
      for (const f of staleTemps(files)) rmSync(f, { force: true });
      return 0;
    }
    files.push(...this.statAll(rest));
    const { stale, evicted } = toRemove(files, this.maxBytes, scale === undefined ? 1 : SAMPLED_TRIM);
    for (const f of [...stale, ...evicted]) rmSync(f, { force: true });
    return evicted.length;
  }

  private statAll(subs: readonly string[]): CachedFile[] {
    const files: CachedFile[] = [];
    for (const d of subs) {
      let names: string[];
      try {
        names = readdirSync(path.join(this.dir, d));
      } catch {
        continue; // not a folder of entries
      }
      for (const file of cachedFiles(this.dir, d, names)) {
        try {
          const st = statSync(file.file);
          files.push({ ...file, mtimeMs: st.mtimeMs, size: st.size });
        } catch {
          // removed meanwhile
        }
      }
    }
    return files;
  }

  /**
   * `evict` with the folder listed and stat'ed on libuv's threads (a language server's main thread;
   * stat'ing a full folder whole there took 480 ms of its CPU). `written`: the bytes the caller just
   * wrote; the check is skipped within ASYNC_CHECK_INTERVAL_MS of the last one while what that one
   * found plus the writes since stays under the cap.
   */
  async evictAsync(written = 0): Promise<number> {
    const last = this.lastAsyncCheck;
    if (last && Date.now() - last.at < ASYNC_CHECK_INTERVAL_MS && last.bytes + written <= this.maxBytes) {
      last.bytes += written;
      return 0;
    }
    const dirs = await readdir(this.dir).catch(() => undefined);
    if (!dirs) return 0;
    const { first, rest, scale } = sampleOf(dirs, this.round++);
    const files = await this.statAllAsync(first);
    const estimated = sizeBySample(files, scale, this.maxBytes);
    if (estimated !== undefined) {
      await Promise.all(staleTemps(files).map((f) => rm(f, { force: true })));
      this.lastAsyncCheck = { at: Date.now(), bytes: estimated };
      return 0;
    }
    files.push(...(await this.statAllAsync(rest)));
    const { stale, evicted, total } = toRemove(files, this.maxBytes, scale === undefined ? 1 : SAMPLED_TRIM);
    await Promise.all([...stale, ...evicted].map((f) => rm(f, { force: true })));
    this.lastAsyncCheck = { at: Date.now(), bytes: total };
    return evicted.length;
  }

  private async statAllAsync(subs: readonly string[]): Promise<CachedFile[]> {
    const files: CachedFile[] = [];
    for (const d of subs) {
      const names = await readdir(path.join(this.dir, d)).catch(() => undefined);
      if (!names) continue; // not a folder of entries
      const listed = cachedFiles(this.dir, d, names);
      for (let i = 0; i < listed.length; i += STAT_BATCH) {
        const stats = await Promise.all(listed.slice(i, i + STAT_BATCH).map((f) => statPath(f.file).then((st) => ({ ...f, mtimeMs: st.mtimeMs, size: st.size }), () => undefined)));
        for (const f of stats) if (f) files.push(f);
      }
    }
    return files;
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
 * a build without an analyser version, or a user without a home folder caches nothing.
 */
export function digestCacheFromEnv<T>(env: NodeJS.ProcessEnv = process.env, version = ANALYSER_VERSION, home?: () => string): DigestCache<T> | undefined {
  if (!version || env.SOURCEMARK_CACHE_DIR === 'off') return undefined;
  const dir = env.SOURCEMARK_CACHE_DIR || userCacheFolder('digests', env, home);
  if (!dir) return undefined;
  const maxMb = Number(env.SOURCEMARK_CACHE_MAX_MB);
  return new DigestCache<T>(dir, version, maxMb > 0 ? maxMb * 1024 * 1024 : DEFAULT_CACHE_MAX_BYTES);
}
