// Prints precision and recall of cross-source claim matching on the hand-labelled pairs of
// test-fixtures/claim-pairs.json, over a range of thresholds.   npx tsx scripts/claimPairs.ts
import { Analyzer } from '../src/core/analyzer';
import { CorpusIndex, DEFAULT_MATCH_THRESHOLD } from '../src/core/corpus';
import { evaluateClaimPairs, loadClaimPairs } from '../test/core/corpus/claimPairs';
import { sampleCorpus } from '../test/core/corpus/sampleCorpus';

const pairs = loadClaimPairs();
const corpus = sampleCorpus(new Analyzer());
// Re-index with no threshold, so every candidate link and its score is there to filter.
const all = new CorpusIndex({ matchThreshold: 0 });
for (const id of corpus.index.sourceIds()) all.upsert(id, corpus.index.digest(id)!);
const labels = { same: 0, different: 0, ambiguous: 0 };
for (const p of pairs) labels[p.label]++;
console.log(`Claim matching on ${pairs.length} hand-labelled pairs (${labels.same} same, ${labels.different} different, ${labels.ambiguous} ambiguous, left out).`);
console.log('Unlabelled cross-source links count as false positives.');
console.log('threshold  precision  recall     F1   TP  FP  FN');
for (const t of [0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6]) {
  const e = evaluateClaimPairs({ ...corpus, index: all }, pairs, t);
  const mark = Math.abs(t - DEFAULT_MATCH_THRESHOLD) < 1e-9 ? '  ← default' : '';
  console.log(`${t.toFixed(2).padStart(9)}  ${e.precision.toFixed(2).padStart(9)}  ${e.recall.toFixed(2).padStart(6)}  ${e.f1.toFixed(2).padStart(5)}  ${String(e.tp).padStart(3)} ${String(e.fp).padStart(3)} ${String(e.fn).padStart(3)}${mark}`);
}
const at = evaluateClaimPairs({ ...corpus, index: all }, pairs, DEFAULT_MATCH_THRESHOLD);
const list = (title: string, items: string[]) => {
  console.log(`\n${title}: ${items.length}`);
  for (const i of items) console.log(`  ${i}`);
};
list(`False positives (labelled different) at ${DEFAULT_MATCH_THRESHOLD}`, at.falsePositives);
list('Unlabelled links (false positives)', at.unlabelled);
list('False negatives', at.falseNegatives);
list('Pairs with a quote matching no detected claim', at.missingClaims);
