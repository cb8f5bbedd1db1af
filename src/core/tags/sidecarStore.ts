import { randomBytes } from 'node:crypto';
import { open, readdir, readFile, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import lockfile from 'proper-lockfile';
import { SIDECAR_SCHEMA_VERSION, type Sidecar } from './annotation';
import { sha256Hex } from './quoteSelector';
import { checkAgainstSource, parseSidecar, serializeSidecar, type SidecarProblem } from './sidecarFormat';

import { sidecarPathFor } from './sidecarName';

export { SIDECAR_SUFFIX, sidecarPathFor } from './sidecarName';

export type SidecarRead =
  | { state: 'missing' }
  | { state: 'ok'; sidecar: Sidecar; raw: string; fromVersion?: 1 | 2 }
  | { state: 'invalid'; problem: SidecarProblem };

/** Reads a sidecar; one that cannot be read at all (permissions, an I/O error) counts as invalid, its tags not loaded. */
export function readOrInvalid(store: SidecarStore, path: string): Promise<SidecarRead> {
  return store.read(path).catch((e: Error) => ({ state: 'invalid', problem: { code: 'invalid-json', message: e.message } }));
}

/**
 * A sidecar as read, checked against the text it annotates: a file whose fingerprint names this very
 * text must fit it, or it is invalid (reported, its tags not loaded, never overwritten).
 */
export function fitToSource(read: SidecarRead, text: string, textSha: string = sha256Hex(text)): SidecarRead {
  if (read.state !== 'ok') return read;
  const problem = checkAgainstSource(read.sidecar, text, textSha);
  return problem ? { state: 'invalid', problem } : read;
}

/**
 * A read-modify-write of one sidecar. Gets the sidecar as it is on disk right now (undefined when
 * there is none) and returns what it should become, or undefined to leave it alone. It may run more
 * than once, each time on fresher contents, when another writer got in between: keep it pure.
 */
export type SidecarChange = (current: Sidecar | undefined) => Sidecar | undefined;

export interface SidecarUpdate {
  /** The sidecar as it now is on disk (undefined when there is none and the change made none). */
  sidecar: Sidecar | undefined;
  /** False when the change gave nothing new to write. */
  written: boolean;
}

export interface SidecarStore {
  read(path: string): Promise<SidecarRead>;
  /**
   * Applies `change` to the sidecar at `path` safely: under a lock shared with every Sourcemark
   * process, to the contents on disk at that moment, and only if nothing else rewrote the file while
   * the change was being written; otherwise it is applied again to the new contents. Throws
   * SidecarStoreError when the file cannot be written or must not be overwritten.
   */
  update(path: string, change: SidecarChange): Promise<SidecarUpdate>;
  /** Replaces the sidecar (with the same protections). Prefer `update`, which keeps other writers' tags. */
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

/** Raw file contents (undefined: no file) as a read result. */
function classify(raw: string | undefined): SidecarRead {
  if (raw === undefined) return { state: 'missing' };
  const parsed = parseSidecar(raw);
  return parsed.ok ? { state: 'ok', sidecar: parsed.sidecar, raw, fromVersion: parsed.fromVersion } : { state: 'invalid', problem: parsed.problem };
}

/**
 * What one attempt of an update does: nothing (`done`), or replace the file with `content`, backing
 * it up first when it is of the older version `upgradeFrom`.
 */
type UpdatePlan = { done: SidecarUpdate } | { next: Sidecar; content: string; upgradeFrom?: 1 | 2 };

/**
 * Shared by both stores so they agree: applies `change` to the current contents `raw`. Throws when
 * they do not parse: a file we cannot read may hold tags we do not understand, so overwriting it
 * could destroy the user's work.
 */
function planUpdate(path: string, raw: string | undefined, change: SidecarChange): UpdatePlan {
  const read = classify(raw);
  if (read.state === 'invalid') {
    throw new SidecarStoreError(
      `Cannot save tags to ${path}: the file already there is not a sidecar this Sourcemark can read, ` +
        `so it was left untouched and your tag was not saved. ${read.problem.message}`,
      'invalid-existing',
      { problem: read.problem },
    );
  }
  const current = read.state === 'ok' ? read.sidecar : undefined;
  const next = change(current);
  if (next === undefined) return { done: { sidecar: current, written: false } };
  const content = serializeSidecar(next);
  if (content === raw) return { done: { sidecar: next, written: false } };
  const fromVersion = read.state === 'ok' ? read.fromVersion : undefined;
  return { next, content, ...(fromVersion !== undefined && fromVersion < SIDECAR_SCHEMA_VERSION ? { upgradeFrom: fromVersion } : {}) };
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

/** Test seams: called at points of a save where a crash must leave the old or the new file. */
export interface SaveHooks {
  /** The new contents are in the temporary file and flushed; the sidecar is not replaced yet. */
  beforeRename?(path: string): Promise<void> | void;
}

export interface FileSidecarStoreOptions {
  hooks?: SaveHooks;
  /** How long to wait for another Sourcemark process's lock before giving up, in ms. */
  lockWaitMs?: number;
}

/** Written before a version 1 file is first replaced by a version 2 one, so an upgrade never costs data. */
export function backupPathFor(sidecarPath: string, version: number): string {
  return `${sidecarPath}.v${version}.bak`;
}

/** How often a save is retried when another program rewrote the file under it. */
const MAX_ATTEMPTS = 8;

export class FileSidecarStore implements SidecarStore {
  constructor(private readonly options: FileSidecarStoreOptions = {}) {}

  async read(path: string): Promise<SidecarRead> {
    const raw = await readIfExists(path).catch((err: unknown) => {
      throw readError(path, err);
    });
    return classify(raw);
  }

  async write(path: string, sidecar: Sidecar): Promise<void> {
    await this.update(path, () => sidecar);
  }

  async update(path: string, change: SidecarChange): Promise<SidecarUpdate> {
    const release = await this.lock(path);
    try {
      await this.removeDeadTempFiles(path);
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const raw = await readIfExists(path).catch((err: unknown) => {
          throw writeError(path, err);
        });
        const plan = planUpdate(path, raw, change);
        if ('done' in plan) return plan.done;
        if (await this.replace(path, raw, plan.content, plan.upgradeFrom)) return { sidecar: plan.next, written: true };
      }
    } finally {
      await release();
    }
    throw new SidecarStoreError(
      `Cannot save tags to ${path}: another program kept rewriting it while Sourcemark saved. Close it and try again; your tag was not saved.`,
      'ECONFLICT',
    );
  }

  private readonly swept = new Set<string>();

  /**
   * A writer killed between creating its temporary file and renaming it leaves the file behind (the
   * sidecar itself is intact). Under the lock, once per sidecar and process, remove those whose
   * writer is gone.
   */
  private async removeDeadTempFiles(path: string): Promise<void> {
    if (this.swept.has(path)) return;
    this.swept.add(path);
    const prefix = `.${basename(path)}.`;
    const names = await readdir(dirname(path)).catch(() => [] as string[]);
    for (const name of names) {
      const m = name.startsWith(prefix) ? /^(\d+)\.[0-9a-f]+\.tmp$/.exec(name.slice(prefix.length)) : null;
      if (!m || Number(m[1]) === process.pid || isAlive(Number(m[1]))) continue;
      await unlink(join(dirname(path), name)).catch(() => undefined);
    }
  }

  /**
   * Mutual exclusion between Sourcemark processes (editor windows, the CLI). A lock left by a process
   * that died is taken over once it is stale; the save itself never depends on it for safety.
   */
  private async lock(path: string): Promise<() => Promise<void>> {
    const wait = this.options.lockWaitMs ?? 15_000;
    const deadline = Date.now() + wait;
    for (let pause = 5; ; pause = Math.min(100, pause * 1.5)) {
      try {
        const release = await lockfile.lock(path, {
          realpath: false,
          stale: 5_000,
          // A lock we hold cannot be lost while we save (saves take milliseconds); if it ever is, the
          // unchanged-file check before the rename still protects the data.
          onCompromised: () => undefined,
        });
        return () => release().catch(() => undefined);
      } catch (err) {
        // Only a lock held by another process is worth waiting for; any other error is final.
        if (errnoCode(err) !== 'ELOCKED') throw writeError(path, err);
        if (Date.now() > deadline) {
          throw new SidecarStoreError(
            `Cannot save tags to ${path}: another Sourcemark (an editor window or the CLI) has been saving it for over ${Math.round(wait / 1000)} s. ` +
              'Try again in a moment; your tag was not saved.',
            'ELOCKED',
            { cause: err },
          );
        }
        await new Promise((resolve) => setTimeout(resolve, pause * (0.5 + Math.random())));
      }
    }
  }

  /**
   * Atomically replaces the file with `content` if it still holds `expected` (undefined: absent),
   * keeping a backup of `expected` first when it is of the older version `upgradeFrom`. Returns
   * false, leaving the file alone, when something else changed it since it was read.
   */
  private async replace(path: string, expected: string | undefined, content: string, upgradeFrom: 1 | 2 | undefined): Promise<boolean> {
    // Same folder as the target so the rename is atomic (no cross-device move);
    // pid + random so concurrent writers never share a temp file.
    const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    let handle: FileHandle | undefined;
    let created = false;
    try {
      if (expected !== undefined && upgradeFrom !== undefined) await keepBackup(backupPathFor(path, upgradeFrom), expected);
      // Keep the permissions the user gave the existing file; rename would otherwise reset them.
      const mode = expected === undefined ? 0o666 : await stat(path).then((st) => st.mode & 0o777, () => 0o666);
      handle = await open(temp, 'wx', mode);
      created = true;
      await handle.writeFile(content, 'utf8');
      // Flush before the rename, or a crash could leave a renamed but empty sidecar.
      await handle.sync();
      await handle.close();
      handle = undefined;
      await this.options.hooks?.beforeRename?.(path);
      if ((await readIfExists(path)) !== expected) {
        await unlink(temp).catch(() => undefined);
        return false;
      }
      await rename(temp, path);
      return true;
    } catch (err) {
      await handle?.close().catch(() => undefined);
      if (created) await unlink(temp).catch(() => undefined);
      throw writeError(path, err);
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errnoCode(err) === 'EPERM'; // alive, but someone else's
  }
}

/** Writes `content` to `path` unless a backup is already there (the first backup is the one worth keeping). */
async function keepBackup(path: string, content: string): Promise<void> {
  try {
    const handle = await open(path, 'wx');
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (err) {
    if (errnoCode(err) !== 'EEXIST') throw err;
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
    return classify(this.files.get(path));
  }

  async write(path: string, sidecar: Sidecar): Promise<void> {
    await this.update(path, () => sidecar);
  }

  async update(path: string, change: SidecarChange): Promise<SidecarUpdate> {
    const raw = this.files.get(path);
    const plan = planUpdate(path, raw, change);
    if ('done' in plan) return plan.done;
    if (raw !== undefined && plan.upgradeFrom !== undefined) {
      const backup = backupPathFor(path, plan.upgradeFrom);
      if (!this.files.has(backup)) this.files.set(backup, raw);
    }
    this.files.set(path, plan.content);
    return { sidecar: plan.next, written: true };
  }
}

/**
 * The one call other parts (the CLI's import, the server) need: change the sidecar of `sourcePath`
 * safely, keeping whatever other writers saved meanwhile. See SidecarStore.update.
 */
export function updateSidecarOf(sourcePath: string, change: SidecarChange, store: SidecarStore = new FileSidecarStore()): Promise<SidecarUpdate> {
  return store.update(sidecarPathFor(sourcePath), change);
}
