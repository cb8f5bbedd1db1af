// CLI batch benchmark: `sourcemark check` (and `report`) over 2,000 generated sources, in one
// thread and with two worker threads, without the cross-source conflict search; then how that
// search grows with the number of sources. Prints wall time, throughput and peak memory (the whole
// process, workers included: they are threads of it). Not a test.
//
//   npm run bench:cli            (builds dist/ first)
//   npm run bench:cli -- 500     (another number of sources)

import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { bytes, int, ms, table } from './bench/format';
import { poolsFrom, SourceGenerator } from './bench/generate';
import { ownCacheFolder } from './bench/cacheFolder';

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'dist/cli.js');
const COUNT = Number(process.argv[2] ?? 2000);
const SOURCE_BYTES = 5 * 1024;
const SEED = 0xc11;
/** Sources per folder: a corpus is folders of articles, and it makes the sharding advice concrete. */
const PER_FOLDER = 250;

interface Run {
  command: string;
  jobs: number;
  wallMs: number;
  cpuMs: number;
  peakRss: number;
  /** 1-minute load average when the run started: the machine is shared, so this says how busy it was. */
  load: number;
  line: string;
}

/** Runs the CLI with --timing; wall time from spawn to exit, peak RSS from the CLI's own figures line (getrusage). */
function runCli(command: string, jobs: number, dir: string | string[], extra: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const load = loadavg()[0]!;
    const child = spawn(process.execPath, [CLI, command, '--jobs', String(jobs), '--timing', '--reference-date', '2018-03-10', ...extra, ...[dir].flat()], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', () => {
      const wallMs = performance.now() - started;
      const line = stderr.trim().split('\n').find((l) => l.startsWith(`${command}:`));
      const rss = line && /peak RSS ([\d,]+) MB/.exec(line);
      const cpu = line && /CPU ([\d.]+) s/.exec(line);
      if (!line || !rss || !cpu) return reject(new Error(`no figures from ${command} --jobs ${jobs}:\n${stderr}`));
      resolve({ command, jobs, wallMs, cpuMs: Number(cpu[1]) * 1000, peakRss: Number(rss[1]!.replace(/,/g, '')) * 1048576, load, line });
    });
  });
}

async function main(): Promise<void> {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  const samplesDir = path.join(ROOT, 'test-fixtures/sources');
  const samples = readdirSync(samplesDir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(path.join(samplesDir, f), 'utf8'));
  const work = mkdtempSync(path.join(tmpdir(), 'sourcemark-bench-cli-'));
  try {
    const corpus = path.join(work, 'corpus');
    const generator = new SourceGenerator(poolsFrom(samples), SEED);
    let total = 0;
    let started = performance.now();
    for (let i = 0; i < COUNT; i++) {
      const folder = path.join(corpus, `part-${String(Math.floor(i / PER_FOLDER)).padStart(2, '0')}`);
      if (i % PER_FOLDER === 0) mkdirSync(folder, { recursive: true });
      const text = generator.source(SOURCE_BYTES);
      total += Buffer.byteLength(text);
      writeFileSync(path.join(folder, `${String(i).padStart(5, '0')}.txt`), text);
    }
    const generation = performance.now() - started;

    console.log('Sourcemark CLI batch benchmark');
    console.log(`node ${process.version} · ${process.platform}/${process.arch} · ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`);
    console.log(`${int(COUNT)} generated sources of ~${bytes(SOURCE_BYTES)} (${bytes(total)} in all, ${Math.ceil(COUNT / PER_FOLDER)} folders), seed ${SEED}, generated in ${ms(generation)}.`);
    console.log('Each run is a fresh process: node dist/cli.js <command> --jobs N --timing. jobs 1 = analysis in the main thread; 2 = two worker threads.');
    console.log('Wall time includes process start and worker start; peak RSS is getrusage(ru_maxrss) of the process, worker threads included.');
    console.log();

    const runs: Run[] = [];
    const reportOut = path.join(work, 'report.html');
    for (const [command, extra, rounds] of [['check', ['--fail-on', 'none', '--skip-conflicts'], 2], ['report', ['--out', reportOut, '--skip-conflicts'], 1]] as const) {
      // Interleaved (and check repeated), so load from other processes on the machine falls on both alike.
      for (let round = 0; round < rounds; round++) {
        for (const jobs of [1, 2]) {
          process.stderr.write(`… ${command} --jobs ${jobs} (round ${round + 1})\n`);
          runs.push(await runCli(command, jobs, corpus, [...extra]));
        }
      }
    }
    const rows = runs.map((r) => [
      r.command, String(r.jobs), ms(r.wallMs), `${(COUNT / (r.wallMs / 1000)).toFixed(1)}`, `${(total / 1048576 / (r.wallMs / 1000)).toFixed(2)}`, ms(r.cpuMs), bytes(r.peakRss), r.load.toFixed(1),
    ]);
    console.log(table(['command', '>jobs', '>wall time', '>sources/s', '>MB/s', '>CPU time', '>peak RSS', '>load (1 min)'], rows));
    console.log('CPU time is every thread of the process; with free cores, two workers can take up to half the wall time of one thread for the same CPU time.');
    for (const command of ['check', 'report']) {
      const best = (jobs: number) => Math.min(...runs.filter((r) => r.command === command && r.jobs === jobs).map((r) => r.wallMs));
      console.log(`${command}: ${command === 'check' ? 'best of 2, ' : ''}two workers vs one thread: ${ms(best(2))} vs ${ms(best(1))} (×${(best(1) / best(2)).toFixed(2)})`);
    }
    console.log();
    console.log('Conflict search across sources (src/core/corpus), check --jobs 2 with and without it, on the first N sources:');
    const scaling: string[][] = [];
    const files = readdirSync(corpus, { recursive: true }).map(String).filter((f) => f.endsWith('.txt')).sort();
    for (const n of [50, 100, 200]) {
      const subset = files.slice(0, n).map((f) => path.join(corpus, f));
      const without = await runCli('check', 2, subset, ['--fail-on', 'none', '--skip-conflicts']);
      const withConflicts = await runCli('check', 2, subset, ['--fail-on', 'none', '--json']);
      scaling.push([String(n), ms(without.wallMs), ms(withConflicts.wallMs), bytes(without.peakRss), bytes(withConflicts.peakRss)]);
    }
    console.log(table(['sources', '>without', '>with conflicts', '>peak RSS without', '>with'], scaling));
    console.log();
    console.log('The CLI\'s own figures lines (time from the first source to the last, without process start):');
    for (const r of runs) console.log(`  ${r.line}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const dropCache = ownCacheFolder();
main().finally(dropCache).catch((e: Error) => {
  console.error(e.stack ?? e.message);
  process.exitCode = 1;
});
