// Digest cache entries written many to a file (a pack), for work that makes an entry per source (the
// CLI's `check`, `report`, `stats`; the language server's index): creating a file cost 0.6–0.7 ms of
// kernel CPU on the bench's machine, about a tenth of a worker's time per 5 KB source, where writing
// a pack of hundreds costs one. A pack is its head (magic, the index's length, the index: each entry's key, offset and
// length in the blob) and the blob (the entries' gzipped JSON, one after another). Written whole
// and renamed into place, so a reader sees all of it or none; one that does not read as a pack is
// skipped, never trusted.
import { closeSync, openSync, readdirSync, readSync } from 'node:fs';
import { open, readdir, type FileHandle } from 'node:fs/promises';
import * as path from 'node:path';

export const PACK_SUFFIX = '.pack';
const MAGIC = 'sourcemark digest pack 1\n';
/** Bytes read first from a pack: its head is all there unless it indexes more than ~800 entries. */
const HEAD_READ = 64 * 1024;
/** A head longer than this is not one we wrote: the pack is skipped. */
const MAX_HEAD = 64 * 1024 * 1024;
const KEY = /^[0-9a-f]{64}$/;

export interface PackedEntry {
  key: string;
  /** The entry as stored: gzipped JSON. */
  gz: Uint8Array;
}

/** Where an entry lies: its pack and its bytes there (from the start of the file). */
export interface PackPlace {
  file: string;
  offset: number;
  length: number;
}

/** A pack's bytes: its head, then the entries (the last of a key counts). */
export function packBytes(entries: readonly PackedEntry[]): Uint8Array[] {
  const index: [string, number, number][] = [];
  let offset = 0;
  for (const e of entries) {
    index.push([e.key, offset, e.gz.length]);
    offset += e.gz.length;
  }
  const indexJson = JSON.stringify(index);
  const pieces: Uint8Array[] = [Buffer.from(`${MAGIC}${indexJson.length}\n${indexJson}`, 'latin1')];
  for (const e of entries) pieces.push(e.gz);
  return pieces;
}

/** Reads `length` bytes at `position` of an open file, or fewer at its end. */
function readAt(fd: number, length: number, position: number): Buffer {
  const out = Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const n = readSync(fd, out, got, length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return out.subarray(0, got);
}

/**
 * A pack's index from the first bytes of the file: its entries by key, placed in the file; `more`
 * with how many bytes the head needs when `bytes` has fewer; undefined when it is not a pack we wrote.
 */
function parseHead(file: string, bytes: Buffer): Map<string, PackPlace> | { more: number } | undefined {
  if (bytes.toString('latin1', 0, MAGIC.length) !== MAGIC) return undefined;
  const line = bytes.indexOf(10, MAGIC.length);
  if (line < 0) return undefined;
  const indexLength = Number(bytes.toString('latin1', MAGIC.length, line));
  if (!Number.isSafeInteger(indexLength) || indexLength < 2 || indexLength > MAX_HEAD) return undefined;
  const blobStart = line + 1 + indexLength;
  if (bytes.length < blobStart) return { more: blobStart };
  let index: unknown;
  try {
    index = JSON.parse(bytes.toString('latin1', line + 1, blobStart));
  } catch {
    return undefined;
  }
  if (!Array.isArray(index)) return undefined;
  const places = new Map<string, PackPlace>();
  for (const item of index) {
    if (!Array.isArray(item) || item.length !== 3) return undefined;
    const [key, offset, length] = item as unknown[];
    if (typeof key !== 'string' || !KEY.test(key) || !Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || (offset as number) < 0 || (length as number) <= 0) return undefined;
    places.set(key, { file, offset: blobStart + (offset as number), length: length as number });
  }
  return places;
}

/** The entries a pack holds, by key, placed in the file; undefined when it is not a pack we wrote (or is gone). */
export function readPackIndex(file: string): Map<string, PackPlace> | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const head = parseHead(file, readAt(fd, HEAD_READ, 0));
    if (!head || head instanceof Map) return head;
    const whole = parseHead(file, readAt(fd, head.more, 0));
    return whole instanceof Map ? whole : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** readPackIndex on libuv's threads (a language server's main thread). */
async function readPackIndexAsync(file: string): Promise<Map<string, PackPlace> | undefined> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const read = async (length: number) => {
      const out = Buffer.alloc(length);
      const { bytesRead } = await handle.read(out, 0, length, 0);
      return out.subarray(0, bytesRead);
    };
    const head = parseHead(file, await read(HEAD_READ));
    if (!head || head instanceof Map) return head;
    const whole = parseHead(file, await read(head.more));
    return whole instanceof Map ? whole : undefined;
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}

/** Every pack's entries in `dir`, by key (a key in two packs: the later listed). */
export function readPackIndexes(dir: string): Map<string, PackPlace> {
  const places = new Map<string, PackPlace>();
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(PACK_SUFFIX)).sort();
  } catch {
    return places; // no pack written yet
  }
  for (const name of names) {
    const index = readPackIndex(path.join(dir, name));
    if (index) for (const [key, place] of index) places.set(key, place);
  }
  return places;
}

/** An entry's stored bytes from its pack; undefined when the pack is gone or shorter than its index says. */
export function readPacked(place: PackPlace): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(place.file, 'r');
  } catch {
    return undefined;
  }
  try {
    const bytes = readAt(fd, place.length, place.offset);
    return bytes.length === place.length ? bytes : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** readPackIndexes on libuv's threads. */
export async function readPackIndexesAsync(dir: string): Promise<Map<string, PackPlace>> {
  const places = new Map<string, PackPlace>();
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.endsWith(PACK_SUFFIX)).sort()) {
    const index = await readPackIndexAsync(path.join(dir, name));
    if (index) for (const [key, place] of index) places.set(key, place);
  }
  return places;
}

/** readPacked on libuv's threads. */
export async function readPackedAsync(place: PackPlace): Promise<Buffer | undefined> {
  let handle: FileHandle;
  try {
    handle = await open(place.file, 'r');
  } catch {
    return undefined;
  }
  try {
    const out = Buffer.alloc(place.length);
    const { bytesRead } = await handle.read(out, 0, place.length, place.offset);
    return bytesRead === place.length ? out : undefined;
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}
