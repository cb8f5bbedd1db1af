// The NLCST parse of the bench's generated 1 MB (engine.ts's seed), paragraph by paragraph (cut at
// blank lines, as test/core/pipeline/englishParser.property.test.ts cuts it): parse-english itself
// (the reference, its plugins and positions) against latinParse.ts, each alone and with sentencesOf
// on top (parse + flatten, as the pipeline reads the tree). Both trees are first checked equal,
// positions aside. The parser before latinParse.ts (parse-english with our own tokenize, at
// 3c668a0) measured 145.8 ms/MB here against latinParse's 31.6 (README, "Then (base 3c668a0)"). After a warm-up, rounds alternate the parsers, the first of each round changing
// (a busy machine's noise then falls on both alike); CPU per MB of text printed (median and least
// of the rounds: the least is the steadier on a shared machine), with the load average.
//
//   node --expose-gc --import tsx scripts/bench/parseSpeed.ts [--rounds 15] [--warm 5]

import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Root } from 'nlcst';
import { parseEnglish } from '../../src/core/pipeline/latinParse';
import { sentencesOf } from '../../src/core/text/sentences';
import { MB } from './format';
import { poolsFrom, SourceGenerator } from './generate';
import { collectGarbage } from './memory';
import { ParseEnglish } from 'parse-english';

const SEED = 0x5eed;
const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const rounds = opt('--rounds', 15);
const warm = opt('--warm', 5);

const dir = path.join(__dirname, '../../test-fixtures/sources');
const samples = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(path.join(dir, f), 'utf8'));
const text = new SourceGenerator(poolsFrom(samples), SEED).source(MB);
const paragraphs = text.split(/\n\s*\n/);
const megabytes = Buffer.byteLength(text) / MB;

const parsers: Record<string, (value: string) => Root> = {
  'parse-english': (value) => new ParseEnglish().parse(value),
  ours: parseEnglish,
};

/** A copy of a tree without its nodes' positions (latinParse builds none). */
function withoutPositions(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutPositions);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).filter(([k]) => k !== 'position').map(([k, v]) => [k, withoutPositions(v)]));
}
const names = Object.keys(parsers);

for (const p of paragraphs) {
  if (!isDeepStrictEqual(withoutPositions(parsers['parse-english']!(p)), parsers.ours!(p))) throw new Error(`the parsers' trees differ for ${JSON.stringify(p.slice(0, 80))}…`);
}

/** CPU in ms to parse every paragraph once (and flatten it when `flatten`). */
function run(parse: (value: string) => Root, flatten: boolean): number {
  collectGarbage();
  const before = process.cpuUsage();
  let sentences = 0;
  for (const p of paragraphs) {
    const tree = parse(p);
    if (flatten) sentences += sentencesOf(tree, p).length;
  }
  const used = process.cpuUsage(before);
  if (flatten && !sentences) throw new Error('no sentences');
  return (used.user + used.system) / 1000;
}

const cases = names.flatMap((name) => [false, true].map((flatten) => ({ name, flatten, cpu: [] as number[] })));
for (let i = 0; i < warm; i++) for (const c of cases) run(parsers[c.name]!, c.flatten);
for (let i = 0; i < rounds; i++) {
  const order = i % 2 ? [...cases].reverse() : cases;
  for (const c of order) c.cpu.push(run(parsers[c.name]!, c.flatten));
}

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
const perMB = (ms: number) => `${(ms / megabytes).toFixed(1)} ms/MB`.padStart(12);
process.stdout.write(`${paragraphs.length} paragraphs, ${megabytes.toFixed(2)} MB; ${rounds} rounds after ${warm} warm-up, CPU per MB (median, least)\n`);
for (const c of cases) {
  const label = `${c.name} ${c.flatten ? 'parse + sentencesOf' : 'parse'}`.padEnd(34);
  process.stdout.write(`${label}${perMB(median(c.cpu))}${perMB(Math.min(...c.cpu))}\n`);
}
for (const flatten of [false, true]) {
  const [a, b] = names.map((name) => cases.find((c) => c.name === name && c.flatten === flatten)!.cpu);
  process.stdout.write(`ours / parse-english ${flatten ? 'parse + sentencesOf' : 'parse'}: ${(median(b!) / median(a!)).toFixed(2)} (median), ${(Math.min(...b!) / Math.min(...a!)).toFixed(2)} (least)\n`);
}
process.stdout.write(`load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')}\n`);
