// Word lists for date expressions. Kept as data so rules stay readable and testable.

export const MONTHS: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8,
  september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

/** Full month names only: "Jun" or "May" alone are too often a name or a verb. */
export const FULL_MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'June', 'July', 'August',
  'September', 'October', 'November', 'December',
];

export const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, fifty: 50, hundred: 100,
};

/** Vague number words whose duration value uses X (TIMEX3 "PXY"). */
export const VAGUE_QUANTITIES = ['several', 'many', 'few', 'a few', 'some', 'couple of', 'a couple of'];

export const UNIT_CODES: Record<string, string> = {
  year: 'Y', month: 'M', week: 'W', day: 'D', decade: 'DE', century: 'CE', quarter: 'Q', hour: 'H',
  minute: 'MIN',
};

/** Modifiers of a period: "early 2019", "end 2018", "the end of 2018", "2018's end". */
export const PERIOD_MODIFIERS: Record<string, 'START' | 'MID' | 'END'> = {
  early: 'START', beginning: 'START', start: 'START',
  mid: 'MID', middle: 'MID',
  late: 'END', end: 'END',
};
