// npm run train:claim-weights [-- <claimbuster dir>] [--cache <file>] [--write]   Fits the rules'
// evidence weights (src/core/kinds/claim/claimWeights.json, read by claimDetector.ts) on the ClaimBuster
// sentences (../shared/eval/claims-claimbuster, not in the project): an L2-regularised logistic
// regression over the evidence claimEvidence gives today, the bias then shifted for the best F1 at 0.5
// on the sentences it was fitted on. Prints the figures 5-fold cross-validated (folds stratified and
// seeded: each fold scored by weights fitted on the other four), then fits on all sentences; --write
// writes that file. Deterministic: the same data gives the same file. The weights set by hand for news
// (HAND_SET) are held fixed. --cache <file>: keep the analysis between runs.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { crossValidateClaimWeights, DEFAULT_FIT, fitClaimWeights, flaggedShare, newsEvidence, scoreWith, type FitOptions, type LabelledEvidence } from '../src/eval/claimWeightsFit';
import { readGoldSet } from '../src/eval/gold';
import { averagePrecision, classificationPrf } from '../src/eval/metrics';
import { withClaimRows } from '../src/eval/claimRows';

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const cacheFile = option('--cache');
const write = args.includes('--write');
const SHARED = ['../shared', '../../shared'].map((p) => path.resolve(p, 'eval/claims-claimbuster'));
const dir = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--cache') ?? SHARED.find((p) => existsSync(p)) ?? SHARED[0];
const OUT = path.resolve('src/core/kinds/claim/claimWeights.json');

/** Fit settings; environment variables override them (to try others on the cross-validated figures). */
const env = (k: string, d: number) => Number(process.env[k] ?? d);
const OPTIONS: FitOptions = {
  l2: env('L2', DEFAULT_FIT.l2),
  wordL2: env('WORDL2', DEFAULT_FIT.wordL2),
  minWordDocs: env('MINW', DEFAULT_FIT.minWordDocs),
  prune: env('PRUNE', DEFAULT_FIT.prune),
  steps: env('STEPS', DEFAULT_FIT.steps),
  pairs: env('PAIRS', 0) > 0,
  minComboDocs: env('MINC', Infinity),
  ...(env('NEWS', 1) ? { news: newsEvidence() } : {}),
};
function loadSentences(): LabelledEvidence[] {
  if (cacheFile && existsSync(cacheFile)) return JSON.parse(readFileSync(cacheFile, 'utf8')) as LabelledEvidence[];
  const set = readGoldSet(dir);
  const docs = withClaimRows((rowsOf) =>
    set.docs.map((d): LabelledEvidence => ({ id: d.id, positive: d.label === 'CFS', rows: rowsOf(d.text).map((r) => ({ text: r.text, features: r.features })) })),
  );
  if (cacheFile) writeFileSync(cacheFile, JSON.stringify(docs));
  return docs;
}

const figures = (docs: readonly LabelledEvidence[], scores: readonly number[]) => {
  const items = docs.map((d, i) => ({ positive: d.positive, score: scores[i], predicted: scores[i] >= 0.5 }));
  const prf = classificationPrf(items);
  return `P ${prf.precision.toFixed(3)} R ${prf.recall.toFixed(3)} F1 ${prf.f1.toFixed(3)} AP ${averagePrecision(items).toFixed(3)} flagged ${((100 * items.filter((i) => i.predicted).length) / items.length).toFixed(1)} %`;
};

function main(): void {
  const docs = loadSentences();
  process.stdout.write(`${path.basename(dir)}: ${docs.length} sentences, ${docs.filter((d) => d.positive).length} CFS\n`);
  const cv = crossValidateClaimWeights(docs, OPTIONS);
  process.stdout.write(`5-fold cross-validated (weights fitted on the other folds): ${figures(docs, cv.scores)}\n`);
  process.stdout.write(`  per fold F1: ${cv.folds.map((f) => f.f1.toFixed(3)).join(' ')}; AP: ${cv.folds.map((f) => f.ap.toFixed(3)).join(' ')}\n`);
  const weights = fitClaimWeights(docs, path.basename(dir), OPTIONS);
  process.stdout.write(`Fitted on all (in-sample, optimistic): ${figures(docs, docs.map((d) => scoreWith(weights, d)))}\n`);
  if (OPTIONS.news) process.stdout.write(`Sample sources (news): ${(100 * flaggedShare(weights, OPTIONS.news)).toFixed(1)} % of ${OPTIONS.news.length} sentences flagged\n`);
  const json = `${JSON.stringify(weights, null, 1)}\n`;
  if (write) {
    writeFileSync(`${OUT}.tmp`, json);
    renameSync(`${OUT}.tmp`, OUT);
    process.stdout.write(`Wrote ${path.relative(process.cwd(), OUT)} (${json.length} bytes)\n`);
  } else {
    const dense = Object.entries(weights.features).map(([k, v]) => `${k} ${v}`).join(', ');
    const words = Object.entries(weights.words).sort((a, b) => b[1] - a[1]);
    const show = (ws: [string, number][]) => ws.map(([k, v]) => `${k} ${v}`).join(', ');
    process.stdout.write(`${dense}\ncombinations: ${JSON.stringify(weights.combinations ?? {})}\nwords: ${words.length}; highest: ${show(words.slice(0, 25))}\nlowest: ${show(words.slice(-25))}\n(not written; --write writes ${path.relative(process.cwd(), OUT)})\n`);
  }
}

main();
