// Hedges: cue F1 (overlap, CoNLL-2010 style) and sentence-level F1 (a sentence is uncertain when it
// holds a cue), over sentence units the evaluation defines itself.
import type { GoldSet } from './gold';
import { alignmentPrf, alignSpans, sumPrf, unitPrf } from './metrics';
import { inContext, spread, type KindReport, type Sample, type ScoreRow } from './report';
import { sentenceUnits } from './sentenceUnits';
import type { HedgeSystem } from './systems';

export function evaluateHedges(set: GoldSet, system: HedgeSystem, baselines: readonly HedgeSystem[], sampleSize = 16): KindReport {
  const rows: ScoreRow[] = [];
  let samples: Sample[] = [];
  const targets = [];
  const units = new Map(set.docs.map((d) => [d, sentenceUnits(d.text)]));
  // Gold-only counts, the same for every system.
  const sentences = [...units.values()].reduce((n, u) => n + u.length, 0);
  const uncertain = set.docs.reduce((n, d) => n + unitPrf(units.get(d)!, d.spans ?? [], []).positives, 0);
  for (const s of [system, ...baselines]) {
    const docs = set.docs.map((d) => ({ doc: d, gold: d.spans ?? [], pred: s.hedgeCues(d) }));
    const cue = sumPrf(docs.map((d) => alignmentPrf(alignSpans(d.gold, d.pred, 'overlap'))));
    const perDoc = docs.map((d) => unitPrf(units.get(d.doc)!, d.gold, d.pred));
    const sentence = sumPrf(perDoc);
    rows.push({ system: s.name, measure: 'cue (overlap)', prf: cue }, { system: s.name, measure: 'sentence', prf: sentence });
    if (s === system) {
      targets.push({ measure: 'sentence F1', actual: sentence.f1, target: 0.65 });
      const spurious: Sample[] = [];
      const missed: Sample[] = [];
      for (const { doc, gold, pred } of docs) {
        const a = alignSpans(gold, pred, 'overlap');
        for (const p of a.spurious) spurious.push({ what: 'false pos', doc: doc.id, context: inContext(doc.text, p, 40) });
        for (const g of a.missed) missed.push({ what: 'miss', doc: doc.id, context: inContext(doc.text, g, 40), detail: g.value ?? undefined });
      }
      const half = Math.ceil(sampleSize / 2);
      samples = [...spread(spurious, half), ...spread(missed, half)];
    }
  }
  const cues = set.docs.reduce((n, d) => n + (d.spans?.length ?? 0), 0);
  return {
    set: set.name, kind: 'hedges', docs: set.docs.length, counted: `${cues} gold cues; ${sentences} sentences, ${uncertain} uncertain`, rows, samples, targets,
  };
}
