// `sourcemark check` (and `report` and `stats`) with the digest cache: a warm run prints exactly what a cold one does, reads
// what it can from the cache (the --timing line counts it), and never answers a changed source,
// a source with a problem or a run with --no-cache from it. Each test has a cache folder of its own.
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readPackIndexes } from '../../src/core/corpus/digestPacks';
import { addMemo, buildCliWorkspace, GOLDEN_DIR, REFERENCE_DATE, runCli, S000, S001 } from './cliWorkspace';

const R = ['--reference-date', REFERENCE_DATE];
const roots: string[] = [];
const temp = (prefix: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  roots.push(dir);
  return dir;
};
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

function setUp() {
  const root = temp('sourcemark-check-cache-');
  buildCliWorkspace(root);
  const cacheDir = path.join(temp('sourcemark-cache-'), 'digests');
  const check = async (...args: string[]) => {
    const r = await runCli(['check', '--timing', ...R, ...args, 'sources'], root, { SOURCEMARK_CACHE_DIR: cacheDir });
    const fromCache = /· (\d+) from the cache ·/.exec(r.stderr)?.[1];
    return { ...r, fromCache: fromCache === undefined ? undefined : Number(fromCache) };
  };
  return { root, cacheDir, check };
}

/** Entries the folder holds: the CLI writes them in packs, one per run here (few sources); a file each is the server's way. */
const entries = (dir: string) => {
  if (!existsSync(dir)) return 0;
  const files = readdirSync(dir, { recursive: true }).map(String);
  expect(files.filter((f) => f.endsWith('.json.gz'))).toEqual([]);
  return readPackIndexes(path.join(dir, 'packs')).size;
};
const packs = (dir: string) => (existsSync(path.join(dir, 'packs')) ? readdirSync(path.join(dir, 'packs')).filter((f) => f.endsWith('.pack')).length : 0);

describe('check with the digest cache', () => {
  for (const [name, args, golden] of [
    ['text', [], 'check.txt'],
    ['--json', ['--json', '--fail-on', 'none'], 'check.json'],
    ['--jobs 2', ['--jobs', '2'], 'check.txt'],
  ] as const) {
    it(`${name}: the warm run prints byte for byte what the cold one did, reading every source without a problem from the cache`, async () => {
      const { cacheDir, check } = setUp();
      const cold = await check(...args);
      expect(cold.fromCache, cold.stderr).toBe(0);
      // --timing also says what the conflict search took, after the batch's figures.
      expect(cold.stderr).toMatch(/check: .* from the cache .*\ncheck: \d+ conflicts? across \d+ sources? in \d+\.\d\d s · CPU \d+\.\d\d s\n/);
      expect(cold.stdout).toBe(readFileSync(path.join(GOLDEN_DIR, golden), 'utf8'));
      // S004's sidecar is invalid: that source is not kept, the other four are, in one pack.
      expect(entries(cacheDir)).toBe(4);
      expect(packs(cacheDir)).toBe(1);
      const warm = await check(...args);
      expect(warm.code).toBe(cold.code);
      expect(warm.fromCache, warm.stderr).toBe(4);
      expect(warm.stdout).toBe(cold.stdout);
    });
  }

  for (const [name, golden, args] of [
    ['html', 'report.html', ['--title', 'Xiaomi in the US: review']],
    ['md', 'report.md', ['--format', 'md', '--title', 'Xiaomi in the US: review']],
  ] as const) {
    it(`report --format ${name}: the warm run writes byte for byte what the cold one did, from the same cache folder`, async () => {
      const { root, cacheDir, check } = setUp();
      const report = async () => {
        const r = await runCli(['report', '--timing', ...args, ...R, 'sources'], root, { SOURCEMARK_CACHE_DIR: cacheDir });
        return { ...r, fromCache: Number(/· (\d+) from the cache ·/.exec(r.stderr)?.[1]) };
      };
      const cold = await report();
      expect(cold.fromCache, cold.stderr).toBe(0);
      expect(cold.stdout).toBe(readFileSync(path.join(GOLDEN_DIR, golden), 'utf8'));
      const warm = await report();
      expect(warm.fromCache, warm.stderr).toBe(4);
      expect(warm.stdout).toBe(cold.stdout);
      // check keeps entries of its own beside report's: both are in the folder, neither answers for the other.
      expect((await check()).fromCache).toBe(0);
      expect(entries(cacheDir)).toBe(8);
    });
  }

  for (const [name, args, golden] of [['text', [], 'stats.txt'], ['--json', ['--json'], 'stats.json']] as const) {
    it(`stats ${name}: the warm run prints byte for byte what the cold one did, and a changed source or sidecar is counted again`, async () => {
      const { root, cacheDir } = setUp();
      const stats = async (...extra: string[]) => {
        const r = await runCli(['stats', '--timing', ...args, ...R, ...extra, 'sources'], root, { SOURCEMARK_CACHE_DIR: cacheDir });
        return { ...r, fromCache: Number(/· (\d+) from the cache ·/.exec(r.stderr)?.[1]) };
      };
      const cold = await stats();
      expect(cold.fromCache, cold.stderr).toBe(0);
      expect(cold.stdout).toBe(readFileSync(path.join(GOLDEN_DIR, golden), 'utf8'));
      expect(entries(cacheDir)).toBe(4); // S004's sidecar is invalid: not kept
      const warm = await stats();
      expect(warm.fromCache, warm.stderr).toBe(4);
      expect(warm.stdout).toBe(cold.stdout);
      appendFileSync(path.join(root, 'sources', S001), '\nThe company said its revenue rose by 40 per cent in 2017, according to its annual report.\n');
      writeFileSync(path.join(root, 'sources', `${S000}.annotations.json`), '{ "schemaVersion": 3, "broken": ');
      const changed = await stats();
      expect(changed.fromCache).toBe(2);
      expect(changed.stdout).not.toBe(cold.stdout);
      expect(changed.stdout).toBe((await stats('--no-cache')).stdout);
    });
  }

  it('analyses again what changed (text, sidecar, ignore file, settings), and matches a run without the cache', async () => {
    const { root, cacheDir, check } = setUp();
    // With a source that disagrees with the samples, so that conflicts depend on the ignore file.
    addMemo(root);
    const json = ['--json', '--fail-on', 'none'];
    await check(...json);
    const uncached = async () => (await runCli(['check', ...R, ...json, '--no-cache', 'sources'], root, { SOURCEMARK_CACHE_DIR: cacheDir })).stdout;
    let previous = (await check(...json)).stdout;
    const changed = async (what: string, expectFromCache: number, extra: string[] = []) => {
      const r = await check(...json, ...extra);
      expect(r.fromCache, what).toBe(expectFromCache);
      expect(r.stdout, what).not.toBe(previous);
      expect(r.stdout, what).toBe((await runCli(['check', ...R, ...json, ...extra, '--no-cache', 'sources'], root, { SOURCEMARK_CACHE_DIR: cacheDir })).stdout);
      previous = r.stdout;
    };
    appendFileSync(path.join(root, 'sources', S001), '\nThe company said its revenue rose by 40 per cent in 2017, according to its annual report.\n');
    await changed('a source edited', 4);
    writeFileSync(path.join(root, 'sources', `${S000}.annotations.json`), '{ "schemaVersion": 3, "broken": ');
    await changed('a sidecar broken', 4);
    // Lei Jun's titles, the memo's CFO among them, leave the conflict search.
    writeFileSync(path.join(root, '.sourcemark-ignore'), 'entity: Lei Jun\n');
    await changed('an ignore file added', 0);
    await changed('a lower claim threshold', 0, ['--threshold', '0.2']);
    expect(await uncached()).not.toBe(previous); // the default threshold again
  }, 180_000); // eleven CLI runs: minutes on a loaded machine

  it('with workers, a cold run finds the conflicts a run in one thread without the cache finds (digests come from the workers as the JSON they wrote)', async () => {
    const { root, check } = setUp();
    addMemo(root);
    const json = ['--json', '--fail-on', 'none'];
    const cold = await check(...json, '--jobs', '2');
    expect(cold.fromCache, cold.stderr).toBe(0);
    const alone = await runCli(['check', ...R, ...json, '--jobs', '1', '--no-cache', 'sources'], root);
    expect(cold.stdout).toBe(alone.stdout);
    expect((JSON.parse(cold.stdout) as { conflicts: unknown[] }).conflicts.length).toBeGreaterThan(0);
    // Warm, the digests come from the cache: the same again.
    expect((await check(...json, '--jobs', '2')).stdout).toBe(alone.stdout);
  }, 120_000);

  it('--no-cache neither reads nor writes the cache; SOURCEMARK_CACHE_DIR=off keeps nothing', async () => {
    const { root, cacheDir, check } = setUp();
    const bypass = await check('--no-cache');
    expect(bypass.fromCache).toBeUndefined();
    expect(entries(cacheDir)).toBe(0);
    await check();
    const again = await check('--no-cache');
    expect(again.fromCache).toBeUndefined();
    expect(again.stdout).toBe(bypass.stdout);
    const off = await runCli(['check', '--timing', ...R, 'sources'], root, { SOURCEMARK_CACHE_DIR: 'off' });
    expect(off.stdout).toBe(bypass.stdout);
    expect(off.stderr).not.toMatch(/from the cache/);
  });

  it('says --no-cache in the help of check, report and stats', async () => {
    const { root } = setUp();
    expect((await runCli(['check', '--help'], root)).stdout).toMatch(/--no-cache/);
    expect((await runCli(['report', '--help'], root)).stdout).toMatch(/--no-cache/);
    expect((await runCli(['stats', '--help'], root)).stdout).toMatch(/--no-cache/);
  });
});
