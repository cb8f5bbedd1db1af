// Prints precision and recall of cross-source claim matching on the hand-labelled pairs of
// test-fixtures/claim-pairs.json over a range of thresholds: for the tuning sets and, separately,
// for the held-back sets (the reported figure; never tune on them) and the late set (written after
// tuning).   npx tsx scripts/claimPairs.ts
// --all lists every miss of every split; by default only the tuning sets' are listed.
import { Analyzer } from '../src/core/analyzer';
import { DEFAULT_MATCH_THRESHOLD } from '../src/core/corpus';
import { evaluateSplit, type PairCorpus, type PairSplit } from '../src/eval/claimPairs';

const analyzer = new Analyzer();
const corpora = new Map<string, PairCorpus>();
const showAll = process.argv.includes('--all');

for (const split of ['tuning', 'held-back', 'late'] as PairSplit[]) {
  const at = evaluateSplit(split, DEFAULT_MATCH_THRESHOLD, analyzer, corpora);
  if (!at.sets.length) continue;
  const names = at.sets.map((s) => s.set.name).join(', ');
  console.log(`\n${split.toUpperCase()} sets (${names}): ${at.same + at.different} labelled pairs (${at.same} same, ${at.different} different; ambiguous left out).`);
  console.log('Unlabelled cross-source links of a set count as false positives; pairs with a side the detector does not flag are left out (undetected).');
  console.log('threshold  precision  recall     F1   TP  FP  FN');
  for (const t of [0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6]) {
    const e = evaluateSplit(split, t, analyzer, corpora);
    const mark = Math.abs(t - DEFAULT_MATCH_THRESHOLD) < 1e-9 ? '  ← default' : '';
    console.log(`${t.toFixed(2).padStart(9)}  ${e.precision.toFixed(2).padStart(9)}  ${e.recall.toFixed(2).padStart(6)}  ${e.f1.toFixed(2).padStart(5)}  ${String(e.tp).padStart(3)} ${String(e.fp).padStart(3)} ${String(e.fn).padStart(3)}${mark}`);
  }
  console.log(`per set at ${DEFAULT_MATCH_THRESHOLD}:`);
  for (const { set, evaluation: e } of at.sets) {
    console.log(`  ${set.name.padEnd(10)} P ${e.precision.toFixed(2)}  R ${e.recall.toFixed(2)}  TP ${e.tp} FP ${e.fp} FN ${e.fn}  undetected ${e.undetected} (recall over all ${e.endToEndRecall.toFixed(2)})`);
  }
  if (split !== 'tuning' && !showAll) continue;
  const list = (title: string, items: string[]) => {
    if (!items.length) return;
    console.log(`  ${title}: ${items.length}`);
    for (const i of items) console.log(`    ${i}`);
  };
  for (const { set, evaluation: e } of at.sets) {
    console.log(`\n[${set.name}]`);
    list(`False positives (labelled different) at ${DEFAULT_MATCH_THRESHOLD}`, e.falsePositives);
    list('Unlabelled links (false positives)', e.unlabelled);
    list('False negatives', e.falseNegatives);
    list('Pairs with a quote in no detected claim (left out)', e.missingClaims);
  }
}
