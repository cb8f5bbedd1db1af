// Reopening an indexed workspace (issue 14: ≤ 1 s), two builds alternated on one shared machine:
// the bench's 2,001 generated sources, indexed once by each build (filling one cache folder: the
// analyser versions differ, so their entries do not mix), then reopened by each in turn, `rounds`
// times. Each reopening: initialize → every source's counts in the view's listing, → the index's
// progress end; server CPU (all threads) and peak RSS; the load average beside each.
//
//   npm run build && node --import tsx scripts/bench/reopen.ts [--server PATH [--flags "NODE FLAGS"]]... [--rounds N] [--sources N] [--keep DIR]
//   (default: this checkout's dist/server.js only). With --keep, the folder and cache are DIR/ws and
//   DIR/cache and stay: a later run with the same builds skips generating and the first indexes.

import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { bytes, median, ms, quantile, table } from './format';
import { poolsFrom, SourceGenerator } from './generate';
import { indexOnce, type IndexRun } from './indexOnce';

const ROOT = path.resolve(__dirname, '../..');
const SAMPLES_DIR = path.join(ROOT, 'test-fixtures/sources');
const SEED = 0x1dea;

const argValues = (name: string) => process.argv.flatMap((a, i) => (a === name && process.argv[i + 1] !== undefined ? [process.argv[i + 1]!] : []));
const load = () => loadavg().map((l) => l.toFixed(1)).join(' / ');

async function main(): Promise<void> {
  const servers = argValues('--server').map((s) => path.resolve(s));
  if (!servers.length) servers.push(path.join(ROOT, 'dist/server.js'));
  // Node options of each server, in the order given (a server given twice with other flags compares them).
  const flags = servers.map((_, k) => (argValues('--flags')[k] ?? '').split(' ').filter(Boolean));
  const rounds = Number(argValues('--rounds')[0] ?? 3);
  const count = Number(argValues('--sources')[0] ?? 2000);
  const samples = readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.txt')).sort();
  const pools = poolsFrom(samples.map((f) => readFileSync(path.join(SAMPLES_DIR, f), 'utf8')));
  const keep = argValues('--keep')[0];
  const kept = keep !== undefined && existsSync(path.join(keep, 'ws'));
  const dir = keep ? path.join(keep, 'ws') : mkdtempSync(path.join(tmpdir(), 'sourcemark-reopen-ws-'));
  const cacheDir = keep ? path.join(keep, 'cache') : mkdtempSync(path.join(tmpdir(), 'sourcemark-reopen-cache-'));
  mkdirSync(dir, { recursive: true });
  mkdirSync(cacheDir, { recursive: true });
  process.env.SOURCEMARK_CACHE_DIR = cacheDir;
  try {
    if (!kept) for (let i = 0; i < count; i++) writeFileSync(path.join(dir, `gen-${String(i).padStart(5, '0')}.txt`), new SourceGenerator(pools, SEED + i).source(5 * 1024));
    const openName = samples[0]!;
    const openText = readFileSync(path.join(SAMPLES_DIR, openName), 'utf8');
    writeFileSync(path.join(dir, openName), openText);
    const rows: string[][] = [];
    const hovers = (r: IndexRun) => (r.hovers.length ? `${ms(quantile(r.hovers, 0.5))} / ${ms(quantile(r.hovers, 0.95))} (${r.hovers.length})` : '-');
    const row = (name: string, what: string, r: IndexRun, before: string) =>
      rows.push([name, what, r.countsMs === undefined ? '-' : `${ms(r.countsMs)} (listing ${ms(r.listingMs ?? 0)})`, ms(r.ms), r.cpu === undefined ? 'n/a' : ms(r.cpu), r.peakRss === undefined ? 'n/a' : bytes(r.peakRss), hovers(r), `${before} → ${load()}`]);
    const names = servers.map((s, k) => [path.relative(process.cwd(), s) || s, ...flags[k]!].join(' '));
    if (!kept) {
      for (const [k, server] of servers.entries()) {
        const before = load();
        row(names[k]!, 'first index', await indexOnce(server, dir, openName, openText, undefined, flags[k]), before);
      }
    }
    const warm = servers.map(() => [] as IndexRun[]);
    for (let round = 0; round < rounds; round++) {
      for (const [k, server] of servers.entries()) {
        const before = load();
        const r = await indexOnce(server, dir, openName, openText, count + 1, flags[k]);
        warm[k]!.push(r);
        row(names[k]!, `reopening ${round + 1}`, r, before);
      }
    }
    process.stdout.write(`Reopening ${count + 1} sources; times from initialize.\n`);
    process.stdout.write(`${table(['server', 'run', '>counts in view', '>index complete', '>server CPU', '>peak RSS', '>hover p50 / p95 (n)', 'load (1 min) before → after'], rows)}\n`);
    for (const [k, runs] of warm.entries()) {
      const counted = runs.flatMap((r) => (r.countsMs === undefined ? [] : [r.countsMs]));
      const all = runs.flatMap((r) => r.hovers);
      process.stdout.write(`${names[k]}: reopening median counts ${counted.length ? ms(median(counted)) : '-'}, index complete ${ms(median(runs.map((r) => r.ms)))}, CPU ${ms(median(runs.map((r) => r.cpu ?? 0)))}; hovers of all rounds p95 ${all.length ? ms(quantile(all, 0.95)) : '-'} (${all.length}).\n`);
    }
  } finally {
    if (!keep) {
      rmSync(dir, { recursive: true, force: true });
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }
}

main().then(() => process.exit(0), (e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
