import { randomBytes } from 'node:crypto';
import { lstat, open, readdir, rename, rmdir, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import lockfile from 'proper-lockfile';
import { FileTooLargeError, formatBytes, NotRegularFileError, readRegularFile } from '../files/regularFile';
import { decodeUtf8 } from '../text/utf8';
import { SIDECAR_SCHEMA_VERSION, type Sidecar } from './annotation';
import { sha256Hex } from './quoteSelector';
import { checkAgainstSource, parseSidecar, serializeSidecar, SIDECAR_LIMITS, type SidecarProblem } from './sidecarFormat';

import { sidecarPathFor } from './sidecarName';

export { SIDECAR_SUFFIX, sidecarPathFor } from './sidecarName';

export type SidecarRead =
  | { state: 'missing' }
  | {
      state: 'ok';
      sidecar: Sidecar;
      raw: string;
      fromVersion?: 1 | 2 | 3;
      /** Byte offset of the first byte that is not UTF-8: the tags are read, but saving would change those bytes, so it is refused. */
      invalidUtf8At?: number;
    }
  | { state: 'invalid'; problem: SidecarProblem };

/** Reads a sidecar; one that cannot be read at all (permissions, an I/O error) counts as invalid, its tags not loaded. */
export function readOrInvalid(store: SidecarStore, path: string): Promise<SidecarRead> {
  return store.read(path).catch((e: Error) => ({ state: 'invalid', problem: { code: 'invalid-json', message: e.message } }));
}

/**
 * A sidecar as read, checked against the text it annotates: a file whose fingerprint names this very
 * text must fit it, or it is invalid (reported, its tags not loaded, never overwritten).
 */
export function fitToSource(read: SidecarRead, text: string, textSha?: string): SidecarRead {
  // Hashed only when there are tags to check: a source without a sidecar is not hashed on every edit.
  if (read.state !== 'ok') return read;
  const problem = checkAgainstSource(read.sidecar, text, textSha ?? sha256Hex(text));
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
function classify(raw: string | undefined, invalidUtf8At?: number): SidecarRead {
  if (raw === undefined) return { state: 'missing' };
  const parsed = parseSidecar(raw);
  if (!parsed.ok) return { state: 'invalid', problem: parsed.problem };
  return { state: 'ok', sidecar: parsed.sidecar, raw, fromVersion: parsed.fromVersion, ...(invalidUtf8At !== undefined ? { invalidUtf8At } : {}) };
}

/**
 * A sidecar read from bytes already read (undefined: no file), as FileSidecarStore.read reads it: a
 * cache keyed by these bytes then analyses with these very tags, whatever the file holds meanwhile.
 */
export function sidecarFromBytes(bytes: Uint8Array | undefined): SidecarRead {
  if (bytes === undefined) return classify(undefined);
  const { text, invalidAt } = decodeUtf8(bytes);
  return classify(text, invalidAt);
}

/** The contents of a sidecar file as read from disk: text, and where it stops being UTF-8. */
interface DiskContents {
  raw: string | undefined;
  invalidUtf8At?: number;
}

/**
 * A sidecar's contents, reading only a regular file of at most the size limit: a FIFO or a device
 * named like a sidecar would block or never end, a folder is not one. Those throw (see regularFile).
 */
async function readContents(path: string): Promise<DiskContents> {
  const bytes = await readRegularFile(path, SIDECAR_LIMITS.bytes);
  if (bytes === undefined) return { raw: undefined };
  const { text, invalidAt } = decodeUtf8(bytes);
  return { raw: text, ...(invalidAt !== undefined ? { invalidUtf8At: invalidAt } : {}) };
}

/** A sidecar that is not a file, or too large, read as invalid: reported, never opened or overwritten. */
function unreadable(path: string, err: unknown): SidecarRead | undefined {
  if (err instanceof NotRegularFileError) {
    return {
      state: 'invalid',
      problem: {
        code: 'not-a-file', detail: `${path} is ${err.kind}`,
        message: `${path} is ${err.kind}, not a sidecar file, so Sourcemark does not read it and will not save tags there. Move it aside.`,
      },
    };
  }
  if (err instanceof FileTooLargeError) {
    return {
      state: 'invalid',
      problem: {
        code: 'limit', detail: `it is ${formatBytes(err.bytes)}`,
        message: `The sidecar is ${formatBytes(err.bytes)}, more than the ${formatBytes(err.maxBytes)} Sourcemark reads. Delete the tags you no longer need (by hand) or restore the file from version control; Sourcemark will not overwrite it until it is fixed.`,
      },
    };
  }
  return undefined;
}

/**
 * What one attempt of an update does: nothing (`done`), or replace the file with `content`, backing
 * it up first when it is of the older version `upgradeFrom`.
 */
type UpdatePlan = { done: SidecarUpdate } | { next: Sidecar; content: string; upgradeFrom?: 1 | 2 | 3 };

/**
 * Shared by both stores so they agree: applies `change` to the current contents `raw`. Throws when
 * they do not parse: a file we cannot read may hold tags we do not understand, so overwriting it
 * could destroy the user's work.
 */
function planUpdate(path: string, raw: string | undefined, change: SidecarChange, invalidUtf8At?: number): UpdatePlan {
  const read = classify(raw, invalidUtf8At);
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
  if (read.state === 'ok' && read.invalidUtf8At !== undefined) {
    throw new SidecarStoreError(
      `Cannot save tags to ${path}: it holds bytes that are not UTF-8 (the first at byte ${read.invalidUtf8At}), and saving would replace them with "\uFFFD". ` +
        'Save the file as UTF-8 or correct that byte by hand; your tag was not saved.',
      'not-utf8',
    );
  }
  // Never write what this store would then refuse to read: a bad status, a note that is not text,
  // a note or a tag count past the limits. Checked here whoever asked for the change.
  const check = parseSidecar(content);
  if (!check.ok) {
    throw new SidecarStoreError(
      `Sourcemark did not save tags to ${path}: the result would not be a sidecar it can read back (${check.problem.detail ?? check.problem.message}). Nothing was written.`,
      'invalid-change',
    );
  }
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

/**
 * Written before a version 1 file is replaced by a version 2 one, so an upgrade never costs data:
 * `a.txt.annotations.json.v1.bak`, or `….v1.2.bak`, `….v1.3.bak` … when that name holds something else.
 */
export function backupPathFor(sidecarPath: string, version: number, n = 1): string {
  return n === 1 ? `${sidecarPath}.v${version}.bak` : `${sidecarPath}.v${version}.${n}.bak`;
}

/** Backup names tried before an upgrade gives up (each holding other contents). */
const MAX_BACKUPS = 100;

function tooManyBackups(sidecarPath: string, version: number): SidecarStoreError {
  return new SidecarStoreError(
    `Cannot save tags to ${sidecarPath}: it is a version ${version} file, which Sourcemark backs up before upgrading it, and ${backupPathFor(sidecarPath, version)} ` +
      `to ${basename(backupPathFor(sidecarPath, version, MAX_BACKUPS))} are all taken by other files. Move old backups aside; your tag was not saved.`,
    'EBACKUP',
  );
}

/** How often a save is retried when another program rewrote the file under it. */
const MAX_ATTEMPTS = 8;

export class FileSidecarStore implements SidecarStore {
  constructor(private readonly options: FileSidecarStoreOptions = {}) {}

  async read(path: string): Promise<SidecarRead> {
    let contents: DiskContents;
    try {
      contents = await readContents(path);
    } catch (err) {
      const refused = unreadable(path, err);
      if (refused) return refused;
      throw readError(path, err);
    }
    return classify(contents.raw, contents.invalidUtf8At);
  }

  async write(path: string, sidecar: Sidecar): Promise<void> {
    await this.update(path, () => sidecar);
  }

  async update(path: string, change: SidecarChange): Promise<SidecarUpdate> {
    const release = await this.lock(path);
    try {
      await this.removeDeadTempFiles(path);
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const { raw, invalidUtf8At } = await readContents(path).catch((err: unknown) => {
          const refused = unreadable(path, err);
          if (refused?.state === 'invalid') {
            throw new SidecarStoreError(`Cannot save tags to ${path}: ${refused.problem.message} Your tag was not saved.`, (err as { code: string }).code, { problem: refused.problem });
          }
          throw writeError(path, err);
        });
        const plan = planUpdate(path, raw, change, invalidUtf8At);
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
          stale: LOCK_STALE_MS,
          // A lock we hold cannot be lost while we save (saves take milliseconds); if it ever is, the
          // unchanged-file check before the rename still protects the data.
          onCompromised: () => undefined,
        });
        return () => release().catch(() => undefined);
      } catch (err) {
        // What is at the lock's name may not be a lock at all (a folder committed by mistake, a lock
        // dated in the future by another machine's clock): reported or recovered, not waited on.
        if (await recoverOrReportLock(path)) continue;
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
  private async replace(path: string, expected: string | undefined, content: string, upgradeFrom: 1 | 2 | 3 | undefined): Promise<boolean> {
    // Same folder as the target so the rename is atomic (no cross-device move);
    // pid + random so concurrent writers never share a temp file.
    const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    let handle: FileHandle | undefined;
    let created = false;
    try {
      if (expected !== undefined && upgradeFrom !== undefined) await keepBackup(path, upgradeFrom, expected);
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
      if ((await readContents(path)).raw !== expected) {
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

/** A lock not refreshed for this long belongs to a process that died (proper-lockfile refreshes it every half of it). */
const LOCK_STALE_MS = 5_000;

/**
 * Looks at what stands at the lock's name when the lock cannot be taken. Throws for what is not a
 * Sourcemark lock: a file, or a folder with something in it (proper-lockfile's locks are empty
 * folders), which is someone's data and never removed. Removes an empty lock folder dated further
 * in the future than a live lock can be (its owner could never make it look stale), and returns
 * true to try again at once. False: a lock to wait for, or nothing there any more.
 */
async function recoverOrReportLock(sidecarPath: string): Promise<boolean> {
  const lockPath = `${sidecarPath}.lock`;
  const st = await lstat(lockPath).catch(() => undefined);
  if (!st) return false;
  if (!st.isDirectory()) {
    throw new SidecarStoreError(
      `Cannot save tags to ${sidecarPath}: ${lockPath} is ${st.isSymbolicLink() ? 'a link' : 'a file'}, not the lock folder Sourcemark makes there while it saves. Move it aside; your tag was not saved.`,
      'EFOREIGNLOCK',
    );
  }
  const entries = await readdir(lockPath).catch(() => [] as string[]);
  if (entries.length) {
    const shown = entries.slice(0, 3).map((e) => `"${e}"`).join(', ');
    throw new SidecarStoreError(
      `Cannot save tags to ${sidecarPath}: ${lockPath} is a folder Sourcemark did not make (it holds ${shown}${entries.length > 3 ? ', …' : ''}); ` +
        'Sourcemark uses that name to lock the sidecar while it saves. Move that folder aside (it may have been committed to version control); your tag was not saved.',
      'EFOREIGNLOCK',
    );
  }
  if (st.mtimeMs <= Date.now() + LOCK_STALE_MS) return false;
  return rmdir(lockPath).then(() => true, () => false);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errnoCode(err) === 'EPERM'; // alive, but someone else's
  }
}

/**
 * Keeps `content`, the file before its upgrade from `version`, in the first backup name that is
 * free or already holds it (an upgrade retried after another writer got in). Never overwrites a file.
 */
async function keepBackup(sidecarPath: string, version: number, content: string): Promise<void> {
  for (let n = 1; n <= MAX_BACKUPS; n++) {
    const path = backupPathFor(sidecarPath, version, n);
    let handle: FileHandle;
    try {
      handle = await open(path, 'wx');
    } catch (err) {
      if (errnoCode(err) !== 'EEXIST') throw err;
      if ((await readContents(path).catch(() => undefined))?.raw === content) return;
      continue;
    }
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    return;
  }
  throw tooManyBackups(sidecarPath, version);
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
      let n = 1;
      while (n <= MAX_BACKUPS && this.files.has(backupPathFor(path, plan.upgradeFrom, n)) && this.files.get(backupPathFor(path, plan.upgradeFrom, n)) !== raw) n++;
      if (n > MAX_BACKUPS) throw tooManyBackups(path, plan.upgradeFrom);
      this.files.set(backupPathFor(path, plan.upgradeFrom, n), raw);
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
