import { describe, expect, it } from 'vitest';
import { humanDateValue } from '../../../../src/core/kinds/date/humanValue';
import type { DateInfo } from '../../../../src/core/model';

const date = (value: string | null, timexType: DateInfo['timexType'] = 'DATE', mod?: string): DateInfo =>
  ({ value, timexType, ...(mod ? { mod } : {}) }) as DateInfo;

describe('humanDateValue: a TIMEX3 value in words, never the raw value', () => {
  it.each([
    ['2018-03-10', 'DATE', undefined, '10 March 2018'],
    ['XXXX-02', 'DATE', undefined, 'February, year unknown'],
    ['XXXX-02-14', 'DATE', undefined, '14 February, year unknown'],
    ['2019-02', 'DATE', undefined, 'February 2019'],
    ['2018-03-10T14:30', 'TIME', undefined, '10 March 2018, 14:30'],
    ['2018-03-10TEV', 'TIME', undefined, '10 March 2018, evening'],
    ['PRESENT_REF', 'DATE', undefined, 'now'],
    ['PAST_REF', 'DATE', undefined, 'in the past'],
    ['2018-Q3', 'DATE', undefined, 'Q3 2018'],
    ['2018-H1', 'DATE', undefined, 'first half of 2018'],
    ['2018-W07', 'DATE', undefined, 'week 7 of 2018'],
    ['2018-W07-WE', 'DATE', undefined, 'the weekend of week 7 of 2018'],
    ['2018-SU', 'DATE', undefined, 'summer 2018'],
    ['2018', 'DATE', 'END', 'end of 2018'],
    ['199', 'DATE', undefined, 'the 1990s'],
    ['20', 'DATE', undefined, 'the 21st century'],
    ['19', 'DATE', undefined, 'the 20th century'],
    ['10', 'DATE', undefined, 'the 11th century'],
    ['P3Y', 'DURATION', undefined, '3 years'],
    ['P1M', 'DURATION', 'APPROX', 'about 1 month'],
    ['PXW', 'DURATION', undefined, 'some weeks'],
    ['PT2H', 'DURATION', undefined, '2 hours'],
    ['P2Y6M', 'DURATION', undefined, '2 years 6 months'],
    ['PT5H30M', 'DURATION', undefined, '5 hours 30 minutes'],
    ['P3DT12H', 'DURATION', undefined, '3 days 12 hours'],
    ['P1Y', 'SET', undefined, 'every year'],
    ['P2W', 'SET', undefined, 'every 2 weeks'],
    ['2018-13', 'DATE', undefined, 'an unusual date value'],
    ['P5X', 'DURATION', undefined, 'an unusual date value'],
  ] as const)('%s (%s, %s) reads "%s"', (value, type, mod, words) => {
    expect(humanDateValue(date(value, type, mod))).toBe(words);
  });

  it('is undefined for an unresolved date', () => {
    expect(humanDateValue(date(null))).toBeUndefined();
    expect(humanDateValue(undefined)).toBeUndefined();
  });

  it('never shows a raw value such as XXXX or _REF', () => {
    for (const value of ['XXXX-XX', 'XXXX', 'FUTURE_REF', 'XXXX-WXX', '2018-XX']) {
      const words = humanDateValue(date(value)) ?? '';
      expect(words).not.toMatch(/XXXX|_REF/);
    }
  });
});
