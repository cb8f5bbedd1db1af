// Fitting the claim rules' evidence weights (src/core/kinds/claim/claimWeights.json) on a labelled
// sentence set, and measuring them honestly: k-fold cross-validation with seeded, stratified folds,
// each fold scored by weights fitted on the others. Used by scripts/trainClaimWeights.ts (which writes
// the shipped file) and by the eval, which prints the cross-validated figures for the set the shipped
// weights were fitted on.
import { PLAN_CUES } from '../core/kinds/claim/claimCues';
import { CLAIM_WEIGHTS, PREDICTION_MODALS, claimLogit, claimScore, claimWords, type ClaimFeatures, type ClaimWeights } from '../core/kinds/claim/claimDetector';
import commonWords from '../core/kinds/entity/tagger/commonWords.json';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { withClaimRows } from './claimRows';
import { averagePrecision, classificationPrf } from './metrics';
import { prng } from './prng';

export interface EvidenceRow {
  text: string;
  features: ClaimFeatures;
}

/** A labelled sentence of the set and the rows the analysis scored in it (nearly always one). */
export interface LabelledEvidence {
  id: string;
  positive: boolean;
  rows: EvidenceRow[];
}

/** Set by hand for news, which debates hardly show: held at their shipped values, never fitted. */
export const HAND_SET: ReadonlySet<string> = new Set(['plan', 'prediction', 'question', 'exclamation']);

export interface FitOptions {
  /** L2 penalty of the evidence weights (on the mean log-loss). */
  l2: number;
  /** L2 penalty of the word weights: words from debates may not carry to news, so they are kept small. */
  wordL2: number;
  /** Least sentences a word must appear in to get a weight; Infinity: no words. */
  minWordDocs: number;
  /** Word weights smaller than this are dropped after fitting. */
  prune: number;
  /** Full-batch Adam steps. */
  steps: number;
  /** Only these words may get a weight (words news writes too: debate words may not carry). */
  vocabulary?: ReadonlySet<string>;
  /** Also word pairs ("tax cut"), both words in the vocabulary. */
  pairs?: boolean;
  /** Also pairs of evidence ("a figure and first person"), each seen in at least this many sentences; Infinity: none. */
  minComboDocs?: number;
  /**
   * Unlabelled news sentences (the sample sources: newsEvidence()). Given, the words may not change how
   * much of them is flagged: the bias is set so that the share at or above 0.5 is the evidence alone's.
   */
  news?: readonly EvidenceRow[];
}

/** The sentences of the sample sources (news, in the repository), as the claim kind scores them. */
export function newsEvidence(dir = path.resolve(__dirname, '../../test-fixtures/sources')): EvidenceRow[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
  return withClaimRows((rowsOf) => files.flatMap((f) => rowsOf(readFileSync(path.join(dir, f), 'utf8')).map((r) => ({ text: r.text, features: r.features }))));
}

/** The share of `rows` at or above 0.5 under `weights`. */
export function flaggedShare(weights: ClaimWeights, rows: readonly EvidenceRow[]): number {
  const pairs = Object.keys(weights.words).some((w) => w.includes(' '));
  return rows.filter((r) => claimScore(claimLogit(r.features, claimWords(r.text, pairs), weights)) >= 0.5).length / rows.length;
}

/** Picked from a handful of settings on the cross-validated figures (so those are slightly optimistic). */
export const DEFAULT_FIT: FitOptions = { l2: 1e-4, wordL2: 1e-3, minWordDocs: 20, prune: 0.05, steps: 1500 };

/** Words the CoNLL-2003 training news writes in lower case (the entity tagger's common words). */
const NEWS_WORDS: ReadonlySet<string> = new Set(commonWords.words.split(' '));

/**
 * Words of the evidence set by hand for news (a named party's plan or prediction: "could", "plans",
 * "will"): debates, where "could" is mostly a hypothetical, would teach weights that undo it.
 */
const HAND_SET_WORDS: ReadonlySet<string> = new Set(
  [...PREDICTION_MODALS, ...PLAN_CUES].flatMap((p) => p.split(' ')).filter((w) => !['to', 'is', 'are', 'the', 'of', 'by', 'end', 'next', 'year', 'set', 'going'].includes(w)),
);

/**
 * The words that may get a weight: not names (the sentences write them in lower case at least twice as
 * often as with a capital inside a sentence: "Carter", "Congress" go), and written by news too (the
 * tagger's common words, or a contraction of one, "didn't", "we're"): words of debates alone may not carry to news;
 * nor the words of the evidence set by hand.
 */
export function domainNeutralWords(docs: readonly LabelledEvidence[]): Set<string> {
  const lower = new Map<string, number>();
  const capital = new Map<string, number>();
  for (const d of docs) {
    for (const r of d.rows) {
      for (const m of r.text.matchAll(/(?<=\S\s+)[A-Za-z]+(?:['’][a-z]+)*/g)) {
        const w = m[0].toLowerCase().replace(/’/g, "'");
        const counts = m[0] === m[0].toLowerCase() ? lower : capital;
        counts.set(w, (counts.get(w) ?? 0) + 1);
      }
    }
  }
  const news = (w: string) => NEWS_WORDS.has(w) || (w.includes("'") && (NEWS_WORDS.has(w.split("'")[0]) || w.endsWith("n't")));
  return new Set([...lower].filter(([w, n]) => n >= 2 * (capital.get(w) ?? 0) && news(w) && !HAND_SET_WORDS.has(w)).map(([w]) => w));
}

/** 1.0 / 0.0 values of the evidence, in the order of ClaimFeatures. */
const featureNames = (doc: LabelledEvidence) => Object.keys(doc.rows[0].features) as (keyof ClaimFeatures)[];

/** The row a sentence is fitted on: its longest (a sentence is split in two only twice in ClaimBuster). */
const mainRow = (d: LabelledEvidence) => d.rows.reduce((a, b) => (b.text.length > a.text.length ? b : a));

/** A sentence's score under `weights`: the highest of its rows', as the eval reads it. */
export function scoreWith(weights: ClaimWeights, doc: LabelledEvidence): number {
  const pairs = Object.keys(weights.words).some((w) => w.includes(' '));
  return doc.rows.reduce((m, r) => Math.max(m, claimScore(claimLogit(r.features, claimWords(r.text, pairs), weights))), 0);
}

/** Fits the weights on `docs`: L2 logistic regression by full-batch Adam, then the bias shifted for the best F1 at 0.5 on `docs`. */
export function fitClaimWeights(all: readonly LabelledEvidence[], fittedOn: string, options: FitOptions = DEFAULT_FIT): ClaimWeights {
  const docs = all.filter((d) => d.rows.length);
  const vocabulary = options.vocabulary ?? domainNeutralWords(docs);
  const names = featureNames(docs[0]);
  const free = names.filter((k) => !HAND_SET.has(k));
  const rows = docs.map(mainRow);
  // Vocabulary: words in at least minWordDocs sentences, sorted (deterministic indices).
  const wordDocs = new Map<string, number>();
  const docWords = rows.map((r) => claimWords(r.text, options.pairs));
  if (Number.isFinite(options.minWordDocs)) for (const ws of docWords) for (const w of ws) wordDocs.set(w, (wordDocs.get(w) ?? 0) + 1);
  const allowed = (w: string) => w.split(' ').every((part) => vocabulary.has(part));
  const vocab = [...wordDocs].filter(([w, n]) => n >= options.minWordDocs && allowed(w)).map(([w]) => w).sort();
  const combos: [keyof ClaimFeatures, keyof ClaimFeatures][] = [];
  if (Number.isFinite(options.minComboDocs ?? Infinity)) {
    for (let a = 0; a < free.length; a++) {
      for (let b = a + 1; b < free.length; b++) {
        const support = rows.filter((r) => r.features[free[a]] && r.features[free[b]]).length;
        if (support >= options.minComboDocs! && support < rows.length) combos.push([free[a], free[b]]);
      }
    }
  }
  const dense = free.length + combos.length;
  const wordIndex = new Map(vocab.map((w, i) => [w, dense + i]));
  const dims = dense + vocab.length + 1;
  const bias = dims - 1;
  const xs = rows.map((r) => [...free.map((k) => r.features[k]), ...combos.map(([a, b]) => r.features[a] * r.features[b])]);
  const ws = docWords.map((words) => words.map((w) => wordIndex.get(w)).filter((k): k is number => k !== undefined));
  const offsets = rows.map((r) => [...HAND_SET].reduce((s, k) => s + CLAIM_WEIGHTS[k as keyof ClaimFeatures] * r.features[k as keyof ClaimFeatures], 0));
  const ys = docs.map((d) => (d.positive ? 1 : 0));
  const w = new Float64Array(dims);
  const m = new Float64Array(dims);
  const v = new Float64Array(dims);
  const grad = new Float64Array(dims);
  const rate = 0.05;
  const n = docs.length;
  for (let t = 1; t <= options.steps; t++) {
    grad.fill(0);
    for (let i = 0; i < n; i++) {
      const x = xs[i];
      let z = w[bias] + offsets[i];
      for (let k = 0; k < x.length; k++) z += w[k] * x[k];
      for (const k of ws[i]) z += w[k];
      const err = (1 / (1 + Math.exp(-z)) - ys[i]) / n;
      for (let k = 0; k < x.length; k++) if (x[k]) grad[k] += err * x[k];
      for (const k of ws[i]) grad[k] += err;
      grad[bias] += err;
    }
    for (let k = 0; k < dims; k++) {
      const g = grad[k] + (k === bias ? 0 : (k < free.length ? options.l2 : options.wordL2) * w[k]);
      m[k] = 0.9 * m[k] + 0.1 * g;
      v[k] = 0.999 * v[k] + 0.001 * g * g;
      w[k] -= (rate * (m[k] / (1 - 0.9 ** t))) / (Math.sqrt(v[k] / (1 - 0.999 ** t)) + 1e-8);
    }
  }
  const round = (x: number) => Math.round(x * 100) / 100;
  const features = { ...CLAIM_WEIGHTS };
  free.forEach((k, j) => (features[k] = round(w[j])));
  const words: Record<string, number> = {};
  vocab.forEach((word, j) => {
    const value = round(w[dense + j]);
    if (Math.abs(value) >= options.prune) words[word] = value;
  });
  const combinations: Record<string, number> = {};
  combos.forEach(([a, b], j) => {
    const value = round(w[free.length + j]);
    if (Math.abs(value) >= options.prune) combinations[`${a}*${b}`] = value;
  });
  features.bias = round(w[bias]);
  const fitted: ClaimWeights = { fittedOn, features, words, ...(combos.length ? { combinations } : {}) };
  const shifted = { ...fitted, features: { ...features, bias: round(features.bias + bestShift(fitted, docs)) } };
  if (!options.news || !Object.keys(words).length) return shifted;
  // The words re-rank; they do not change how much of news is flagged.
  const target = flaggedShare(fitClaimWeights(docs, fittedOn, { ...options, minWordDocs: Infinity, minComboDocs: Infinity, news: undefined }), options.news);
  const at = (shift: number) => ({ ...shifted, features: { ...shifted.features, bias: round(shifted.features.bias + shift) } });
  let best = { gap: Infinity, shift: 0 };
  for (let s = 0; s <= 300; s++) {
    for (const shift of s ? [s / 100, -s / 100] : [0]) {
      const gap = Math.abs(flaggedShare(at(shift), options.news) - target);
      if (gap < best.gap - 1e-12) best = { gap, shift };
    }
  }
  return at(best.shift);
}

/** The shift of the bias (a hundredth at a time) that gives the best F1 at 0.5 on `docs`. */
function bestShift(weights: ClaimWeights, docs: readonly LabelledEvidence[]): number {
  const pairs = Object.keys(weights.words).some((w) => w.includes(' '));
  const logits = docs.map((d) => Math.max(...d.rows.map((r) => claimLogit(r.features, claimWords(r.text, pairs), weights))));
  let best = { f1: -1, shift: 0 };
  for (let s = -150; s <= 150; s++) {
    const shift = s / 100;
    const items = docs.map((d, i) => ({ positive: d.positive, predicted: claimScore(logits[i] + shift) >= 0.5 }));
    const { f1 } = classificationPrf(items);
    if (f1 > best.f1 + 1e-12) best = { f1, shift };
  }
  return best.shift;
}

/** Fold of each sentence: positives and negatives each shuffled with `seed`, then dealt round. */
export function stratifiedFolds(docs: readonly LabelledEvidence[], k: number, seed: number): number[] {
  const next = prng(seed);
  const folds = new Array<number>(docs.length);
  for (const positive of [true, false]) {
    const idx = docs.map((d, i) => (d.positive === positive ? i : -1)).filter((i) => i >= 0);
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [idx[i], idx[j]] = [idx[j], idx[i]];
    }
    idx.forEach((d, r) => (folds[d] = r % k));
  }
  return folds;
}

export interface CrossValidation {
  /** Each sentence's score by the weights fitted without its fold. */
  scores: number[];
  folds: { f1: number; ap: number }[];
}

export const FOLDS = 5;
export const FOLD_SEED = 16;

export function crossValidateClaimWeights(docs: readonly LabelledEvidence[], options: FitOptions = DEFAULT_FIT): CrossValidation {
  const fold = stratifiedFolds(docs, FOLDS, FOLD_SEED);
  const scores = new Array<number>(docs.length);
  const folds: CrossValidation['folds'] = [];
  for (let f = 0; f < FOLDS; f++) {
    const weights = fitClaimWeights(docs.filter((_, i) => fold[i] !== f), 'fold', options);
    const items: { positive: boolean; score: number; predicted: boolean }[] = [];
    docs.forEach((d, i) => {
      if (fold[i] !== f) return;
      scores[i] = scoreWith(weights, d);
      items.push({ positive: d.positive, score: scores[i], predicted: scores[i] >= 0.5 });
    });
    folds.push({ f1: classificationPrf(items).f1, ap: averagePrecision(items) });
  }
  return { scores, folds };
}
