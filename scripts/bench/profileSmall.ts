// A CPU profile of indexing small sources in one process (what each index worker and `check` do per
// source): `count` generated 5 KB sources, as bench:engine's workspace writes them, each through
// `indexSourceFile` with a digest cache of its own (cold), after a warm-up on the samples. Prints
// CPU per source and self time by function.
//
//   node --import tsx scripts/bench/profileSmall.ts [count=300] [--top 40]

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Analyzer } from '../../src/core/analyzer';
import { DigestCache } from '../../src/core/corpus/digestCache';
import { FileSidecarStore } from '../../src/core/tags/sidecarStore';
import { indexSourceFile, type IndexCache } from '../../src/server/indexJob';
import { poolsFrom, SourceGenerator } from './generate';
import type { Profile } from './profileKeystroke';
import { summarise } from './profileKeystroke';

const SEED = 0x5eed; // workspace.ts's seed: the same sources
const args = process.argv.slice(2);
const count = Number(args.find((a) => /^\d+$/.test(a)) ?? 300);
const top = Number(args.includes('--top') ? args[args.indexOf('--top') + 1] : 40);

async function main(): Promise<void> {
  const samplesDir = path.join(__dirname, '../../test-fixtures/sources');
  const samples = readdirSync(samplesDir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(path.join(samplesDir, f), 'utf8'));
  const pools = poolsFrom(samples);
  const dir = mkdtempSync(path.join(tmpdir(), 'sourcemark-small-'));
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'sourcemark-small-cache-'));
  try {
    const files: string[] = [];
    for (let i = 0; i < count; i++) {
      const file = path.join(dir, `gen-${String(i).padStart(5, '0')}.txt`);
      writeFileSync(file, new SourceGenerator(pools, SEED + i).source(5 * 1024));
      files.push(file);
    }
    const analyzer = new Analyzer(256);
    const store = new FileSidecarStore();
    const cache = new DigestCache(cacheDir, 'profile') as unknown as IndexCache;
    const options = { referenceDate: '2018-03-10' };
    for (let i = 0; i < 3; i++) for (const s of samples) analyzer.analyze(s); // JIT warm-up
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
    const from = Number(process.hrtime.bigint() / 1000n);
    const cpu = process.cpuUsage();
    for (const file of files) await indexSourceFile(analyzer, store, { uri: pathToFileURL(file).href, path: file, options }, cache);
    const used = process.cpuUsage(cpu);
    const to = Number(process.hrtime.bigint() / 1000n);
    const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
    session.disconnect();
    const s = summarise(profile, from, to);
    process.stdout.write(`${count} sources of 5 KB, cold cache: ${((used.user + used.system) / 1000 / count).toFixed(2)} ms of CPU per source; load ${loadavg().map((l) => l.toFixed(2)).join(' / ')}\n`);
    for (const [title, m] of [['self', s.self], ['total', s.total]] as const) {
      process.stdout.write(`\nby function (${title}, ms per source):\n`);
      for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`${(v / count).toFixed(3).padStart(8)}  ${k}\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
