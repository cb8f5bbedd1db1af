// Dates: the TempEval-3 measures — strict (exact span), relaxed (overlap) and value F1 — over all
// TIMEX3 types, then DATE alone.
import type { GoldSet } from './gold';
import { alignmentPrf, alignSpans, sumPrf, valuePrf, type Prf, type Span } from './metrics';
import { inContext, spread, type KindReport, type Sample, type ScoreRow } from './report';
import type { DateSystem } from './systems';

export interface DateScores {
  strict: Prf;
  relaxed: Prf;
  value: Prf;
}

export function scoreDates(docs: readonly { gold: Span[]; pred: Span[] }[]): DateScores {
  return {
    strict: sumPrf(docs.map((d) => alignmentPrf(alignSpans(d.gold, d.pred, 'exact')))),
    relaxed: sumPrf(docs.map((d) => alignmentPrf(alignSpans(d.gold, d.pred, 'overlap')))),
    value: sumPrf(docs.map((d) => valuePrf(d.gold, d.pred))),
  };
}

export function evaluateDates(set: GoldSet, system: DateSystem, baselines: readonly DateSystem[], sampleSize = 16): KindReport {
  const rows: ScoreRow[] = [];
  let samples: Sample[] = [];
  let ours: DateScores | undefined;
  for (const s of [system, ...baselines]) {
    const docs = set.docs.map((d) => ({ doc: d, gold: d.spans ?? [], pred: s.dates(d) }));
    const all = scoreDates(docs);
    const onlyDate = scoreDates(docs.map((d) => ({ gold: d.gold.filter((g) => g.label === 'DATE'), pred: d.pred.filter((p) => p.label === 'DATE') })));
    rows.push(
      { system: s.name, measure: 'all TIMEX3 strict', prf: all.strict },
      { system: s.name, measure: 'all TIMEX3 relaxed', prf: all.relaxed },
      { system: s.name, measure: 'all TIMEX3 value', prf: all.value },
      { system: s.name, measure: 'DATE strict', prf: onlyDate.strict },
      { system: s.name, measure: 'DATE relaxed', prf: onlyDate.relaxed },
      { system: s.name, measure: 'DATE value', prf: onlyDate.value },
    );
    if (s === system) {
      ours = all;
      const spurious: Sample[] = [];
      const missed: Sample[] = [];
      const boundary: Sample[] = [];
      const wrongValue: Sample[] = [];
      for (const { doc, gold, pred } of docs) {
        const a = alignSpans(gold, pred, 'overlap');
        for (const p of a.spurious) spurious.push({ what: 'false pos', doc: doc.id, context: inContext(doc.text, p), detail: `${p.label} ${p.value}` });
        for (const g of a.missed) missed.push({ what: 'miss', doc: doc.id, context: inContext(doc.text, g), detail: `${g.label} ${g.value}` });
        for (const { gold: g, pred: p } of a.pairs) {
          if (g.start !== p.start || g.end !== p.end) {
            boundary.push({ what: 'boundary', doc: doc.id, context: inContext(doc.text, p), detail: `gold "${doc.text.slice(g.start, g.end)}"` });
          }
          if (g.value !== p.value) {
            wrongValue.push({ what: 'wrong value', doc: doc.id, context: inContext(doc.text, g), detail: `${p.value}, gold ${g.value} (dct ${doc.dct})` });
          }
        }
      }
      const q = Math.ceil(sampleSize / 4);
      samples = [...spread(spurious, q), ...spread(missed, q), ...spread(boundary, q), ...spread(wrongValue, q)];
    }
  }
  const goldCount = set.docs.reduce((n, d) => n + (d.spans?.length ?? 0), 0);
  return {
    set: set.name, kind: 'dates', docs: set.docs.length, counted: `${goldCount} gold TIMEX3 spans, values against each document's dct`, rows, samples,
    targets: [
      { measure: 'strict F1 (all TIMEX3)', actual: ours!.strict.f1, target: 0.86 },
      { measure: 'value F1 (all TIMEX3)', actual: ours!.value.f1, target: 0.8 },
    ],
  };
}
