import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATE_RULES } from '../../../../src/core/kinds/date/dateRules';

// A trigger lets the detector skip a rule's pattern on a sentence: safe only if the trigger passes on
// every text the pattern matches in. Checked on the sample sources' sentences and lines, and on short
// phrases (pieces between commas) that give every rule matches: a trigger that misses a form fails.
const SOURCES = path.join(__dirname, '../../../../test-fixtures/sources');
const PHRASES = [
  'In the third quarter, the second quarter of 2017, Q3 2017 and the fourth quarter of the year; the 2017 quarter; 2016’s fourth quarter.',
  'A year earlier, year-ago figures, the year-earlier period, the quarter, the period, fiscal 2018, fiscal year 2019, the fiscal year.',
  'Later this month, earlier this year, late last week, this past spring, last summer, next winter, over the weekend, this weekend.',
  'On 2018-03-10, in early 2015, the end of 2014, mid-2016, 2015’s end, 2013\'s beginning, spring 2016, the fall of 2012, May 2016, March of 2011.',
  'In the 1990s, the 80s, the 2000s, three years ago, 2 days ago, several months ago, a week ago, this year, last month, the current year.',
  'For two years, the past 5 years, eight weeks, many decades, 2 1/2 hours, a 6-year-old, about a year, 72 hours, one day, in March, early June.',
  'In 2012, by 1999, years 2010-2012, 2010–14, in the 19th century, the 21st century, two centuries, on May 5, in May, at the time, that day.',
  'The following year, the next day, the same week, on Christmas, on Thanksgiving Day, New Year’s Eve, in nineteen ninety-eight, two thousand and five.',
  'The beginning of the year, the end of the month, in March last year, in June next year, every Monday, each year, daily, weekly, twice a year.',
  'Next year’s first quarter, this year\'s quarter, last March, this past May, the past decade, the next year, past century.',
  'Sales rose during the fiscal year, over the summer, in the late spring, throughout the year, every Friday, each quarter.',
  'Right now, currently, recently, these days, in the near future, at present, nowadays, in the past, the coming months, the last few years.',
];

function texts(): string[] {
  const sources = readdirSync(SOURCES).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(path.join(SOURCES, f), 'utf8'));
  const sentences = [...sources, ...PHRASES].flatMap((t) => t.split(/(?<=[.!?])\s+|\n+/));
  return [...sentences, ...PHRASES.flatMap((p) => p.split(/,\s*|;\s*/))].filter((t) => t.trim());
}

describe('date rule triggers', () => {
  const corpus = texts();
  for (const rule of DATE_RULES.filter((r) => r.trigger)) {
    it(`${rule.name}: its trigger passes wherever its pattern matches`, () => {
      const pattern = new RegExp(rule.pattern.source, rule.pattern.flags);
      let matches = 0;
      for (const text of corpus) {
        pattern.lastIndex = 0;
        if (!pattern.test(text)) continue;
        matches++;
        expect(rule.trigger!.test(text), `"${text}"`).toBe(true);
      }
      expect(matches, 'the corpus gives the rule matches').toBeGreaterThan(0);
    });
  }
  it('no trigger is global or sticky (the detector tests it without resetting lastIndex)', () => {
    expect(DATE_RULES.filter((r) => r.trigger && (r.trigger.global || r.trigger.sticky)).map((r) => r.name)).toEqual([]);
  });
});
