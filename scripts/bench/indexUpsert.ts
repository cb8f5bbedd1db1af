// The main thread's share of reopening an indexed workspace, in this process (issue 14): the digests
// of the reopen bench's generated 5 KB sources parsed from their cache entries' JSON and put into a
// fresh CorpusIndex one by one, as `loadDigests` does. Spawned reopenings (reopen.ts) move by 10–20 %
// between runs on a shared machine; here two checkouts alternate run by run in one process (the
// same code against itself: fastest runs within 1 %, medians up to 10 % apart). Prints each
// checkout's median and fastest run.
//
//   node --expose-gc --import tsx scripts/bench/indexUpsert.ts [--sources 1000] [--runs 12] [--compare DIR]
// The entries are kept in .scratch/index-upsert/ (analysing the sources takes a while); delete it after changing the analyser.

import { loadavg } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { median } from './format';
import { generatedEntries } from './generatedEntries';
import { collectGarbage } from './memory';

const ROOT = path.resolve(__dirname, '../..');
const args = process.argv.slice(2);
const opt = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const sources = Number(opt('--sources') ?? 1000);
const runs = Number(opt('--runs') ?? 12);
const roots = [ROOT, ...(opt('--compare') ? [path.resolve(opt('--compare')!)] : [])];

async function main(): Promise<void> {
  const jsons = generatedEntries(sources);
  type IndexClass = typeof import('../../src/core/corpus/corpusIndex').CorpusIndex;
  const indexes: IndexClass[] = [];
  for (const r of roots) indexes.push(((await import(pathToFileURL(path.join(r, 'src/core/corpus/corpusIndex.ts')).href)) as { CorpusIndex: IndexClass }).CorpusIndex);
  const times: number[][] = roots.map(() => []);
  // Of which putting (upsert alone, the parse left out): the part a change of the index moves.
  const puts: number[][] = roots.map(() => []);
  // Two rounds of warm-up (the JIT), not counted.
  for (let run = -2; run < runs; run++) {
    indexes.forEach((CorpusIndex, k) => {
      collectGarbage();
      const started = performance.now();
      const index = new CorpusIndex();
      let put = 0;
      for (let i = 0; i < jsons.length; i++) {
        const digest = (JSON.parse(jsons[i]!) as { digest: never }).digest;
        const t = performance.now();
        index.upsert(`file:///ws/gen-${i}.txt`, digest);
        put += performance.now() - t;
      }
      if (run >= 0) times[k]!.push(performance.now() - started);
      if (run >= 0) puts[k]!.push(put);
    });
  }
  process.stdout.write(`${jsons.length} digests parsed and put into a fresh index, ${runs} runs each; load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')}\n`);
  roots.forEach((r, k) => process.stdout.write(`${r}\tmedian ${median(times[k]!).toFixed(0)} ms, fastest ${Math.min(...times[k]!).toFixed(0)} ms; of which upsert median ${median(puts[k]!).toFixed(0)} ms, fastest ${Math.min(...puts[k]!).toFixed(0)} ms\n`));
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
