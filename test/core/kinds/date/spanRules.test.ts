import { describe, expect, it } from 'vitest';
import { DateDetector } from '../../../../src/core/kinds/date/dateDetector';

const detector = new DateDetector();
// 2018-03-10 is a Saturday.
const REF = '2018-03-10';

/** [text, value, type] of each date expression. */
const dates = (text: string, ref: string | undefined = REF) => detector.detect(text, ref).map((d) => [d.text, d.value, d.timexType]);

describe('durations and sets without a count', () => {
  it('a bare plural unit after a word that takes a span, or with a modifier', () => {
    expect(dates('The talks went on for years.')).toEqual([['years', 'PXY', 'DURATION']]);
    expect(dates('A deal could come within weeks.')).toEqual([['weeks', 'PXW', 'DURATION']]);
    expect(dates('Prices will rise in the coming years.')).toEqual([['the coming years', 'PXY', 'DURATION']]);
    expect(dates('Years of work and weeks of talks.')).toEqual([]);
  });

  it('one unit with "the last", "the next", "past decade"', () => {
    // A year, month or week is the calendar unit before or after the reference day's (the past week mostly this one).
    expect(dates('Sales fell over the last week.')).toEqual([['the last week', '2018-W10', 'DATE']]);
    expect(dates('Over the past year, prices rose.')).toEqual([['the past year', '2017', 'DATE']]);
    expect(dates('Prices will rise in the next month.')).toEqual([['the next month', '2018-04', 'DATE']]);
    // A decade or century is the span.
    expect(dates('Growth will slow in the next decade.')).toEqual([['the next decade', 'P10Y', 'DURATION']]);
    // Without "the", "last week" stays the calendar week.
    expect(dates('Sales fell last week.')).toEqual([['last week', '2018-W09', 'DATE']]);
  });

  it('"a month" after a preposition, "annually", "every morning"', () => {
    expect(dates('The phone sold out in a month.')).toEqual([['a month', 'P1M', 'DURATION']]);
    expect(dates('The fee is paid annually.')).toEqual([['annually', 'P1Y', 'SET']]);
    expect(dates('He runs every morning.')).toEqual([['every morning', 'TMO', 'SET']]);
    expect(dates('It could take as long as a month.')).toEqual([['a month', 'P1M', 'DURATION']]);
    expect(dates('They sold fifty thousand CDs a year.')).toEqual([['a year', 'P1Y', 'SET']]);
    // Without a count or a preposition, "a month" is neither.
    expect(dates('A month of talks ended.')).toEqual([]);
  });
});

describe('spans keep their modifiers', () => {
  it('bounds on a count stay in the span', () => {
    expect(dates('It took almost seven years.')).toEqual([['almost seven years', 'P7Y', 'DURATION']]);
    expect(dates('The outage lasted at least 72 hours.')).toEqual([['at least 72 hours', 'PT72H', 'DURATION']]);
    expect(dates('It happened more than four decades ago.').map((d) => d[0])).toEqual(['more than four decades ago']);
    // A half is written in the next smaller unit.
    expect(dates('The trip took 2 1/2 years.')).toEqual([['2 1/2 years', 'P2Y6M', 'DURATION']]);
    expect(dates('The visit lasted 5 1/2 hours.')).toEqual([['5 1/2 hours', 'PT5H30M', 'DURATION']]);
  });

  it('"late last July" is one expression', () => {
    expect(dates('The phone launched late last July.').map((d) => d[0])).toEqual(['late last July']);
  });
});

describe('"May" as a month', () => {
  it('after a word that takes a time, before a year, after "last", after another month', () => {
    expect(dates('Sales rose in May.')).toEqual([['May', '2017-05', 'DATE']]);
    expect(dates('Sales have risen since early May.').map((d) => d[0])).toEqual(['May']);
    expect(dates('It launched in May 2016.')).toEqual([['May 2016', '2016-05', 'DATE']]);
    expect(dates('It launched last May.')).toEqual([['last May', '2017-05', 'DATE']]);
    expect(dates('Between April and May, sales fell.').map((d) => d[0])).toEqual(['April', 'May']);
  });

  it('not the modal, not the name', () => {
    expect(dates('Prices May rise. You may check the list.')).toEqual([]);
    expect(dates('Theresa May said the talks went well.')).toEqual([]);
    expect(dates('May said the talks went well.')).toEqual([]);
  });
});

describe('year ranges and centuries', () => {
  it('each end of a range is a year', () => {
    expect(dates('The 2009-2010 season.')).toEqual([['2009', '2009', 'DATE'], ['2010', '2010', 'DATE']]);
    expect(dates('The 1957-58 season.')).toEqual([['1957', '1957', 'DATE'], ['58', '1958', 'DATE']]);
    expect(dates('The 1999-03 line.').map((d) => d[0])).toEqual([]);
  });

  it('a century is named by its first two digits', () => {
    expect(dates('A relic of the 20th century.')).toEqual([['the 20th century', '19', 'DATE']]);
    expect(dates('In the nineteenth century.')).toEqual([['the nineteenth century', '18', 'DATE']]);
  });
});

describe('expressions anchored to another date of the text', () => {
  it('take the date before them, shifted', () => {
    expect(dates('The deal was signed on March 3, 2015. The next day, shares rose.')).toEqual([
      ['March 3, 2015', '2015-03-03', 'DATE'],
      ['The next day', '2015-03-04', 'DATE'],
    ]);
    expect(dates('It opened in 2009 and closed the following year.')).toEqual([
      ['2009', '2009', 'DATE'],
      ['the following year', '2010', 'DATE'],
    ]);
  });

  it('stay unresolved without one, or with one too coarse', () => {
    expect(dates('That same day, shares rose.')).toEqual([['That same day', null, 'DATE']]);
    expect(dates('It opened in 2009; that day shares rose.')).toEqual([['2009', '2009', 'DATE'], ['that day', null, 'DATE']]);
  });

  it('"at the time" is the past; "this fiscal year" this year', () => {
    expect(dates('At the time, it was legal.')).toEqual([['the time', 'PAST_REF', 'DATE']]);
    expect(dates('At the time of the deal, it was legal.')).toEqual([]);
    expect(dates('Profit will rise this fiscal year.')).toEqual([['this fiscal year', '2018', 'DATE']]);
  });
});

describe('in an analysed source', () => {
  it('an anchored expression leans on a date of an earlier sentence of its paragraph', async () => {
    const { Analyzer } = await import('../../../../src/core/analyzer');
    const found = new Analyzer().analyze('The deal was signed on March 3, 2015. The next day, shares rose.').findings.filter((f) => f.kind === 'date');
    expect(found.map((f) => [f.text, f.date?.value])).toEqual([
      ['March 3, 2015', '2015-03-03'],
      ['The next day', '2015-03-04'],
    ]);
  });

  it('a sentence-opening "Now," is no date finding', async () => {
    const { Analyzer } = await import('../../../../src/core/analyzer');
    const found = new Analyzer().analyze('Now, rumor has it that prices rose.\n\nPrices are now higher.\n').findings.filter((f) => f.kind === 'date');
    expect(found.map((f) => f.text)).toEqual(['now']);
  });

  it('one at the start of a paragraph leans on the last date of the paragraph before', async () => {
    const { Analyzer } = await import('../../../../src/core/analyzer');
    const found = new Analyzer().analyze('The deal was signed on March 3, 2015.\n\nThe following month, shares rose.\n').findings.filter((f) => f.kind === 'date');
    expect(found.map((f) => [f.text, f.date?.value])).toEqual([
      ['March 3, 2015', '2015-03-03'],
      ['The following month', '2015-04'],
    ]);
  });
});

describe('"recent years"', () => {
  it('is a span of unsaid length up to now', () => {
    expect(dates('Kidnappings rose in recent years.')).toEqual([['recent years', 'PXY', 'DURATION']]);
    expect(dates('It has been quiet in recent days.')).toEqual([['recent days', 'PXD', 'DURATION']]);
    // "recently" stays the vague past.
    expect(dates('It was recently extended.')).toEqual([['recently', 'PAST_REF', 'DATE']]);
  });
});

describe('"May" in every position', () => {
  it('the month after a part of a period, before another month, with a possessive period noun, opening a sentence with a month\'s verb', () => {
    expect(dates('Talks end in the first week of May.').map((d) => d[0])).toEqual(['May']);
    expect(dates('May and June were dry.').map((d) => d[0])).toEqual(['May', 'June']);
    expect(dates("May's sales rose 4%.").map((d) => d[0])).toEqual(['May']);
    expect(dates('May saw record sales.').map((d) => d[0])).toEqual(['May']);
    expect(dates('May was the busiest month of the year.').map((d) => d[0])).toEqual(['May']);
  });

  it('not the modal or the name', () => {
    expect(dates('May I ask a question?')).toEqual([]);
    expect(dates('May the best team win.')).toEqual([]);
    expect(dates('May was elected leader.')).toEqual([]);
    expect(dates("Theresa May's election was close.")).toEqual([]);
    expect(dates('The policies of May were popular.')).toEqual([]);
  });
});
