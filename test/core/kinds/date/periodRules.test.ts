import { describe, expect, it } from 'vitest';
import { DateDetector } from '../../../../src/core/kinds/date/dateDetector';

const detector = new DateDetector();
const found = (text: string, ref?: string) => detector.detect(text, ref).map((d) => ({ text: d.text, value: d.value, type: d.timexType, ...(d.mod ? { mod: d.mod } : {}) }));
const one = (text: string, ref?: string) => {
  const all = found(text, ref);
  expect(all).toHaveLength(1);
  return all[0];
};

describe('fiscal quarters without a year', () => {
  it.each([
    // The latest such quarter that has begun by the reference day.
    ['Profit rose in the third quarter.', '1989-10-27', 'the third quarter', '1989-Q3'],
    ['Profit rose in the fourth quarter.', '1989-10-27', 'the fourth quarter', '1989-Q4'],
    ['Profit rose in the fourth quarter.', '1989-05-02', 'the fourth quarter', '1988-Q4'],
    ['Third-quarter profit rose.', '1989-10-27', 'Third-quarter', '1989-Q3'],
    ['Profit fell in the year-ago third quarter.', '1989-10-27', 'the year-ago third quarter', '1988-Q3'],
  ])('%s (reference %s)', (text, ref, span, value) => {
    expect(one(text, ref)).toEqual({ text: span, value, type: 'DATE' });
  });

  it('"the third-quarter" adjective leaves "the" to its noun', () => {
    expect(one('Analysts read the third-quarter results.', '1989-10-27').text).toBe('third-quarter');
  });

  it('"the quarter" and "the latest period" are the quarter just reported; "year-ago" one year before it', () => {
    expect(one('Sales rose 5% in the quarter.', '1989-10-27').value).toBe('1989-Q3');
    expect(one('Sales rose 5% in the latest period.', '1989-10-27').value).toBe('1989-Q3');
    expect(one('Sales were flat in the year-ago quarter.', '1989-10-27')).toEqual({ text: 'the year-ago quarter', value: '1988-Q3', type: 'DATE' });
    expect(one('Sales rose in the current quarter.', '1989-10-27').value).toBe('1989-Q4');
  });

  it('"the period" alone is not a date', () => {
    expect(found('During the period, prices rose.', '1989-10-27')).toEqual([]);
  });

  it('"this year\'s third quarter"', () => {
    expect(one("Sales will rise in next year's first quarter.", '1989-10-27')).toEqual({ text: "next year's first quarter", value: '1990-Q1', type: 'DATE' });
  });

  it('leaves a quarter unresolved without a reference', () => {
    expect(one('Profit rose in the third quarter.').value).toBeNull();
  });
});

describe('"a year earlier"', () => {
  it('is the same quarter a year before in a sentence about quarterly results', () => {
    expect(one('Quarterly net fell to $5 million from $7 million a year earlier.', '1989-10-27')).toEqual({ text: 'a year earlier', value: '1988-Q3', type: 'DATE' });
  });

  it('is last year elsewhere', () => {
    expect(one('Prices were higher a year earlier.', '1989-10-27').value).toBe('1988');
    expect(one('Year-earlier sales were higher.', '1989-10-27').value).toBe('1988');
  });
});

describe('modified months, units and seasons', () => {
  it.each([
    ['They met last November.', '2000-04-05', 'last November', '1999-11'],
    ['They met last February.', '2000-04-05', 'last February', '2000-02'],
    ['They meet this September.', '2000-04-05', 'this September', '2000-09'],
    ['They meet next March.', '2000-04-05', 'next March', '2001-03'],
    ['It rained last fall.', '1989-10-27', 'last fall', '1988-FA'],
    ['It rained last summer.', '1989-10-27', 'last summer', '1989-SU'],
    ['It rains this summer.', '1998-02-06', 'this summer', '1998-SU'],
  ])('%s (reference %s)', (text, ref, span, value) => {
    expect(one(text, ref)).toEqual({ text: span, value, type: 'DATE' });
  });

  it('"earlier this year" starts the year; "late next month" ends the next month', () => {
    expect(one('Sales fell earlier this year.', '1998-10-26')).toEqual({ text: 'earlier this year', value: '1998', type: 'DATE', mod: 'START' });
    expect(one('It ships late next month.', '1998-10-26')).toEqual({ text: 'late next month', value: '1998-11', type: 'DATE', mod: 'END' });
  });

  it('"the weekend" is the one just past in a past clause, the coming one in a future clause', () => {
    // 1998-08-10 is the Monday of 1998-W33; an ISO week ends with its weekend, so the one just past is W32's.
    expect(one('Talks went on over the weekend.', '1998-08-10')).toEqual({ text: 'the weekend', value: '1998-W32-WE', type: 'DATE' });
    expect(one('Talks will go on over the weekend.', '1998-08-10')).toEqual({ text: 'the weekend', value: '1998-W33-WE', type: 'DATE' });
    // On a Saturday it is this one; "last weekend" is the one before.
    expect(one('Talks went on this weekend.', '1998-08-15').value).toBe('1998-W33-WE');
    expect(one('Talks went on last weekend.', '1998-08-15').value).toBe('1998-W32-WE');
  });

  it('"fiscal 1989" keeps "fiscal" in the span', () => {
    expect(one('Sales in fiscal 1989 rose.')).toEqual({ text: 'fiscal 1989', value: '1989', type: 'DATE' });
  });
});

describe('vague references and frequencies', () => {
  it.each([
    ['Prices are now higher.', 'now', 'PRESENT_REF'],
    ['Prices are right now higher.', 'now', 'PRESENT_REF'],
    ['The firm currently employs 50.', 'currently', 'PRESENT_REF'],
    ['The firm recently hired 50.', 'recently', 'PAST_REF'],
    ['Costs will fall in the future.', 'the future', 'FUTURE_REF'],
    ['It happened in the past.', 'the past', 'PAST_REF'],
  ])('%s', (text, span, value) => {
    expect(one(text)).toEqual({ text: span, value, type: 'DATE' });
  });

  it('"the past" before a count belongs to the duration', () => {
    expect(one('Prices rose over the past two years.')).toMatchObject({ text: 'the past two years', type: 'DURATION', value: 'P2Y' });
  });

  it('frequencies are SETs; "a year" only after a count or an amount', () => {
    expect(one('The paper is published daily.')).toEqual({ text: 'daily', value: 'P1D', type: 'SET' });
    expect(one('Dues are $50 a year.')).toMatchObject({ text: 'a year', value: 'P1Y', type: 'SET' });
    expect(one('He meets them twice a month.')).toMatchObject({ text: 'a month', value: 'P1M', type: 'SET' });
    expect(found('It took a year.').map((d) => d.type)).not.toContain('SET');
  });
});

describe('durations that are ages or fractions', () => {
  it.each(['a 6-year-old boy', 'He is 52 years old.', 'three-quarters of the vote'])('"%s" is not a duration', (text) => {
    expect(found(text).filter((d) => d.type === 'DURATION')).toEqual([]);
  });
});

describe('weekdays and clock times', () => {
  it('a bare weekday is the latest one on or before the reference, or the next one after "will"', () => {
    // 1998-08-07 is a Friday.
    expect(one('The plant closed on Tuesday.', '1998-08-07').value).toBe('1998-08-04');
    expect(one('The plant will close on Tuesday.', '1998-08-07').value).toBe('1998-08-11');
  });

  it('a clock time is a TIME on the reference day, keeping "a.m."', () => {
    expect(one('The blast came at 10:35 a.m. local time.', '1998-08-07')).toEqual({ text: '10:35 a.m.', value: '1998-08-07T10:35', type: 'TIME' });
  });

  it('a part of day is a TIME with its TIMEX3 code', () => {
    expect(one('He spoke on Friday morning.', '1998-08-08')).toEqual({ text: 'Friday morning', value: '1998-08-07TMO', type: 'TIME' });
  });
});

describe('"the 1988 period"', () => {
  it('a year with its quarter is that quarter; with "period" or "quarter" alone the year until a quarter is known', () => {
    expect(one('It took a charge in the 1988 second quarter.', '1989-11-02')).toEqual({ text: 'the 1988 second quarter', value: '1988-Q2', type: 'DATE' });
    expect(one('It lost $195 million in the 1988 period.', '1989-11-02')).toEqual({ text: 'the 1988 period', value: '1988', type: 'DATE' });
    expect(found('The period of 1988 was calm.', '1989-11-02').map((d) => d.text)).toEqual(['1988']);
  });
});

describe('the year-ago quarter named in words', () => {
  it('"the quarter a year ago", "the corresponding period last year", "last year\'s quarter"', () => {
    expect(one('For the quarter a year ago, it earned $16 million.', '1989-10-26')).toEqual({ text: 'the quarter a year ago', value: '1988-Q3', type: 'DATE' });
    expect(one('It earned $1.8 million for the corresponding period last year.', '1989-11-01')).toEqual({ text: 'the corresponding period last year', value: '1988-Q3', type: 'DATE' });
    expect(one("U.K. sales for last year's quarter were $3 million.", '1989-11-01')).toEqual({ text: "last year's quarter", value: '1988-Q3', type: 'DATE' });
    // "the corresponding period" alone names nothing.
    expect(found('Sales in the corresponding period rose.', '1989-11-01')).toEqual([]);
  });
});
