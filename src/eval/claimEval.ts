// Claims: P/R/F1 of the check-worthy label at the system's threshold, and average precision of
// its score (ranking quality, independent of the threshold).
import { CLAIM_MODEL } from '../core/kinds/claim/claimDetector';
import { cut } from '../core/text/shorten';
import { crossValidateClaimWeights, DEFAULT_FIT, FOLDS, newsEvidence } from './claimWeightsFit';
import type { GoldSet } from './gold';
import { averagePrecision, classificationPrf } from './metrics';
import { spread, type KindReport, type Sample, type ScoreRow } from './report';
import type { ClaimSystem } from './systems';

const POSITIVE = 'CFS';

export function evaluateClaims(set: GoldSet, system: ClaimSystem, baselines: readonly ClaimSystem[], sampleSize = 12): KindReport {
  const rows: ScoreRow[] = [];
  let samples: Sample[] = [];
  const targets = [];
  for (const s of [system, ...baselines]) {
    let items = set.docs.map((d) => ({ doc: d, positive: d.label === POSITIVE, score: s.score(d) }));
    const fittedHere = s === system && s.claimEvidence && CLAIM_MODEL.fittedOn === set.name;
    const name = fittedHere ? `${s.name} (weights fitted on this set: in-sample)` : s.name;
    let scored = items.map((i) => ({ ...i, predicted: i.score >= s.threshold }));
    let counts = classificationPrf(scored);
    let ap = averagePrecision(items);
    rows.push({ system: name, measure: `${POSITIVE} at threshold ${s.threshold}`, prf: counts }, { system: name, measure: 'average precision', value: ap });
    if (fittedHere) {
      // The shipped weights were fitted on this set: the honest figures are those of weights fitted again without each fold.
      const evidence = s.claimEvidence!;
      const cv = crossValidateClaimWeights(set.docs.map((d) => ({ id: d.id, positive: d.label === POSITIVE, rows: evidence.get(d.id) ?? [] })), { ...DEFAULT_FIT, news: newsEvidence() });
      items = items.map((i, k) => ({ ...i, score: cv.scores[k] }));
      scored = items.map((i) => ({ ...i, predicted: i.score >= s.threshold }));
      counts = classificationPrf(scored);
      ap = averagePrecision(items);
      const cvName = `${s.name} (${FOLDS}-fold cross-validated: refitted without each fold)`;
      rows.push({ system: cvName, measure: `${POSITIVE} at threshold ${s.threshold}`, prf: counts }, { system: cvName, measure: 'average precision', value: ap });
    }
    if (s === system) {
      targets.push({ measure: `${POSITIVE} F1${fittedHere ? ' (cross-validated)' : ''}`, actual: counts.f1, target: 0.75 }, { measure: `average precision${fittedHere ? ' (cross-validated)' : ''}`, actual: ap, target: 0.8 });
      const clip = (t: string) => cut(t, 140);
      const fp = scored.filter((i) => i.predicted && !i.positive).sort((a, b) => b.score - a.score);
      const fn = scored.filter((i) => !i.predicted && i.positive).sort((a, b) => a.score - b.score);
      const half = Math.ceil(sampleSize / 2);
      samples = [
        ...spread(fp, half).map((i) => ({ what: 'false pos', doc: i.doc.id, context: clip(i.doc.text), detail: `score ${i.score}` })),
        ...spread(fn, half).map((i) => ({ what: 'miss', doc: i.doc.id, context: clip(i.doc.text), detail: `score ${i.score}` })),
      ];
    }
  }
  const positives = set.docs.filter((d) => d.label === POSITIVE).length;
  return { set: set.name, kind: 'claims', docs: set.docs.length, counted: `${positives} ${POSITIVE} sentences`, rows, samples, targets };
}
