// Dates named by words rather than figures: holidays ("Thanksgiving Day", "last Christmas"), years
// spelled out ("nineteen ninety-six", "the year two thousand"), the end of a period ("year-end",
// "the end of the month"), a month with its year named relatively ("June last year"), "the fiscal
// year" of a results report and a season alone ("over the summer").
import type { DateRule } from './dateRule';
import { FULL_MONTH_NAMES, MONTHS, PERIOD_MODIFIERS, SEASONS, SHIFT_WORDS, UNIT_CODES } from './dateWords';
import { tenseAround, yearOfMonthDayIn } from './tense';
import { addDays, isoDay, isoMonth, pad, shiftUnit, type DayParts } from './timex';
import { wordTable } from '../../text/wordTable';

/** Month and day of a holiday: fixed, or the nth (-1: last) weekday (0 Sunday) of its month. */
type Holiday = { month: number; day: number } | { month: number; nth: number; weekday: number; plusDays?: number };
const HOLIDAYS = wordTable<Holiday>({
  'thanksgiving': { month: 11, nth: 4, weekday: 4 },
  'thanksgiving day': { month: 11, nth: 4, weekday: 4 },
  'christmas': { month: 12, day: 25 },
  'christmas day': { month: 12, day: 25 },
  'christmas eve': { month: 12, day: 24 },
  "new year's day": { month: 1, day: 1 },
  "new year's eve": { month: 12, day: 31 },
  'independence day': { month: 7, day: 4 },
  'halloween': { month: 10, day: 31 },
  "valentine's day": { month: 2, day: 14 },
  'veterans day': { month: 11, day: 11 },
  'labor day': { month: 9, nth: 1, weekday: 1 },
  'memorial day': { month: 5, nth: -1, weekday: 1 },
  // The Tuesday after the first Monday of November.
  'election day': { month: 11, nth: 1, weekday: 1, plusDays: 1 },
});
const holidayKey = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').replace(/’/g, "'");

/** "Christmas shopping", "a Christmas tree": the holiday names a thing, not a day. */
const CHRISTMAS_NOUN = /^\s+(?:trees?|shopping|season|cards?|presents?|gifts?|carols?|part(?:y|ies)|lights|sales|dinner|holidays?|spirit|stor(?:y|ies)|music|decorations?|markets?|bonus(?:es)?)\b/;

function holidayDay(h: Holiday, year: number): DayParts {
  if ('day' in h) return { year, month: h.month, day: h.day };
  if (h.nth > 0) {
    const first = new Date(Date.UTC(year, h.month - 1, 1)).getUTCDay();
    const day = 1 + ((h.weekday - first + 7) % 7) + (h.nth - 1) * 7;
    return addDays({ year, month: h.month, day }, h.plusDays ?? 0);
  }
  const lastDay = new Date(Date.UTC(year, h.month, 0));
  const day = lastDay.getUTCDate() - ((lastDay.getUTCDay() - h.weekday + 7) % 7);
  return { year, month: h.month, day };
}

const UNITS = wordTable<number>({ one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9 });
const TENS = wordTable<number>({ twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 });
const TEENS = wordTable<number>({ ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19 });

const SEASON = '(spring|summer|fall|autumn|winter)';
/** ISO weekday order: TIMEX3 writes Monday as 1. */
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

export const NAMED_DATE_RULES: readonly DateRule[] = [
  {
    name: 'holiday',
    trigger: /Thanksgiving|Christmas|New Year|Independence Day|Halloween|Valentine|Veterans Day|Labor Day|Memorial Day|Election Day/,
    // Case-sensitive: "thanksgiving" in lower case is the act, not the day.
    pattern: /\b(?:([Ll]ast|[Tt]his|[Nn]ext)\s+)?(Thanksgiving(?:\s+Day)?|Christmas(?:\s+(?:Day|Eve))?|New\s+Year['’]s\s+(?:Day|Eve)|Independence\s+Day|Halloween|Valentine['’]s\s+Day|Veterans\s+Day|Labor\s+Day|Memorial\s+Day|Election\s+Day)\b/g,
    normalise: (m, ref) => {
      if (/^Christmas$/.test(m[2]) && CHRISTMAS_NOUN.test(m.input.slice(m.index + m[0].length, m.index + m[0].length + 16))) return null;
      const h = HOLIDAYS[holidayKey(m[2])];
      if (!h) return null;
      if (!ref) return { value: null, timexType: 'DATE', relative: true };
      const word = m[1]?.toLowerCase();
      let year: number;
      if (word === 'this') year = ref.year;
      else {
        const thisYear = holidayDay(h, ref.year);
        const cmp = thisYear.month - ref.month || thisYear.day - ref.day;
        const tense = word === 'last' ? 'past' : word === 'next' ? 'future' : tenseAround(m.input, m.index, m.index + m[0].length);
        year = yearOfMonthDayIn(thisYear.month, thisYear.day, ref, tense, m.input);
        if (word === 'last' && cmp === 0) year = ref.year - 1;
      }
      return { value: isoDay(holidayDay(h, year)), timexType: 'DATE', relative: true };
    },
  },
  {
    name: 'spelled-year',
    trigger: /nineteen|two\s+thousand/i,
    // "nineteen ninety-six", "the year two thousand": transcripts write years out.
    // "January nineteen ninety-seven", "the winter of nineteen ninety-four" keep their month or season.
    pattern: new RegExp(
      `\\b(?:(?:(${[...FULL_MONTH_NAMES, 'May'].join('|')})\\s+|the\\s+${SEASON}\\s+of\\s+)?(nineteen)[-\\s]+(${Object.keys(TENS).join('|')})(?:[-\\s]+(${Object.keys(UNITS).join('|')}))?|the\\s+year\\s+two\\s+thousand(?:\\s+and\\s+(${[...Object.keys(UNITS), ...Object.keys(TEENS)].join('|')}))?)\\b(?![-\\s]+(?:dollars?|years?|people|percent|hundred|thousand)\\b)`,
      'gi',
    ),
    normalise: (m) => {
      const [, month, season, nineteen, tens, unit, after2000] = m;
      const year = nineteen ? 1900 + TENS[tens.toLowerCase()] + (unit ? UNITS[unit.toLowerCase()] : 0) : 2000 + (after2000 ? (UNITS[after2000.toLowerCase()] ?? TEENS[after2000.toLowerCase()]) : 0);
      // "may nineteen…" in lower case is the verb.
      if (month && !/^\p{Lu}/u.test(month)) return null;
      const value = month ? isoMonth(year, MONTHS[month.toLowerCase()]) : season ? `${year}-${SEASONS[season.toLowerCase()].code}` : String(year);
      return { value, timexType: 'DATE', relative: false };
    },
  },
  {
    name: 'period-end',
    trigger: /\bend\b|beginning|start|middle/i,
    // "the end of the month", "the beginning of next year", "year-end", "year's end".
    pattern: /\b(?:(?:the\s+)?(end|beginning|start|middle)\s+of\s+(the|this|last|next)\s+(year|month|week|quarter|decade)|(year)(?:[-\s]|['’]s\s+)end)\b(?![-\s]+(?:results?|figures?|dividends?|bonus(?:es)?|net|earnings|sales|profits?)\b)/gi,
    normalise: (m, ref) => {
      const unit = (m[3] ?? m[4]).toLowerCase();
      const mod = m[1] ? PERIOD_MODIFIERS[m[1].toLowerCase()] : 'END';
      if (!ref) return { value: null, timexType: 'DATE', relative: true, mod };
      // "since year-end" is the last one; "by year-end", "the end of the year" this one.
      const shift = m[2] ? (SHIFT_WORDS[m[2].toLowerCase()] ?? 0) : /\bsince\s+$/i.test(m.input.slice(Math.max(0, m.index - 8), m.index)) ? -1 : 0;
      return { value: shiftUnit(UNIT_CODES[unit], shift, ref), timexType: 'DATE', relative: true, mod };
    },
  },
  {
    name: 'month-relative-year',
    trigger: /\b(?:last|this|next)\s+year\b/i,
    // "June last year", "early October this year", "March of next year".
    pattern: new RegExp(`\\b(?:(early|mid|late)[-\\s]+)?(${[...FULL_MONTH_NAMES, 'May'].join('|')})\\s+(?:of\\s+)?(last|this|next)\\s+year\\b`, 'g'),
    normalise: (m, ref) => {
      const month = MONTHS[m[2].toLowerCase()];
      const mod = m[1] ? PERIOD_MODIFIERS[m[1].toLowerCase()] : undefined;
      if (!ref) return { value: `XXXX-${pad(month)}`, timexType: 'DATE', relative: true, ...(mod ? { mod } : {}) };
      return { value: isoMonth(ref.year + SHIFT_WORDS[m[3].toLowerCase()], month), timexType: 'DATE', relative: true, ...(mod ? { mod } : {}) };
    },
  },
  {
    name: 'the-fiscal-year',
    trigger: /\byear\b/i,
    // "for the year ended Sept. 30", "in the fiscal year", "sales for the full year": a results report's year.
    // A clause or a name after it ("the year he was born", "the year of the dragon", "the year 1990") leaves it out.
    pattern: /\b(?:for|in|during|throughout|over)\s+(the\s+(?:(?:full|current|latest|past)\s+)?(?:fiscal\s+|calendar\s+)?year)\b(?![-'’]|\s+(?:\d|[IV]\b|he|she|it|they|we|you|i|that|which|when|where|whose|in\s+which|of|before|after|ago|earlier|later|the|a|an|his|her|its|their|our|my|your|two|one|nineteen)\b)/gi,
    group: 1,
    normalise: (m, ref) => {
      // "the year ended March 31" is twelve months up to that day: a span, not the calendar year.
      if (/^\s*end(?:ed|ing)\b/i.test(m.input.slice(m.index + m[0].length, m.index + m[0].length + 8))) {
        return { value: 'P1Y', timexType: 'DURATION', relative: false };
      }
      if (!ref) return { value: null, timexType: 'DATE', relative: true };
      // "the past year" is the last one; the others the reference day's.
      return { value: pad(/\bpast\b/i.test(m[1]) ? ref.year - 1 : ref.year, 4), timexType: 'DATE', relative: true };
    },
  },
  {
    name: 'recurring-day',
    trigger: /\b(?:every|each)\s/i,
    // "each Thursday", "every July", "every quarter": a set of weekdays, months or quarters.
    pattern: new RegExp(`\\b(?:every|each)\\s+(?:(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|(${[...FULL_MONTH_NAMES, 'May'].join('|')})|(quarter))\\b`, 'gi'),
    normalise: (m) => {
      if (m[1]) return { value: `XXXX-WXX-${WEEKDAYS.indexOf(m[1].toLowerCase()) + 1}`, timexType: 'SET', relative: false };
      if (m[2]) return /^\p{Lu}/u.test(m[2]) ? { value: `XXXX-${pad(MONTHS[m[2].toLowerCase()])}`, timexType: 'SET', relative: false } : null;
      return { value: 'P1Q', timexType: 'SET', relative: false };
    },
  },
  {
    name: 'the-season',
    trigger: /spring|summer|fall|autumn|winter/i,
    // "over the summer", "in the early spring": the nearest such season, behind or ahead as the clause says.
    // "the fall of the Berlin Wall" is no season.
    pattern: new RegExp(`\\b(?:over|during|in|through|into|since|until|by|for)\\s+(the\\s+(?:(early|late|mid)[-\\s]+)?${SEASON})\\b(?!\\s+(?:of|in)\\b|[-\\s]+\\d)`, 'gi'),
    group: 1,
    normalise: (m, ref) => {
      const season = SEASONS[m[3].toLowerCase()];
      const mod = m[2] ? PERIOD_MODIFIERS[m[2].toLowerCase()] : undefined;
      if (!ref) return { value: null, timexType: 'DATE', relative: true, ...(mod ? { mod } : {}) };
      const tense = tenseAround(m.input, m.index, m.index + m[0].length);
      // A season belongs to the year it starts in; winter starts in December.
      const started = season.code === 'WI' ? ref.month === 12 : ref.month >= season.startMonth;
      let year = ref.year;
      if (tense === 'past') year = started ? ref.year : ref.year - 1;
      else if (tense === 'future') year = started ? ref.year + 1 : ref.year;
      else if (season.code === 'WI' && ref.month < 3) year = ref.year - 1;
      return { value: `${pad(year, 4)}-${season.code}`, timexType: 'DATE', relative: true, ...(mod ? { mod } : {}) };
    },
  },
];
