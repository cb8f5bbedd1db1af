// Measures cross-source claim matching against the hand-labelled pairs of test-fixtures/claim-pairs.json.
// Used by `npm run eval` (the held-back figure), the test that holds the figures to a floor and
// scripts/claimPairs.ts (thresholds, per set, every miss).
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Analyzer } from '../core/analyzer';
import { CorpusIndex } from '../core/corpus';
import { analyzeSource } from '../core/sourceAnalysis';
import { prf, type Prf } from './metrics';

/** A set of sources analysed and indexed as one workspace; source ids are file names. */
export interface PairCorpus {
  index: CorpusIndex;
  texts: Map<string, string>;
}

export interface LabelledPair {
  /** The set of sources the pair is from (`samples`: test-fixtures/sources). */
  set: string;
  a: { source: string; quote: string };
  b: { source: string; quote: string };
  label: 'same' | 'different' | 'ambiguous';
  reason: string;
}

export interface PairSet {
  name: string;
  /** Folder of the set's .txt sources. */
  dir: string;
  referenceDate: string;
  /** Held back from tuning: its figures are the reported ones. */
  heldBack: boolean;
  /** Written after tuning was done, for a later check; in neither half. */
  late: boolean;
}

/** Which sets to measure: the tuning sets, the held-back ones (the reported figure) or the late one. */
export type PairSplit = 'tuning' | 'held-back' | 'late';

const splitOf = (s: PairSet): PairSplit => (s.late ? 'late' : s.heldBack ? 'held-back' : 'tuning');

interface PairFile {
  heldBack: string[];
  late?: string[];
  sets: Record<string, { dir: string; referenceDate: string }>;
  pairs: LabelledPair[];
}

export const CLAIM_PAIRS_PATH = path.resolve(__dirname, '../../test-fixtures/claim-pairs.json');
/** A set's `dir` is relative to the repository: the folder above the pair file's. */
const rootOf = (file: string) => path.dirname(path.dirname(path.resolve(file)));

const readPairFile = (file: string): PairFile => JSON.parse(readFileSync(file, 'utf8')) as PairFile;

export function loadClaimPairs(file = CLAIM_PAIRS_PATH): LabelledPair[] {
  return readPairFile(file).pairs;
}

/** The sets of sources the pairs come from, in file order; `dir` resolved to an absolute path. */
export function loadPairSets(file = CLAIM_PAIRS_PATH): PairSet[] {
  const f = readPairFile(file);
  return Object.entries(f.sets).map(([name, s]) => ({
    name, dir: path.join(rootOf(file), s.dir), referenceDate: s.referenceDate, heldBack: f.heldBack.includes(name), late: !!f.late?.includes(name),
  }));
}

/** One set's sources analysed and indexed as a workspace of their own; source ids are file names. */
export function pairSetCorpus(set: PairSet, analyzer: Analyzer, options: { matchThreshold?: number } = {}): PairCorpus {
  const dir = set.dir;
  const index = new CorpusIndex(options);
  const texts = new Map<string, string>();
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    const text = readFileSync(path.join(dir, name), 'utf8');
    texts.set(name, text);
    index.upsertAnalysis(name, text, analyzeSource(analyzer, text, undefined, { referenceDate: set.referenceDate }));
  }
  return { index, texts };
}

export interface SplitEvaluation extends Prf {
  /** Per set, in file order. */
  sets: { set: PairSet; evaluation: PairEvaluation }[];
  same: number;
  different: number;
  /** 'same' pairs a quote of which is in no detected claim: misses of detection, not of matching (outside P/R). */
  undetected: number;
  /** Recall over every 'same' pair, the undetected ones included: what a user sees. */
  endToEndRecall: number;
}

/**
 * Claim matching over the sets of one split: every set indexed on its own, true and false positives
 * and negatives summed over the sets. `corpora` caches the analysed sets between calls (analysis
 * dominates the cost; thresholds are applied to the scores).
 */
export function evaluateSplit(
  split: PairSplit, threshold: number, analyzer = new Analyzer(), corpora = new Map<string, PairCorpus>(), file = CLAIM_PAIRS_PATH,
): SplitEvaluation {
  const pairs = loadClaimPairs(file);
  const sets = loadPairSets(file).filter((s) => splitOf(s) === split);
  const out: SplitEvaluation['sets'] = [];
  let [tp, fp, fn, same, different, undetected] = [0, 0, 0, 0, 0, 0];
  for (const set of sets) {
    let corpus = corpora.get(set.name);
    // Indexed with no threshold: every candidate link and its score is there to filter.
    if (!corpus) corpora.set(set.name, (corpus = pairSetCorpus(set, analyzer, { matchThreshold: 0 })));
    const mine = pairs.filter((p) => p.set === set.name);
    same += mine.filter((p) => p.label === 'same').length;
    different += mine.filter((p) => p.label === 'different').length;
    const e = evaluateClaimPairs(corpus, mine, threshold);
    out.push({ set, evaluation: e });
    tp += e.tp;
    fp += e.fp;
    fn += e.fn;
    undetected += e.undetected;
  }
  return { ...prf(tp, fp, fn), sets: out, same, different, undetected, endToEndRecall: endToEnd(tp, fn, undetected) };
}

const flat = (s: string) => s.replace(/\s+/g, ' ');
const endToEnd = (tp: number, fn: number, undetected: number) => (tp + fn + undetected ? tp / (tp + fn + undetected) : 0);
const key = (source: string, findingId: string) => `${source}#${findingId}`;

export interface PairEvaluation extends Prf {
  threshold: number;
  /** Predicted links between claims no labelled pair covers (counted as false positives). */
  unlabelled: string[];
  /** Labelled pairs a quote of which matches no detected claim (left out of P/R; 'same' ones counted in `undetected`). */
  missingClaims: string[];
  undetected: number;
  endToEndRecall: number;
  falsePositives: string[];
  falseNegatives: string[];
}

/**
 * Precision and recall of claim matching at `threshold`. Predicted = the index links the two claims
 * (any claim containing the quote, e.g. a repeated headline). Every cross-source link that no
 * labelled pair covers counts as a false positive (closed world); ambiguous pairs count for nothing.
 * Pairs are labelled by the facts the sources state, whether or not the detector flags each
 * sentence: a pair with an undetected side is a detection miss, counted apart from matching
 * (`undetected`, `endToEndRecall`). A quote that is not in its source is an error in the file.
 * Ratios are the evaluation's own (`prf`): no link at all is precision 0, not a vacuous 1.
 */
export function evaluateClaimPairs(corpus: PairCorpus, pairs: readonly LabelledPair[], threshold: number): PairEvaluation {
  const index: CorpusIndex = corpus.index;
  const claimsFor = (source: string, quote: string) =>
    (index.digest(source)?.claims ?? []).filter((c) => flat(c.text).includes(flat(quote))).map((c) => c.findingId);

  const linked = new Map<string, number>(); // unordered claim pair → score
  for (const source of index.sourceIds()) {
    for (const c of index.digest(source)!.claims) {
      for (const l of index.linksFor(source, c.findingId)) {
        if (l.score < threshold) continue;
        const [x, y] = [key(source, c.findingId), key(l.sourceId, l.claim.findingId)].sort();
        linked.set(`${x}|${y}`, l.score);
      }
    }
  }
  const covered = new Set<string>();
  let [tp, fp, fn] = [0, 0, 0];
  const lists: Pick<PairEvaluation, 'unlabelled' | 'missingClaims' | 'falsePositives' | 'falseNegatives'> = {
    unlabelled: [], missingClaims: [], falsePositives: [], falseNegatives: [],
  };
  let undetected = 0;
  for (const p of pairs) {
    for (const side of [p.a, p.b]) {
      if (!flat(corpus.texts.get(side.source) ?? '').includes(flat(side.quote))) throw new Error(`claim pair quote not in ${side.source}: ${side.quote}`);
    }
    const as = claimsFor(p.a.source, p.a.quote);
    const bs = claimsFor(p.b.source, p.b.quote);
    const name = `${p.a.source.slice(0, 3)} “${p.a.quote.slice(0, 40)}” ~ ${p.b.source.slice(0, 3)} “${p.b.quote.slice(0, 40)}”`;
    if (!as.length || !bs.length) {
      lists.missingClaims.push(name);
      if (p.label === 'same') undetected++;
      continue;
    }
    let predicted = false;
    for (const a of as) {
      for (const b of bs) {
        const [x, y] = [key(p.a.source, a), key(p.b.source, b)].sort();
        covered.add(`${x}|${y}`);
        if (linked.has(`${x}|${y}`)) predicted = true;
      }
    }
    if (p.label === 'ambiguous') continue;
    if (p.label === 'same' && predicted) tp++;
    else if (p.label === 'same') {
      fn++;
      lists.falseNegatives.push(name);
    } else if (predicted) {
      fp++;
      lists.falsePositives.push(name);
    }
  }
  for (const [pair, score] of linked) {
    if (covered.has(pair)) continue;
    fp++;
    const [x, y] = pair.split('|').map((k) => {
      const [source, id] = k.split('#');
      const c = index.digest(source)!.claims.find((cl) => cl.findingId === id)!;
      return `${source.slice(0, 3)} “${c.text.slice(0, 50)}”`;
    });
    lists.unlabelled.push(`${x} ~ ${y} (${score.toFixed(2)})`);
  }
  return { threshold, ...prf(tp, fp, fn), ...lists, undetected, endToEndRecall: endToEnd(tp, fn, undetected) };
}
