// A CPU profile of reopening an indexed workspace (issue 14: target ≤ 1 s): 2,001 generated 5 KB
// sources indexed once by a spawned server (filling a digest cache of their own), then a second
// server, spawned with --cpu-prof, opened on the same folder until its index reports done. Each
// thread's profile is summed by function over the whole reopening, top rows printed.
//
//   npm run build && node --import tsx scripts/bench/profileReopen.ts [sources=2000]
//   PROFILE_TOP=N prints N rows; PROFILE_KEEP=DIR keeps the .cpuprofile files there (line ticks);
//   EXTRA_FLAGS="--flag …" passes Node/V8 flags to the reopening server (GC settings, --trace-gc).

import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { spawnedServer } from '../../test/server/lspTestClient';
import { ms, table } from './format';
import { poolsFrom, SourceGenerator } from './generate';
import { summarise, type Profile } from './profileKeystroke';

const ROOT = path.resolve(__dirname, '../..');
const SAMPLES_DIR = path.join(ROOT, 'test-fixtures/sources');
const SEED = 0x1dea;

async function indexOnce(dir: string, execArgv: string[] = []): Promise<number> {
  const { client } = spawnedServer(path.join(ROOT, 'dist/server.js'), { execArgv });
  client.settings = { referenceDate: '2018-03-10' };
  const started = performance.now();
  await client.initialize(dir);
  await client.waitFor(() => client.progress.some((p) => p.kind === 'end') || undefined, 'the index', 900_000);
  const took = performance.now() - started;
  await client.shutdown();
  return took;
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 2000);
  const samples = readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(path.join(SAMPLES_DIR, f), 'utf8'));
  const pools = poolsFrom(samples);
  const dir = mkdtempSync(path.join(tmpdir(), 'sourcemark-reopen-'));
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'sourcemark-reopen-cache-'));
  const profDir = mkdtempSync(path.join(tmpdir(), 'sourcemark-reopen-prof-'));
  process.env.SOURCEMARK_CACHE_DIR = cacheDir;
  try {
    for (let i = 0; i < count; i++) writeFileSync(path.join(dir, `gen-${String(i).padStart(5, '0')}.txt`), new SourceGenerator(pools, SEED + i).source(5 * 1024));
    const cold = await indexOnce(dir);
    const t = process.hrtime.bigint();
    const warm = await indexOnce(dir, [...(process.env.EXTRA_FLAGS ? process.env.EXTRA_FLAGS.split(' ') : []), '--cpu-prof', '--cpu-prof-dir', profDir]);
    process.stdout.write(`Reopen profile: ${count} sources; first index ${ms(cold)}, reopening ${ms(warm)}; load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')}.\n`);
    for (const f of readdirSync(profDir).sort()) {
      const s = summarise(JSON.parse(readFileSync(path.join(profDir, f), 'utf8')) as Profile, Number(t / 1000n), Number.MAX_SAFE_INTEGER);
      process.stdout.write(`\n${f}: ${ms(s.all)} of CPU (non-idle samples)\n`);
      const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.PROFILE_TOP) || 30).map(([k, v]) => [k, ms(v)]);
      process.stdout.write(`${table(['total (function file:line)', '>ms'], top(s.total))}\n`);
      process.stdout.write(`${table(['self', '>ms'], top(s.self))}\n`);
      if (process.env.PROFILE_KEEP) copyFileSync(path.join(profDir, f), path.join(process.env.PROFILE_KEEP, f));
    }
  } finally {
    for (const d of [dir, cacheDir, profDir]) rmSync(d, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
