// Claims: P/R/F1 of the check-worthy label at the system's threshold, and average precision of
// its score (ranking quality, independent of the threshold).
import { cut } from '../core/text/shorten';
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
    const items = set.docs.map((d) => ({ doc: d, positive: d.label === POSITIVE, score: s.score(d) }));
    const scored = items.map((i) => ({ ...i, predicted: i.score >= s.threshold }));
    const counts = classificationPrf(scored);
    const ap = averagePrecision(items);
    rows.push({ system: s.name, measure: `${POSITIVE} at threshold ${s.threshold}`, prf: counts }, { system: s.name, measure: 'average precision', value: ap });
    if (s === system) {
      targets.push({ measure: `${POSITIVE} F1`, actual: counts.f1, target: 0.75 }, { measure: 'average precision', actual: ap, target: 0.8 });
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
