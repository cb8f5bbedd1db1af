import { describe, expect, it } from 'vitest';
import { alignSpans, averagePrecision, classificationPrf, prf, sumPrf, unitPrf, valuePrf, type Span } from '../../src/eval/metrics';

const span = (start: number, end: number, label?: string, value?: string | null): Span => ({ start, end, label, value });

describe('prf', () => {
  it('computes precision, recall and F1 from counts', () => {
    // P = 3/4, R = 3/5, F1 = 2·0.75·0.6 / 1.35 = 2/3
    const r = prf(3, 1, 2);
    expect(r.precision).toBeCloseTo(0.75);
    expect(r.recall).toBeCloseTo(0.6);
    expect(r.f1).toBeCloseTo(2 / 3);
  });

  it('is 0, not NaN, with nothing predicted or nothing to find', () => {
    expect(prf(0, 0, 4)).toMatchObject({ precision: 0, recall: 0, f1: 0 });
    expect(prf(0, 3, 0)).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  });

  it('micro-averages by adding counts, not ratios', () => {
    // doc A: 1 tp, 0 fp, 0 fn (F1 1); doc B: 0 tp, 1 fp, 3 fn (F1 0) → micro 1/2 P, 1/4 R
    const r = sumPrf([prf(1, 0, 0), prf(0, 1, 3)]);
    expect([r.tp, r.fp, r.fn]).toEqual([1, 1, 3]);
    expect(r.precision).toBeCloseTo(0.5);
    expect(r.recall).toBeCloseTo(0.25);
    expect(r.f1).toBeCloseTo(1 / 3);
  });
});

describe('alignSpans', () => {
  const gold = [span(0, 5, 'PER'), span(10, 20, 'LOC'), span(30, 35, 'ORG')];

  it('exact match needs equal offsets; a label mismatch counts when labels are ignored', () => {
    const pred = [span(0, 5, 'PER'), span(10, 20, 'ORG'), span(31, 35, 'ORG')];
    const typed = alignSpans(gold, pred, 'exact', true);
    expect(typed.pairs).toHaveLength(1);
    expect(typed.missed).toEqual([gold[1], gold[2]]);
    expect(typed.spurious).toEqual([pred[1], pred[2]]);
    expect(alignSpans(gold, pred, 'exact').pairs).toHaveLength(2);
  });

  it('overlap match pairs each span at most once, largest overlap first', () => {
    // Both predictions overlap gold [10,20); only one may count, the other is spurious.
    const pred = [span(8, 12), span(11, 19)];
    const a = alignSpans([gold[1]], pred, 'overlap');
    expect(a.pairs).toEqual([{ gold: gold[1], pred: pred[1] }]);
    expect(a.spurious).toEqual([pred[0]]);
  });

  it('touching spans do not overlap', () => {
    expect(alignSpans([span(0, 5)], [span(5, 9)], 'overlap').pairs).toHaveLength(0);
  });
});

describe('valuePrf (TempEval-3 value F1)', () => {
  it('counts a relaxed match only when values agree; wrong values hurt precision and recall', () => {
    const gold = [span(0, 9, 'DATE', '2018-Q4'), span(20, 28, 'DURATION', 'P2Y'), span(40, 44, 'DATE', '2019')];
    const pred = [span(0, 4, 'DATE', '2018-Q4'), span(20, 28, 'DURATION', 'P3Y'), span(50, 54, 'DATE', '2020')];
    // correct 1 of 3 predictions, 1 of 3 gold → P = R = F1 = 1/3
    const r = valuePrf(gold, pred);
    expect([r.tp, r.fp, r.fn]).toEqual([1, 2, 2]);
    expect(r.f1).toBeCloseTo(1 / 3);
  });

  it('an unresolved prediction never matches', () => {
    expect(valuePrf([span(0, 4, 'DATE', '2018')], [span(0, 4, 'DATE', null)]).tp).toBe(0);
  });
});

describe('classificationPrf', () => {
  it('counts true and false positives and misses', () => {
    const r = classificationPrf([
      { positive: true, predicted: true },
      { positive: true, predicted: false },
      { positive: false, predicted: true },
      { positive: false, predicted: false },
      { positive: true, predicted: true },
    ]);
    expect([r.tp, r.fp, r.fn]).toEqual([2, 1, 1]);
    expect(r.f1).toBeCloseTo(2 / 3);
  });
});

describe('averagePrecision', () => {
  it('is 1 for a ranking with every positive first', () => {
    expect(averagePrecision([{ positive: true, score: 0.9 }, { positive: true, score: 0.8 }, { positive: false, score: 0.1 }])).toBe(1);
  });

  it('matches a hand computation', () => {
    // Ranked: + - + - : precision at the positives 1/1 and 2/3 → AP = (1 + 2/3) / 2 = 5/6
    const items = [
      { positive: true, score: 0.9 },
      { positive: false, score: 0.7 },
      { positive: true, score: 0.5 },
      { positive: false, score: 0.2 },
    ];
    expect(averagePrecision(items)).toBeCloseTo(5 / 6);
  });

  it('gives tied scores no credit for their order', () => {
    // All tied: one threshold reaching recall 1 at precision 2/4 → AP 0.5, whatever the input order.
    const tied = [
      { positive: true, score: 0.5 },
      { positive: true, score: 0.5 },
      { positive: false, score: 0.5 },
      { positive: false, score: 0.5 },
    ];
    expect(averagePrecision(tied)).toBeCloseTo(0.5);
    expect(averagePrecision([...tied].reverse())).toBeCloseTo(0.5);
  });

  it('is 0 with no positive item', () => {
    expect(averagePrecision([{ positive: false, score: 1 }])).toBe(0);
  });
});

describe('unitPrf', () => {
  it('marks a sentence uncertain when it holds a cue, in gold and in the prediction', () => {
    const units = [span(0, 10), span(11, 20), span(21, 30)];
    // gold cues in units 1 and 2; predicted cues in units 2 and 3 → tp 1, fp 1, fn 1
    const r = unitPrf(units, [span(2, 5), span(12, 14)], [span(13, 15), span(25, 27)]);
    expect([r.tp, r.fp, r.fn, r.positives]).toEqual([1, 1, 1, 2]);
  });
});
