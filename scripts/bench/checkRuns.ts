// `sourcemark check` on a folder as a child process: wall time, the child's CPU (user + system,
// every thread, conflict search included) and peak RSS from /usr/bin/time, the size and hash of
// its stdout, and how many sources its --timing line says came from the digest cache.
// Alone: npx tsx scripts/bench/checkRuns.ts [SOURCES] [--report]   (cold, warm and --no-cache on generated sources,
// and report cold and warm; build dist/ first)
// Two builds: npx tsx scripts/bench/checkRuns.ts [SOURCES] --compare A/cli.js B/cli.js [--pairs N]   (cold runs, each with
// an empty cache of its own, the builds alternated pair by pair, the first of each pair changing: one shared, loaded
// machine moves a run by more than most changes do, so each gets the same share of its moods; stdout compared too)
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { bytes, int, ms, table } from './format';
import { poolsFrom, SourceGenerator } from './generate';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const TIME = '/usr/bin/time';

export interface CheckRun {
  ms: number;
  cpuMs?: number;
  peakRss?: number;
  stdout: number;
  stdoutHash: string;
  fromCache?: number;
  /** The --timing and conflict lines of stderr. */
  notes?: string;
}

/** Runs `check --json --timing` (or `report --timing` when `command` is report) on `dir` with SOURCEMARK_CACHE_DIR=`cacheDir`; `cli`, another build's. */
export function checkRun(dir: string, cacheDir: string, extra: string[] = [], command: 'check' | 'report' = 'check', cli = CLI): Promise<CheckRun> {
  const timeFile = path.join(mkdtempSync(path.join(tmpdir(), 'sourcemark-time-')), 'time');
  const what = command === 'check' ? ['check', '--json', '--fail-on', 'none'] : ['report'];
  const args = [cli, ...what, '--timing', '--reference-date', '2018-03-10', ...extra, dir];
  const timed = existsSync(TIME);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = timed
      ? spawn(TIME, ['-f', '%U %S %M', '-o', timeFile, process.execPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SOURCEMARK_CACHE_DIR: cacheDir } })
      : spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SOURCEMARK_CACHE_DIR: cacheDir } });
    let stdout = 0;
    const hash = createHash('sha256');
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.length;
      hash.update(d);
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', () => {
      const wall = performance.now() - started;
      let cpuMs: number | undefined;
      let peakRss: number | undefined;
      if (timed) {
        const [user, system, maxKb] = readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
        cpuMs = (user! + system!) * 1000;
        peakRss = maxKb! * 1024;
      }
      rmSync(path.dirname(timeFile), { recursive: true, force: true });
      const fromCache = /· (\d[\d,]*) from the cache ·/.exec(stderr)?.[1];
      const notes = stderr.trim().split('\n').filter((l) => /conflict|check:|report:/i.test(l)).join(' | ') || undefined;
      resolve({ ms: wall, cpuMs, peakRss, stdout, stdoutHash: hash.digest('hex'), ...(fromCache ? { fromCache: Number(fromCache.replace(/,/g, '')) } : {}), ...(notes ? { notes } : {}) });
    });
  });
}

const load = () => loadavg().map((l) => l.toFixed(2)).join(' / ');

/** Rows for a table: cold (empty cache), warm (same cache), and --no-cache, with whether stdout was identical. */
export function checkRows(cold: CheckRun, warm: CheckRun, bypass?: CheckRun, skipping?: CheckRun): string[][] {
  const row = (name: string, r: CheckRun, same: string) => [name, ms(r.ms), r.cpuMs === undefined ? 'n/a' : ms(r.cpuMs), r.peakRss === undefined ? 'n/a' : bytes(r.peakRss), r.fromCache === undefined ? '-' : int(r.fromCache), same];
  const vsCold = (r: CheckRun) => (r.stdoutHash === cold.stdoutHash ? 'same' : 'DIFFERENT');
  return [
    row('CLI check --json, cold (empty cache)', cold, '-'),
    row('CLI check --json, warm (same cache)', warm, vsCold(warm)),
    ...(bypass ? [row('CLI check --json --no-cache', bypass, vsCold(bypass))] : []),
    // Without the conflict search: what reading the cache itself costs.
    ...(skipping ? [row('  warm, --skip-conflicts', skipping, '(no conflicts)')] : []),
  ];
}
export const CHECK_HEADERS = ['run', '>wall', '>CPU', '>peak RSS', '>from cache', 'stdout vs cold'];

/** Cold runs of two builds' CLIs alternated, `pairs` times: each run's wall and CPU, then each build's median and range. */
async function compare(dir: string, clis: readonly [string, string], pairs: number): Promise<void> {
  const runs: CheckRun[][] = [[], []];
  for (let p = 0; p < pairs; p++) {
    for (const b of p % 2 === 0 ? [0, 1] : [1, 0]) {
      const cacheDir = mkdtempSync(path.join(tmpdir(), 'sourcemark-check-cache-'));
      try {
        const r = await checkRun(dir, cacheDir, [], 'check', clis[b]);
        runs[b]!.push(r);
        process.stdout.write(`  pair ${p + 1}  ${clis[b]}  ${ms(r.ms)} wall  ${r.cpuMs === undefined ? 'n/a' : ms(r.cpuMs)} CPU  load ${load()}\n`);
      } finally {
        rmSync(cacheDir, { recursive: true, force: true });
      }
    }
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor((xs.length - 1) / 2)]!;
  const range = (xs: number[]) => `${ms(Math.min(...xs))}–${ms(Math.max(...xs))}`;
  const rows = clis.map((cli, b) => {
    const walls = runs[b]!.map((r) => r.ms);
    const cpus = runs[b]!.flatMap((r) => (r.cpuMs === undefined ? [] : [r.cpuMs]));
    return [cli, ms(median(walls)), range(walls), cpus.length ? ms(median(cpus)) : 'n/a', cpus.length ? range(cpus) : 'n/a'];
  });
  process.stdout.write(`${table(['CLI', '>median wall', '>wall', '>median CPU', '>CPU'], rows)}\n`);
  const outputs = new Set(runs.flat().map((r) => r.stdoutHash));
  process.stdout.write(`stdout ${outputs.size === 1 ? 'the same in every run' : `DIFFERS (${outputs.size} distinct)`}\n`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const sources = Number(args.find((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--pairs') ?? 2000);
  const samplesDir = path.join(ROOT, 'test-fixtures/sources');
  const names = readdirSync(samplesDir).filter((f) => f.endsWith('.txt')).sort();
  const samples = names.map((f) => readFileSync(path.join(samplesDir, f), 'utf8'));
  const pools = poolsFrom(samples);
  const dir = mkdtempSync(path.join(tmpdir(), 'sourcemark-check-ws-'));
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'sourcemark-check-cache-'));
  try {
    // The folder engine.ts indexes: generated 5 KB sources (same seeds) and one sample.
    let size = 0;
    for (let i = 0; i < sources; i++) {
      const text = new SourceGenerator(pools, 0x1dea + i).source(5 * 1024);
      size += text.length;
      writeFileSync(path.join(dir, `gen-${String(i).padStart(5, '0')}.txt`), text);
    }
    writeFileSync(path.join(dir, names[0]!), samples[0]!);
    process.stdout.write(`check on ${int(sources + 1)} sources (${bytes(size)}); load average at start: ${load()}\n`);
    const at = process.argv.indexOf('--compare');
    if (at > 0) {
      const clis = [process.argv[at + 1], process.argv[at + 2]].map((c) => path.resolve(c ?? ''));
      if (!clis.every((c) => existsSync(c))) throw new Error('--compare needs two built cli.js files');
      const pairsAt = process.argv.indexOf('--pairs');
      await compare(dir, clis as [string, string], pairsAt > 0 ? Number(process.argv[pairsAt + 1]) : 3);
      return;
    }
    const cold = await checkRun(dir, cacheDir);
    const warm = await checkRun(dir, cacheDir);
    const bypass = await checkRun(dir, cacheDir, ['--no-cache']);
    const skipping = await checkRun(dir, cacheDir, ['--skip-conflicts']);
    process.stdout.write(`${table(CHECK_HEADERS, checkRows(cold, warm, bypass, skipping))}\n`);
    for (const [name, r] of [['cold', cold], ['warm', warm], ['--no-cache', bypass]] as const) if (r.notes) process.stdout.write(`  ${name}: ${r.notes}\n`);
    if (process.argv.includes('--report')) {
      // report keeps entries of its own: cold, then warm.
      const reportCold = await checkRun(dir, cacheDir, [], 'report');
      const reportWarm = await checkRun(dir, cacheDir, [], 'report');
      const rows = checkRows(reportCold, reportWarm).map((r, i) => [i === 0 ? 'CLI report (HTML), cold' : 'CLI report (HTML), warm', ...r.slice(1)]);
      process.stdout.write(`${table(CHECK_HEADERS, rows)}\n  report stdout ${bytes(reportCold.stdout)}\n`);
    }
    process.stdout.write(`stdout ${bytes(cold.stdout)}; load average at end: ${load()}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

if (require.main === module) void main();
