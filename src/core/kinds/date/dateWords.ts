// Word lists for date expressions. Kept as data so rules stay readable and testable.
import { wordTable } from '../../text/wordTable';

export const MONTHS = wordTable<number>({
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8,
  september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
});

/** Full month names only: "Jun" or "May" alone are too often a name or a verb. */
export const FULL_MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'June', 'July', 'August',
  'September', 'October', 'November', 'December',
];

export const NUMBER_WORDS = wordTable<number>({
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, fifty: 50, hundred: 100,
});

/** Vague number words whose duration value uses X (TIMEX3 "PXY"). */
export const VAGUE_QUANTITIES = ['several', 'many', 'few', 'a few', 'some', 'couple of', 'a couple of'];

export const UNIT_CODES = wordTable<string>({
  year: 'Y', month: 'M', week: 'W', day: 'D', decade: 'DE', century: 'CE', quarter: 'Q', hour: 'H',
  minute: 'MIN',
});

/** Modifiers of a period: "early 2019", "end 2018", "the end of 2018", "2018's end". */
export const PERIOD_MODIFIERS = wordTable<'START' | 'MID' | 'END'>({
  early: 'START', beginning: 'START', start: 'START',
  mid: 'MID', middle: 'MID',
  late: 'END', end: 'END',
});

/** How many units "last year", "this month", "next week" lie from the reference day's own. */
export const SHIFT_WORDS = wordTable<number>({ this: 0, current: 0, last: -1, previous: -1, next: 1, coming: 1 });

/** TIMEX3 reference values of vague time words ("now", "recently", "the future"). */
export const REFERENCE_WORDS = wordTable<'PRESENT_REF' | 'PAST_REF' | 'FUTURE_REF'>({
  now: 'PRESENT_REF', 'right now': 'PRESENT_REF', currently: 'PRESENT_REF', 'at present': 'PRESENT_REF', 'the present': 'PRESENT_REF',
  nowadays: 'PRESENT_REF', 'these days': 'PRESENT_REF',
  recently: 'PAST_REF', lately: 'PAST_REF', 'the past': 'PAST_REF',
  'the future': 'FUTURE_REF', 'the near future': 'FUTURE_REF',
});

/** Frequencies (TIMEX3 SET): "daily" is every day. */
export const FREQUENCY_WORDS = wordTable<string>({
  daily: 'P1D', weekly: 'P1W', monthly: 'P1M', yearly: 'P1Y', hourly: 'PT1H',
  'every day': 'P1D', 'every week': 'P1W', 'every month': 'P1M', 'every year': 'P1Y', 'each day': 'P1D',
  'each week': 'P1W', 'each month': 'P1M', 'each year': 'P1Y', 'a year': 'P1Y', 'a month': 'P1M', 'a week': 'P1W',
  'a day': 'P1D', 'per year': 'P1Y', 'per month': 'P1M', 'per week': 'P1W', 'per day': 'P1D',
  annually: 'P1Y', 'every morning': 'TMO', 'every afternoon': 'TAF', 'every evening': 'TEV', 'every night': 'TNI',
  'each morning': 'TMO', 'each evening': 'TEV', 'each night': 'TNI',
});

export const ORDINAL_QUARTERS = wordTable<number>({
  first: 1, second: 2, third: 3, fourth: 4, '1st': 1, '2nd': 2, '3rd': 3, '4th': 4,
});

/** Seasons as TIMEX3 codes, with the month each starts in (winter runs December to February). */
export const SEASONS = wordTable<{ code: string; startMonth: number }>({
  spring: { code: 'SP', startMonth: 3 }, summer: { code: 'SU', startMonth: 6 }, fall: { code: 'FA', startMonth: 9 },
  autumn: { code: 'FA', startMonth: 9 }, winter: { code: 'WI', startMonth: 12 },
});
