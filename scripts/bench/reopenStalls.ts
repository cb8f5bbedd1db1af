// What holds the server's main thread while an indexed workspace reopens (issue 14: hover p95 ≤ 5 ms
// while reopening): 2,001 generated 5 KB sources indexed once, then a second server spawned with a
// stall logger (stallLogger.cjs) and --cpu-prof reopens them while a sample is hovered every 20 ms.
// Prints hover latency and each stall of the event loop over 8 ms ($SOURCEMARK_STALL_MS) with the stacks sampled during it.
// Then each hover of 5 ms or more beside what overlapped it: the server's stalls and GC pauses, and
// how late this process's own event loop ran meanwhile (a 1 ms timer here: the client's turns, or
// the machine not giving it a core), so a slow hover can be told from a slow server.
//
// `--first` logs the first index instead (issue 14: hover p95 ≤ 5 ms while indexing). The main
// thread's GC pauses (PerformanceObserver in the stall logger) are summed by kind at the end.
// EXTRA_FLAGS="--flag …" passes Node/V8 flags to the logged server (to try GC settings);
// PROFILE_KEEP=DIR keeps the main thread's .cpuprofile there. `--long MB` adds one generated source
// of that many MB (its digest cache entry is a long one to read back).
//
//   npm run build && node --import tsx scripts/bench/reopenStalls.ts [sources=2000] [--first] [--long MB]

import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { median, ms } from './format';
import { poolsFrom, SourceGenerator } from './generate';
import { indexOnce } from './indexOnce';
import { profileTree, type Profile } from './profileKeystroke';

const ROOT = path.resolve(__dirname, '../..');
const SAMPLES_DIR = path.join(ROOT, 'test-fixtures/sources');
const SEED = 0x1dea;
const STALLS_SHOWN = 15;

/** Each stall (end in µs, length in ms) with the stacks the profile sampled during it, most sampled first. */
function stallStacks(profile: Profile, stalls: [number, number][]): { ms: number; stacks: [string, number][] }[] {
  const { byId, parent } = profileTree(profile);
  const plumbing = new Set(['(root)', '', 'processTicksAndRejections', 'listOnTimeout', 'processTimers', 'processImmediate', 'runMicrotasks', 'runNextTicks']);
  const stackOf = (id: number) => {
    const names: string[] = [];
    for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) names.push(byId.get(x)!.callFrame.functionName);
    return names.reverse().filter((f) => !plumbing.has(f)).slice(0, 5).join(' > ') || '(program)';
  };
  const times: number[] = [];
  let t = profile.startTime;
  for (const dt of profile.timeDeltas) times.push((t += dt));
  return stalls.map(([end, lateMs]) => {
    const counts = new Map<string, number>();
    for (let i = 0; i < times.length; i++) {
      if (times[i]! < end - lateMs * 1000 || times[i]! > end) continue;
      const s = stackOf(profile.samples[i]!);
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    return { ms: lateMs, stacks: [...counts].sort((a, b) => b[1] - a[1]).slice(0, 3) };
  });
}

/** A hover this slow or slower is looked at one by one. */
const SLOW_HOVER_MS = 5;

/**
 * This process's event loop, checked every 1 ms: each time it ran more than 1.5 ms late, its end
 * (µs, monotonic) and lateness (ms). A hover's answer waits for this loop as well as for the server.
 */
function clientLateness(): { stop: () => [number, number][] } {
  const late: [number, number][] = [];
  let last = process.hrtime.bigint();
  const timer = setInterval(() => {
    const now = process.hrtime.bigint();
    const ms = Number(now - last) / 1e6 - 1;
    if (ms > 1.5) late.push([Number(now / 1000n), ms]);
    last = now;
  }, 1);
  return { stop: () => (clearInterval(timer), late) };
}

/** Each slow hover beside the spans (end µs, length ms) of each list that overlapped it; then how many overlapped none. */
function slowHoverRows(hovers: readonly number[], sentUs: readonly number[], lists: Record<string, readonly [number, number][]>): string {
  const rows: string[] = [];
  let slow = 0;
  let unexplained = 0;
  hovers.forEach((took, i) => {
    if (took < SLOW_HOVER_MS) return;
    slow++;
    const from = sentUs[i]!;
    const to = from + took * 1000;
    const parts = Object.entries(lists).map(([name, spans]) => {
      const over = spans.filter(([end, len]) => end >= from && end - len * 1000 <= to);
      return over.length ? `${name} ${over.map(([, len]) => ms(len)).join(', ')}` : '';
    }).filter(Boolean);
    if (!parts.length) unexplained++;
    if (rows.length < STALLS_SHOWN) rows.push(`  ${ms(took)} at +${ms((from - sentUs[0]!) / 1000)}: ${parts.join('; ') || 'nothing logged'}`);
  });
  return `hovers of ${SLOW_HOVER_MS} ms or more: ${slow} of ${hovers.length}; ${slow - unexplained} overlapped something logged, ${unexplained} nothing:\n${rows.join('\n')}`;
}

/** The stall logger's GC pauses (`kind ms endUs` lines) summed by kind. */
function gcSummary(lines: string): string {
  const byKind = new Map<string, number[]>();
  for (const line of lines.trim().split('\n').filter(Boolean)) {
    const [kind, took] = line.split(' ');
    const list = byKind.get(kind!) ?? [];
    list.push(Number(took));
    byKind.set(kind!, list);
  }
  return [...byKind].map(([kind, list]) => `  ${kind}: ${list.length}, ${ms(list.reduce((a, b) => a + b, 0))}, ${list.filter((x) => x > 4).length}, ${ms(Math.max(...list))}`).join('\n');
}

async function main(): Promise<void> {
  const first = process.argv.includes('--first');
  const longAt = process.argv.indexOf('--long');
  const longMb = longAt > 0 ? Number(process.argv[longAt + 1]) : 0;
  const count = Number(process.argv.slice(2).find((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--long') ?? 2000);
  const samples = readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.txt')).sort();
  const texts = samples.map((f) => readFileSync(path.join(SAMPLES_DIR, f), 'utf8'));
  const dir = mkdtempSync(path.join(tmpdir(), 'sourcemark-stalls-'));
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'sourcemark-stalls-cache-'));
  const profDir = mkdtempSync(path.join(tmpdir(), 'sourcemark-stalls-prof-'));
  process.env.SOURCEMARK_CACHE_DIR = cacheDir;
  const stallFile = path.join(profDir, 'stalls.txt');
  const gcFile = path.join(profDir, 'gc.txt');
  try {
    const pools = poolsFrom(texts);
    for (let i = 0; i < count; i++) writeFileSync(path.join(dir, `gen-${String(i).padStart(5, '0')}.txt`), new SourceGenerator(pools, SEED + i).source(5 * 1024));
    writeFileSync(path.join(dir, samples[0]!), texts[0]!);
    if (longMb > 0) writeFileSync(path.join(dir, 'long.txt'), new SourceGenerator(pools, SEED - 1).source(longMb * 1024 * 1024));
    const server = path.join(ROOT, 'dist/server.js');
    if (!first) await indexOnce(server, dir, samples[0]!, texts[0]!);
    process.env.SOURCEMARK_STALL_FILE = stallFile;
    process.env.SOURCEMARK_GC_FILE = gcFile;
    const lateness = clientLateness();
    const { hovers, hoverSentUs } = await indexOnce(server, dir, samples[0]!, texts[0]!, undefined, [...(process.env.EXTRA_FLAGS ? process.env.EXTRA_FLAGS.split(' ') : []), '--require', path.join(__dirname, 'stallLogger.cjs'), '--cpu-prof', '--cpu-prof-dir', profDir]);
    const clientLate = lateness.stop();
    delete process.env.SOURCEMARK_STALL_FILE;
    delete process.env.SOURCEMARK_GC_FILE;
    const sorted = [...hovers].sort((a, b) => a - b);
    process.stdout.write(`${first ? 'Indexing' : 'Reopening'} ${count + 1} sources${longMb > 0 ? ` and one of ${longMb} MB` : ''}; load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')}.\n`);
    process.stdout.write(`hover while ${first ? 'indexing' : 'reopening'} (${hovers.length}): p50 ${ms(median(sorted))}, p95 ${ms(sorted[Math.floor(0.95 * (sorted.length - 1))] ?? 0)}, max ${ms(sorted[sorted.length - 1] ?? 0)}\n`);
    const stalls = readFileSync(stallFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => l.split(' ').map(Number) as [number, number]);
    const mainProfile = readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile')).sort()[0]!;
    if (process.env.PROFILE_KEEP) copyFileSync(path.join(profDir, mainProfile), path.join(process.env.PROFILE_KEEP, mainProfile));
    const found = stallStacks(JSON.parse(readFileSync(path.join(profDir, mainProfile), 'utf8')) as Profile, stalls).sort((a, b) => b.ms - a.ms);
    process.stdout.write(`main thread held over ${Number(process.env.SOURCEMARK_STALL_MS) || 8} ms: ${found.length} times, ${ms(found.reduce((n, s) => n + s.ms, 0))} in all; the longest, with the stacks sampled meanwhile:\n`);
    for (const s of found.slice(0, STALLS_SHOWN)) {
      process.stdout.write(`  ${ms(s.ms)}\n${s.stacks.map(([k, n]) => `      ${String(n).padStart(4)}  ${k}`).join('\n')}\n`);
    }
    const gcLines = existsSync(gcFile) ? readFileSync(gcFile, 'utf8') : undefined;
    process.stdout.write(`main thread's GC pauses (kind: count, in all, over 4 ms, longest):\n${gcLines !== undefined ? gcSummary(gcLines) : '  (none logged)'}\n`);
    const pauses = (gcLines ?? '').trim().split('\n').filter(Boolean).map((l) => l.split(' ')).map(([, took, end]) => [Number(end), Number(took)] as [number, number]);
    process.stdout.write(`${slowHoverRows(hovers, hoverSentUs, { 'server held': stalls, 'server GC': pauses, 'client late': clientLate })}\n`);
  } finally {
    for (const d of [dir, cacheDir, profDir]) rmSync(d, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
