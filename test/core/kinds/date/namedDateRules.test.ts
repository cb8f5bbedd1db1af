import { describe, expect, it } from 'vitest';
import { DateDetector } from '../../../../src/core/kinds/date/dateDetector';

const detector = new DateDetector();
/** [text, value, type] of each date expression. */
const dates = (text: string, ref: string | undefined = '1999-02-10') => detector.detect(text, ref).map((d) => [d.text, d.value, d.timexType]);

describe('holidays', () => {
  it('the day of the holiday in the year the clause points to', () => {
    // Thanksgiving is the fourth Thursday of November.
    expect(dates('The boy was found on Thanksgiving Day clinging to an inner tube.', '2000-01-07')).toEqual([['Thanksgiving Day', '1999-11-25', 'DATE']]);
    expect(dates('He was rescued last Thanksgiving.', '2000-01-07')).toEqual([['last Thanksgiving', '1999-11-25', 'DATE']]);
    // Election Day is the Tuesday after the first Monday of November.
    expect(dates('We will campaign from now to Election Day.', '1998-10-26').find((d) => d[0] === 'Election Day')).toEqual(['Election Day', '1998-11-03', 'DATE']);
    expect(dates('Shops close on Christmas Eve.', '1998-10-26')).toEqual([['Christmas Eve', '1998-12-24', 'DATE']]);
    expect(dates('Memorial Day was quiet.', '1998-10-26')).toEqual([['Memorial Day', '1998-05-25', 'DATE']]);
  });

  it('not a thing named after it, not the lower-case word', () => {
    expect(dates('Christmas shopping began early.')).toEqual([]);
    expect(dates('They gave thanksgiving for the rain.')).toEqual([]);
  });
});

describe('years spelled out', () => {
  it('"nineteen ninety-six", "the year two thousand", with a month or season', () => {
    expect(dates('Atlanta, nineteen ninety-six.')).toEqual([['nineteen ninety-six', '1996', 'DATE']]);
    expect(dates('The promise to halve it by the year two thousand was dropped.')).toEqual([['the year two thousand', '2000', 'DATE']]);
    expect(dates('January nineteen ninety-seven. Atlanta again.')).toEqual([['January nineteen ninety-seven', '1997-01', 'DATE']]);
    expect(dates('Prices last seen in the winter of nineteen ninety-four.')).toEqual([['the winter of nineteen ninety-four', '1994-WI', 'DATE']]);
  });

  it('a count is not a year', () => {
    expect(dates('It cost nineteen fifty dollars.')).toEqual([]);
    expect(dates('Two thousand people came.')).toEqual([]);
  });
});

describe('the end of a period', () => {
  it('keeps its modifier', () => {
    expect(detector.detect('Troops arrive by the end of the month.', '1990-08-13').map((d) => [d.text, d.value, d.mod])).toEqual([['the end of the month', '1990-08', 'END']]);
    expect(detector.detect('The deal closes by year-end.', '1989-11-02').map((d) => [d.text, d.value, d.mod])).toEqual([['year-end', '1989', 'END']]);
    expect(detector.detect('The index is up 5% since year-end.', '1989-10-30').map((d) => [d.text, d.value])).toEqual([['year-end', '1988']]);
    expect(detector.detect('It should be in place by the beginning of next year.', '1989-10-30').map((d) => [d.text, d.value, d.mod])).toEqual([['the beginning of next year', '1990', 'START']]);
  });

  it('"year-end results" is an adjective, not a date', () => {
    expect(dates('The year-end results were weak.')).toEqual([]);
  });
});

describe('a month with its year named relatively', () => {
  it('"June last year", "early October this year"', () => {
    expect(dates('In June last year, the leaders split.', '1998-02-19')).toEqual([['June last year', '1997-06', 'DATE']]);
    expect(detector.detect('It moved in early October this year.', '1998-12-03').map((d) => [d.text, d.value, d.mod])).toEqual([['early October this year', '1998-10', 'START']]);
  });
});

describe('the year of a results report', () => {
  it('"for the year" is the reference year; "the year ended March 31" a twelve-month span', () => {
    expect(dates('Sales for the full year were $6.6 billion.', '1989-10-26')).toEqual([['the full year', '1989', 'DATE']]);
    expect(dates('Revenue was $76 million for the year ended March 31.', '1989-11-01')[0]).toEqual(['the year', 'P1Y', 'DURATION']);
  });

  it('a clause after it ("the year he was born") leaves it out', () => {
    expect(dates('In the year he was born, war broke out.', '1989-10-26')).toEqual([]);
  });
});

describe('a season alone', () => {
  it('"over the summer" is the latest summer in a past clause, the next in a future one', () => {
    expect(dates('Over the summer, competitors cut prices.', '1989-10-26')).toEqual([['the summer', '1989-SU', 'DATE']]);
    expect(dates('Demand was weak well into the summer.', '1989-10-26')).toEqual([['the summer', '1989-SU', 'DATE']]);
    expect(dates('The plant will reopen in the spring.', '1989-10-26')).toEqual([['the spring', '1990-SP', 'DATE']]);
  });

  it('"the fall of" a wall is no season', () => {
    expect(dates('Since the fall of the wall, trade grew.')).toEqual([]);
  });
});

describe('recurring days', () => {
  it('"each Thursday", "every July", "every quarter" are sets', () => {
    expect(dates('A third flight departs each Thursday.')).toEqual([['each Thursday', 'XXXX-WXX-4', 'SET']]);
    expect(dates('They march every July.')).toEqual([['every July', 'XXXX-07', 'SET']]);
    expect(dates('It reports every quarter.')).toEqual([['every quarter', 'P1Q', 'SET']]);
    // "each may" in lower case is no month.
    expect(dates('Each may choose.')).toEqual([]);
  });
});

describe('modifiers kept', () => {
  it('"the current fiscal year", "this past spring"', () => {
    expect(dates('Sales will rise in the current fiscal year.', '1989-10-26')).toEqual([['the current fiscal year', '1989', 'DATE']]);
    expect(dates('The talks began this past spring.', '1998-10-26')).toEqual([['this past spring', '1998-SP', 'DATE']]);
  });
});
