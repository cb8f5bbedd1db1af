// Cold analysis of the bench's generated 1 MB (same text as bench:engine), after a warm-up: CPU
// and wall of each run, load average printed. For profiles (`node --cpu-prof`) and for before/after
// figures of one build against another: `--root DIR` analyses with DIR's src/core instead, and
// `--compare DIR` loads both into this process and alternates them run by run, the first of each
// pair changing (a busy machine's noise then falls on both alike). Either may be an esbuild bundle exporting `Analyzer` (a `.cjs`
// built as scripts/build.mjs builds, entityTagger.bin beside it): the code as shipped.
//
// `--edits N` measures edits instead: each analyser analyses the 1 MB once, then the same N seeded
// one-word edits (profileKeystroke.ts's), the analysers alternated edit by edit (the first of each
// pair changing), CPU of each analysis after a full GC; medians and means printed.
//
// `--processes N` (with --compare) runs each build in a process of its own instead, N rounds of one
// process each (order alternating, --runs analyses per process), and prints each process's median and
// least CPU and their ratios: two builds in one process disturb each other (one shared heap, one JIT), and a change
// of a few per cent measured that way did not hold when each ran alone.
//
//   node --expose-gc --import tsx scripts/bench/coldCore.ts [--runs 3] [--edits N [--each]] [--root DIR|FILE.cjs] [--compare DIR|FILE.cjs [--processes N]]

import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MB } from './format';
import { EDIT_WORD, editOffset, poolsFrom, prng, SourceGenerator } from './generate';
import { collectGarbage } from './memory';

const SEED = 0x5eed; // engine.ts's seed: the same 1 MB
const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const root = path.resolve(opt('--root') ?? path.join(__dirname, '../..'));
const compare = opt('--compare');
const roots = compare ? [root, path.resolve(compare)] : [root];
const runs = Number(opt('--runs') ?? 3);
const edits = Number(opt('--edits') ?? 0);
/** `--each`: every edit's CPU printed as it is measured (to find the dear ones). */
const each = args.includes('--each');
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;

/** CPU of each analyser's analysis per edit of `text` (see the head of this file). */
function perEdit(analyzers: (typeof import('../../src/core/analyzer').Analyzer)[], text: string): void {
  const held = analyzers.map((Analyzer) => new Analyzer());
  for (const a of held) a.analyze(text);
  const random = prng(SEED + 7);
  const cpu: number[][] = held.map(() => []);
  let current = text;
  for (let i = 0; i < edits; i++) {
    const at = editOffset(current, random);
    current = `${current.slice(0, at)} ${EDIT_WORD}${current.slice(at)}`;
    const order = held.map((_, k) => (k + i) % held.length);
    for (const k of order) {
      collectGarbage();
      const c = process.cpuUsage();
      held[k]!.analyze(current);
      const u = process.cpuUsage(c);
      cpu[k]!.push((u.user + u.system) / 1000);
      if (each) process.stdout.write(`edit ${i + 1} at ${at}: ${roots[k]} ${((u.user + u.system) / 1000).toFixed(1)} ms\n`);
    }
  }
  roots.forEach((r, k) => {
    const mean = cpu[k]!.reduce((x, y) => x + y, 0) / edits;
    process.stdout.write(`${r}\tper edit: median cpu ${median(cpu[k]!).toFixed(1)} ms, mean ${mean.toFixed(1)} ms over ${edits} edits; load ${loadavg().map((l) => l.toFixed(2)).join(' / ')}\n`);
  });
}

/** `--processes N`: each build's median CPU in processes of their own, rounds alternating which goes first. */
function inProcesses(rounds: number): void {
  // A process's median and least CPU: the least is the steadier on a shared machine (its noise only adds).
  const figuresOf = (build: string) => {
    const out = execFileSync(process.execPath, [...process.execArgv, __filename, '--runs', String(runs), '--root', build], { encoding: 'utf8' });
    const m = /median cpu (\d+) ms, min (\d+) ms/.exec(out)!;
    return { median: Number(m[1]), least: Number(m[2]) };
  };
  const ratios = { median: [] as number[], least: [] as number[] };
  for (let i = 0; i < rounds; i++) {
    const order = i % 2 ? [1, 0] : [0, 1];
    const cpu: { median: number; least: number }[] = [];
    for (const k of order) cpu[k] = figuresOf(roots[k]!);
    ratios.median.push(cpu[1]!.median / cpu[0]!.median);
    ratios.least.push(cpu[1]!.least / cpu[0]!.least);
    process.stdout.write(`round ${i + 1}\tmedian / least ${cpu[0]!.median} / ${cpu[0]!.least} ms\t${cpu[1]!.median} / ${cpu[1]!.least} ms\tratios ${ratios.median[i]!.toFixed(3)} / ${ratios.least[i]!.toFixed(3)}\tload ${loadavg().map((l) => l.toFixed(2)).join(' / ')}\n`);
  }
  const spread = (xs: number[]) => {
    const sorted = [...xs].sort((x, y) => x - y);
    return `${median(xs).toFixed(3)} (${sorted[0]!.toFixed(3)}–${sorted[sorted.length - 1]!.toFixed(3)})`;
  };
  process.stdout.write(`${roots[1]} / ${roots[0]} over ${rounds} rounds of ${runs} runs: ratio of medians ${spread(ratios.median)}, of least ${spread(ratios.least)}\n`);
}

async function main(): Promise<void> {
  const processes = Number(opt('--processes') ?? 0);
  if (processes > 0 && compare) {
    inProcesses(processes);
    return;
  }
  type AnalyzerClass = typeof import('../../src/core/analyzer').Analyzer;
  const analyzers: AnalyzerClass[] = [];
  for (const r of roots) {
    const entry = r.endsWith('.cjs') ? r : path.join(r, 'src/core/analyzer.ts');
    analyzers.push(((await import(pathToFileURL(entry).href)) as typeof import('../../src/core/analyzer')).Analyzer);
  }
  const dir = path.join(__dirname, '../../test-fixtures/sources');
  const samples = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(path.join(dir, f), 'utf8'));
  const text = new SourceGenerator(poolsFrom(samples), SEED).source(MB);
  for (const Analyzer of analyzers) for (let i = 0; i < 3; i++) for (const s of samples) new Analyzer().analyze(s); // JIT warm-up
  if (edits > 0) {
    perEdit(analyzers, text);
    return;
  }
  const load = () => loadavg().map((l) => l.toFixed(2)).join(' / ');
  const cpu: number[][] = roots.map(() => []);
  for (let i = 0; i < runs; i++) {
    // The first of each pair changes run by run: which ran first moved a pair by up to 10 %.
    const order = analyzers.map((_, k) => (k + i) % analyzers.length);
    order.forEach((a) => {
      const Analyzer = analyzers[a]!;
      collectGarbage();
      const c = process.cpuUsage();
      const t = performance.now();
      const r = new Analyzer().analyze(text);
      const wall = performance.now() - t;
      const u = process.cpuUsage(c);
      cpu[a].push((u.user + u.system) / 1000);
      process.stdout.write(`${roots[a]}\trun ${i + 1}\tcpu ${((u.user + u.system) / 1000).toFixed(0)} ms\twall ${wall.toFixed(0)} ms\tfindings ${r.findings.length}\tload ${load()}\n`);
    });
  }
  roots.forEach((r, a) => process.stdout.write(`${r}\tmedian cpu ${median(cpu[a]).toFixed(0)} ms, min ${Math.min(...cpu[a]).toFixed(0)} ms over ${runs} runs\n`));
}

void main();
