import {
  FULL_MONTH_NAMES, MONTHS, NUMBER_WORDS, ORDINAL_QUARTERS, PERIOD_MODIFIERS, SEASONS, SHIFT_WORDS, UNIT_CODES, VAGUE_QUANTITIES,
} from './dateWords';
import { PERIOD_RULES } from './periodRules';
import { VAGUE_DATE_RULES } from './vagueDateRules';
import { SPAN_RULES } from './spanRules';
import { NAMED_DATE_RULES } from './namedDateRules';
import type { DateRule } from './dateRule';
import { isoMonth, pad, parseIsoDay, shiftUnit, type DayParts } from './timex';
import { nearestYearOfMonth, tenseAround } from './tense';
import { wordTable } from '../../text/wordTable';

const YEAR = '((?:1[89]|20)\\d{2})';
const FULL_MONTH = `(${FULL_MONTH_NAMES.join('|')})`;
/** With a year after it, "May" is the month. */
const MONTH_BEFORE_YEAR = `(${[...FULL_MONTH_NAMES, 'May'].join('|')})`;
const NUMBER = `(\\d{1,3}|${Object.keys(NUMBER_WORDS).join('|')}|${VAGUE_QUANTITIES.join('|')})`;
const UNIT = '(year|month|week|day|decade|century|quarter|hour|minute)s?';
/** Words that bound a count ("almost seven years", "at least 72 hours"): part of the expression. */
const APPROX = '(?:(?:almost|nearly|more\\s+than|less\\s+than|fewer\\s+than|at\\s+least|up\\s+to)\\s+)?';
/** A modal, "to" or a subject right before "one day" makes it the vague future ("will one day be", "he one day follow"). */
const ONE_DAY_MODAL_BEFORE = /\b(?:will|would|could|might|may|can|shall|should|must|to|he|she|they|we|i|you|it|who)\s+$/i;
/** A count with a half: "2 1/2 years". */
const HALF = '(?:\\s+1/2)?';

function quantity(word: string): string {
  const lower = word.toLowerCase();
  if (/^\d+$/.test(lower)) return String(Number(lower));
  if (lower in NUMBER_WORDS) return String(NUMBER_WORDS[lower]);
  // "a couple of years" is two.
  if (/couple/.test(lower)) return '2';
  return 'X';
}

function unitCode(unit: string): string {
  return UNIT_CODES[unit.toLowerCase().replace(/s$/, '')];
}

function duration(n: string, unit: string): string {
  const code = unitCode(unit);
  if (code === 'DE') return n === 'X' ? 'PXDE' : `P${Number(n) * 10}Y`;
  if (code === 'CE') return n === 'X' ? 'PXCE' : `P${Number(n) * 100}Y`;
  // A half is written in the next smaller unit: "2 1/2 years" is P2Y6M, "5 1/2 hours" PT5H30M.
  const half = HALF_OF[code];
  if (half && /\.5$/.test(n)) {
    const whole = n.slice(0, -2);
    return code === 'H' ? `PT${whole}H${half}` : `P${whole}${code}${code === 'D' ? 'T' : ''}${half}`;
  }
  if (code === 'H' || code === 'MIN') return `PT${n}${code === 'MIN' ? 'M' : 'H'}`;
  return `P${n}${code}`;
}

const HALF_OF = wordTable<string>({ Y: '6M', M: '15D', D: '12H', H: '30M' });

// Triggers: a word or digits every match of the rule's pattern holds (same flags), so a sentence
// without it skips the pattern; most sentences have no date, and each pattern was a pass over them.
/** YEAR's digits: a sentence's figures are more often counts and prices than years. */
const YEAR_DIGITS = /(?:1[89]|20)\d\d/;
const UNIT_WORD = /year|month|week|day|decade|century|quarter|hour|minute/i;

/** Calendar expressions with or without a year; DATE_RULES below sets them between the period and vague rules. */
const CORE_RULES: readonly DateRule[] = [
  {
    name: 'iso-date',
    trigger: /\d{4}-\d/,
    pattern: /\b(\d{4})-(\d{2})-(\d{2})\b/g,
    normalise: (m) => (parseIsoDay(m[0]) ? { value: m[0], timexType: 'DATE', relative: false } : null),
  },
  {
    name: 'period-modifier-year',
    trigger: YEAR_DIGITS,
    pattern: new RegExp(`\\b(?:the\\s+)?(early|mid|middle|late|end|beginning|start)(?:\\s+of)?[-\\s]+${YEAR}\\b`, 'gi'),
    normalise: (m) => ({ value: m[2], timexType: 'DATE', mod: PERIOD_MODIFIERS[m[1].toLowerCase()], relative: false }),
  },
  {
    name: 'year-possessive-modifier',
    trigger: YEAR_DIGITS,
    pattern: new RegExp(`\\b${YEAR}['’]s\\s+(end|beginning|start|middle)\\b`, 'gi'),
    normalise: (m) => ({ value: m[1], timexType: 'DATE', mod: PERIOD_MODIFIERS[m[2].toLowerCase()], relative: false }),
  },
  {
    name: 'quarter-year',
    trigger: YEAR_DIGITS,
    pattern: new RegExp(`\\b(?:the\\s+)?(first|second|third|fourth|1st|2nd|3rd|4th)\\s+quarter(?:\\s+of)?,?\\s+${YEAR}\\b|\\bQ([1-4])\\s+${YEAR}\\b`, 'gi'),
    normalise: (m) => {
      const q = m[3] ?? ORDINAL_QUARTERS[m[1].toLowerCase()];
      return { value: `${m[2] ?? m[4]}-Q${q}`, timexType: 'DATE', relative: false };
    },
  },
  {
    name: 'season-year',
    trigger: /spring|summer|fall|autumn|winter/i,
    pattern: new RegExp(`\\b(spring|summer|fall|autumn|winter)(?:\\s+of)?\\s+${YEAR}\\b`, 'gi'),
    normalise: (m) => ({ value: `${m[2]}-${SEASONS[m[1].toLowerCase()].code}`, timexType: 'DATE', relative: false }),
  },
  {
    name: 'month-year',
    trigger: YEAR_DIGITS,
    pattern: new RegExp(`\\b${MONTH_BEFORE_YEAR}(?:\\s+of)?,?\\s+${YEAR}\\b`, 'g'),
    normalise: (m) => ({ value: isoMonth(+m[2], MONTHS[m[1].toLowerCase()]), timexType: 'DATE', relative: false }),
  },
  {
    name: 'decade',
    trigger: /(?:1[89]|20)\d0['’]?s/i,
    pattern: /\b(?:the\s+)?((?:1[89]|20)\d)0['’]?s\b/gi,
    normalise: (m) => ({ value: m[1], timexType: 'DATE', relative: false }),
  },
  {
    name: 'ago',
    trigger: /ago/i,
    pattern: new RegExp(`\\b${APPROX}${NUMBER}\\s+${UNIT}\\s+ago\\b`, 'gi'),
    normalise: (m, ref) => {
      const n = quantity(m[1]);
      // "several years ago": the vague past.
      if (n === 'X') return { value: 'PAST_REF', timexType: 'DATE', relative: false, vague: true };
      if (!ref) return { value: null, timexType: 'DATE', relative: true };
      return { value: shiftUnit(unitCode(m[2]), -Number(n), ref), timexType: 'DATE', relative: true };
    },
  },
  {
    name: 'relative-unit',
    trigger: /year|month|week|quarter/i,
    // "this fiscal year" is this year to TIMEX3.
    // "the current year" keeps its "the".
    pattern: /\b(?:the\s+(?=current\s))?(this|current|last|previous|next|coming)\s+(?:fiscal\s+)?(year|month|week|quarter)\b/gi,
    normalise: (m, ref) => {
      return { value: ref ? shiftUnit(unitCode(m[2]), SHIFT_WORDS[m[1].toLowerCase()], ref) : null, timexType: 'DATE', relative: true };
    },
  },
  {
    name: 'duration',
    trigger: UNIT_WORD,
    // "within two years", "the past 5 years", "eight years", "many years": the expression is the span itself.
    pattern: new RegExp(`\\b(${APPROX}(?:the\\s+)?(?:(?:past|last|next|coming|first|previous)\\s+)?${NUMBER}${HALF}[-\\s]+${UNIT})\\b`, 'gi'),
    group: 1,
    normalise: (m) => {
      const half = / 1\/2[-\s]/.test(m[0]);
      const n = half && /^\d+$/.test(m[2]) ? `${m[2]}.5` : quantity(m[2]);
      // "a day one buy": a bare "a"/"an" needs a preposition, a bound or "ago"/"later" to be a duration.
      const bounded = /^(?:almost|nearly|more|less|fewer|at|up)\s/i.test(m[0]);
      if (/^an?$/i.test(m[2]) && !bounded && !/\b(?:for|in|within|over|about|nearly|almost|than|as\s+long\s+as|barely|only|just)\s+$/i.test(m.input.slice(Math.max(0, m.index - 16), m.index))) {
        return null;
      }
      if (/^\d+$/.test(m[2]) && /-/.test(m[0]) === false && /^\d{4}$/.test(m[2])) return null;
      const after = m.input.slice(m.index + m[0].length, m.index + m[0].length + 12);
      // "Islam will one day be", "he hopes to one day lead", "One day, he walked in": a vague time, not a span of a day.
      if (/^one\s+day$/i.test(m[0])) {
        const opens = /^[^\p{L}\d]*$/u.test(m.input.slice(0, m.index)) && /^,/.test(after);
        if (opens) return { value: tenseAround(m.input, m.index, m.index + m[0].length) === 'future' ? 'FUTURE_REF' : 'PAST_REF', timexType: 'DATE', relative: false, vague: true };
        if (ONE_DAY_MODAL_BEFORE.test(m.input.slice(Math.max(0, m.index - 10), m.index))) return { value: 'FUTURE_REF', timexType: 'DATE', relative: false, vague: true };
      }
      // "a 6-year-old boy", "52 years old": an age, not a time span; "three-quarters of": a fraction.
      if (/^(?:-old\b|\s+old\b)/i.test(after) || (/^quarter/i.test(m[3]) && /^\s+of\b/i.test(after))) return null;
      return { value: duration(n, m[3]), timexType: 'DURATION', relative: false };
    },
  },
  {
    name: 'month-alone',
    trigger: new RegExp(FULL_MONTH),
    pattern: new RegExp(`\\b(?:(early|mid|late)[-\\s]+)?${FULL_MONTH}\\b(?!\\s+\\d)`, 'g'),
    normalise: (m, ref) => {
      // "the annual March for Life", "the March of the Mothers": a name, not the month.
      if (!m[1] && /\b(?:the|an?|annual)\s+$/i.test(m.input.slice(Math.max(0, m.index - 8), m.index)) && /^\s+(?:for|of|on)\s+(?:the\s+)?\p{Lu}/u.test(m.input.slice(m.index + m[0].length, m.index + m[0].length + 16))) {
        return null;
      }
      const month = MONTHS[m[2].toLowerCase()];
      const mod = m[1] ? PERIOD_MODIFIERS[m[1].toLowerCase()] : undefined;
      return { value: ref ? isoMonth(nearestYearOfMonth(month, ref, m.input, m.index, m.index + m[0].length), month) : `XXXX-${pad(month)}`, timexType: 'DATE', mod, relative: true };
    },
  },
  {
    name: 'year',
    trigger: YEAR_DIGITS,
    pattern: new RegExp(`(?<![\\d$#£€.,:/-])${YEAR}(?![\\d%]|,\\d|\\.\\d|-\\d|:\\d)`, 'g'),
    normalise: (m) => ({ value: m[1], timexType: 'DATE', relative: false }),
  },
];

/** Rules are tried in order; where hits overlap the longest wins, ties going to the earlier rule. */
export const DATE_RULES: readonly DateRule[] = [...PERIOD_RULES, ...CORE_RULES, ...SPAN_RULES, ...NAMED_DATE_RULES, ...VAGUE_DATE_RULES];
