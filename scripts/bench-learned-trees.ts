// What the learned entity tagger costs, with the code of one or more checkouts in one process: the
// bench's 1 MB source analysed by fresh Analyzers of each checkout in turn, rules only and rules +
// tagger, CPU ms, median of seven rounds. Before/after figures on a loaded machine, where separate
// runs of bench-learned.ts swing too much. Not a test.
//
//   npx tsx scripts/bench-learned-trees.ts <checkout> [<checkout> …]   (run from this checkout)
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadavg } from 'node:os';
const trees = process.argv.slice(2).map((t) => path.resolve(t));
const dir = path.resolve(__dirname, '../test-fixtures/sources');
const samples = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(path.join(dir, f), 'utf8'));
const { poolsFrom, SourceGenerator } = require('./bench/generate');
const text: string = new SourceGenerator(poolsFrom(samples), 0x5eed).source(1024 * 1024);
const runs = trees.map((root) => {
  const { Analyzer } = require(path.join(root, 'src/core/analyzer'));
  const { useLearnedEntityTagger } = require(path.join(root, 'src/core/kinds/entity'));
  return (on: boolean) => { useLearnedEntityTagger(on); const a = new Analyzer(); const b = process.cpuUsage(); a.analyze(text); const u = process.cpuUsage(b); return (u.user + u.system) / 1000; };
});
runs.forEach((f) => { f(true); f(false); });
const t: number[][][] = trees.map(() => [[], []]);
for (let r = 0; r < 7; r++) runs.forEach((f, k) => { t[k][0].push(f(false)); t[k][1].push(f(true)); });
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
trees.forEach((tr, k) => { const a = med(t[k][0]); const b = med(t[k][1]); console.log(tr, 'off', a.toFixed(0), 'on', b.toFixed(0), 'cost', ((b - a) / a * 100).toFixed(1) + '%'); });
console.log('load', loadavg().map((l) => l.toFixed(2)).join(' '));
