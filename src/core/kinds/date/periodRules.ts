// Rules for periods named relative to the reference date the way news reports them: fiscal
// quarters ("the third quarter", "the year-ago quarter"), "a year earlier", seasons, the weekend,
// and months or units with a modifier ("last November", "earlier this year").
import { FULL_MONTH_NAMES, MONTHS, ORDINAL_QUARTERS, PERIOD_MODIFIERS, SEASONS, SHIFT_WORDS, UNIT_CODES } from './dateWords';
import type { DateRule } from './dateRule';
import { isoMonth, pad, quarterOf, shiftUnit, type DayParts } from './timex';
import { memoLast } from '../../text/memoLast';
import { tenseAround } from './tense';

const quarter = (year: number, q: number) => `${pad(year, 4)}-Q${q}`;

/** "the third quarter" without a year: the latest third quarter that has begun by the reference day. */
function namedQuarter(q: number, ref: DayParts, yearsBack: number): string {
  const year = q <= quarterOf(ref.month) ? ref.year : ref.year - 1;
  return quarter(year - yearsBack, q);
}

/** A sentence about quarterly results: "a year earlier" then means the same quarter a year before. */
const QUARTERLY_CONTEXT = /\bquarter(?:ly)?\b|\bperiod\b/i;
const quarterly = memoLast((text) => QUARTERLY_CONTEXT.test(text));

const ORDINAL = '(first|second|third|fourth|1st|2nd|3rd|4th)';
const YEAR_AGO = '(?:year-ago|year-earlier|comparable(?:\\s+year-ago)?|same)';
const FULL_MONTH = `(${FULL_MONTH_NAMES.join('|')})`;

export const PERIOD_RULES: readonly DateRule[] = [
  {
    name: 'ordinal-quarter',
    trigger: /quarter/i,
    // "the third quarter", "third-quarter", "the year-ago third quarter", "the fiscal first quarter".
    // A hyphenated adjective ("the third-quarter results") leaves "the" to its noun.
    pattern: new RegExp(`\\b(?:the\\s+(?=(?:\\S+\\s+)*?\\S+\\squarter))?(?:(${YEAR_AGO})\\s+)?(?:fiscal\\s+)?${ORDINAL}[-\\s]quarter\\b(?!\\s+(?:of\\s+)?\\d)`, 'gi'),
    normalise: (m, ref) => {
      if (!ref) return { value: null, timexType: 'DATE', relative: true };
      return { value: namedQuarter(ORDINAL_QUARTERS[m[2].toLowerCase()], ref, m[1] ? 1 : 0), timexType: 'DATE', relative: true };
    },
  },
  {
    name: 'the-quarter',
    trigger: /quarter|period/i,
    // "the quarter", "the latest quarter", "the year-ago period": the quarter just reported, or the one a year before it;
    // "the quarter a year ago", "the corresponding period last year" are the year-ago one too.
    pattern: new RegExp(`\\bthe\\s+(?:(latest|past|previous|recent|most\\s+recent|current|corresponding|${YEAR_AGO})\\s+)?(?:fiscal\\s+)?(quarter|period)\\b(?!-to-)(\\s+(?:a\\s+year\\s+(?:ago|earlier)|(?:of\\s+)?last\\s+year)\\b)?`, 'gi'),
    normalise: (m, ref) => {
      const modifier = m[1]?.toLowerCase();
      if (m[2].toLowerCase() === 'period' && !modifier && !m[3]) return null;
      if (modifier === 'corresponding' && !m[3]) return null;
      if (!ref) return { value: null, timexType: 'DATE', relative: true };
      const back = modifier === 'current' ? 0 : 1;
      const yearAgo = m[3] !== undefined || (modifier !== undefined && /year|comparable|same/.test(modifier));
      return { value: shiftUnit('Q', -back - (yearAgo ? 4 : 0), ref), timexType: 'DATE', relative: true };
    },
  },
  {
    name: 'year-possessive-quarter',
    trigger: /quarter/i,
    // "last year's quarter" without an ordinal is the reported quarter a year before.
    pattern: new RegExp(`\\b(this|last|next)\\s+year['’]s\\s+(?:${ORDINAL}\\s+)?quarter\\b`, 'gi'),
    normalise: (m, ref) => {
      if (!ref) return { value: null, timexType: 'DATE', relative: true };
      if (!m[2]) return { value: shiftUnit('Q', -1 + 4 * SHIFT_WORDS[m[1].toLowerCase()], ref), timexType: 'DATE', relative: true };
      return { value: quarter(ref.year + SHIFT_WORDS[m[1].toLowerCase()], ORDINAL_QUARTERS[m[2].toLowerCase()]), timexType: 'DATE', relative: true };
    },
  },
  {
    name: 'year-earlier',
    trigger: /year[- ]/i,
    pattern: /\b(?:a\s+year\s+(?:earlier|ago|before)|year-(?:earlier|ago))\b/gi,
    normalise: (m, ref) => {
      if (!ref) return { value: null, timexType: 'DATE', relative: true };
      if (quarterly(m.input)) return { value: shiftUnit('Q', -5, ref), timexType: 'DATE', relative: true };
      // Without a quarter in its sentence, the year before; a quarter named earlier in the source
      // makes it that quarter a year before (see quarterAnchors.ts).
      return { value: pad(ref.year - 1, 4), timexType: 'DATE', relative: true };
    },
  },
  {
    name: 'year-period',
    trigger: /quarter|period/i,
    // "the 1988 period", "the 1988 second quarter": in a results report, that year's quarter.
    pattern: new RegExp(`\\bthe\\s+((?:19|20)\\d{2})\\s+(?:(?:fiscal\\s+)?${ORDINAL}\\s+quarter|quarter|period)\\b`, 'gi'),
    normalise: (m) => {
      if (m[2]) return { value: quarter(Number(m[1]), ORDINAL_QUARTERS[m[2].toLowerCase()]), timexType: 'DATE', relative: false };
      // The quarter comes from the one the source reports (quarterAnchors.ts); alone, the year.
      return { value: m[1], timexType: 'DATE', relative: false };
    },
  },
  {
    name: 'fiscal-year',
    trigger: /fiscal/i,
    pattern: /\bfiscal\s+(?:year\s+)?((?:19|20)\d{2})\b/gi,
    normalise: (m) => ({ value: m[1], timexType: 'DATE', relative: false }),
  },
  {
    name: 'modified-relative-unit',
    trigger: /year|month|week/i,
    // "earlier this year", "early next week", "late last month".
    pattern: /\b(early|earlier|late|later|mid)[-\s]+(this|last|next)\s+(year|month|week)\b/gi,
    normalise: (m, ref) => {
      if (!ref) return { value: null, timexType: 'DATE', relative: true };
      const word = m[1].toLowerCase();
      const mod = word === 'earlier' ? 'START' : word === 'later' ? 'END' : PERIOD_MODIFIERS[word];
      return { value: shiftUnit(UNIT_CODES[m[3].toLowerCase()], SHIFT_WORDS[m[2].toLowerCase()], ref), timexType: 'DATE', mod, relative: true };
    },
  },
  {
    name: 'modified-month',
    trigger: /\b(?:last|this|next|past)\s/i,
    // "last November", "this September", "next March".
    // "last May" too: after these words "May" is the month.
    // "late last July": a period modifier stays in the span.
    pattern: new RegExp(`\\b(?:(early|mid|late)[-\\s]+)?(last|this|next|past)\\s+(${[...FULL_MONTH_NAMES, 'May'].join('|')})\\b(?!\\s+\\d)`, 'gi'),
    normalise: (m, ref) => {
      if (!/^\p{Lu}/u.test(m[3])) return null;
      const month = MONTHS[m[3].toLowerCase()];
      const mod = m[1] ? PERIOD_MODIFIERS[m[1].toLowerCase()] : undefined;
      if (!ref) return { value: `XXXX-${pad(month)}`, timexType: 'DATE', relative: true, ...(mod ? { mod } : {}) };
      const word = m[2].toLowerCase();
      let year = ref.year;
      if (word === 'last' || word === 'past') year = month < ref.month ? ref.year : ref.year - 1;
      if (word === 'next') year = month > ref.month ? ref.year : ref.year + 1;
      return { value: isoMonth(year, month), timexType: 'DATE', relative: true, ...(mod ? { mod } : {}) };
    },
  },
  {
    name: 'modified-season',
    trigger: /spring|summer|fall|autumn|winter/i,
    // "this past spring" is last spring.
    pattern: /\b(last|this(?:\s+past)?|next|past)\s+(spring|summer|fall|autumn|winter)\b/gi,
    normalise: (m, ref) => {
      const season = SEASONS[m[2].toLowerCase()];
      if (!ref) return { value: null, timexType: 'DATE', relative: true };
      const word = /past$/i.test(m[1]) ? 'past' : m[1].toLowerCase();
      // Winter belongs to the year it starts in (December).
      const seasonYear = ref.month < 3 ? ref.year - 1 : ref.year;
      const started = season.code === 'WI' ? ref.month >= 12 || ref.month < 3 : ref.month >= season.startMonth;
      let year = season.code === 'WI' ? seasonYear : ref.year;
      if (word === 'last' || word === 'past') year = started && ref.month >= season.startMonth + 3 ? ref.year : ref.year - 1;
      if (word === 'next') year = started ? ref.year + 1 : ref.year;
      return { value: `${pad(year, 4)}-${season.code}`, timexType: 'DATE', relative: true };
    },
  },
  {
    name: 'weekend',
    trigger: /weekend/i,
    pattern: /\b(the|this|last|next)\s+weekend\b/gi,
    normalise: (m, ref) => {
      if (!ref) return { value: null, timexType: 'DATE', relative: true };
      const word = m[1].toLowerCase();
      let shift = SHIFT_WORDS[word] ?? 0;
      // "the weekend" (and "this weekend") is the one just past in a past clause, the coming one in a
      // future clause; with neither, the one nearer the reference day. ISO weeks end with their weekend.
      if (word === 'the' || word === 'this') {
        const weekday = (new Date(Date.UTC(ref.year, ref.month - 1, ref.day)).getUTCDay() + 6) % 7; // 0 Monday … 6 Sunday
        const inWeekend = weekday >= 5;
        const tense = tenseAround(m.input, m.index, m.index + m[0].length) ?? (weekday <= 1 ? 'past' : 'future');
        shift = inWeekend || tense === 'future' ? 0 : -1;
      }
      return { value: `${shiftUnit('W', shift, ref)}-WE`, timexType: 'DATE', relative: true };
    },
  },
];
