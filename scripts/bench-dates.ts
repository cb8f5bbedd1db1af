// npm run bench:dates   Date detection cost on the bench's generated 1 MB source: the date detector
// alone over its sentences, and the whole analysis (fresh Analyzer each run). CPU time
// (process.cpuUsage) is printed beside wall time, as the machine may be shared; medians of N runs.
// Not a test: compare before/after by running it in both trees alternately, and say the load.
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import * as path from 'node:path';
import { Analyzer } from '../src/core/analyzer';
import { DateDetector } from '../src/core/kinds/date/dateDetector';
import { MB, median } from './bench/format';
import { poolsFrom, SourceGenerator } from './bench/generate';

const ROOT = path.resolve(__dirname, '..');
const SAMPLES_DIR = path.join(ROOT, 'test-fixtures/sources');
const SEED = 0x5eed;
const RUNS = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 5);
const REFERENCE = '2018-03-10';

const samples = readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(path.join(SAMPLES_DIR, f), 'utf8'));
const oneMb = new SourceGenerator(poolsFrom(samples), SEED).source(1 * MB);
// Sentences, roughly: the detector is given one at a time by the analysis.
const sentences = oneMb.split(/(?<=[.!?])\s+|\n+/).filter((s) => s.trim());

interface Timing { wall: number[]; cpu: number[]; count: number }

function measure(run: () => number): Timing {
  const t: Timing = { wall: [], cpu: [], count: 0 };
  for (let i = 0; i < RUNS; i++) {
    const cpu = process.cpuUsage();
    const wall = performance.now();
    t.count = run();
    t.wall.push(performance.now() - wall);
    const used = process.cpuUsage(cpu);
    t.cpu.push((used.user + used.system) / 1000);
  }
  return t;
}

// JIT warm-up.
for (const s of samples) new Analyzer().analyze(s);
const detector = measure(() => {
  const d = new DateDetector();
  let n = 0;
  for (const s of sentences) n += d.detect(s, REFERENCE).length;
  return n;
});
// "--detector" skips the whole analysis (seconds a run) when only the detector is compared.
const whole = process.argv.includes('--detector') ? undefined : measure(() => new Analyzer().analyze(oneMb, { referenceDate: REFERENCE }).findings.length);
const fmt = (t: Timing, what: string) => `${what}: CPU ${median(t.cpu).toFixed(0)} ms, wall ${median(t.wall).toFixed(0)} ms (CPU runs ${t.cpu.map((x) => x.toFixed(0)).join(', ')}), ${t.count} found`;
process.stdout.write(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}; ${sentences.length} sentences, ${oneMb.length} characters\n`);
process.stdout.write(`${fmt(detector, 'date detector alone')}\n${whole ? `${fmt(whole, 'whole analysis')}\n` : ''}`);
