import { describe, expect, it } from 'vitest';
import { evaluateClaims } from '../../src/eval/claimEval';
import { evaluateDates } from '../../src/eval/dateEval';
import { evaluateEntities } from '../../src/eval/entityEval';
import type { GoldDoc, GoldSet } from '../../src/eval/gold';
import { evaluateHedges } from '../../src/eval/hedgeEval';
import { renderReport } from '../../src/eval/report';
import { SourcemarkSystem } from '../../src/eval/sourcemarkSystem';
import type { ClaimSystem, DateSystem, EntitySystem, HedgeSystem } from '../../src/eval/systems';

const set = (kind: GoldSet['kind'], docs: GoldDoc[]): GoldSet => ({ name: `tiny-${kind}`, kind, docs });
const rowOf = (r: ReturnType<typeof evaluateEntities>, system: string, measure: string) => r.rows.find((x) => x.system === system && x.measure === measure)!;

describe('evaluation runners with a scripted system', () => {
  it('entities: exact span+type, per type and span only', () => {
    const doc: GoldDoc = { id: 'd', text: 'Ann Lee visited Oslo with Acme staff .', spans: [
      { start: 0, end: 7, label: 'PER' }, { start: 16, end: 20, label: 'LOC' }, { start: 26, end: 30, label: 'ORG' },
    ] };
    // right PER, LOC typed as ORG, ORG missed, one spurious MISC
    const scripted: EntitySystem = { name: 'scripted', entities: () => [
      { start: 0, end: 7, label: 'PER' }, { start: 16, end: 20, label: 'ORG' }, { start: 31, end: 36, label: 'MISC' },
    ] };
    const r = evaluateEntities(set('entities', [doc]), scripted, []);
    // typed: tp 1, fp 2, fn 2 → P = R = F1 = 1/3; span only: tp 2, fp 1, fn 1 → 2/3
    expect(rowOf(r, 'scripted', 'exact span+type micro').prf).toMatchObject({ tp: 1, fp: 2, fn: 2 });
    expect(rowOf(r, 'scripted', 'span only').prf!.f1).toBeCloseTo(2 / 3);
    expect(rowOf(r, 'scripted', 'exact span+type LOC').prf).toMatchObject({ tp: 0, fp: 0, fn: 1 });
    expect(r.targets[0]).toMatchObject({ target: 0.75 });
    expect(r.targets[0].actual).toBeCloseTo(1 / 3);
    expect(r.samples.map((s) => s.what).sort()).toEqual(['false pos', 'miss', 'wrong type']);
  });

  it('dates: strict, relaxed and value', () => {
    const doc: GoldDoc = { id: 'd', dct: '2018-03-10', text: 'Sales fell last year and rose in the fourth quarter .', spans: [
      { start: 11, end: 20, label: 'DATE', value: '2017' }, { start: 33, end: 51, label: 'DATE', value: '2017-Q4' },
    ] };
    const scripted: DateSystem = { name: 'scripted', dates: () => [
      { start: 11, end: 20, label: 'DATE', value: '2017' }, { start: 37, end: 51, label: 'DATE', value: '2018-Q4' },
    ] };
    const r = evaluateDates(set('dates', [doc]), scripted, []);
    expect(rowOf(r, 'scripted', 'all TIMEX3 strict').prf).toMatchObject({ tp: 1, fp: 1, fn: 1 });
    expect(rowOf(r, 'scripted', 'all TIMEX3 relaxed').prf).toMatchObject({ tp: 2, fp: 0, fn: 0 });
    expect(rowOf(r, 'scripted', 'all TIMEX3 value').prf).toMatchObject({ tp: 1, fp: 1, fn: 1 });
    expect(r.samples.map((s) => s.what).sort()).toEqual(['boundary', 'wrong value']);
  });

  it('claims: threshold P/R/F1 and average precision', () => {
    const docs: GoldDoc[] = [
      { id: 'a', text: 'a', label: 'CFS' }, { id: 'b', text: 'b', label: 'NCS' }, { id: 'c', text: 'c', label: 'CFS' }, { id: 'd', text: 'd', label: 'NCS' },
    ];
    const scores: Record<string, number> = { a: 0.9, b: 0.7, c: 0.4, d: 0.1 };
    const scripted: ClaimSystem = { name: 'scripted', threshold: 0.5, score: (d) => scores[d.id] };
    const r = evaluateClaims(set('claims', docs), scripted, []);
    // at 0.5: a (tp), b (fp), c missed → P 1/2, R 1/2; ranking + - + - → AP 5/6
    expect(rowOf(r, 'scripted', 'CFS at threshold 0.5').prf).toMatchObject({ tp: 1, fp: 1, fn: 1 });
    expect(rowOf(r, 'scripted', 'average precision').value).toBeCloseTo(5 / 6);
  });

  it('hedges: cue and sentence figures', () => {
    const doc: GoldDoc = { id: 'd', text: 'It may rain. Ships could sail. The port is open.', spans: [
      { start: 3, end: 6, label: 'HEDGE' }, { start: 19, end: 24, label: 'HEDGE' },
    ] };
    const scripted: HedgeSystem = { name: 'scripted', hedgeCues: () => [{ start: 3, end: 6 }, { start: 34, end: 38 }] };
    const r = evaluateHedges(set('hedges', [doc]), scripted, []);
    expect(rowOf(r, 'scripted', 'cue (overlap)').prf).toMatchObject({ tp: 1, fp: 1, fn: 1 });
    // sentences: 1 tp, 2 missed, 3 false positive
    expect(rowOf(r, 'scripted', 'sentence').prf).toMatchObject({ tp: 1, fp: 1, fn: 1 });
  });
});

describe('Sourcemark as the evaluated system', () => {
  const system = new SourcemarkSystem();

  it('maps entity types to CoNLL labels and finds a known organisation and place', () => {
    const doc: GoldDoc = { id: 'd', text: 'Xiaomi opened a store in Spain.', spans: [{ start: 0, end: 6, label: 'ORG' }, { start: 25, end: 30, label: 'LOC' }] };
    const r = evaluateEntities(set('entities', [doc]), system, []);
    expect(rowOf(r, 'sourcemark', 'exact span+type micro').prf).toMatchObject({ tp: 2, fp: 0, fn: 0 });
  });

  it('resolves relative dates against the document date', () => {
    const doc: GoldDoc = { id: 'd', dct: '1998-08-07', text: 'The company said its profit rose last year.', spans: [{ start: 33, end: 42, label: 'DATE', value: '1997' }] };
    expect(system.dates(doc)).toEqual([{ start: 33, end: 42, label: 'DATE', value: '1997' }]);
  });

  it('scores a factual sentence above a greeting, and reads hedge cues', () => {
    expect(system.score({ id: 'a', text: 'Unemployment fell to 4.1 percent in 2017, the Labor Department said.' })).toBeGreaterThanOrEqual(system.threshold);
    expect(system.score({ id: 'b', text: 'Thank you all for coming tonight!' })).toBeLessThan(system.threshold);
    const text = 'The plant will reportedly close.';
    expect(system.hedgeCues({ id: 'c', text }).map((c) => text.slice(c.start, c.end))).toContain('reportedly');
  });

  it('prints Sourcemark and baseline rows with target verdicts', () => {
    const doc: GoldDoc = { id: 'd', text: 'Xiaomi opened a store in Spain.', spans: [{ start: 0, end: 6, label: 'ORG' }] };
    const scripted: EntitySystem = { name: 'baseline: none', entities: () => [] };
    const out = renderReport(evaluateEntities(set('entities', [doc]), system, [scripted]));
    expect(out).toMatch(/^sourcemark +exact span\+type micro/m);
    expect(out).toMatch(/^baseline: none +exact span\+type micro +0\.000 +0\.000 +0\.000/m);
    expect(out).toMatch(/target exact span\+type micro F1 >= 0\.75: \d\.\d{3} (MET|MISSED)/);
  });
});
