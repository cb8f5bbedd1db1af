// Reading a file a workspace names is reading untrusted input: a FIFO named like a source or a
// sidecar blocks a reader forever, a device never ends, a folder is not text. Only regular files
// are read, and a file's kind is checked before it is opened.
import { closeSync, constants, fstatSync, openSync, readFileSync, stat as statCallback, statSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { isMainThread } from 'node:worker_threads';

/**
 * Reads block in a worker thread: its loop has nothing else to do while its job reads, and each
 * promise-based call is a trip through libuv's thread pool (a 5 KB file stat and read: 240–380 µs
 * of CPU, 30–36 µs synchronously; indexing a source makes eight such calls, a dozen with a sidecar).
 * The main thread keeps its loop free.
 */
const BLOCKING_READS = !isMainThread;

/** Thrown for a path that exists but is not a regular file; nothing was opened. */
export class NotRegularFileError extends Error {
  readonly code = 'ENOTREG';
  constructor(
    readonly path: string,
    /** What it is instead: "a folder", "a named pipe (FIFO)", … */
    readonly kind: string,
  ) {
    super(`${path} is ${kind}, not a regular file, so Sourcemark does not read it.`);
    this.name = 'NotRegularFileError';
  }
}

/** Thrown for a regular file larger than the reader accepts; nothing was read. */
export class FileTooLargeError extends Error {
  readonly code = 'ETOOLARGE';
  constructor(readonly path: string, readonly bytes: number, readonly maxBytes: number) {
    super(`${path} is ${formatBytes(bytes)}, over the ${formatBytes(maxBytes)} Sourcemark reads.`);
    this.name = 'FileTooLargeError';
  }
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} bytes`;
}

/** What a non-regular file is, in words a user knows. */
export function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * What is at `path`; rejects as `fs/promises` stat does (ENOENT included). The callback form:
 * `fs/promises` stat cost 27–68 µs of CPU a call here (4,002 calls, the most for missing files),
 * the callback form 8–18 µs, and reopening a workspace of 2,000 sources stats each a few times on
 * the main thread.
 */
export function statPath(path: string): Promise<Stats> {
  if (BLOCKING_READS) {
    try {
      return Promise.resolve(statSync(path));
    } catch (err) {
      return Promise.reject(err as Error);
    }
  }
  return new Promise((resolve, reject) => statCallback(path, (err, st) => (err ? reject(err) : resolve(st))));
}

/** What is at `path`, or undefined when nothing is there (ENOENT); other errors reject. */
export function statOrMissing(path: string): Promise<Stats | undefined> {
  return statPath(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
}

/** The kind of what is at `path` when it is not a regular file; undefined for a regular file or nothing there. */
export async function nonRegularKind(path: string): Promise<string | undefined> {
  const st = await statOrMissing(path).catch(() => undefined);
  return st && !st.isFile() ? kindOf(st) : undefined;
}

/**
 * The bytes of the regular file at `path`, or undefined when nothing is there (ENOENT). Throws
 * NotRegularFileError for a folder, FIFO, device or socket, without opening it, and
 * FileTooLargeError above `maxBytes`, without reading it; other fs errors as they are.
 */
export async function readRegularFile(path: string, maxBytes = Infinity): Promise<Buffer | undefined> {
  if (BLOCKING_READS) return readRegularFileSync(path, maxBytes);
  const st = await statOrMissing(path);
  if (!st) return undefined;
  checkRegular(path, st, maxBytes);
  // Non-blocking, then checked again on the handle: a FIFO swapped in after the stat must not block the open.
  const handle = await open(path, OPEN_FLAGS);
  try {
    checkRegular(path, await handle.stat(), maxBytes);
    return checkRead(path, await handle.readFile(), maxBytes);
  } finally {
    await handle.close();
  }
}

/** `readRegularFile` in one synchronous call, with the same checks (what a worker thread runs). */
export function readRegularFileSync(path: string, maxBytes = Infinity): Buffer | undefined {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return undefined;
  checkRegular(path, st, maxBytes);
  const fd = openSync(path, OPEN_FLAGS);
  try {
    checkRegular(path, fstatSync(fd), maxBytes);
    return checkRead(path, readFileSync(fd), maxBytes);
  } finally {
    closeSync(fd);
  }
}

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

function checkRegular(path: string, st: Stats, maxBytes: number): void {
  if (!st.isFile()) throw new NotRegularFileError(path, kindOf(st));
  if (st.size > maxBytes) throw new FileTooLargeError(path, st.size, maxBytes);
}

/** The file grew between its stat and its read. */
function checkRead(path: string, bytes: Buffer, maxBytes: number): Buffer {
  if (bytes.length > maxBytes) throw new FileTooLargeError(path, bytes.length, maxBytes);
  return bytes;
}
