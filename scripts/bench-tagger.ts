// The entity tagger alone (EntityTagger.tag, hints and casing read beforehand) over the bench's 1 MB
// source, with the code of one or more checkouts alternating in one process: CPU ms per pass, median
// of nine. For before/after figures on a loaded machine, where whole analyses swing too much. Not a test.
//
//   npx tsx scripts/bench-tagger.ts <checkout> [<checkout> …]   (e.g. a `git archive` of main in /tmp, and .)
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadavg } from 'node:os';
import { englishParser } from '../src/core/pipeline/englishParser';
import { unified } from 'unified';
import type { Sentence, Token } from '../src/core/text/sentences';
const trees = process.argv.slice(2).map((t) => path.resolve(t));
const dir = path.resolve(__dirname, '../test-fixtures/sources');
const samples = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(path.join(dir, f), 'utf8'));
const { poolsFrom, SourceGenerator } = require('./bench/generate');
const text: string = new SourceGenerator(poolsFrom(samples), 0x5eed).source(1024 * 1024);
const { sentencesOf } = require('../src/core/text/sentences');
const { segmentBlocks } = require('../src/core/text/blocks');
const parser = unified().use(englishParser);
const paras: Sentence[][] = [];
for (const b of segmentBlocks(text)) paras.push(sentencesOf(parser.parse(b.text), b.text, b.start));
const setups = trees.map((root) => {
  const { EntityTagger } = require(path.join(root, 'src/core/kinds/entity/tagger/tagger'));
  const { EntityDetector } = require(path.join(root, 'src/core/kinds/entity/entityDetector'));
  const { ruleHints, documentCasing } = require(path.join(root, 'src/core/kinds/entity/tagger/features'));
  const rules = new EntityDetector(undefined, false);
  const pre = paras.map((ss) => ({ casing: documentCasing(ss.map((s) => s.tokens)), ss: ss.map((s) => ({ s, found: rules.detectByRules(s, []) })) }));
  return () => {
    const tagger = new EntityTagger();
    const before = process.cpuUsage();
    let n = 0;
    for (const p of pre) for (const { s, found } of p.ss) n += tagger.tag(s.tokens, p.casing, (tokens: readonly Token[]) => ruleHints(tokens, found)).length;
    const u = process.cpuUsage(before);
    return [(u.user + u.system) / 1000, n];
  };
});
const times: number[][] = trees.map(() => []);
for (let r = 0; r < 9; r++) setups.forEach((f, k) => times[k].push(f()[0]));
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
trees.forEach((t, k) => console.log(t, 'median', med(times[k]).toFixed(0), 'ms', times[k].map((x) => x.toFixed(0)).join(' ')));
console.log('load', loadavg().map((l) => l.toFixed(2)).join(' '));
