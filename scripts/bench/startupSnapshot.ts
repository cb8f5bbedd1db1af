// Could a reopening start with its index built (issue 14: reopening ≤ 1 s)? A reopening parses and
// puts 2,000 digests in one by one (~0.85 s of the server's main thread, most of its reopening). This
// measures the other way: a V8 startup snapshot (Node's --build-snapshot, experimental in Node 20)
// of a process that holds the index built, against a process that builds it from the cache entries,
// both bundled from this checkout's corpus code. Prints when each had the index ready and had
// answered what a view asks first (entity groups, three sources' conflicts), process wall time, peak
// RSS, the blob's size and build time; fails when the two answer differently. Not the server: its
// modules do not yet load in a snapshot builder (see the README, Benchmarks).
//
//   node --import tsx scripts/bench/startupSnapshot.ts [--sources 2000] [--rounds 5]

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import { bytes, median, ms, table } from './format';
import { generatedEntries } from './generatedEntries';

const args = process.argv.slice(2);
const opt = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const sources = Number(opt('--sources') ?? 2000);
const rounds = Number(opt('--rounds') ?? 5);

interface ChildRun {
  readyMs: number;
  answeredMs: number;
  groups: number;
  conflicts: number;
  answers: string;
  heapMb: number;
  peakRssMb: number;
  wallMs: number;
}

function run(argv: string[]): ChildRun {
  const started = performance.now();
  const r = spawnSync(process.execPath, argv, { encoding: 'utf8', maxBuffer: 1024 * 1024 });
  const wallMs = performance.now() - started;
  if (r.status !== 0) throw new Error(`node ${argv.join(' ')} exited with ${r.status ?? r.signal}:\n${r.stderr}`);
  return { ...(JSON.parse(r.stdout) as Omit<ChildRun, 'wallMs'>), wallMs };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sourcemark-startup-snapshot-'));
  try {
    // ASCII JSON (asciiJson.ts) has no raw line break: one entry a line.
    const entries = path.join(dir, 'entries.jsonl');
    writeFileSync(entries, generatedEntries(sources).join('\n'), 'latin1');
    const child = path.join(dir, 'child.cjs');
    await build({ entryPoints: [path.join(__dirname, 'startupSnapshotChild.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: child, logLevel: 'error' });
    const blob = path.join(dir, 'index.blob');
    const buildStarted = performance.now();
    const made = spawnSync(process.execPath, ['--snapshot-blob', blob, '--build-snapshot', child, entries], { encoding: 'utf8' });
    const buildMs = performance.now() - buildStarted;
    if (made.status !== 0) throw new Error(`building the snapshot failed (${made.status ?? made.signal}):\n${made.stderr}`);
    const ways = { 'parse and put the entries': [child, entries], 'start from the snapshot': ['--snapshot-blob', blob] };
    const runs = new Map<string, ChildRun[]>(Object.keys(ways).map((k) => [k, []]));
    for (let round = 0; round < rounds; round++) {
      const order = Object.entries(ways);
      if (round % 2) order.reverse();
      for (const [name, argv] of order) runs.get(name)!.push(run(argv));
    }
    const all = [...runs.values()].flat();
    const answers = new Set(all.map((r) => r.answers));
    const range = (xs: number[]) => `${ms(median(xs))} (${ms(Math.min(...xs))}–${ms(Math.max(...xs))})`;
    process.stdout.write(`${sources} generated sources' digests, ${rounds} alternated rounds; Node ${process.version}; load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')}.\n`);
    process.stdout.write(`Snapshot blob ${bytes(statSync(blob).size)} (entries' JSON ${bytes(statSync(entries).size)}), built in ${ms(buildMs)}.\n`);
    process.stdout.write(`${table(['process', '>index ready (since start)', '>answered', '>process wall', '>peak RSS', '>heap'], [...runs].map(([name, rs]) => [
      name, range(rs.map((r) => r.readyMs)), range(rs.map((r) => r.answeredMs)), range(rs.map((r) => r.wallMs)), `${median(rs.map((r) => r.peakRssMb))} MB`, `${median(rs.map((r) => r.heapMb))} MB`,
    ]))}\n`);
    process.stdout.write(`Answers: ${all[0]!.groups} entity groups, ${all[0]!.conflicts} conflicts of three sources; ${answers.size === 1 ? 'the same in every run' : 'DIFFERENT between runs'}.\n`);
    if (answers.size !== 1) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
