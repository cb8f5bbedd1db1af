// Entities: CoNLL exact span + type, per type and micro; span-only.
import type { GoldSet } from './gold';
import { alignmentPrf, alignSpans, sumPrf, type Prf, type Span } from './metrics';
import { inContext, spread, type KindReport, type Sample, type ScoreRow } from './report';
import type { EntitySystem } from './systems';

const TYPES = ['PER', 'ORG', 'LOC', 'MISC'];

export interface EntityScores {
  micro: Prf;
  spanOnly: Prf;
  perType: Record<string, Prf>;
}

/** Scores predicted entity spans against gold, document by document. */
export function scoreEntities(docs: readonly { gold: Span[]; pred: Span[] }[]): EntityScores {
  const micro: Prf[] = [];
  const spanOnly: Prf[] = [];
  const perType: Record<string, Prf[]> = Object.fromEntries(TYPES.map((t) => [t, []]));
  for (const { gold, pred } of docs) {
    micro.push(alignmentPrf(alignSpans(gold, pred, 'exact', true)));
    spanOnly.push(alignmentPrf(alignSpans(gold, pred, 'exact')));
    for (const t of TYPES) {
      perType[t].push(alignmentPrf(alignSpans(gold.filter((s) => s.label === t), pred.filter((s) => s.label === t), 'exact', true)));
    }
  }
  return { micro: sumPrf(micro), spanOnly: sumPrf(spanOnly), perType: Object.fromEntries(TYPES.map((t) => [t, sumPrf(perType[t])])) };
}

export function evaluateEntities(set: GoldSet, system: EntitySystem, baselines: readonly EntitySystem[], sampleSize = 12): KindReport {
  const rows: ScoreRow[] = [];
  let samples: Sample[] = [];
  let ours: EntityScores | undefined;
  for (const s of [system, ...baselines]) {
    const docs = set.docs.map((d) => ({ doc: d, gold: d.spans ?? [], pred: s.entities(d) }));
    const scores = scoreEntities(docs);
    rows.push({ system: s.name, measure: 'exact span+type micro', prf: scores.micro });
    for (const t of TYPES) rows.push({ system: s.name, measure: `exact span+type ${t}`, prf: scores.perType[t] });
    rows.push({ system: s.name, measure: 'span only', prf: scores.spanOnly });
    if (s === system) {
      ours = scores;
      const wrongType: Sample[] = [];
      const spurious: Sample[] = [];
      const missed: Sample[] = [];
      for (const { doc, gold, pred } of docs) {
        const byType = alignSpans(gold, pred, 'exact', true);
        const bySpan = alignSpans(byType.missed, byType.spurious, 'exact');
        for (const p of bySpan.pairs) wrongType.push({ what: 'wrong type', doc: doc.id, context: inContext(doc.text, p.pred), detail: `${p.pred.label}, gold ${p.gold.label}` });
        for (const p of bySpan.spurious) spurious.push({ what: 'false pos', doc: doc.id, context: inContext(doc.text, p), detail: p.label });
        for (const g of bySpan.missed) missed.push({ what: 'miss', doc: doc.id, context: inContext(doc.text, g), detail: g.label });
      }
      const third = Math.ceil(sampleSize / 3);
      samples = [...spread(spurious, third), ...spread(wrongType, third), ...spread(missed, third)];
    }
  }
  const goldCount = set.docs.reduce((n, d) => n + (d.spans?.length ?? 0), 0);
  return {
    set: set.name, kind: 'entities', docs: set.docs.length, counted: `${goldCount} gold entity spans`, rows, samples,
    targets: [
      { measure: 'exact span+type micro F1', actual: ours!.micro.f1, target: 0.75 },
      { measure: 'span-only F1', actual: ours!.spanOnly.f1, target: 0.85 },
    ],
  };
}
