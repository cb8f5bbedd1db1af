// Date expressions without a count or a full calendar date: durations named by their unit alone
// ("for years", "the next decade"), centuries, year ranges ("1957-58"), "May" where it is the month,
// and expressions anchored to another date of the text ("that day", "the following year").
import { FULL_MONTH_NAMES } from './dateWords';
import type { DateRule } from './dateRule';
import { pad, shiftUnit } from './timex';
import { nearestYearOfMonth } from './tense';
import { NAMED_DATE_RULES } from './namedDateRules';
import { wordTable } from '../../text/wordTable';

const PLURAL_UNITS = wordTable<string>({ years: 'Y', months: 'M', weeks: 'W', days: 'D', decades: 'DE', centuries: 'CE', hours: 'H' });
const SINGLE_UNITS = wordTable<string>({ year: 'Y', month: 'M', week: 'W', day: 'D', decade: 'DE', century: 'CE', quarter: 'Q' });

/** A span of one unit as TIMEX3: "P1Y", "P10Y" for a decade, "PT1H". */
function oneUnit(code: string): string {
  return code === 'DE' ? 'P10Y' : code === 'CE' ? 'P100Y' : code === 'H' ? 'PT1H' : `P1${code}`;
}

/** Words before a bare plural unit that make it a span of time: "for years", "within weeks", "took months". */
const SPAN_BEFORE = /\b(?:for|in|within|over|after|took|take|takes|taking|lasted|lasting|spent|spend|spends)\s+$/i;

const ORDINAL_WORDS = wordTable<number>({
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10, eleventh: 11, twelfth: 12,
  thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17, eighteenth: 18, nineteenth: 19, twentieth: 20,
  'twenty-first': 21,
});

/**
 * Where a capitalised "May" is the month: after a word that takes a time, after a part of a period
 * ("the first week of May"), or after another month ("April and May").
 */
const MAY_BEFORE = new RegExp(
  `(?:\\b(?:in|since|by|until|till|through|during|before|after|from|early|mid|late|(?:end|beginning|middle|start|week|weeks|month|days?|half|part|rest|first|second|third|fourth|last)\\s+of)[-\\s]+|\\b(?:${FULL_MONTH_NAMES.join('|')})\\s+(?:and|or|to|through|until)\\s+)$`,
  'i',
);
/**
 * Words after "May" that make it the month wherever it stands: another month ("May and June"), a
 * possessive period noun ("May's sales"); opening a sentence, a verb only a month takes ("May saw record sales").
 */
const MAY_AFTER = new RegExp(
  `^(?:\\s+(?:and|or|to|through|until)\\s+(?:${FULL_MONTH_NAMES.join('|')})\\b|['’]s\\s+(?:sales|figures|results|data|elections?|meeting|issue|edition|deadline|vote|total|level|rate|numbers|report|survey)\\b)`,
);
const MAY_OPENING = /^\s+(?:saw|brought|marked|was\s+(?:the|a|an)\s+(?:\w+\s+)?(?:month|time|period))\b/;

/** How an anchored expression moves from the date it leans on: unit and shift. */
export const ANCHORED = wordTable<{ unit: string; shift: number }>({
  'that day': { unit: 'D', shift: 0 }, 'that same day': { unit: 'D', shift: 0 }, 'the same day': { unit: 'D', shift: 0 },
  'earlier that day': { unit: 'D', shift: 0 }, 'later that day': { unit: 'D', shift: 0 },
  'the next day': { unit: 'D', shift: 1 }, 'the following day': { unit: 'D', shift: 1 }, 'the next morning': { unit: 'D', shift: 1 },
  'the day before': { unit: 'D', shift: -1 }, 'the previous day': { unit: 'D', shift: -1 }, 'the day after': { unit: 'D', shift: 1 },
  'that week': { unit: 'W', shift: 0 }, 'the following week': { unit: 'W', shift: 1 },
  'the previous week': { unit: 'W', shift: -1 }, 'the week before': { unit: 'W', shift: -1 },
  'that month': { unit: 'M', shift: 0 }, 'the following month': { unit: 'M', shift: 1 }, 'the previous month': { unit: 'M', shift: -1 },
  'that year': { unit: 'Y', shift: 0 }, 'later that year': { unit: 'Y', shift: 0 }, 'earlier that year': { unit: 'Y', shift: 0 },
  'the same year': { unit: 'Y', shift: 0 }, 'the following year': { unit: 'Y', shift: 1 }, 'the previous year': { unit: 'Y', shift: -1 },
  'the year before': { unit: 'Y', shift: -1 },
});
export const anchoredKey = (s: string) => s.toLowerCase().replace(/\s+/g, ' ');

export const SPAN_RULES: readonly DateRule[] = [
  {
    name: 'bare-units',
    trigger: /(?:year|month|week|day|decade|centur|hour)[si]/i,
    // "for years", "within weeks", "the coming years": a span whose length is not said.
    // "in years past" is the vague past, no span.
    pattern: /\b((?:the\s+)?(?:coming|next|past|last|recent)\s+)?(years|months|weeks|days|decades|centuries|hours)\b(?![-'’]|\s+past\b)/gi,
    normalise: (m) => {
      if (!m[1] && !SPAN_BEFORE.test(m.input.slice(Math.max(0, m.index - 10), m.index))) return null;
      // "recent years" is a span of unsaid length up to now, like "the past years".
      const code = PLURAL_UNITS[m[2].toLowerCase()];
      return { value: code === 'H' ? 'PTXH' : `PX${code}`, timexType: 'DURATION', relative: false, vague: true };
    },
  },
  {
    name: 'the-last-unit',
    trigger: /\b(?:past|last|next|coming|previous)\s/i,
    // "the last week", "the past year", "the next decade": the span up to or from the reference day; "past decade" too.
    pattern: /\b(?:the\s+(past|last|next|coming)\s+(year|month|week|decade|century)|(past|last|next|coming)\s+(decade|century))\b(?![-'’])/gi,
    normalise: (m, ref) => {
      const unit = SINGLE_UNITS[(m[2] ?? m[4]).toLowerCase()];
      // "over the past year", "in the next month": the calendar unit before or after the reference day's, as news
      // annotates it; "the past week" mostly lies in the reference day's own week.
      if (m[2] && ref && (unit === 'Y' || unit === 'M' || unit === 'W')) {
        const shift = /^(?:next|coming)$/i.test(m[1]) ? 1 : unit === 'W' ? 0 : -1;
        return { value: shiftUnit(unit, shift, ref), timexType: 'DATE', relative: true };
      }
      return { value: oneUnit(unit), timexType: 'DURATION', relative: false };
    },
  },
  {
    name: 'century',
    trigger: /century/i,
    // "the 20th century", "the nineteenth century": TIMEX3 names a century by its first two digits ("19").
    pattern: new RegExp(`\\b(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)[-\\s]century\\b|\\b(?:the\\s+)?(${Object.keys(ORDINAL_WORDS).join('|')})[-\\s]century\\b`, 'gi'),
    normalise: (m) => {
      const n = m[1] ? Number(m[1]) : ORDINAL_WORDS[m[2].toLowerCase()];
      if (!n) return null;
      return { value: pad(n - 1, 2), timexType: 'DATE', relative: false };
    },
  },
  {
    name: 'year-range-start',
    trigger: /\d[-–]\d/,
    // "2009-2010", "1957-58": each end is a year; here the first.
    pattern: /(?<![\d-])((?:1[89]|20)\d\d)(?=[-–](?:(?:1[89]|20)\d\d|\d\d)\b(?![-–]\d))/g,
    normalise: (m) => {
      const after = /^[-–]((?:1[89]|20)\d\d|\d\d)/.exec(m.input.slice(m.index + 4))!;
      return yearAfter(m[1], after[1]) ? { value: m[1], timexType: 'DATE', relative: false } : null;
    },
  },
  {
    name: 'year-range-end',
    trigger: /\d[-–]\d/,
    pattern: /(?<=(?<![\d-])((?:1[89]|20)\d\d)[-–])((?:1[89]|20)\d\d|\d\d)\b(?![-–]\d)/g,
    normalise: (m) => {
      const year = yearAfter(m[1], m[2]);
      return year ? { value: year, timexType: 'DATE', relative: false } : null;
    },
  },
  {
    name: 'may',
    trigger: /\bMay\b/,
    // The month where the words around it say so ("in May", "since early May", "April and May", "May's sales",
    // "May saw record sales"); the modal ("May I ask", "Prices May rise") or a name ("Theresa May said") stays out.
    pattern: /\bMay\b(?!\s+\d)/g,
    normalise: (m, ref) => {
      const after = m.input.slice(m.index + 3, m.index + 48);
      const opens = /^[^\p{L}\d]*$/u.test(m.input.slice(0, m.index));
      const byName = /\p{Lu}[\p{L}.]*\s+$/u.test(m.input.slice(Math.max(0, m.index - 24), m.index)) && !opens;
      const month = MAY_BEFORE.test(m.input.slice(Math.max(0, m.index - 24), m.index)) || (!byName && MAY_AFTER.test(after)) || (opens && MAY_OPENING.test(after));
      if (!month) return null;
      return { value: ref ? `${pad(nearestYearOfMonth(5, ref, m.input, m.index, m.index + 3), 4)}-05` : 'XXXX-05', timexType: 'DATE', relative: true };
    },
  },
  {
    name: 'anchored',
    trigger: /\b(?:that|same|next|following|previous|before|after)\b/i,
    pattern: new RegExp(`\\b(${Object.keys(ANCHORED).sort((a, b) => b.length - a.length).map((k) => k.replace(/ /g, '\\s+')).join('|')})\\b`, 'gi'),
    // The value comes from the date before it in the paragraph (see DateDetector), else it is unresolved.
    normalise: () => ({ value: null, timexType: 'DATE', relative: true }),
  },
  {
    name: 'at-the-time',
    trigger: /\bat\s+the\s+time\b/i,
    pattern: /\bat\s+(the\s+time)\b(?!\s+(?:of|when|that)\b)/gi,
    group: 1,
    normalise: () => ({ value: 'PAST_REF', timexType: 'DATE', relative: false, vague: true }),
  },
];

/**
 * The second year of a range, written whole or by its last two digits, if it comes after the first;
 * two digits that could be a month ("1999-03") count only for the next year ("2009-10").
 */
function yearAfter(first: string, second: string): string | undefined {
  const full = second.length === 4 ? Number(second) : Number(first.slice(0, 2)) * 100 + Number(second);
  const year = full <= Number(first) && second.length === 2 ? full + 100 : full;
  if (second.length === 2 && Number(second) <= 12 && year !== Number(first) + 1) return undefined;
  return year > Number(first) && year - Number(first) <= 20 ? String(year) : undefined;
}


/**
 * The rules above, the named-date rules and "the 1988 period" came after the claim score's weights were fitted; until they are fitted again, their
 * dates are shown but not counted as a claim's date evidence.
 */
export const UNFITTED_DATE_RULES: ReadonlySet<string> = new Set([...SPAN_RULES.map((r) => r.name), ...NAMED_DATE_RULES.map((r) => r.name), 'year-period']);
