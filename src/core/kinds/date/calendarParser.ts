import * as chrono from 'chrono-node';
import { wordTable } from '../../text/wordTable';

/** A calendar expression found by the date library, with what it was certain about. */
export interface CalendarHit {
  /** Offsets into the window that was parsed. */
  start: number;
  end: number;
  text: string;
  year?: number;
  month?: number;
  day?: number;
  /** The library filled in the year from the reference date. */
  yearImplied: boolean;
  relative: boolean;
  /** 0 (Sunday) – 6 when the expression is a bare weekday ("Friday"). */
  weekday?: number;
  /** Clock time, when stated ("10:35 a.m.", "noon"). */
  hour?: number;
  minute?: number;
  /** TIMEX3 part of day ("Friday night" → NI), when stated instead of a clock time. */
  partOfDay?: 'MO' | 'AF' | 'EV' | 'NI';
}

/** Our interface over the date library, so it can be swapped without touching the rules. */
export interface CalendarParser {
  parse(window: string, reference: Date | undefined): CalendarHit[];
}

/** Words that make a calendar expression depend on the reference date. */
const RELATIVE_WORDS = /\b(?:today|yesterday|tomorrow|tonight|ago|now|last|next|this)\b/i;
const BARE_WEEKDAY = /^(sun|mon|tues|wednes|thurs|fri|satur)day$/i;
const WEEKDAY_INDEX = wordTable<number>({ sun: 0, mon: 1, tues: 2, wednes: 3, thurs: 4, fri: 5, satur: 6 });

const LEADING_FILLER = /^(?:on|the|in|at|by|of)\s+/i;
const TRAILING_PUNCT = /[\s,.;:]+$/;
/** "a.m." keeps its final period. */
const MERIDIEM_END = /\b[ap]\.m\.$/i;
const PART_OF_DAY = wordTable<'MO' | 'AF' | 'EV' | 'NI'>({ morning: 'MO', afternoon: 'AF', evening: 'EV', night: 'NI', tonight: 'NI' });

/** "6.43" (a price, a score) is read by the library as a clock time: masked unless a.m./p.m. follows. */
const DECIMAL = /\b\d{1,3}\.\d{1,2}\b(?!\s*(?:[ap]\.?m\b|o['’]clock))/gi;
/** "7/8", "1/4" after a price are fractions, not days. */
const FRACTION = /^([1-9]|1[0-5])\/(2|4|8|16|32)$/;
/** Where a range ("Aug. 26 to Oct. 20") splits into its two ends. */
const RANGE_SEPARATOR = /\s+(?:to|through|until|till|and)\s+|\s*[-–]\s*/i;

type Component = chrono.ParsedResult['start'];

/**
 * A case-insensitive pattern in Unicode mode, when its syntax allows it. V8 compiles a pattern to
 * machine code on its second use, and under the legacy `i` flag the library's two time-unit patterns
 * with a word after the units ("three years and two months ago", "two weeks later") took 93–153 ms
 * each (the open source's first analysis waited on them), in Unicode mode ~36 ms. Its other patterns
 * compile 0.1–3.4 ms slower in Unicode mode (about 12 ms in all, measured one by one): the price of a
 * rule that does not depend on how the library writes its patterns. Four that Unicode mode rejects
 * (escapes such as "\-") stay as they are. Unicode mode reads a few rare case pairs otherwise (ſ, the
 * Kelvin sign) and an astral character as one, which `calendarParser.test.ts` holds to the same results.
 */
export function inUnicodeMode(pattern: RegExp): RegExp {
  if (!pattern.flags.includes('i') || pattern.flags.includes('u') || pattern.flags.includes('v')) return pattern;
  try {
    return new RegExp(pattern.source, `${pattern.flags}u`);
  } catch {
    // Escapes the legacy syntax allows and Unicode mode rejects ("\-" outside a class).
    return pattern;
  }
}

/** A parser that hands the library its pattern in Unicode mode (see `inUnicodeMode`), converted once per pattern. */
function unicodeParser(parser: chrono.Parser): chrono.Parser {
  let from: RegExp | undefined;
  let to: RegExp | undefined;
  return {
    pattern(context) {
      const re = parser.pattern(context);
      if (re !== from) {
        from = re;
        to = inUnicodeMode(re);
      }
      return to!;
    },
    extract: (context, match) => parser.extract(context, match),
  };
}

/** A copy of `base` whose parsers' patterns are in Unicode mode; `base` and its parsers (shared by its clones) stay as they are. */
export function withUnicodePatterns(base: chrono.Chrono): chrono.Chrono {
  return new chrono.Chrono({ parsers: base.parsers.map(unicodeParser), refiners: [...base.refiners] });
}

/** chrono-node, in strict mode plus the relative-day forms we trust ("yesterday", "3 days ago"). */
export function createChronoCalendarParser(): CalendarParser {
  const parser = withUnicodePatterns(chrono.en.casual);
  return {
    parse(window, reference) {
      const hits: CalendarHit[] = [];
      const masked = window.replace(DECIMAL, (m) => ' '.repeat(m.length));
      const results = parser.parse(masked, reference ?? new Date(Date.UTC(2000, 0, 1)), { forwardDate: false });
      for (const r of results) {
        // A range is two expressions, each with its own value.
        const split = r.end ? RANGE_SEPARATOR.exec(r.text) : null;
        if (split && r.end) {
          push(hits, window.slice(r.index, r.index + split.index), r.index, r.start);
          const second = split.index + split[0].length;
          push(hits, window.slice(r.index + second, r.index + r.text.length), r.index + second, r.end);
        } else {
          push(hits, window.slice(r.index, r.index + r.text.length), r.index, r.start);
        }
      }
      return hits;
    },
  };
}

function push(hits: CalendarHit[], raw: string, at: number, c: Component): void {
  // A masked number before the expression leaves its punctuation behind (", on Friday").
  const punct = /^[\s,;:]*/.exec(raw)![0].length;
  let text = raw.slice(punct);
  let start = at + punct;
  const lead = LEADING_FILLER.exec(text);
  if (lead) {
    text = text.slice(lead[0].length);
    start += lead[0].length;
  }
  text = MERIDIEM_END.test(text) ? text.replace(/[\s,;:]+$/, '') : text.replace(TRAILING_PUNCT, '');
  if (!text || FRACTION.test(text)) return;
  const relative = !c.isCertain('month') || c.tags().has('result/relativeDate') || RELATIVE_WORDS.test(text);
  const weekday = BARE_WEEKDAY.exec(text);
  const part = /\b(morning|afternoon|evening|night|tonight)\b/i.exec(text);
  hits.push({
    start,
    end: start + text.length,
    text,
    year: c.get('year') ?? undefined,
    month: c.isCertain('month') || relative ? (c.get('month') ?? undefined) : undefined,
    day: c.isCertain('day') || relative ? (c.get('day') ?? undefined) : undefined,
    yearImplied: !c.isCertain('year'),
    relative,
    ...(weekday ? { weekday: WEEKDAY_INDEX[weekday[1].toLowerCase()] } : {}),
    ...(c.isCertain('hour') ? { hour: c.get('hour') ?? 0, minute: c.get('minute') ?? 0 } : {}),
    ...(part && !c.isCertain('hour') ? { partOfDay: PART_OF_DAY[part[1].toLowerCase()] } : {}),
  });
}
