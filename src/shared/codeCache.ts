// Runs a bundle (dist/*.bundle.js) with a V8 code cache: a process that started before with the same
// bundle skips compiling it and the functions that its start and first seconds of work compiled (the
// language server answers `initialize` in 147 ms against 181 ms; README, "Then (base 735b127)"). The
// cache is made once per bundle, Node (V8) version and architecture, after the process has run a
// while, and kept in the user's cache folder, never in a workspace.
import { createHash } from 'node:crypto';
import { isAscii } from 'node:buffer';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import * as path from 'node:path';
import { Script } from 'node:vm';
import { threadId } from 'node:worker_threads';
import { userCacheFolder } from '../core/files/userCacheFolder';

/**
 * How long a thread runs before its cache is made, unless it ends before: a cache holds the functions
 * compiled so far, and by then start-up and the first sources' analysis have compiled most. Not at
 * exit only: workers are terminated (no exit event), and V8 has dropped the bytecode of functions
 * long unused by then (a server's cache made at its exit after a first index: 0.8 MB against 1.9 MB
 * at 2 s, and reopening was slower with it than with none).
 */
export const MAKE_AFTER_MS = 2000;

const SUFFIX = '.bin';
/**
 * A cache of the same bundle for another runtime (VS Code's Electron and the system's Node run the
 * one server) stays beside this one's, unless nothing has written it for this long: runtimes are
 * upgraded, and a cache is only ever made again, never touched, so an old one is a forgotten one.
 */
const OTHER_RUNTIME_KEPT_MS = 30 * 24 * 60 * 60 * 1000;

/** The code cache folder: `sourcemark/code` in the user's cache folder; none when SOURCEMARK_CACHE_DIR is `off` (no caches at all). */
export function codeCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.SOURCEMARK_CACHE_DIR === 'off') return undefined;
  return userCacheFolder('code', env);
}

/** What became of a bundle's code cache. */
export type CodeCacheState = 'used' | 'rejected' | 'absent' | 'off';

export interface BundleRun {
  /** 'used': the cache was read and taken; 'rejected': V8 refused it (a new one is made); 'absent': none yet; 'off': no folder. */
  state: CodeCacheState;
  /** The cache file, when there is a folder. */
  file?: string;
  /** Makes the cache now if it is to be made and is not yet (later calls, the timer and exit then do nothing); whether one was written. */
  makeCache(): boolean;
}

/** What names a bundle's caches: the bundle, then the runtime (V8's version and the architecture). */
const bundlePrefix = (bundle: string) => `${path.basename(bundle, '.js')}-`;
const runtimePrefix = (bundle: string) => `${bundlePrefix(bundle)}${process.versions.v8}-${process.arch}-`;

/** The bundle's cache file: the bundle, the runtime and a hash of the bundle's bytes (V8 itself checks only the source's length). */
function cacheFileOf(dir: string, bundle: string, bytes: Buffer): string {
  return path.join(dir, `${runtimePrefix(bundle)}${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}${SUFFIX}`);
}

/**
 * Runs `bundle` (a CommonJS file) as Node would run it as a module, compiled with its code cache
 * from `dir` when there is one that V8 takes. When there is none, or V8 refused it, one is made
 * `makeAfterMs` after the start or when the thread exits, whichever comes first. Failing to read or
 * write the cache only costs the compilation it would have saved.
 */
export function runBundle(bundle: string, dir: string | undefined = codeCacheDir(), makeAfterMs = MAKE_AFTER_MS): BundleRun {
  const bytes = readFileSync(bundle);
  // esbuild writes ASCII: read as Latin-1, its text is one byte a character without decoding.
  let source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  // A shebang line is not JavaScript inside the module wrapper; a comment keeps the line numbers.
  if (source.startsWith('#!')) source = `//${source.slice(2)}`;
  const file = dir === undefined ? undefined : cacheFileOf(dir, bundle, bytes);
  const stored = file === undefined ? undefined : readCache(file);
  const cachedData = stored === 'damaged' ? undefined : stored;
  const script = new Script(Module.wrap(source), { filename: bundle, ...(cachedData ? { cachedData } : {}) });
  const state: CodeCacheState = file === undefined ? 'off' : stored === 'damaged' || script.cachedDataRejected ? 'rejected' : !cachedData ? 'absent' : 'used';
  let made = state === 'off' || state === 'used';
  const makeCache = (): boolean => {
    if (made) return false;
    made = true;
    try {
      writeCache(file!, script.createCachedData(), bundle);
      return true;
    } catch {
      return false;
    }
  };
  if (!made) {
    setTimeout(makeCache, makeAfterMs).unref();
    process.once('exit', makeCache);
  }
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  const mod = new Module(bundle);
  mod.filename = bundle;
  wrapper.call(mod.exports, mod.exports, createRequire(bundle), mod, bundle, path.dirname(bundle));
  return { state, ...(file !== undefined ? { file } : {}), makeCache };
}

const CHECKSUM_BYTES = 32;
const checksum = (data: Uint8Array) => createHash('sha256').update(data).digest();

/**
 * The cache's bytes, after their SHA-256: V8 checks a cache's header and length but, in release
 * builds, not its contents, and a damaged one could bring the process down. Undefined when there
 * is none (or it cannot be read); 'damaged' when the sum does not match.
 */
function readCache(file: string): Buffer | 'damaged' | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const data = bytes.subarray(CHECKSUM_BYTES);
  return bytes.length > CHECKSUM_BYTES && checksum(data).equals(bytes.subarray(0, CHECKSUM_BYTES)) ? data : 'damaged';
}

/**
 * Written whole under a temporary name, then renamed. The bundle's other caches for this runtime go
 * (earlier builds: one file per bundle and runtime), and those for other runtimes once old.
 */
function writeCache(file: string, data: Buffer, bundle: string): void {
  const dir = path.dirname(file);
  mkdirSync(dir, { recursive: true });
  const temp = `${file}.${process.pid}-${threadId}.tmp`;
  try {
    writeFileSync(temp, Buffer.concat([checksum(data), data]));
    renameSync(temp, file);
  } finally {
    rmSync(temp, { force: true });
  }
  const name = path.basename(file);
  const runtime = runtimePrefix(bundle);
  const anyRuntime = bundlePrefix(bundle);
  for (const other of readdirSync(dir)) {
    if (other === name || !other.startsWith(anyRuntime) || !(other.endsWith(SUFFIX) || other.endsWith('.tmp'))) continue;
    const at = path.join(dir, other);
    try {
      // A temporary file left by a process that ended mid-write goes too (one writing now only fails to rename).
      if (other.startsWith(runtime) || Date.now() - statSync(at).mtimeMs > OTHER_RUNTIME_KEPT_MS) rmSync(at, { force: true });
    } catch {
      // gone meanwhile
    }
  }
}
