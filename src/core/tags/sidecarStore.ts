import { randomBytes } from 'node:crypto';
import { open, readFile, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Sidecar } from './annotation';
import { parseSidecar, serializeSidecar, type SidecarProblem } from './sidecarFormat';

export const SIDECAR_SUFFIX = '.annotations.json';

export function sidecarPathFor(sourcePath: string): string {
  return sourcePath + SIDECAR_SUFFIX;
}

export type SidecarRead =
  | { state: 'missing' }
  | { state: 'ok'; sidecar: Sidecar; raw: string }
  | { state: 'invalid'; problem: SidecarProblem };

export interface SidecarStore {
  read(path: string): Promise<SidecarRead>;
  /** Throws SidecarStoreError when the file cannot be written or must not be overwritten. */
  write(path: string, sidecar: Sidecar): Promise<void>;
}

export class SidecarStoreError extends Error {
  /** `'invalid-existing'` when an unreadable sidecar was protected, otherwise the fs error code. */
  readonly code: string;
  readonly problem?: SidecarProblem;

  constructor(message: string, code: string, options?: { cause?: unknown; problem?: SidecarProblem }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SidecarStoreError';
    this.code = code;
    this.problem = options?.problem;
  }
}

function classify(raw: string): SidecarRead {
  const parsed = parseSidecar(raw);
  return parsed.ok ? { state: 'ok', sidecar: parsed.sidecar, raw } : { state: 'invalid', problem: parsed.problem };
}

/**
 * Shared by both stores so they agree: returns the bytes to write, or undefined when the
 * file already holds them. A file we cannot parse may hold tags we do not understand, so
 * overwriting it could destroy the user's work.
 */
function planWrite(path: string, existing: string | undefined, sidecar: Sidecar): string | undefined {
  const content = serializeSidecar(sidecar);
  if (existing === content) return undefined;
  if (existing !== undefined) {
    const parsed = parseSidecar(existing);
    if (!parsed.ok) {
      throw new SidecarStoreError(
        `Cannot save tags to ${path}: the file already there is not a sidecar this Sourcemark can read, ` +
          `so it was left untouched and your tag was not saved. ${parsed.problem.message}`,
        'invalid-existing',
        { problem: parsed.problem },
      );
    }
  }
  return content;
}

const errnoCode = (err: unknown): string | undefined =>
  typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string'
    ? (err as { code: string }).code
    : undefined;

/** What went wrong and what the user can do about it, for an fs error code. */
function explain(code: string | undefined): { what: string; todo: string } {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return {
        what: `the folder is read-only or you lack permission to write there (${code})`,
        todo: 'Make the folder writable or copy the sources somewhere writable',
      };
    case 'EROFS':
      return { what: 'the folder is on a read-only file system (EROFS)', todo: 'Copy the sources somewhere writable' };
    case 'ENOSPC':
    case 'EDQUOT':
      return { what: `the disk is full (${code})`, todo: 'Free some space and try again' };
    case 'ENOENT':
    case 'ENOTDIR':
      return {
        what: `the folder does not exist or part of the path is not a folder (${code})`,
        todo: 'Check that the source file is still where it was opened from',
      };
    case 'EISDIR':
      return { what: 'a folder is in the way of the sidecar file (EISDIR)', todo: 'Move that folder aside' };
    default:
      return {
        what: `the file system reported an error (${code ?? 'unknown'})`,
        todo: 'Check the folder and the disk, then try again',
      };
  }
}

function writeError(path: string, err: unknown): SidecarStoreError {
  const code = errnoCode(err);
  const { what, todo } = explain(code);
  return new SidecarStoreError(`Cannot save tags to ${path}: ${what}. ${todo}; your tag was not saved.`, code ?? 'UNKNOWN', {
    cause: err,
  });
}

/** Reads the file, or undefined when it does not exist. Any other fs error is thrown as is. */
async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return undefined;
    throw err;
  }
}

function readError(path: string, err: unknown): SidecarStoreError {
  const reason = err instanceof Error ? err.message : String(err);
  return new SidecarStoreError(
    `Cannot read tags from ${path} (${reason}). Check that it is a file you may read, then reopen the source; ` +
      'Sourcemark will not save tags there until it can read it.',
    errnoCode(err) ?? 'UNKNOWN',
    { cause: err },
  );
}

export class FileSidecarStore implements SidecarStore {
  async read(path: string): Promise<SidecarRead> {
    const raw = await readIfExists(path).catch((err: unknown) => {
      throw readError(path, err);
    });
    return raw === undefined ? { state: 'missing' } : classify(raw);
  }

  async write(path: string, sidecar: Sidecar): Promise<void> {
    const existing = await readIfExists(path).catch((err: unknown) => {
      throw writeError(path, err);
    });
    const content = planWrite(path, existing, sidecar);
    if (content === undefined) return;

    // Same folder as the target so the rename is atomic (no cross-device move);
    // pid + random so concurrent writers never share a temp file.
    const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    let handle: FileHandle | undefined;
    let created = false;
    try {
      // Keep the permissions the user gave the existing file; rename would otherwise reset them.
      const mode = existing === undefined ? 0o666 : await stat(path).then((st) => st.mode & 0o777, () => 0o666);
      handle = await open(temp, 'wx', mode);
      created = true;
      await handle.writeFile(content, 'utf8');
      // Flush before the rename, or a crash could leave a renamed but empty sidecar.
      await handle.sync();
      await handle.close();
      handle = undefined;
      await rename(temp, path);
    } catch (err) {
      await handle?.close().catch(() => undefined);
      if (created) await unlink(temp).catch(() => undefined);
      throw writeError(path, err);
    }
  }
}

/** In-memory twin of FileSidecarStore for tests; same rules, no disk. */
export class MemorySidecarStore implements SidecarStore {
  /** Raw file contents by path; tests may seed or inspect it. */
  readonly files = new Map<string, string>();

  constructor(initial: Record<string, string> = {}) {
    for (const [path, raw] of Object.entries(initial)) this.files.set(path, raw);
  }

  async read(path: string): Promise<SidecarRead> {
    const raw = this.files.get(path);
    return raw === undefined ? { state: 'missing' } : classify(raw);
  }

  async write(path: string, sidecar: Sidecar): Promise<void> {
    const content = planWrite(path, this.files.get(path), sidecar);
    if (content !== undefined) this.files.set(path, content);
  }
}
