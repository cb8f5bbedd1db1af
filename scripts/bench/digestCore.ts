// What digesting costs an index worker: generated ~5 KB sources of the workspace bench (same seeds)
// analysed, then `digestSource` timed over sources it has not digested yet, as a worker meets them
// (its memo of sentence terms holds only what earlier sources had). The code is bundled as the
// worker ships it (scripts/build.mjs's options; tsx's transform names every closure). A hash of
// the measured digests shows a faster digest makes the same ones; `--profile N` prints the top N
// functions by self time of the measured run.
//   node --import tsx scripts/bench/digestCore.ts [sources=600] [--profile 30] [--root DIR]
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import * as path from 'node:path';
import { poolsFrom, SourceGenerator } from './generate';
import { summarise, type Profile } from './profileKeystroke';
import { shippedModules } from './shippedAnalyzer';

const SEED = 0x1dea; // as workspace.ts
const args = process.argv.slice(2);
const opt = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const root = path.resolve(opt('--root') ?? path.join(__dirname, '../..'));

type Modules = typeof import('../../src/core/analyzer') & typeof import('../../src/core/sourceAnalysis') & typeof import('../../src/core/corpus/digest');

async function main(): Promise<void> {
  const { Analyzer, analyzeSource, digestSource } = await shippedModules<Modules>({ Analyzer: 'src/core/analyzer.ts', analyzeSource: 'src/core/sourceAnalysis.ts', digestSource: 'src/core/corpus/digest.ts' }, root);
  const count = Number(args.find((a, i) => /^\d+$/.test(a) && !args[i - 1]?.startsWith('--')) ?? 600);
  const dir = path.join(__dirname, '../../test-fixtures/sources');
  const pools = poolsFrom(readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(path.join(dir, f), 'utf8')));
  const analyzer = new Analyzer(256);
  const sources = Array.from({ length: count }, (_, i) => {
    const text = new SourceGenerator(pools, SEED + i).source(5 * 1024);
    return { text, analysed: analyzeSource(analyzer, text, undefined, { referenceDate: '2018-03-10' }) };
  });
  // The first half warms the JIT; the second is measured.
  const half = count >> 1;
  for (const s of sources.slice(0, half)) digestSource(s.text, s.analysed);
  const measured = sources.slice(half);
  const session = opt('--profile') ? new Session() : undefined;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
  }
  const cpu = process.cpuUsage();
  const t = performance.now();
  const digests = measured.map((s) => digestSource(s.text, s.analysed));
  const wallMs = performance.now() - t;
  const used = process.cpuUsage(cpu);
  let profile: Profile | undefined;
  if (session) {
    profile = ((await session.post('Profiler.stop')) as unknown as { profile: Profile }).profile;
    session.disconnect();
  }
  const cpuMs = (used.user + used.system) / 1000;
  const hash = createHash('sha256').update(JSON.stringify(digests)).digest('hex');
  console.log(JSON.stringify({ sources: measured.length, wallMs: Math.round(wallMs), cpuMs: Math.round(cpuMs), perSourceMs: +(wallMs / measured.length).toFixed(3), sha256: hash }));
  if (profile) {
    const { self, all } = summarise(profile, 0, Infinity);
    for (const [k, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(opt('--profile')))) {
      console.log(`${ms.toFixed(1).padStart(8)} ms ${((100 * ms) / all).toFixed(1).padStart(5)} %  ${k}`);
    }
  }
}

void main();
