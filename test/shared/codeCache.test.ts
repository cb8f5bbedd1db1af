import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { codeCacheDir, runBundle } from '../../src/shared/codeCache';

const ROOT = path.resolve(__dirname, '../..');

interface Ran {
  filename: string;
  dirname: string;
  sum: number;
  exported?: unknown;
}

const runs = globalThis as unknown as { codeCacheRuns?: Ran[] };

/** A bundle as esbuild writes one: CommonJS, a shebang, functions called at start-up. */
function bundleText(n: number): string {
  return [
    '#!/usr/bin/env node',
    '"use strict";',
    `function add(a, b) { return a + b + ${n}; }`,
    'const path = require("node:path");',
    'module.exports = { base: path.basename(__filename) };',
    '(globalThis.codeCacheRuns ??= []).push({ filename: __filename, dirname: __dirname, sum: add(1, 2), exported: module.exports.base });',
    '',
  ].join('\n');
}

const folders: string[] = [];
function folder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sourcemark-code-cache-'));
  folders.push(dir);
  return dir;
}

afterEach(() => {
  for (const d of folders.splice(0)) rmSync(d, { recursive: true, force: true });
  runs.codeCacheRuns = [];
});

const lastRun = () => runs.codeCacheRuns![runs.codeCacheRuns!.length - 1]!;
const NEVER = 1 << 30;

interface ChildRun {
  state: string;
  file?: string;
  /** What makeCache() said when called at the end. */
  made: boolean;
  ran: Ran[];
}

/**
 * runBundle in a process of its own, then makeCache(): V8 keeps what a process compiled and answers
 * a second compile of the same text from memory, whatever cache is given.
 */
function inChild(bundle: string, cache: string): ChildRun {
  const script = `const { runBundle } = require(${JSON.stringify(path.join(ROOT, 'src/shared/codeCache.ts'))});
const run = runBundle(${JSON.stringify(bundle)}, ${JSON.stringify(cache)}, ${NEVER});
const made = run.makeCache();
process.stdout.write(JSON.stringify({ state: run.state, file: run.file, made, ran: globalThis.codeCacheRuns }));`;
  return JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, encoding: 'utf8' })) as ChildRun;
}

describe('runBundle', () => {
  it('runs a bundle as Node runs a module, makes its code cache once, then compiles from it', () => {
    const dir = folder();
    const bundle = path.join(dir, 'app.bundle.js');
    writeFileSync(bundle, bundleText(0));
    const cache = path.join(dir, 'cache');

    const first = inChild(bundle, cache);
    expect(first).toMatchObject({ state: 'absent', made: true, ran: [{ filename: bundle, dirname: dir, sum: 3, exported: 'app.bundle.js' }] });
    expect(readdirSync(cache)).toEqual([path.basename(first.file!)]);
    expect(path.basename(first.file!)).toMatch(new RegExp(`^app\\.bundle-${process.versions.v8.replace(/\./g, '\\.')}-${process.arch}-[0-9a-f]{16}\\.bin$`));
    const written = statSync(first.file!).mtimeMs;

    const second = inChild(bundle, cache);
    expect(second).toMatchObject({ state: 'used', file: first.file, made: false, ran: [{ sum: 3 }] });
    expect(statSync(first.file!).mtimeMs).toBe(written);
  });

  it('makes the cache once in a process, when asked or after the given time', async () => {
    const dir = folder();
    const bundle = path.join(dir, 'app.bundle.js');
    writeFileSync(bundle, bundleText(10));
    const asked = runBundle(bundle, path.join(dir, 'cache'), NEVER);
    expect(asked.state).toBe('absent');
    expect(lastRun().sum).toBe(13);
    expect(asked.makeCache()).toBe(true);
    expect(asked.makeCache()).toBe(false);

    writeFileSync(bundle, bundleText(11));
    const timed = runBundle(bundle, path.join(dir, 'cache'), 0);
    await expect.poll(() => existsSync(timed.file!), { timeout: 60_000 }).toBe(true);
    expect(timed.makeCache()).toBe(false);
  });

  it('keeps line numbers: the shebang becomes a comment, not a line less', () => {
    const dir = folder();
    const bundle = path.join(dir, 'lines.bundle.js');
    writeFileSync(bundle, `${bundleText(0)}globalThis.codeCacheWhere = new Error('here').stack;\n`);
    runBundle(bundle, undefined, NEVER);
    expect((globalThis as unknown as { codeCacheWhere: string }).codeCacheWhere).toContain(`${bundle}:7:`);
  });

  it('takes no cache made for another build of the same length, keeps one file per bundle and runtime, and other runtimes\' recent ones', () => {
    const dir = folder();
    const bundle = path.join(dir, 'app.bundle.js');
    const cache = path.join(dir, 'cache');
    writeFileSync(bundle, bundleText(1));
    const v1 = inChild(bundle, cache);
    writeFileSync(bundle, bundleText(2)); // same length, other code: V8 alone would take v1's cache
    expect(readFileSync(bundle).length).toBe(bundleText(1).length);
    const other = path.join(dir, 'other.bundle.js');
    writeFileSync(other, bundleText(3));
    const otherRun = inChild(other, cache);
    writeFileSync(`${v1.file!.slice(0, -4)}.123-0.tmp`, 'left by a process that ended mid-write');
    // The same bundle's caches for other runtimes (VS Code's Electron runs the server too): a recent one, and one unwritten for 40 days.
    const recent = 'app.bundle-12.4.254.21-electron.0-arm64-0123456789abcdef.bin';
    const forgotten = 'app.bundle-10.2.154.26-node.26-x64-fedcba9876543210.bin';
    for (const f of [recent, forgotten]) writeFileSync(path.join(cache, f), 'another runtime\'s cache');
    const fortyDaysAgo = (Date.now() - 40 * 24 * 60 * 60 * 1000) / 1000;
    utimesSync(path.join(cache, forgotten), fortyDaysAgo, fortyDaysAgo);
    const v2 = inChild(bundle, cache);
    expect(v2).toMatchObject({ state: 'absent', made: true, ran: [{ sum: 5 }] });
    expect(v2.file).not.toBe(v1.file);
    // v1's cache, the stray temporary file and the forgotten runtime's cache are gone; the other bundle's and the recent runtime's stay.
    expect(readdirSync(cache).sort()).toEqual([path.basename(v2.file!), path.basename(otherRun.file!), recent].sort());
  });

  it('runs the bundle when its cache is damaged, and makes a good one in its place', () => {
    const dir = folder();
    const bundle = path.join(dir, 'app.bundle.js');
    const cache = path.join(dir, 'cache');
    writeFileSync(bundle, bundleText(0));
    const { file } = inChild(bundle, cache);
    const good = readFileSync(file!);
    const flipped = Buffer.from(good);
    flipped[flipped.length >> 1] ^= 0x40; // V8 alone would take it: release builds do not check a cache's contents
    // Its checksum right, its bytes no code cache: V8's own checks refuse it.
    const junk = Buffer.alloc(good.length - 32, 7);
    const summedJunk = Buffer.concat([createHash('sha256').update(junk).digest(), junk]);
    for (const damage of [Buffer.from('not a code cache'), Buffer.alloc(0), good.subarray(0, 64), flipped, summedJunk]) {
      writeFileSync(file!, damage);
      expect(inChild(bundle, cache)).toMatchObject({ state: 'rejected', made: true, ran: [{ sum: 3 }] });
      expect(inChild(bundle, cache)).toMatchObject({ state: 'used', made: false, ran: [{ sum: 3 }] });
    }
  });

  it('only costs the compilation when the folder cannot be written', () => {
    const dir = folder();
    const bundle = path.join(dir, 'app.bundle.js');
    writeFileSync(bundle, bundleText(20));
    const blocked = path.join(dir, 'a-file');
    writeFileSync(blocked, '');
    const run = runBundle(bundle, path.join(blocked, 'cache'), NEVER);
    expect(run.state).toBe('absent');
    expect(run.makeCache()).toBe(false);
    expect(lastRun().sum).toBe(23);
  });

  it('keeps nothing without a folder', () => {
    const dir = folder();
    const bundle = path.join(dir, 'app.bundle.js');
    writeFileSync(bundle, bundleText(30));
    const run = runBundle(bundle, undefined, 0);
    expect(run).toMatchObject({ state: 'off' });
    expect(run.file).toBeUndefined();
    expect(run.makeCache()).toBe(false);
  });
});

describe('codeCacheDir', () => {
  it('is sourcemark/code in the user cache folder, none when caches are off', () => {
    expect(codeCacheDir({ XDG_CACHE_HOME: '/x/cache' })).toBe(path.join('/x/cache', 'sourcemark', 'code'));
    expect(codeCacheDir({ XDG_CACHE_HOME: '/x/cache', SOURCEMARK_CACHE_DIR: '/y/digests' })).toBe(path.join('/x/cache', 'sourcemark', 'code'));
    expect(codeCacheDir({ SOURCEMARK_CACHE_DIR: 'off' })).toBeUndefined();
  });
});

describe('the built CLI', () => {
  it.runIf(existsSync(path.join(ROOT, 'dist/cli.js')))('makes its code cache on its first run and starts from it on the next, with the same output', () => {
    const home = folder();
    const env = { ...process.env, XDG_CACHE_HOME: home, SOURCEMARK_CACHE_DIR: path.join(home, 'digests') };
    const args = [path.join(ROOT, 'dist/cli.js'), 'analyze', '--json', path.join(ROOT, 'test-fixtures/sources/000_10788ba24ea37e24.txt')];
    const first = execFileSync(process.execPath, args, { env, encoding: 'utf8' });
    const code = path.join(home, 'sourcemark', 'code');
    const files = readdirSync(code);
    expect(files).toEqual([expect.stringMatching(/^cli\.bundle-.*-[0-9a-f]{16}\.bin$/)]);
    const made = statSync(path.join(code, files[0]!)).mtimeMs;
    const second = execFileSync(process.execPath, args, { env, encoding: 'utf8' });
    expect(second).toBe(first);
    // Taken, not made again (a refused or missing cache is written anew).
    expect(readdirSync(code)).toEqual(files);
    expect(statSync(path.join(code, files[0]!)).mtimeMs).toBe(made);
  });
});
