// The claim-pair rows of `npm run eval`: cross-source claim matching at the shipped threshold on the
// hand-labelled pairs, the held-back half (the reported figure) apart from the tuning half.
import { Analyzer } from '../core/analyzer';
import { DEFAULT_MATCH_THRESHOLD } from '../core/corpus';
import { evaluateSplit, type PairCorpus, type PairSplit } from './claimPairs';

const TARGET = { precision: 0.85, recall: 0.75 };
const f3 = (x: number) => x.toFixed(3);

export function renderClaimPairReport(file: string): string {
  const analyzer = new Analyzer();
  const corpora = new Map<string, PairCorpus>();
  const lines = [
    `== claim pairs (${file}): cross-source claim matching at threshold ${DEFAULT_MATCH_THRESHOLD}; a link no pair covers counts as a false positive.`,
    'P/R/F1 over the pairs whose two claims are detected; "undet": same pairs with a side the detector does not flag; "R all": recall over every same pair',
  ];
  lines.push('split      sets                                 pairs      P      R     F1   tp   fp   fn  undet  R all');
  let heldBack: { precision: number; recall: number } | undefined;
  for (const split of ['held-back', 'tuning', 'late'] as PairSplit[]) {
    const e = evaluateSplit(split, DEFAULT_MATCH_THRESHOLD, analyzer, corpora, file);
    if (!e.sets.length) continue;
    if (split === 'held-back') heldBack = e;
    const sets = e.sets.map((s) => s.set.name).join(', ');
    lines.push(`${split.padEnd(10)} ${sets.padEnd(36)} ${String(e.same + e.different).padStart(5)}  ${f3(e.precision)}  ${f3(e.recall)}  ${f3(e.f1)} ${String(e.tp).padStart(4)} ${String(e.fp).padStart(4)} ${String(e.fn).padStart(4)} ${String(e.undetected).padStart(6)}  ${f3(e.endToEndRecall)}`);
  }
  if (heldBack) {
    for (const m of ['precision', 'recall'] as const) {
      lines.push(`target: held-back ${m} ≥ ${TARGET[m]}: ${f3(heldBack[m])} ${heldBack[m] >= TARGET[m] ? 'met' : 'NOT met'}`);
    }
  }
  return lines.join('\n');
}
