// npx tsx scripts/claimErrors.ts [<gold dir>] [--cache <file>] [--model <text model.json>]   Measures
// the claim scorers on a sentence-level claims set (default ../shared/eval/claims-claimbuster) as a
// test set: F1 of CFS at 0.5 and average precision, for the rules alone and, given --model, for a
// text ranker (npm run train:claims -- --text <file>: fitted on the CLEF debates from the sentence
// alone) and a fixed half-and-half blend with the rules, and the errors of each by
// pattern (figures, first-person narrative, short assertions, questions). Measurement only: nothing
// here is fitted or tuned on the set.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CLAIM_RANKER, rankInContext, type RankerModel, type RankerRow } from '../src/core/kinds/claim/claimRanker';
import { readGoldSet } from '../src/eval/gold';
import { averagePrecision, classificationPrf } from '../src/eval/metrics';
import { patternsOf, patternTable } from './claimPatterns';
import { withClaimRows } from '../src/eval/claimRows';

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const cacheFile = option('--cache');
const modelFile = option('--model');
const SHARED = ['../shared', '../../shared'].map((p) => path.resolve(p, 'eval/claims-claimbuster'));
const dir = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? SHARED.find((p) => existsSync(p)) ?? SHARED[0];

interface Doc { id: string; positive: boolean; rows: RankerRow[] }

function loadDocs(): Doc[] {
  if (cacheFile && existsSync(cacheFile)) return JSON.parse(readFileSync(cacheFile, 'utf8')) as Doc[];
  const set = readGoldSet(dir);
  const docs = withClaimRows((rowsOf) => set.docs.map((d) => ({ id: d.id, positive: d.label === 'CFS', rows: rowsOf(d.text) })));
  if (cacheFile) writeFileSync(cacheFile, JSON.stringify(docs));
  return docs;
}

const logit = (p: number) => Math.log(Math.max(1e-6, p) / Math.max(1e-6, 1 - p));
const sigmoid = (z: number) => Math.round(1000 / (1 + Math.exp(-z))) / 1000;

function main(): void {
  const docs = loadDocs();
  const scorers: [string, (rows: RankerRow[]) => number[]][] = [['rules alone (what Sourcemark ships for text outside transcripts)', (rows) => rows.map((r) => sigmoid(r.logit))]];
  if (modelFile) {
    const text = JSON.parse(readFileSync(modelFile, 'utf8')) as RankerModel;
    scorers.push(
      ['text ranker (fitted on CLEF)', (rows) => rankInContext(rows, CLAIM_RANKER, text) ?? []],
      // Half the rules' log-odds and half the ranker's: a blend fixed beforehand, not tuned on this set.
      ['blend, half each', (rows) => (rankInContext(rows, CLAIM_RANKER, text) ?? []).map((p, i) => sigmoid((rows[i].logit + logit(p)) / 2))],
    );
  }
  process.stdout.write(`${path.basename(dir)}: ${docs.length} sentences, ${docs.filter((d) => d.positive).length} CFS (a test set: nothing fitted on it)\n| scorer | P | R | F1 at 0.5 | AP |\n|---|---|---|---|---|\n`);
  const tables: string[] = [];
  for (const [name, score] of scorers) {
    const items = docs.map((d) => {
      const scores = score(d.rows);
      const best = scores.reduce((m, s, i) => (s > m.s ? { s, i } : m), { s: 0, i: 0 });
      return { doc: d, positive: d.positive, score: best.s, predicted: best.s >= 0.5, row: d.rows[best.i] };
    });
    const prf = classificationPrf(items);
    process.stdout.write(`| ${name} | ${prf.precision.toFixed(3)} | ${prf.recall.toFixed(3)} | ${prf.f1.toFixed(3)} | ${averagePrecision(items).toFixed(3)} |\n`);
    const patterns = (i: (typeof items)[number]) => (i.row ? patternsOf(i.row.features) : ['other' as const]);
    tables.push(`Errors of ${name} at 0.5:\n${patternTable(items.filter((i) => i.predicted && !i.positive).map(patterns), items.filter((i) => !i.predicted && i.positive).map(patterns))}`);
  }
  process.stdout.write(`\n${tables.join('\n')}`);
}

main();
