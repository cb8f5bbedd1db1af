import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { figuresDisagree, findFigures } from '../../../src/core/corpus/figures';
import { findRole } from '../../../src/core/corpus/roles';
import { civilOfDay, durationEnd, gapDays, isoOfDay, periodOf, timeFrameOf } from '../../../src/core/corpus/timeFrame';
import { contentTerms, figureTerm } from '../../../src/core/corpus/claimTerms';
import { forwardCue } from '../../../src/core/corpus/digest';
import { mayConflict } from '../../../src/core/corpus/conflicts';
import type { ClaimDigest, DateValueDigest } from '../../../src/core/corpus/types';

const role = (text: string, name: string) => {
  const at = text.indexOf(name);
  const r = findRole(text, at, at + name.length);
  return r && { titles: r.titles, org: r.org?.text, phrase: text.slice(r.start, r.end) };
};

describe('roles', () => {
  it('reads titles before the name and in an apposition after it', () => {
    expect(role("cites Xiaomi's Chairman Lei Jun, who said", 'Lei Jun')).toEqual({ titles: ['chairman'], org: 'Xiaomi', phrase: "Xiaomi's Chairman Lei Jun" });
    expect(role('according to CEO Lei Jun', 'Lei Jun')).toEqual({ titles: ['ceo'], org: undefined, phrase: 'CEO Lei Jun' });
    expect(role("Tim Cook, Apple's chief executive officer, spoke", 'Tim Cook')).toEqual({ titles: ['ceo'], org: 'Apple', phrase: "Tim Cook, Apple's chief executive officer" });
    expect(role('Lei Jun, the founder and chairman of Xiaomi, said', 'Lei Jun')).toEqual({ titles: ['chairman', 'founder'], org: 'Xiaomi', phrase: 'Lei Jun, the founder and chairman of Xiaomi' });
    expect(role('Lei Jun talks to reporters', 'Lei Jun')).toBeUndefined();
    expect(role('The chairmanship went to Lei Jun', 'Lei Jun')).toBeUndefined();
  });

  it('reads a title and its organisation within the line of the name, never from the line or paragraph before', () => {
    expect(role('Memo\n\nXiaomi CFO Lei Jun said', 'Lei Jun')).toEqual({ titles: ['cfo'], org: 'Xiaomi', phrase: 'Xiaomi CFO Lei Jun' });
    expect(role('Memo\r\nXiaomi CFO Lei Jun said', 'Lei Jun')).toEqual({ titles: ['cfo'], org: 'Xiaomi', phrase: 'Xiaomi CFO Lei Jun' });
    expect(role('He met Apple.\n\nCFO Lei Jun said', 'Lei Jun')).toEqual({ titles: ['cfo'], org: undefined, phrase: 'CFO Lei Jun' });
    expect(role('Board: chairman\nLei Jun said', 'Lei Jun')).toBeUndefined();
    expect(role('Lei Jun\n, the chairman of Xiaomi', 'Lei Jun')).toBeUndefined();
    expect(role('Lei Jun, the chairman of\nXiaomi, said', 'Lei Jun')).toEqual({ titles: ['chairman'], org: undefined, phrase: 'Lei Jun, the chairman' });
  });
});

describe('time frames', () => {
  it('turns TIMEX values and modifiers into periods', () => {
    const p = (v: string, mod?: string) => {
      const x = periodOf(v, mod)!;
      return [isoOfDay(x.from), isoOfDay(x.to)];
    };
    expect(p('2018')).toEqual(['2018-01-01', '2018-12-31']);
    expect(p('2018', 'END')).toEqual(['2018-09-01', '2018-12-31']);
    expect(p('2019', 'START')).toEqual(['2019-01-01', '2019-04-30']);
    expect(p('2018-02')).toEqual(['2018-02-01', '2018-02-28']);
    expect(p('2018-Q4')).toEqual(['2018-10-01', '2018-12-31']);
    expect(p('2018-W09')).toEqual(['2018-02-26', '2018-03-04']);
    expect(p('199')).toEqual(['1990-01-01', '1999-12-31']);
    expect(periodOf('PRESENT_REF')).toBeUndefined();
    expect(isoOfDay(durationEnd('P2Y', '2018-03-10')!.to)).toBe('2020-03-10');
    expect(gapDays(periodOf('2018', 'END')!, periodOf('2019', 'START')!)).toBe(0);
  });

  it('says what a time frame compares: the days its dates name, or the day a duration runs out by and where it was counted from', () => {
    const span = { start: 0, end: 1 };
    const date = (value: string, text: string, mod?: 'START' | 'END') => ({ value, timexType: 'DATE' as const, text, ...span, ...(mod ? { mod } : {}) });
    const label = (...dates: DateValueDigest[]) => timeFrameOf(dates, '2018-03-10')?.label;
    expect(label(date('2018', 'end 2018', 'END'), date('2019', 'early 2019', 'START'))).toBe('2018-09-01 … 2019-04-30');
    expect(label(date('2018-12-31', 'December 31'))).toBe('2018-12-31');
    expect(label({ value: 'P2Y', timexType: 'DURATION', text: 'two years', forward: true, throughout: true, ...span })).toBe('by 2020-03-10, counted from 2018-03-10');
    expect(label({ value: 'P2Y', timexType: 'DURATION', text: 'two years', forward: true, throughout: true, referenceDate: '2017-01-05', ...span })).toBe('by 2019-01-05, counted from 2017-01-05');
    // "in two years": about the day it runs out.
    expect(label({ value: 'P2Y', timexType: 'DURATION', text: 'two years', forward: true, ...span })).toBe('around 2020-03-10, counted from 2018-03-10');
    // Not counted forward ("in the past two years"): no time frame.
    expect(label({ value: 'P2Y', timexType: 'DURATION', text: 'two years', ...span })).toBeUndefined();
  });

  it('names the day of a day number as Date#toISOString does, without making a Date', () => {
    const viaDate = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);
    // Years 0–9999 by arithmetic; the leap days and century rules at their edges; beyond, through Date.
    for (const iso of ['0000-01-01', '0000-02-29', '1600-02-29', '1900-02-28', '1900-03-01', '1969-12-31', '1970-01-01', '2000-02-29', '2100-03-01', '9999-12-31']) {
      const n = Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
      expect(isoOfDay(n)).toBe(iso);
      expect(civilOfDay(n)).toEqual({ year: +iso.slice(0, 4), month: +iso.slice(5, 7), day: +iso.slice(8) });
    }
    fc.assert(fc.property(fc.integer({ min: -800_000, max: 3_200_000 }), (n) => isoOfDay(n) === viaDate(n)), { numRuns: 5_000 });
  });

  it('reads a claim\'s time frame once per list of dates and reference date', () => {
    const dates: DateValueDigest[] = [{ value: 'P2Y', timexType: 'DURATION', text: 'two years', forward: true, start: 0, end: 9 }];
    const first = timeFrameOf(dates, '2018-03-10');
    expect(timeFrameOf(dates, '2018-03-10')).toBe(first);
    // Another reference date is another frame, not the one held.
    expect(timeFrameOf(dates, '2019-03-10')?.label).toBe('around 2021-03-10, counted from 2019-03-10');
    expect(timeFrameOf(dates, undefined)).toBeUndefined();
    expect(timeFrameOf([...dates], '2018-03-10')).toEqual(first);
  });

  it('gives no day for a duration past what a calendar date can hold, so nothing that names it throws', () => {
    expect(durationEnd('P999999Y', '2018-03-10')).toBeUndefined();
    expect(durationEnd('P99999999999D', '2018-03-10')).toBeUndefined();
    expect(timeFrameOf([{ value: 'P999999Y', timexType: 'DURATION', text: 'a million years', forward: true, start: 0, end: 15 }], '2018-03-10')).toBeUndefined();
  });

  it('counts a duration forward from the source\'s date only when the words say so, and says whether it covers the days until then', () => {
    const forward = (sentence: string) => forwardCue(sentence, sentence.indexOf('two years'));
    expect(forward('Xiaomi will enter the US within two years.')).toBe('throughout');
    expect(forward('Xiaomi will enter the US in the next two years.')).toBe('throughout');
    expect(forward('Xiaomi will open 100 stores over the next two years.')).toBe('throughout');
    expect(forward('Xiaomi will enter the US in two years.')).toBe('at-end');
    expect(forward('Xiaomi has said it will enter the US in two years.')).toBe('at-end');
    expect(forward('Sales fell, the first time growth has slowed in two years.')).toBeUndefined();
    expect(forward('Sales hit their highest level in two years.')).toBeUndefined();
    expect(forward('Prices have not risen in two years.')).toBeUndefined();
    expect(forward('For the first time in two years, sales fell.')).toBeUndefined();
    expect(forward('Sales fell over the past two years.')).toBeUndefined();
    expect(forward('Sales fell two years ago.')).toBeUndefined();
  });

  it('sets a time frame inside another apart by nothing, and one outside by the days between', () => {
    const span = { start: 0, end: 1 };
    const frame = (...dates: DateValueDigest[]) => timeFrameOf(dates, '2018-03-10')!.deadline;
    const year = (value: string, mod?: 'START' | 'END') => ({ value, timexType: 'DATE' as const, text: value, ...span, ...(mod ? { mod } : {}) });
    const within = { value: 'P2Y', timexType: 'DURATION' as const, text: 'two years', forward: true, throughout: true, ...span };
    const inTwo = { value: 'P2Y', timexType: 'DURATION' as const, text: 'two years', forward: true, ...span };
    // "by end 2018 or early 2019" is "within two years": no gap.
    expect(gapDays(frame(year('2018', 'END'), year('2019', 'START')), frame(within))).toBe(0);
    expect(gapDays(frame(year('2018', 'END')), frame(within))).toBe(0);
    // "in two years" is about 2020-03-10: early 2019 runs out 314 days before.
    expect(gapDays(frame(year('2018', 'END'), year('2019', 'START')), frame(inTwo))).toBe(314);
    expect(gapDays(frame(year('2021')), frame(within))).toBe(296);
  });
});

describe('figures', () => {
  it('reads numbers with what they count, skipping years and names', () => {
    const f = findFigures('The system has more than 300 million users in 2017; Mi7 sells for $500 and 4.9 per cent rose.');
    expect(f.map((x) => [x.text, x.value, x.unit, x.qualifier])).toEqual([
      ['300 million', 300e6, 'user', 'more than'],
      ['$500', 500, '$', undefined],
      ['4.9 per cent', 4.9, 'percent', undefined],
    ]);
    expect(figuresDisagree({ value: 300e6 }, { value: 200e6 })).toBe(true);
    expect(figuresDisagree({ value: 300e6, qualifier: 'more than' }, { value: 350e6 })).toBe(false);
    expect(figuresDisagree({ value: 100 }, { value: 102 })).toBe(false);
  });
});

describe('claims that may conflict', () => {
  const claim = (c: Partial<ClaimDigest>): ClaimDigest => ({
    findingId: 'c', start: 0, end: 1, text: 'x', region: 'body',
    hedged: false, future: false, terms: [], entities: [], dates: [], figures: [], ...c,
  });
  const date = { value: '2018', timexType: 'DATE' as const, text: '2018', start: 0, end: 1 };
  const figure = { value: 300, unit: 'user', text: '300 million', start: 0, end: 1 };
  it('only with a figure, or a date in a claim about the future', () => {
    expect(mayConflict(claim({ figures: [figure] }))).toBe(true);
    expect(mayConflict(claim({ future: true, dates: [date] }))).toBe(true);
    expect(mayConflict(claim({ future: true }))).toBe(false);
    expect(mayConflict(claim({ dates: [date] }))).toBe(false);
    expect(mayConflict(claim({ terms: ['~entry'], entities: ['xiaomi'] }))).toBe(false);
  });
});

describe('claim terms', () => {
  it('folds synonymous predicates and drops reporting words', () => {
    expect(contentTerms('Xiaomi says it plans to enter the market')).toEqual(['xiaomi', '~plan', '~entry', 'market']);
    expect(contentTerms('will introduce smartphones')).toEqual(contentTerms('to launch phones'));
  });

  it('folds paraphrases of commerce and disaster news into one class', () => {
    const same = (a: string, b: string) => expect(contentTerms(a).sort()).toEqual(contentTerms(b).sort());
    same('will cut 1,500 jobs', 'would eliminate 1,500 positions');
    same('ordered jets', 'buy aircraft');
    same('two people died', 'killed two people');
    // "rise" and "fall", "revenue" and "profit" stay apart.
    expect(contentTerms('revenue rose')).not.toEqual(contentTerms('profit fell'));
    expect(contentTerms('in order to succeed')).not.toContain('~buy');
    expect(contentTerms('the order to buy')).toEqual(['~buy']);
  });

  it('reads figures among the words: numbers, number words, fractions, "up 3 percent"', () => {
    expect(figureTerm(65_000, false)).toBe('=65000');
    expect(figureTerm(64_712, false)).toBe('=65000'); // two significant digits
    expect(figureTerm(12, true)).toBe('=12%');
    expect(contentTerms('forty aircraft')).toEqual(['=40', '~plane']);
    expect(contentTerms('some 2 million subscribers')).toEqual(['=2000000', '~customer']);
    expect(contentTerms('damage of a quarter of a billion euros')).toEqual(['=250000000', 'damag']);
    expect(contentTerms('cut fuel costs by a fifth')).toEqual(['=20%', '~cut', 'fuel', '~cost']);
    expect(contentTerms('the stock, up 3 percent')).toEqual(['=3%', '~share', '~rise']);
    expect(contentTerms('floods forced 3,000 from their homes')).toContain('~evacuate');
  });
});
