// What the learned entity tagger costs: the bench's generated 1 MB source analysed in one process
// by fresh Analyzers, alternating rules only and rules + tagger, CPU time per run. Not a test.
//
//   npx tsx scripts/bench-learned.ts [rounds]
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import * as path from 'node:path';
import { Analyzer } from '../src/core/analyzer';
import { useLearnedEntityTagger } from '../src/core/kinds/entity';
import { poolsFrom, SourceGenerator } from './bench/generate';

const MB = 1024 * 1024;
const SEED = 0x5eed; // the bench's 1 MB source
const rounds = Number(process.argv[2] ?? 5);
const dir = path.resolve(__dirname, '../test-fixtures/sources');
const samples = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(path.join(dir, f), 'utf8'));
const text = new SourceGenerator(poolsFrom(samples), SEED).source(1 * MB);

function cpuMs(learned: boolean): number {
  useLearnedEntityTagger(learned);
  const analyzer = new Analyzer();
  const before = process.cpuUsage();
  analyzer.analyze(text);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
cpuMs(true); // JIT warm-up of both paths
cpuMs(false);
const off: number[] = [];
const on: number[] = [];
for (let i = 0; i < rounds; i++) {
  off.push(cpuMs(false));
  on.push(cpuMs(true));
}
const a = median(off);
const b = median(on);
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
process.stdout.write(`1 MB generated source, ${rounds} alternating rounds, median CPU ms per analysis (load average at the end ${load()})\n`);
process.stdout.write(`rules only        ${a.toFixed(0)} ms  (${(text.length / MB / (a / 1000)).toFixed(2)} MB/s)\n`);
process.stdout.write(`rules + tagger    ${b.toFixed(0)} ms  (${(text.length / MB / (b / 1000)).toFixed(2)} MB/s)\n`);
process.stdout.write(`tagger's cost     ${(((b - a) / a) * 100).toFixed(1)} %\n`);
