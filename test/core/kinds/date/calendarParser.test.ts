import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as chrono from 'chrono-node';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inUnicodeMode, withUnicodePatterns } from '../../../../src/core/kinds/date/calendarParser';
import { DateDetector } from '../../../../src/core/kinds/date/dateDetector';

const detector = new DateDetector();
// 1989-10-27 is a Friday.
const dates = (text: string, ref = '1989-10-27') => detector.detect(text, ref).map((d) => [d.text, d.value]);

describe('calendar dates from the library', () => {
  it('a range is two dates, each with its value', () => {
    expect(dates('Shares were bought from Aug. 26 to Oct. 20 for $23.31 each.')).toEqual([['Aug. 26', '1989-08-26'], ['Oct. 20', '1989-10-20']]);
    expect(dates('The offer runs from today through Nov. 17.')).toEqual([['today', '1989-10-27'], ['Nov. 17', '1989-11-17']]);
  });

  it('a decimal number is not a clock time; the weekday after it stays', () => {
    expect(dates('The index fell 1.4%, or 6.43, on Friday, to 437.68.')).toEqual([['Friday', '1989-10-27']]);
    expect(dates('Net was $13.7 million, or $1.43 a share.')).toEqual([]);
    // With a.m. or p.m. it is a time.
    expect(dates('The blast came at 10.35 a.m. on Friday.').map((d) => d[0])).toContain('10.35 a.m. on Friday');
  });

  it('a price fraction is not a day', () => {
    expect(dates('The stock fell 7/8 to 21.')).toEqual([]);
    expect(dates('Bonds were priced at 101 1/4 to yield 5.75%.')).toEqual([]);
    // A day written with slashes and a year still is one.
    expect(dates('It was signed on 7/8/1989.')).toEqual([['7/8/1989', '1989-07-08']]);
  });
});

describe('words our rules own', () => {
  it('"now" is the present, not noon; "this year" split from a range is the year', () => {
    expect(dates('Prices are now lower than on Friday.')).toEqual([['now', 'PRESENT_REF'], ['Friday', '1989-10-27']]);
    expect(dates('The fund has fallen 2% this year through Oct. 19.')).toEqual([['this year', '1989'], ['Oct. 19', '1989-10-19']]);
  });
});

describe('the library in Unicode mode', () => {
  const plain = chrono.en.casual.clone();
  const unicode = withUnicodePatterns(chrono.en.casual.clone());
  const ref = new Date(Date.UTC(2018, 2, 10));
  const read = (parser: chrono.Chrono, text: string) => parser.parse(text, ref, { forwardDate: false }).map((r) => [r.index, r.text, r.start.date().getTime(), r.end?.date().getTime()]);

  it('compiles the time-unit patterns in Unicode mode, and leaves a pattern Unicode mode rejects as it was', () => {
    expect(inUnicodeMode(/(\d+)\s{0,5}(?:days|weeks)\s{0,5}ago/i).flags).toBe('iu');
    const legacy = /(\W|^)([0-9]{4})\-([0-9]{1,2})/i;
    expect(inUnicodeMode(legacy)).toBe(legacy);
    const sensitive = /May/;
    expect(inUnicodeMode(sensitive)).toBe(sensitive);
  });

  it('finds what the library finds in the sample sources', () => {
    const dir = path.join(__dirname, '../../../../test-fixtures/sources');
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
      const text = readFileSync(path.join(dir, name), 'utf8');
      expect(read(unicode, text), name).toEqual(read(plain, text));
    }
  });

  it('finds what the library finds in any text of date words, spaces, emoji and other scripts', () => {
    const words = ['3', '12', 'three', 'Eleven', 'a', 'an', 'few', 'several', 'a couple of', 'half an', 'about', 'around', 'days', 'DAYS', 'week', 'Months', 'years', 'yrs', 'h', 'min', 'ago', 'AGO', 'later', 'before', 'earlier', 'from now', 'within', 'in', 'and', ',', 'on', 'May', 'march', 'Friday', 'last', 'next', 'this', 'the', '2017', '4th', 'noon', 'at', '10:30', 'pm', '😀', 'Привет', '北京', 'é', '-', '/', '.', '(', ')'];
    const space = fc.constantFrom(' ', '  ', '\t', '\n', '\u00a0', '\u2003', '', '      ');
    const text = fc.array(fc.tuple(fc.constantFrom(...words), space), { maxLength: 24 }).map((parts) => parts.map(([w, s]) => w + s).join(''));
    fc.assert(
      fc.property(text, (t) => {
        expect(read(unicode, t)).toEqual(read(plain, t));
      }),
      { numRuns: 400 },
    );
  });
});
