// Measures claim matching against the hand-labelled pairs of test-fixtures/claim-pairs.json.
// Shared by the test (which holds the figures to a floor) and scripts/claimPairs.ts (which prints them).
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CorpusIndex } from '../../../src/core/corpus';
import { prf, type Prf } from '../../../src/eval/metrics';
import type { SampleCorpus } from './sampleCorpus';

export interface LabelledPair {
  a: { source: string; quote: string };
  b: { source: string; quote: string };
  label: 'same' | 'different' | 'ambiguous';
  reason: string;
}

export const CLAIM_PAIRS_PATH = path.resolve(__dirname, '../../../test-fixtures/claim-pairs.json');

export function loadClaimPairs(): LabelledPair[] {
  return (JSON.parse(readFileSync(CLAIM_PAIRS_PATH, 'utf8')) as { pairs: LabelledPair[] }).pairs;
}

const flat = (s: string) => s.replace(/\s+/g, ' ');
const key = (source: string, findingId: string) => `${source}#${findingId}`;

export interface PairEvaluation extends Prf {
  threshold: number;
  /** Predicted links between claims no labelled pair covers (counted as false positives). */
  unlabelled: string[];
  /** Labelled pairs a quote of which matches no detected claim. */
  missingClaims: string[];
  falsePositives: string[];
  falseNegatives: string[];
}

/**
 * Precision and recall of claim matching at `threshold`. Predicted = the index links the two claims
 * (any claim containing the quote, e.g. a repeated headline). Every cross-source link that no
 * labelled pair covers counts as a false positive (closed world); ambiguous pairs count for nothing.
 * Ratios are the evaluation's own (`prf`): no link at all is precision 0, not a vacuous 1.
 */
export function evaluateClaimPairs(corpus: SampleCorpus, pairs: readonly LabelledPair[], threshold: number): PairEvaluation {
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
  for (const p of pairs) {
    const as = claimsFor(p.a.source, p.a.quote);
    const bs = claimsFor(p.b.source, p.b.quote);
    const name = `${p.a.source.slice(0, 3)} “${p.a.quote.slice(0, 40)}” ~ ${p.b.source.slice(0, 3)} “${p.b.quote.slice(0, 40)}”`;
    if (!as.length || !bs.length) lists.missingClaims.push(name);
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
  return { threshold, ...prf(tp, fp, fn), ...lists };
}
