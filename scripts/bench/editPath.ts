// The worker's path for one edit of a long open source, without LSP or threads: `analyzeSource` of
// the edited text by the analyser that analysed the last version, then `toWire`, the delta against
// the last analysis that goes to the main thread. The bench's generated 1 MB and its seeded one-word
// edits (generate.ts); CPU per edit of each stage, after 5 edits not counted. Builds compared in
// processes of their own, alternated (the first of each round changing): each prints the median of
// its processes' p50 and first-quartile figures, the p90 and p95 of its edits (each edit's median), then each
// process's p50, and per kind how many of the edits it collected over the whole source again.
//
//   npx esbuild scripts/bench/editPathEntry.ts --bundle --platform=node --format=cjs --outfile=A/edit.cjs   (and B/edit.cjs from
//   the other checkout; dist/entityTagger.bin copied beside each), then
//   node --import tsx scripts/bench/editPath.ts A/edit.cjs B/edit.cjs [--rounds 8] [--edits 40]

import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import * as path from 'node:path';
import { alternatedChildren } from './alternatedChildren';
import { ms, table } from './format';
import { EDIT_WORD, editOffset, poolsFrom, prng, SourceGenerator } from './generate';

const ROOT = path.resolve(__dirname, '../..');
const SEED = 0x5eed;
const WARM_EDITS = 5;

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const quantile = (xs: readonly number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))]!;

interface Run {
  analysis: number[];
  delta: number[];
  /** Per kind, how many of the measured edits it collected over the whole source (not from the edit: Collected.fromEdit). */
  whole?: Record<string, number>;
}

/** In a child process: `edits` edits through the bundle's analyser, CPU of each stage. */
function run(bundle: string, edits: number): Run {
  const m = require(bundle) as typeof import('./editPathEntry');
  const dir = path.join(ROOT, 'test-fixtures/sources');
  const samples = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(path.join(dir, f), 'utf8'));
  let text = new SourceGenerator(poolsFrom(samples), SEED).source(1024 * 1024);
  const options = m.analysisOptionsOf(m.DEFAULT_SETTINGS);
  const analyzer = new m.Analyzer();
  let analysed = m.analyzeSource(analyzer, text, undefined, options);
  const random = prng(SEED + 7);
  const out: Run = { analysis: [], delta: [] };
  // Each kind's collect counted where it collected the whole source again (a bundle built before the entry exported the kinds has none).
  let counting = false;
  const whole: Record<string, number> = {};
  for (const kind of m.DETECTION_ORDER ?? []) {
    const collect = kind.collect.bind(kind);
    whole[kind.kind] = 0;
    (kind as { collect: typeof kind.collect }).collect = (ctx) => {
      const collected = collect(ctx);
      if (counting && !collected.fromEdit) whole[kind.kind]!++;
      return collected;
    };
  }
  if (m.DETECTION_ORDER) out.whole = whole;
  for (let i = 0; i < edits + WARM_EDITS; i++) {
    const offset = editOffset(text, random);
    const base = { seq: i, text, analysed };
    // Flat, as the worker receives a text (a concatenation would be flattened by the first read, inside the measure).
    text = Buffer.from(`${text.slice(0, offset)} ${EDIT_WORD}${text.slice(offset)}`, 'utf16le').toString('utf16le');
    counting = i >= WARM_EDITS;
    const t0 = cpu();
    analysed = m.analyzeSource(analyzer, text, undefined, options);
    const t1 = cpu();
    m.toWire(analysed, undefined, base, text);
    const t2 = cpu();
    if (i < WARM_EDITS) continue;
    out.analysis.push(t1 - t0);
    out.delta.push(t2 - t1);
  }
  return out;
}

function main(): void {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: number) => {
    const at = args.indexOf(name);
    return at >= 0 ? Number(args[at + 1]) : fallback;
  };
  const edits = option('--edits', 40);
  if (args[0] === '--child') {
    process.stdout.write(JSON.stringify(run(path.resolve(args[1]!), edits)));
    return;
  }
  const bundles = args.filter((a) => a.endsWith('.cjs'));
  if (!bundles.length) throw new Error('Give one or more bundles of scripts/bench/editPathEntry.ts (see the head of this file).');
  const rounds = option('--rounds', 8);
  const runs = alternatedChildren<Run>(__filename, bundles, rounds, ['--edits', String(edits)]);
  const mid = (xs: number[]) => quantile(xs, 0.5);
  process.stdout.write(`Worker's edit path, 1 MB, ${edits} edits per process, ${rounds} processes per build (CPU per edit); load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')}.\n`);
  // The same edits in every process: p90 and p95 are of each edit's median over the processes (the
  // tail: the edits that change what the source names, whose kinds collect the whole source again;
  // a collector's pause falls on another edit in each process).
  process.stdout.write(`${table(['build', '>analysis p50', '>q1', '>p90', '>p95', '>delta p50', '>q1', 'whole-source collects', 'per process (analysis p50)'], bundles.map((b) => {
    const rs = runs.get(b)!;
    const pooled = rs[0]!.analysis.map((_, i) => quantile(rs.map((x) => x.analysis[i]!), 0.5));
    // The same edits in every process: the counts of the first.
    const whole = rs[0]!.whole;
    return [
      path.relative(process.cwd(), b) || b,
      ms(mid(rs.map((x) => quantile(x.analysis, 0.5)))), ms(mid(rs.map((x) => quantile(x.analysis, 0.25)))),
      ms(quantile(pooled, 0.9)), ms(quantile(pooled, 0.95)),
      ms(mid(rs.map((x) => quantile(x.delta, 0.5)))), ms(mid(rs.map((x) => quantile(x.delta, 0.25)))),
      whole ? Object.entries(whole).map(([kind, n]) => `${kind} ${n}`).join(', ') : '–',
      rs.map((x) => quantile(x.analysis, 0.5).toFixed(1)).join(' '),
    ];
  }))}\n`);
}

main();
