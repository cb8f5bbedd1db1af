// A workspace folder's index in one file of the digest cache folder (digestCache.ts): for each closed
// source its stamp (size and modification time, and its sidecar's), its counts for the Sourcemark
// view and its digest cache entry as stored (gzipped JSON). Reopening the folder reads it in one go
// and checks each source by its stamps only; a source whose stamps changed is indexed as before (its
// text hashed, the digest cache asked). Anything wrong with the file (truncated, corrupt, another
// folder's or settings', another analyser's) makes it be ignored and written again.
import { createHash } from 'node:crypto';
import { open, utimes } from 'node:fs/promises';
import { promisify } from 'node:util';
import { constants as zlibConstants, gunzip, gzip } from 'node:zlib';
import { sha256InSlices, type DigestCache } from '../core/corpus/digestCache';
import { sourceTextSha256 } from '../core/loadSource';
import { DIGEST_ITEM_LISTS, type SourceDigest } from '../core/corpus';
import { writeFileAtomic } from '../core/files/atomicWrite';
import type { SourceCounts } from '../core/sourceCounts';
import { sidecarPathFor } from '../core/tags/sidecarStore';
import { stampOf, type FileStamp, type IndexedSummary } from './indexJob';
import { jsonText } from '../core/text/asciiJson';
import { parseInParts } from '../core/text/jsonListParts';
import { yieldToLoop } from './slices';

const gunzipAsync = promisify(gunzip);
const gzipAsync = promisify(gzip);

const MAGIC = Buffer.from('sourcemark index snapshot 2\n');
/** A stamp within this of the time it was taken may hide a change made just after (file systems with coarse times): such a source is checked by its hash. */
const RACY_MS = 2000;
/** The shortest gzip member (header and trailer). */
const GZIP_MIN = 18;
/** Output chunk of one inflation: large, so a batch's output comes back in a few callbacks. */
const INFLATE_CHUNK = 1024 * 1024;
/**
 * A batch that says it inflates to less than this is inflated into one buffer of its size: zlib
 * then hands back that buffer, where chunks were joined by a copy on the main thread (63 ms of a
 * reopening's 1.7 s there). The sizes come from the entries' trailers, so they are capped.
 */
const ONE_BUFFER_MAX = 32 * 1024 * 1024;

export interface SnapshotEntry {
  uri: string;
  mtimeMs: number;
  size: number;
  sidecar: FileStamp | null;
  counts: SourceCounts;
  cacheKey: string;
  stampedAt: number;
  /** Where its digest cache entry lies in the snapshot's blob. */
  offset: number;
  length: number;
}

interface SnapshotMeta {
  format: 2;
  /** The folder, its analysis settings and the analyser's version, as one key (snapshotKey). */
  key: string;
  blobLength: number;
  blobSha256: string;
  entries: SnapshotEntry[];
}

export interface Snapshot {
  file: string;
  entries: Map<string, SnapshotEntry>;
  blob: Buffer;
}

/** One source for a snapshot: its summary (with its cache key) and its digest cache entry's bytes, or how to read them when they are written. */
export interface SnapshotSource {
  uri: string;
  summary: IndexedSummary;
  entry: Uint8Array | (() => Promise<Uint8Array | undefined>);
}

/** The snapshot's key: one per folder, analysis settings (ignored names included) and analyser version. */
export function snapshotKey(cache: DigestCache<unknown>, folderPath: string, settingsKey: string): string {
  return cache.key(['workspace snapshot', folderPath, settingsKey]);
}

/** Whether a summary can go into a snapshot: it has its cache entry and stamps that cannot hide a change. */
export function snapshotable(s: IndexedSummary): s is IndexedSummary & { cacheKey: string; sidecar: FileStamp | null; stampedAt: number } {
  if (s.cacheKey === undefined || s.sidecar === undefined || s.stampedAt === undefined || s.problem) return false;
  const latest = Math.max(s.mtimeMs, s.sidecar?.[0] ?? 0);
  return latest < s.stampedAt - RACY_MS;
}

/**
 * A summary whose stamps were too fresh to trust when its source was read (a folder copied just
 * before it was indexed), stamped again once they are old enough: the source still has its stamp
 * and the very text analysed (its hash), and its sidecar is still missing or still as it was, long
 * enough before. A change after this check gives the file a newer time, so the stamp can stand (as
 * git settles a racy index entry). Undefined when it cannot be trusted yet or no longer holds.
 */
export async function restamped(path: string, s: IndexedSummary, now = Date.now()): Promise<IndexedSummary | undefined> {
  if (s.cacheKey === undefined || s.sidecar === undefined || s.stampedAt === undefined || s.textSha256 === undefined || s.problem) return undefined;
  // A sidecar written moments before it was read would need its bytes checked too: left to the next scan.
  if (s.sidecar !== null && s.sidecar[0] >= s.stampedAt - RACY_MS) return undefined;
  if (Math.max(s.mtimeMs, s.sidecar?.[0] ?? 0) >= now - RACY_MS) return undefined;
  const [source, sidecar] = await Promise.all([stampOf(path), stampOf(sidecarPathFor(path))]);
  if (!source || source === 'unreadable' || source[0] !== s.mtimeMs || source[1] !== s.size || sidecar === 'unreadable') return undefined;
  if (sidecar === null ? s.sidecar !== null : s.sidecar === null || sidecar[0] !== s.sidecar[0] || sidecar[1] !== s.sidecar[1]) return undefined;
  // A slice per turn: a 6 MB source decoded and hashed at once held the main thread 23–29 ms.
  const textSha256 = await sourceTextSha256(path).catch(() => undefined);
  if (textSha256 !== s.textSha256) return undefined;
  return { ...s, stampedAt: now };
}

/**
 * The snapshot of `key` in `cache`'s folder, or undefined when there is none or it cannot be
 * trusted. Touched when read, so the cache's eviction (least recently used first) keeps it.
 */
export async function readSnapshot(cache: DigestCache<unknown>, key: string): Promise<Snapshot | undefined> {
  const file = cache.snapshotFile(key);
  let bytes: Buffer;
  try {
    const handle = await open(file, 'r');
    try {
      // Never more than the cache may hold: a file larger than that is not one this code wrote.
      if ((await handle.stat()).size > cache.maxBytes) return undefined;
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
  const snapshot = await parseSnapshot(bytes, key).catch(() => undefined);
  if (!snapshot) return undefined;
  const now = new Date();
  await utimes(file, now, now).catch(() => undefined);
  return { file, ...snapshot };
}

async function parseSnapshot(bytes: Buffer, key: string): Promise<Omit<Snapshot, 'file'> | undefined> {
  // MAGIC, the blob of entries, the table of entries (gzipped JSON), the table's length.
  if (bytes.length < MAGIC.length + 4 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const metaLength = bytes.readUInt32BE(bytes.length - 4);
  const metaStart = bytes.length - 4 - metaLength;
  if (metaStart < MAGIC.length) return undefined;
  const meta = JSON.parse((await gunzipAsync(bytes.subarray(metaStart, bytes.length - 4))).toString('utf8')) as SnapshotMeta;
  const blob = bytes.subarray(MAGIC.length, metaStart);
  if (!meta || meta.format !== 2 || meta.key !== key || meta.blobLength !== blob.length || !Array.isArray(meta.entries)) return undefined;
  if ((await sha256InSlices(blob)) !== meta.blobSha256) return undefined;
  const entries = new Map<string, SnapshotEntry>();
  for (const e of meta.entries) {
    if (!validEntry(e, blob.length)) return undefined;
    entries.set(e.uri, e);
  }
  return { entries, blob };
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;
const isStamp = (s: unknown): s is FileStamp => Array.isArray(s) && s.length === 2 && typeof s[0] === 'number' && isCount(s[1]);

function validEntry(e: SnapshotEntry, blobLength: number): boolean {
  if (!e || typeof e !== 'object' || typeof e.uri !== 'string' || typeof e.cacheKey !== 'string') return false;
  if (typeof e.mtimeMs !== 'number' || typeof e.stampedAt !== 'number' || !isCount(e.size) || (e.sidecar !== null && !isStamp(e.sidecar))) return false;
  if (!isCount(e.offset) || !isCount(e.length) || e.offset + e.length > blobLength) return false;
  const c = e.counts;
  if (!c || typeof c !== 'object' || !c.byKind || typeof c.byKind !== 'object') return false;
  return [c.verified, c.speculative, c.contradicted, c.untagged, c.orphans, ...Object.values(c.byKind)].every(isCount);
}

/**
 * Whether the source at `path` and its sidecar are as the entry says (their stamps; nothing is read).
 * `sidecarListed`: whether the folder walk just saw the sidecar; when it did not, it is missing
 * without a stat (most sources have none, and a stat of a missing file is the dearest).
 */
export async function entryHolds(entry: SnapshotEntry, path: string, sidecarListed = true): Promise<boolean> {
  const [source, sidecar] = await Promise.all([stampOf(path), sidecarListed ? stampOf(sidecarPathFor(path)) : null]);
  if (!source || source === 'unreadable' || source[0] !== entry.mtimeMs || source[1] !== entry.size) return false;
  if (sidecar === 'unreadable') return false;
  return sidecar === null ? entry.sidecar === null : entry.sidecar !== null && sidecar[0] === entry.sidecar[0] && sidecar[1] === entry.sidecar[1];
}

/**
 * The entries' stored JSON, inflated on libuv's threads: their gzip members back to back in one
 * call, cut apart by the sizes their trailers give (zlib checks each member's length and CRC), so the
 * main thread sees a few callbacks rather than thousands. When that fails, each is inflated alone;
 * undefined for one that is not gzip.
 */
export async function inflateEntries(snapshot: Snapshot, entries: readonly SnapshotEntry[]): Promise<(Buffer | undefined)[]> {
  const parts = entries.map((e) => entryBytes(snapshot, e));
  const sizes = parts.map((p) => (p.length >= GZIP_MIN ? p.readUInt32LE(p.length - 4) : -1));
  const total = sizes.reduce((sum, n) => sum + n, 0);
  if (sizes.every((n) => n >= 0)) {
    // One byte more than the output: a full output buffer makes zlib ask for another.
    const chunkSize = total < ONE_BUFFER_MAX ? Math.max(zlibConstants.Z_MIN_CHUNK, total + 1) : INFLATE_CHUNK;
    const all = await gunzipAsync(joined(snapshot, entries) ?? Buffer.concat(parts), { chunkSize }).catch(() => undefined);
    if (all && all.length === total) {
      let at = 0;
      return sizes.map((n) => all.subarray(at, (at += n)));
    }
  }
  return Promise.all(parts.map((p) => gunzipAsync(p).catch(() => undefined)));
}

/** The entries' bytes as one view of the blob, when they lie end to end there (in a snapshot's order they do). */
function joined(snapshot: Snapshot, entries: readonly SnapshotEntry[]): Buffer | undefined {
  for (let i = 1; i < entries.length; i++) if (entries[i]!.offset !== entries[i - 1]!.offset + entries[i - 1]!.length) return undefined;
  const first = entries[0];
  const last = entries[entries.length - 1];
  return first && last ? snapshot.blob.subarray(first.offset, last.offset + last.length) : undefined;
}

/** Entries longer than this (bytes of JSON) are parsed in parts (readEntry). */
export const PARTED_ENTRY_BYTES = 256 * 1024;
/** About this many bytes of a list a part: a JSON.parse of a ms or two. */
const ENTRY_PART_BYTES = 64 * 1024;
/** Main-thread time of a scan or parse between two turns of the event loop. */
const READ_SLICE_MS = 2;
/** The lists of a digest parted: its items, and its line starts (some 100,000 numbers for 6 MB). */
const PARTED_LISTS: ReadonlySet<string> = new Set([...DIGEST_ITEM_LISTS, 'lines']);

/** The digest in an entry's JSON, or undefined when it cannot be read (the source is then indexed again). */
export function parseEntry(json: Buffer | undefined): SourceDigest | undefined {
  if (!json) return undefined;
  try {
    return digestIn(JSON.parse(jsonText(json)));
  } catch {
    return undefined;
  }
}

/**
 * parseEntry, a long entry parsed a part per turn of the event loop: in one JSON.parse, a 6 MB
 * source's held the main thread for 220 ms of a reopening (a hover waited 210 ms).
 */
export async function readEntry(json: Buffer | undefined, sliceMs = READ_SLICE_MS): Promise<SourceDigest | undefined> {
  if (!json || json.length < PARTED_ENTRY_BYTES) return parseEntry(json);
  let slice = performance.now();
  const pause = () => {
    if (performance.now() - slice < sliceMs) return undefined;
    return yieldToLoop().then(() => {
      slice = performance.now();
    });
  };
  try {
    return digestIn(await parseInParts(json, 'digest', PARTED_LISTS, ENTRY_PART_BYTES, pause));
  } catch {
    return undefined;
  }
}

function digestIn(entry: unknown): SourceDigest | undefined {
  const d = (entry as { digest?: SourceDigest } | null)?.digest;
  return d && d.version === 2 && Array.isArray(d.lines) && DIGEST_ITEM_LISTS.every((k) => Array.isArray(d[k])) ? d : undefined;
}

export function entryBytes(snapshot: Snapshot, entry: SnapshotEntry): Buffer {
  return snapshot.blob.subarray(entry.offset, entry.offset + entry.length);
}

/** The summary a snapshot entry stands for, under the settings it was made with. */
export function summaryOfEntry(entry: SnapshotEntry, settingsKey: string): IndexedSummary {
  return { counts: entry.counts, mtimeMs: entry.mtimeMs, size: entry.size, settingsKey, cacheKey: entry.cacheKey, sidecar: entry.sidecar, stampedAt: entry.stampedAt };
}

/** Entries read ahead while a snapshot is written (the rest are not in memory). */
const READ_AHEAD = 32;

/**
 * Writes the snapshot of `key` (sorted by URI, so the same index gives the same bytes); atomic, in
 * the cache folder only. The entries are read, hashed and written a few at a time, joined into
 * pieces of about BLOB_PIECE bytes (a write each): read all at once and joined into a copy for the
 * write, they made the server's peak of memory at the end of a first index (the save took the
 * bench's 2,001 sources from 450 to 497 MB; 477–484 MB since). So the table of entries, known only
 * at the end, follows the blob (format 2).
 * An entry that cannot be read (evicted meanwhile) is left out.
 */
export async function writeSnapshot(cache: DigestCache<unknown>, key: string, sources: readonly SnapshotSource[]): Promise<void> {
  const sorted = [...sources].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  let written = 0;
  async function* parts(): AsyncGenerator<Uint8Array> {
    yield MAGIC;
    const hash = createHash('sha256');
    const entries: SnapshotEntry[] = [];
    let offset = 0;
    let group: Uint8Array[] = [];
    let size = 0;
    for (let i = 0; i < sorted.length; i += READ_AHEAD) {
      const batch = sorted.slice(i, i + READ_AHEAD);
      const bytes = await Promise.all(batch.map((s) => (typeof s.entry === 'function' ? s.entry() : s.entry)));
      for (let k = 0; k < batch.length; k++) {
        const entry = bytes[k];
        if (!entry) continue;
        const { uri, summary: s } = batch[k]!;
        entries.push({ uri, mtimeMs: s.mtimeMs, size: s.size, sidecar: s.sidecar ?? null, counts: s.counts, cacheKey: s.cacheKey!, stampedAt: s.stampedAt!, offset, length: entry.length });
        offset += entry.length;
        hash.update(entry);
        group.push(entry);
        size += entry.length;
        if (size < BLOB_PIECE) continue;
        yield Buffer.concat(group, size);
        group = [];
        size = 0;
      }
    }
    if (group.length) yield Buffer.concat(group, size);
    const meta: SnapshotMeta = { format: 2, key, blobLength: offset, blobSha256: hash.digest('hex'), entries };
    const metaBytes = await gzipAsync(JSON.stringify(meta));
    const length = Buffer.alloc(4);
    length.writeUInt32BE(metaBytes.length);
    yield metaBytes;
    yield length;
    written = MAGIC.length + offset + metaBytes.length + length.length;
  }
  await writeFileAtomic(cache.snapshotFile(key), parts());
  await cache.evictAsync(written);
}

/** Bytes per piece of a snapshot's blob. */
const BLOB_PIECE = 1024 * 1024;
