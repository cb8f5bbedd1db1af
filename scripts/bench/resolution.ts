// Entity resolution of the bench's generated 1 MB alone: its 18,000 mentions, as the entity kind
// passes them after an edit that changed a name (resolveEntitiesReusing with no memo: every mention
// resolved again). The same bundles as editPath.ts (editPathEntry.ts), each in processes of its own,
// alternated: wall time per resolution after a warm-up (median and fastest of each process), and the
// memory allocated per resolution (V8's sampling heap profiler, collected objects counted).
//
//   node --import tsx scripts/bench/resolution.ts A/edit.cjs B/edit.cjs [--rounds 4] [--runs 40]

import { readdirSync, readFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import * as path from 'node:path';
import { alternatedChildren } from './alternatedChildren';
import { median, ms, table } from './format';
import { poolsFrom, SourceGenerator } from './generate';

const ROOT = path.resolve(__dirname, '../..');
const SEED = 0x5eed;
const WARM = 10;
/** Resolutions under the heap sampler. */
const SAMPLED = 20;

interface Run { mentions: number; times: number[]; allocated: number }

interface HeapNode { selfSize: number; children: HeapNode[] }

/** In a child process: `runs` resolutions of the 1 MB's mentions through the bundle's code. */
async function run(bundle: string, runs: number): Promise<Run> {
  const m = require(bundle) as typeof import('./editPathEntry');
  const dir = path.join(ROOT, 'test-fixtures/sources');
  const samples = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(path.join(dir, f), 'utf8'));
  const text = new SourceGenerator(poolsFrom(samples), SEED).source(1024 * 1024);
  // The paragraphs as the entity kind is given them, read off its collect.
  const entity = m.DETECTION_ORDER.find((k) => k.kind === 'entity')!;
  const collect = entity.collect;
  let paragraphs: Parameters<typeof collect>[0]['paragraphs'] = [];
  (entity as { collect: typeof collect }).collect = (ctx) => {
    paragraphs = ctx.paragraphs;
    return collect.call(entity, ctx);
  };
  new m.Analyzer().analyze(text);
  (entity as { collect: typeof collect }).collect = collect;
  // The mentions as their paragraphs hold them, beside the paragraphs' starts (the entity kind's call).
  const mentions: Parameters<typeof m.resolveEntitiesReusing>[0][number][] = [];
  const bases: number[] = [];
  for (const p of paragraphs) {
    for (const e of p.data.entities ?? []) {
      mentions.push(e);
      bases.push(p.start);
    }
  }
  const times: number[] = [];
  for (let i = 0; i < WARM + runs; i++) {
    const t = performance.now();
    m.resolveEntitiesReusing(mentions, bases, undefined);
    if (i >= WARM) times.push(performance.now() - t);
  }
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.enable');
  await session.post('HeapProfiler.startSampling', { samplingInterval: 512, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  for (let i = 0; i < SAMPLED; i++) m.resolveEntitiesReusing(mentions, bases, undefined);
  const { profile } = (await session.post('HeapProfiler.stopSampling')) as { profile: { head: HeapNode } };
  let allocated = 0;
  const walk = (n: HeapNode) => {
    allocated += n.selfSize;
    n.children.forEach(walk);
  };
  walk(profile.head);
  return { mentions: mentions.length, times, allocated: allocated / SAMPLED };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: number) => {
    const at = args.indexOf(name);
    return at >= 0 ? Number(args[at + 1]) : fallback;
  };
  const runs = option('--runs', 40);
  if (args[0] === '--child') {
    process.stdout.write(JSON.stringify(await run(path.resolve(args[1]!), runs)));
    return;
  }
  const bundles = args.filter((a) => a.endsWith('.cjs'));
  if (!bundles.length) throw new Error('Give one or more bundles of scripts/bench/editPathEntry.ts (see editPath.ts).');
  const rounds = option('--rounds', 4);
  const results = alternatedChildren<Run>(__filename, bundles, rounds, ['--runs', String(runs)]);
  const first = results.get(bundles[0]!)![0]!;
  process.stdout.write(`Entity resolution of the generated 1 MB (${first.mentions} mentions), ${runs} runs in each of ${rounds} processes per build; load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')}.\n`);
  process.stdout.write(`${table(['build', 'per process: median (fastest)', '>allocated per resolution'], bundles.map((b) => {
    const rs = results.get(b)!;
    return [
      path.relative(process.cwd(), b) || b,
      rs.map((x) => `${ms(median(x.times))} (${ms(Math.min(...x.times))})`).join(', '),
      `${(median(rs.map((x) => x.allocated)) / 1024 / 1024).toFixed(2)} MB`,
    ];
  }))}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
