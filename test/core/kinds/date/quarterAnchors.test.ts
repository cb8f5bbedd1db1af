import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../../../src/core/analyzer';
import type { DateHit } from '../../../../src/core/kinds/date/dateRule';
import { anchorQuarters } from '../../../../src/core/kinds/date/quarterAnchors';

const hit = (rule: string, value: string | null): DateHit => ({ start: 0, end: 1, value, timexType: 'DATE', relative: true, rule });

describe('anchorQuarters', () => {
  it('"a year earlier" after a quarter is that quarter a year before; "the 1988 period" that quarter in 1988', () => {
    const out = anchorQuarters([hit('ordinal-quarter', '1989-Q3'), hit('year-earlier', '1988'), hit('year-period', '1988')]);
    expect(out.map((h) => h.value)).toEqual(['1989-Q3', '1988-Q3', '1988-Q3']);
  });

  it('the latest quarter named counts, not a year-ago one', () => {
    const out = anchorQuarters([hit('the-quarter', '1989-Q2'), hit('ordinal-quarter', '1989-Q3'), hit('the-quarter', '1988-Q3'), hit('year-earlier', '1988')]);
    expect(out[3].value).toBe('1988-Q3');
  });

  it('without a quarter before them, and for other rules, values stay', () => {
    expect(anchorQuarters([hit('year-earlier', '1988'), hit('ordinal-quarter', '1989-Q3')])[0].value).toBe('1988');
    expect(anchorQuarters([hit('ordinal-quarter', '1989-Q3'), hit('relative-unit', '1988'), hit('year', '1987')]).map((h) => h.value)).toEqual(['1989-Q3', '1988', '1987']);
  });
});

describe('in an analysed source', () => {
  it('"a year earlier" in a later paragraph of a results report', () => {
    const text = 'Acme said third-quarter profit rose 5%.\n\nSales were $10 million, up from $8 million a year earlier.\n';
    const found = new Analyzer().analyze(text, { referenceDate: '1989-10-27' }).findings.filter((f) => f.kind === 'date');
    expect(found.map((f) => [f.text, f.date?.value])).toEqual([
      ['third-quarter', '1989-Q3'],
      ['a year earlier', '1988-Q3'],
    ]);
  });

  it('without a quarter, "a year ago" is the year before', () => {
    const found = new Analyzer().analyze('The plant opened a year ago.\n', { referenceDate: '1989-10-27' }).findings.filter((f) => f.kind === 'date');
    expect(found.map((f) => [f.text, f.date?.value])).toEqual([['a year ago', '1988']]);
  });
});
