// The digest a pause in typing sends from the worker for a long open source, as a delta against the
// one the main thread holds (`server/analysisWire.ts`): for two edits of the bench's generated 1 MB
// source (a blank line added in the middle, a word added there), how many of the digest's items cross
// whole rather than as an index into the previous digest, the bytes sent, and the time to make the
// delta (worker) and take it back in (main thread), median of 5. Digests are made once per edit.
// `--compare DIR` runs another checkout's `src` the same way in this process (after this one).
//
//   npx tsx scripts/bench/digestDelta.ts [--compare DIR]

import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import * as path from 'node:path';
import { bytes, median, ms, table } from './format';
import { poolsFrom, SourceGenerator } from './generate';

const ROOT = path.resolve(__dirname, '../..');
const SAMPLES_DIR = path.join(ROOT, 'test-fixtures/sources');
const SEED = 24301;
const ROUNDS = 5;

type Core = {
  Analyzer: typeof import('../../src/core/analyzer').Analyzer;
  analyzeSource: typeof import('../../src/core/sourceAnalysis').analyzeSource;
  digestSource: typeof import('../../src/core/corpus').digestSource;
  digestToWire: typeof import('../../src/server/analysisWire').digestToWire;
  digestFromWire: typeof import('../../src/server/analysisWire').digestFromWire;
};

async function load(root: string): Promise<Core> {
  const src = path.join(root, 'src');
  return {
    ...(await import(path.join(src, 'core/analyzer'))),
    ...(await import(path.join(src, 'core/sourceAnalysis'))),
    ...(await import(path.join(src, 'core/corpus'))),
    ...(await import(path.join(src, 'server/analysisWire'))),
  } as Core;
}

async function rows(root: string, text: string): Promise<string[][]> {
  const core = await load(root);
  const analyzer = new core.Analyzer();
  const digestOf = (t: string) => core.digestSource(t, core.analyzeSource(analyzer, t, undefined, {}, undefined));
  const before = digestOf(text);
  const middle = text.indexOf('\n\n', text.length >> 1) + 1;
  const edits: [string, string][] = [
    ['a blank line added', `${text.slice(0, middle)}\n${text.slice(middle)}`],
    ['a word added', `${text.slice(0, middle)}Notably ${text.slice(middle)}`],
  ];
  const out: string[][] = [];
  for (const [label, edited] of edits) {
    const after = digestOf(edited);
    const toWire: number[] = [];
    const fromWire: number[] = [];
    let wire: ReturnType<Core['digestToWire']> | undefined;
    for (let r = 0; r < ROUNDS; r++) {
      const t0 = performance.now();
      wire = core.digestToWire(after, undefined, { seq: 1, text, digest: before }, edited);
      toWire.push(performance.now() - t0);
      const held = structuredClone(before);
      const t1 = performance.now();
      await core.digestFromWire(wire, held);
      fromWire.push(performance.now() - t1);
    }
    let items = 0;
    let whole = 0;
    for (const [, , delta] of wire!.lists) {
      if (!delta) continue;
      items += delta.from.length;
      for (const j of delta.from) if (j < 0) whole++;
    }
    const sent = wire!.head.length + wire!.lists.reduce((s, [, slices]) => s + slices.reduce((t, x) => t + x.length, 0), 0);
    out.push([path.relative(process.cwd(), root) || '.', label, String(items), String(whole), bytes(sent), ms(median(toWire)), ms(median(fromWire))]);
  }
  return out;
}

async function main(): Promise<void> {
  const samples = readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.txt')).sort();
  const pools = poolsFrom(samples.map((f) => readFileSync(path.join(SAMPLES_DIR, f), 'utf8')));
  const text = new SourceGenerator(pools, SEED).source(1024 * 1024);
  const at = process.argv.indexOf('--compare');
  const roots = [ROOT, ...(at >= 0 && process.argv[at + 1] ? [path.resolve(process.argv[at + 1]!)] : [])];
  console.log(`Digest delta after one edit of a generated 1 MB source; load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')}.`);
  const all: string[][] = [];
  for (const root of roots) all.push(...(await rows(root, text)));
  console.log(table(['checkout', 'edit', 'items', 'sent whole', 'bytes sent', 'to wire (worker)', 'from wire (main)'], all));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
