// The cross-source steps the server's main thread runs after a 1 MB open source is analysed
// (issue 15: "a hover on another source is answered within 100 ms throughout"), timed one by one in
// this process: the digest going into the workspace index, then the open sources' cross-source
// views. Every step is run the way the server runs it; "longest turn" is the longest stretch
// without a turn of the event loop (what a hover waits for, at most), measured by a setImmediate
// ticker while the step runs.
//
//   npx tsx scripts/bench-corpus-steps.ts [shape ...] [--size BYTES] [--runs N]
// Digests are cached in .scratch/corpus-steps/ (the analysis of 1 MB takes seconds); delete it after changing the analyser.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import * as path from 'node:path';
import { Analyzer } from '../src/core/analyzer';
import { CorpusIndex, digestSource, type SourceDigest } from '../src/core/corpus';
import { analyzeSource } from '../src/core/sourceAnalysis';
import { buildCrossSourceView } from '../src/server/crossSource';
import { inSteps } from '../src/server/slices';
import { TEXT_GENERATORS } from '../test/fuzz/textGenerators';

const argv = process.argv.slice(2);
const option = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const SIZE = Number(option('--size') ?? 1024 * 1024);
const RUNS = Number(option('--runs') ?? 3);
const shapes = argv.filter((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--'));
const DEFAULT_SHAPES = ['random-prose', 'possessive-titles', 'distinct-people', 'chained-said', 'sentences-one-line'];
const ROOT = path.resolve(__dirname, '..');
const SAMPLES = path.join(ROOT, 'test-fixtures/sources');
const CACHE = path.join(ROOT, '.scratch/corpus-steps');
const REFERENCE_DATE = '2018-03-10';

const out = (s: string) => process.stdout.write(`${s}\n`);
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

function digestOf(name: string, text: string, analyzer: Analyzer): SourceDigest {
  const file = path.join(CACHE, `${name}-${text.length}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as SourceDigest;
  const digest = digestSource(text, analyzeSource(analyzer, text, undefined, { referenceDate: REFERENCE_DATE }));
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(file, JSON.stringify(digest));
  return digest;
}

/** Runs `step` and reports its wall time and the longest stretch the event loop got no turn. */
async function timed(step: () => unknown): Promise<{ total: number; longest: number }> {
  let last = performance.now();
  let longest = 0;
  let ticking = true;
  const tick = () => {
    const now = performance.now();
    // SOURCEMARK_GAPS=1: where the long turns were, on the clock of --cpu-prof's profiles (µs), to look them up there.
    if (process.env.SOURCEMARK_GAPS && now - last > 30) process.stderr.write(`gap ${(now - last).toFixed(0)} ms ending at ${process.hrtime.bigint() / 1000n} µs\n`);
    longest = Math.max(longest, now - last);
    last = now;
    if (ticking) setImmediate(tick);
  };
  setImmediate(tick);
  const started = performance.now();
  last = started;
  await step();
  const total = performance.now() - started;
  longest = Math.max(longest, performance.now() - last);
  ticking = false;
  await new Promise((r) => setImmediate(r));
  return { total, longest };
}

async function main(): Promise<void> {
  out(`load average ${load()}; ${SIZE.toLocaleString('en-US')} characters; median of ${RUNS} runs (ms)`);
  const analyzer = new Analyzer();
  const samples = readdirSync(SAMPLES).filter((f) => f.endsWith('.txt')).sort()
    .map((f) => [`file:///samples/${f}`, digestOf(f, readFileSync(path.join(SAMPLES, f), 'utf8'), analyzer)] as const);
  out(`${'shape'.padEnd(20)}${'claims'.padStart(7)}${'ents'.padStart(7)}${'quots'.padStart(7)}  ${'step'.padEnd(34)}${'total'.padStart(8)}${'longest turn'.padStart(14)}`);
  for (const shape of shapes.length ? shapes : DEFAULT_SHAPES) {
    const text = TEXT_GENERATORS.find((g) => g.name === shape)!.make(SIZE);
    const big = digestOf(shape, text, analyzer);
    const rows = new Map<string, { total: number[]; longest: number[] }>();
    for (let run = 0; run < RUNS; run++) {
      const corpus = new CorpusIndex();
      for (const [id, d] of samples) corpus.upsert(id, d);
      const open = samples[0]![0];
      const bigId = `file:///ws/${shape}.txt`;
      const edited = structuredClone(big);
      // The steps in the server's order: the index takes the digest, then every open source's view is
      // built. As the server does: in steps where the index offers them (a build before them: at once).
      const stepped = 'upsertInSteps' in (corpus as object);
      const upsert = (d: SourceDigest) => (stepped ? inSteps(corpus.upsertInSteps(bigId, d), 1000) : corpus.upsert(bigId, d));
      const view = async (id: string) => {
        if (stepped) await inSteps(corpus.prepareInSteps(), 1000);
        return buildCrossSourceView(corpus, id, ['file:///ws'], false);
      };
      const steps: [string, () => unknown][] = [
        ['upsert (new source)', () => upsert(big)],
        ['view of the big source', () => view(bigId)],
        ['view of another open source', () => view(open)],
        // After an edit: the index takes the new digest (a copy: the registries key claims by object).
        ['upsert (replacing it)', () => upsert(edited)],
        ['view of the big source again', () => view(bigId)],
      ];
      for (const [name, step] of steps) {
        const r = await timed(step);
        let row = rows.get(name);
        if (!row) rows.set(name, (row = { total: [], longest: [] }));
        row.total.push(r.total);
        row.longest.push(r.longest);
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    let first = true;
    for (const [name, r] of rows) {
      const head = first ? `${shape.padEnd(20)}${String(big.claims.length).padStart(7)}${String(big.entities.length).padStart(7)}${String(big.quotations.length).padStart(7)}` : ' '.repeat(41);
      out(`${head}  ${name.padEnd(34)}${median(r.total).toFixed(0).padStart(8)}${median(r.longest).toFixed(1).padStart(14)}`);
      first = false;
    }
  }
  out(`load average ${load()}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
