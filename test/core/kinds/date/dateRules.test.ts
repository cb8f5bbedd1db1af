import { describe, expect, it } from 'vitest';
import { DateDetector, type DateDetection } from '../../../../src/core/kinds/date/dateDetector';
import { DATE_RULES } from '../../../../src/core/kinds/date/dateRules';
import { addDays, isoWeek, parseIsoDay, quarterOf, shiftMonth, shiftUnit } from '../../../../src/core/kinds/date/timex';

const detector = new DateDetector();

/** The date expressions of `text`, reduced to what a reviewer reads in a hover. */
function dates(text: string, referenceDate?: string) {
  return detector.detect(text, referenceDate).map((d) => pick(d));
}

function pick(d: DateDetection) {
  return { text: d.text, value: d.value, timexType: d.timexType, ...(d.mod ? { mod: d.mod } : {}), rule: d.rule };
}

/** The single date expression of `text`; fails when there is not exactly one. */
function only(text: string, referenceDate?: string) {
  const found = detector.detect(text, referenceDate);
  expect(found.map((d) => d.text)).toHaveLength(1);
  const d = found[0];
  expect(text.slice(d.start, d.end)).toBe(d.text);
  return d;
}

// 2018-03-10 is a Saturday in ISO week 2018-W10.
const REF = '2018-03-10';

describe('DATE_RULES', () => {
  it('has one rule per family, in the order they are tried', () => {
    expect(DATE_RULES.map((r) => r.name)).toEqual([
      'ordinal-quarter', 'the-quarter', 'year-possessive-quarter', 'year-earlier', 'year-period', 'fiscal-year', 'modified-relative-unit',
      'modified-month', 'modified-season', 'weekend',
      'iso-date', 'period-modifier-year', 'year-possessive-modifier', 'quarter-year', 'season-year', 'month-year', 'decade',
      'ago', 'relative-unit', 'duration', 'month-alone', 'year',
      'bare-units', 'the-last-unit', 'century', 'year-range-start', 'year-range-end', 'may', 'anchored', 'at-the-time',
      'holiday', 'spelled-year', 'period-end', 'month-relative-year', 'the-fiscal-year', 'recurring-day', 'the-season',
      'reference-word', 'frequency',
    ]);
  });
});

describe('absolute full dates (calendar path)', () => {
  it('reads "Nov 09, 2015" as 2015-11-09', () => {
    const d = only('The phone launched on Nov 09, 2015 in Beijing.');
    expect(pick(d)).toEqual({ text: 'Nov 09, 2015', value: '2015-11-09', timexType: 'DATE', rule: 'calendar' });
    expect(d.relative).toBe(false);
    expect(d.start).toBe(22);
  });

  it('reads day-first "3 March 2018" and drops the leading "on"', () => {
    expect(pick(only('It was released on 3 March 2018.'))).toMatchObject({ text: '3 March 2018', value: '2018-03-03' });
  });

  it('reads other common day formats', () => {
    expect(only('Sept 5, 2017 was the day.').value).toBe('2017-09-05');
    expect(pick(only('It happened on the 5th of March 2017.'))).toMatchObject({ text: '5th of March 2017', value: '2017-03-05' });
    expect(pick(only('Shipped on 9 Nov 2015.'))).toMatchObject({ text: '9 Nov 2015', value: '2015-11-09' });
  });

  it('does not need a reference date for an absolute day, and ignores one if given', () => {
    expect(only('The phone launched on Nov 09, 2015.', REF).value).toBe('2015-11-09');
  });

  it('finds the date in a comment metadata line', () => {
    expect(pick(only('Posts: 2697; Member since: Nov 09, 2015'))).toMatchObject({ text: 'Nov 09, 2015', value: '2015-11-09' });
  });

  it('fills the year of a day without one from the reference, or leaves it XXXX', () => {
    expect(pick(only('It launched on March 10.', '2018-06-01'))).toMatchObject({ text: 'March 10', value: '2018-03-10' });
    expect(only('It launched on March 10.', '2018-06-01').relative).toBe(true);
    expect(pick(only('It launched on March 10.'))).toMatchObject({ text: 'March 10', value: 'XXXX-03-10' });
  });
});

describe('abbreviated and ambiguous month words', () => {
  it('"Jun" alone is a name, not a date; "Jun 10, 2015" is a date', () => {
    expect(dates('Jun said the phone would come.')).toEqual([]);
    expect(dates('Lei Jun said it.')).toEqual([]);
    expect(pick(only('He joined on Jun 10, 2015.'))).toMatchObject({ text: 'Jun 10, 2015', value: '2015-06-10' });
  });

  it('"May" alone is not a date as a verb; after "in" it is the month (see spanRules.test.ts)', () => {
    expect(dates('May the company succeed.')).toEqual([]);
    expect(dates('It launched in May.').map((d) => d.text)).toEqual(['May']);
    expect(dates('Xiaomi may launch phones there.', REF)).toEqual([]);
  });
});

describe('month-year', () => {
  it('reads "March 2018" and "March, 2018" as 2018-03', () => {
    expect(pick(only('Sales began in March 2018.'))).toEqual({ text: 'March 2018', value: '2018-03', timexType: 'DATE', rule: 'month-year' });
    expect(pick(only('Sales began in March, 2018.'))).toMatchObject({ text: 'March, 2018', value: '2018-03' });
    expect(pick(only('Sales began in December of 2017.'))).toMatchObject({ text: 'December of 2017', value: '2017-12' });
  });
});

describe('month alone', () => {
  it('places a full month name by tense around the reference day, else XXXX', () => {
    expect(pick(only('It will launch in June.', REF))).toEqual({ text: 'June', value: '2018-06', timexType: 'DATE', rule: 'month-alone' });
    expect(only('It launched in June.', REF).value).toBe('2017-06');
    expect(only('It launched in February.', REF).value).toBe('2018-02');
    // No tense: the nearest June / December to March 2018.
    expect(only('Sales in June.', REF).value).toBe('2018-06');
    expect(only('Sales in December.', REF).value).toBe('2017-12');
    expect(only('It launched in June.').value).toBe('XXXX-06');
    expect(only('It launched in June.').relative).toBe(true);
  });

  it('keeps a period modifier on a month', () => {
    expect(pick(only('It launched in early June.'))).toMatchObject({ text: 'early June', value: 'XXXX-06', mod: 'START' });
  });
});

describe('year alone', () => {
  it('reads a bare year', () => {
    expect(pick(only('It was founded in 2010.'))).toEqual({ text: '2010', value: '2010', timexType: 'DATE', rule: 'year' });
    expect(only('It grew in 2018.').end).toBe(15); // the sentence's period is not part of it
  });

  it('reads a year followed by a comma and another number', () => {
    expect(dates('It rose 5% in 2018, to 1,500.')).toEqual([{ text: '2018', value: '2018', timexType: 'DATE', rule: 'year' }]);
  });

  it.each([
    ['a price', 'It costs $2018 now.'],
    ['a percentage', 'Growth was 2018% last time.'],
    ['part of a thousands-separated number', 'The count was 1,2018 units.'],
    ['a dashed phone number', 'Call 555-2018-1234 now.'],
    ['a bracketed phone number', 'Call (555) 2018-123 now.'],
    ['a version number', 'Version 10.2018 shipped.'],
    ['a longer number', 'It sold 120184 units.'],
    ['a number outside 1800–2099', 'It sold 1750 units.'],
  ])('is not %s', (_why, text) => {
    expect(dates(text).filter((d) => d.rule !== 'reference-word')).toEqual([]);
  });
});

describe('period modifiers of a year (vague dates)', () => {
  it.each([
    ['They will enter by end 2018.', 'end 2018', '2018', 'END'],
    ['They will enter by the end of 2018.', 'the end of 2018', '2018', 'END'],
    ['They will enter by early 2019.', 'early 2019', '2019', 'START'],
    ['It happened in mid-2017.', 'mid-2017', '2017', 'MID'],
    ['It happened in late 2017.', 'late 2017', '2017', 'END'],
    ['It starts at the beginning of 2020.', 'the beginning of 2020', '2020', 'START'],
  ])('%s → %s', (text, span, value, mod) => {
    expect(pick(only(text))).toEqual({ text: span, value, timexType: 'DATE', mod, rule: 'period-modifier-year' });
  });

  it('reads the possessive form "2018\'s end" (straight and curly apostrophe)', () => {
    expect(pick(only("They will enter by 2018's end."))).toEqual({ text: "2018's end", value: '2018', timexType: 'DATE', mod: 'END', rule: 'year-possessive-modifier' });
    expect(pick(only('It began at 2019’s beginning.'))).toMatchObject({ text: '2019’s beginning', value: '2019', mod: 'START' });
  });

  it('finds both vague dates of a sentence like a headline', () => {
    expect(dates("Xiaomi plans to enter the US market by 2018's end or by early 2019").map((d) => [d.text, d.value, d.mod])).toEqual([
      ["2018's end", '2018', 'END'],
      ['early 2019', '2019', 'START'],
    ]);
  });
});

describe('quarters', () => {
  it.each([
    ['Revenue in the fourth quarter of 2018 rose.', 'the fourth quarter of 2018', '2018-Q4'],
    ['Revenue in Q4 2018 rose.', 'Q4 2018', '2018-Q4'],
    ['Revenue in the 1st quarter 2017 fell.', 'the 1st quarter 2017', '2017-Q1'],
    ['Revenue in the second quarter, 2016 fell.', 'the second quarter, 2016', '2016-Q2'],
  ])('%s', (text, span, value) => {
    expect(pick(only(text))).toEqual({ text: span, value, timexType: 'DATE', rule: 'quarter-year' });
  });
});

describe('seasons', () => {
  it.each([
    ['It ships in spring 2019.', 'spring 2019', '2019-SP'],
    ['It ships in summer of 2016.', 'summer of 2016', '2016-SU'],
    ['It ships in autumn of 2019.', 'autumn of 2019', '2019-FA'],
    ['It ships in fall 2019.', 'fall 2019', '2019-FA'],
    ['It ships in Winter 2020.', 'Winter 2020', '2020-WI'],
  ])('%s', (text, span, value) => {
    expect(pick(only(text))).toEqual({ text: span, value, timexType: 'DATE', rule: 'season-year' });
  });
});

describe('decades', () => {
  it('reads "the 1990s" as the decade 199', () => {
    expect(pick(only('Back in the 1990s phones were big.'))).toEqual({ text: 'the 1990s', value: '199', timexType: 'DATE', rule: 'decade' });
  });

  it('reads "the 2010s" and an apostrophe form', () => {
    expect(only('Phones shrank in the 2010s.').value).toBe('201');
    expect(pick(only('Back in the 1980’s phones were big.'))).toMatchObject({ text: 'the 1980’s', value: '198' });
  });
});

describe('relative units with a reference date', () => {
  it.each([
    ['Sales rose last week.', REF, 'last week', '2018-W09'],
    ['Sales rose this week.', REF, 'this week', '2018-W10'],
    ['Sales rose this year.', REF, 'this year', '2018'],
    ['Sales rose last year.', '2018-01-15', 'last year', '2017'],
    ['Sales rise next month.', REF, 'next month', '2018-04'],
    ['Sales rose last month.', '2018-01-15', 'last month', '2017-12'],
    ['Sales rose in the last quarter.', REF, 'last quarter', '2017-Q4'],
    ['Sales rise next quarter.', '2018-11-15', 'next quarter', '2019-Q1'],
    // ISO weeks across a year boundary.
    ['Sales rose last week.', '2018-01-03', 'last week', '2017-W52'],
    ['Sales rise next week.', '2018-12-31', 'next week', '2019-W02'],
  ])('%s (reference %s)', (text, ref, span, value) => {
    const d = only(text, ref);
    expect(pick(d)).toEqual({ text: span, value, timexType: 'DATE', rule: 'relative-unit' });
    expect(d.relative).toBe(true);
  });

  it.each([
    ['It launched two years ago.', '2016'],
    ['It launched three years ago.', '2015'],
    ['It launched 2 months ago.', '2018-01'],
    ['It launched 2 weeks ago.', '2018-W08'],
    ['It launched 3 hours ago.', '2018-03-10'],
    ['It launched 20 minutes ago.', '2018-03-10'],
    ['It launched 48 hours ago.', '2018-03-08'],
  ])('"ago": %s', (text, value) => {
    const d = only(text, REF);
    expect(d.rule).toBe('ago');
    expect(d.value).toBe(value);
    expect(d.relative).toBe(true);
  });

  it('"a year ago" is the year before, by the rule that also reads it as a quarter in a results report', () => {
    expect(pick(only('It launched a year ago.', REF))).toEqual({ text: 'a year ago', value: '2017', timexType: 'DATE', rule: 'year-earlier' });
  });

  it('a vague "ago" is the vague past', () => {
    expect(pick(only('It launched many years ago.', REF))).toMatchObject({ text: 'many years ago', value: 'PAST_REF' });
  });

  it('resolves "yesterday" and "tomorrow" against the reference', () => {
    expect(pick(only('It launched yesterday.', REF))).toMatchObject({ text: 'yesterday', value: '2018-03-09' });
    expect(pick(only('It ships tomorrow.', '2018-12-31'))).toMatchObject({ text: 'tomorrow', value: '2019-01-01' });
  });

  it('resolves a weekday to the most recent such day on or before the reference', () => {
    // Saturday reference: the Friday before.
    const friday = only('It launched on Friday.', REF);
    expect(pick(friday)).toMatchObject({ text: 'Friday', value: '2018-03-09', rule: 'calendar' });
    expect(friday.relative).toBe(true);
    // Same day counts.
    expect(only('It launched on Friday.', '2018-03-09').value).toBe('2018-03-09');
    expect(only('It launched on Wednesday.', REF).value).toBe('2018-03-07');
    expect(only('It launched on Monday.', '2018-03-14').value).toBe('2018-03-12');
    expect(pick(only('It launched last Friday.', REF))).toMatchObject({ text: 'last Friday', value: '2018-03-09' });
  });
});

describe('relative expressions without a reference date', () => {
  it.each([
    ['Sales rose last week.', 'last week'],
    ['Sales rose this year.', 'this year'],
    ['Sales rise next month.', 'next month'],
    ['It launched 3 days ago.', '3 days ago'],
    ['It launched on Friday.', 'Friday'],
  ])('%s → value null, relative', (text, span) => {
    const d = only(text);
    expect(d.text).toBe(span);
    expect(d.value).toBeNull();
    expect(d.relative).toBe(true);
  });

  it('an ignored, invalid reference date counts as no reference', () => {
    expect(only('Sales rose last week.', '2018-02-30').value).toBeNull();
  });
});

describe('durations', () => {
  it.each([
    ['It will sell phones within two years.', 'two years', 'P2Y'],
    ['It grew over the past 5 years.', 'the past 5 years', 'P5Y'],
    ['It has tried for many years.', 'many years', 'PXY'],
    ['It waited for several months.', 'several months', 'PXM'],
    ['It took a few weeks.', 'a few weeks', 'PXW'],
    ['It will grow in the next three years.', 'the next three years', 'P3Y'],
    ['It signed a 10-year deal.', '10-year', 'P10Y'],
    ['It has led for over a decade.', 'a decade', 'P10Y'],
    ['It has led for two decades.', 'two decades', 'P20Y'],
    ['It is done in 2 hours.', '2 hours', 'PT2H'],
    ['It is done in 30 minutes.', '30 minutes', 'PT30M'],
    ['I waited for a day.', 'a day', 'P1D'],
  ])('%s → %s = %s', (text, span, value) => {
    expect(pick(only(text))).toEqual({ text: span, value, timexType: 'DURATION', rule: 'duration' });
  });

  it('"a day one buy" is not a date', () => {
    expect(dates('If they sell it here, it will be a day one buy for me.')).toEqual([]);
  });

  it('"a year" needs a preposition to be a duration', () => {
    expect(dates('It was a year to remember.')).toEqual([]);
  });
});

describe('overlaps', () => {
  it('prefers the longest expression where rules overlap', () => {
    // "the fourth quarter of 2018" also contains the year 2018 and "fourth quarter".
    expect(dates('Revenue in the fourth quarter of 2018 rose.').map((d) => d.text)).toEqual(['the fourth quarter of 2018']);
    // "March 2018" is not also a month and a year.
    expect(dates('Sales began in March 2018.').map((d) => d.text)).toEqual(['March 2018']);
  });

  it('returns hits in text order with exact offsets', () => {
    const text = 'In 2017 sales fell; by end 2018 they rose, and on Nov 09, 2015 it began.';
    const found = detector.detect(text, undefined);
    expect(found.map((d) => d.text)).toEqual(['2017', 'end 2018', 'Nov 09, 2015']);
    for (const d of found) expect(text.slice(d.start, d.end)).toBe(d.text);
  });

  it('finds nothing in text without any date', () => {
    expect(dates('Xiaomi sells phones and speakers.')).toEqual([]);
    expect(dates('')).toEqual([]);
  });
});

describe('timex helpers', () => {
  it.each([
    [[2018, 3, 10], '2018-W10'],
    [[2018, 12, 31], '2019-W01'],
    [[2019, 1, 1], '2019-W01'],
    [[2016, 1, 1], '2015-W53'],
    [[2015, 12, 31], '2015-W53'],
    [[2021, 1, 3], '2020-W53'],
    [[2010, 1, 3], '2009-W53'],
    [[2026, 1, 1], '2026-W01'],
  ] as const)('isoWeek(%j) = %s', ([year, month, day], week) => {
    expect(isoWeek({ year, month, day })).toBe(week);
  });

  it('shiftMonth crosses year boundaries both ways', () => {
    expect(shiftMonth(2018, 1, -1)).toEqual({ year: 2017, month: 12 });
    expect(shiftMonth(2018, 12, 1)).toEqual({ year: 2019, month: 1 });
    expect(shiftMonth(2018, 3, -15)).toEqual({ year: 2016, month: 12 });
    expect(shiftMonth(2018, 11, 14)).toEqual({ year: 2020, month: 1 });
    expect(shiftMonth(2018, 3, 0)).toEqual({ year: 2018, month: 3 });
  });

  it('parseIsoDay accepts real days only', () => {
    expect(parseIsoDay('2018-02-28')).toEqual({ year: 2018, month: 2, day: 28 });
    expect(parseIsoDay('2016-02-29')).toEqual({ year: 2016, month: 2, day: 29 });
    expect(parseIsoDay('2018-02-30')).toBeUndefined();
    expect(parseIsoDay('2017-02-29')).toBeUndefined();
    expect(parseIsoDay('2018-13-01')).toBeUndefined();
    expect(parseIsoDay('2018-00-10')).toBeUndefined();
    expect(parseIsoDay('2018-3-1')).toBeUndefined();
    expect(parseIsoDay('')).toBeUndefined();
    expect(parseIsoDay(undefined)).toBeUndefined();
  });

  it('addDays and quarterOf', () => {
    expect(addDays({ year: 2018, month: 12, day: 31 }, 1)).toEqual({ year: 2019, month: 1, day: 1 });
    expect(addDays({ year: 2018, month: 3, day: 1 }, -1)).toEqual({ year: 2018, month: 2, day: 28 });
    expect([1, 3, 4, 6, 7, 12].map(quarterOf)).toEqual([1, 1, 2, 2, 3, 4]);
  });

  it('shiftUnit moves the unit holding the reference day, across year ends', () => {
    const jan = { year: 2018, month: 1, day: 3 };
    expect(['Y', 'Q', 'M', 'W', 'D', 'DE', 'CE'].map((code) => shiftUnit(code, -1, jan))).toEqual([
      '2017', '2017-Q4', '2017-12', '2017-W52', '2018-01-02', '2008', '1918',
    ]);
    expect(shiftUnit('Q', -5, { year: 2018, month: 3, day: 10 })).toBe('2016-Q4');
    expect(shiftUnit('W', 1, { year: 2018, month: 12, day: 28 })).toBe('2019-W01');
  });
});

describe('words that look like dates and are not', () => {
  it('"Now," opening a sentence is a discourse marker (hidden from the findings); "now" elsewhere the present', () => {
    expect(new DateDetector().detect('Now, he says, it looks different.', REF).map((d) => d.hidden)).toEqual([true]);
    expect(new DateDetector().detect('Now the mission is less clear.', REF).map((d) => d.value)).toEqual(['PRESENT_REF']);
  });

  it('a newspaper called a daily, a march named after a month, a quarter-to-quarter comparison', () => {
    expect(new DateDetector().detect('It was in the Communist Party daily Granma.', REF)).toEqual([]);
    expect(new DateDetector().detect('They marched at the annual March for Life.', REF)).toEqual([]);
    expect(new DateDetector().detect('The quarter-to-quarter comparison improved.', REF)).toEqual([]);
    // The frequency and the month stay.
    expect(new DateDetector().detect('Qantas plans daily flights.', REF).map((d) => d.value)).toEqual(['P1D']);
    expect(new DateDetector().detect('The march was held in March.', REF).map((d) => d.text)).toEqual(['March']);
  });

  it('"one day" after a modal or a subject is the vague future; after "in" or with "later" a day\'s span', () => {
    expect(new DateDetector().detect('Islam will one day be the second religion.', REF).map((d) => [d.text, d.value])).toEqual([['one day', 'FUTURE_REF']]);
    expect(new DateDetector().detect('It was built in one day.', REF).map((d) => [d.text, d.value])).toEqual([['one day', 'P1D']]);
    expect(new DateDetector().detect('He had been in the job one day.', REF).map((d) => d.value)).toEqual(['P1D']);
  });

  it('"a couple of years" is two', () => {
    expect(new DateDetector().detect('It will not change for a couple of years.', REF).map((d) => [d.text, d.value])).toEqual([['a couple of years', 'P2Y']]);
  });

  it('"were planning to" puts a weekday ahead', () => {
    // 2000-01-07 is a Friday.
    expect(new DateDetector().detect('They were planning to drive around the airport on Monday.', '2000-01-07').map((d) => d.value)).toEqual(['2000-01-10']);
  });
});
