import * as chrono from 'chrono-node';

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
}

/** Our interface over the date library, so it can be swapped without touching the rules. */
export interface CalendarParser {
  parse(window: string, reference: Date | undefined): CalendarHit[];
}

const LEADING_FILLER = /^(?:on|the|in|at|by|of)\s+/i;
const TRAILING_PUNCT = /[\s,.;:]+$/;

/** chrono-node, in strict mode plus the relative-day forms we trust ("yesterday", "3 days ago"). */
export function createChronoCalendarParser(): CalendarParser {
  const parser = chrono.en.casual.clone();
  return {
    parse(window, reference) {
      const hits: CalendarHit[] = [];
      const results = parser.parse(window, reference ?? new Date(Date.UTC(2000, 0, 1)), { forwardDate: false });
      for (const r of results) {
        let text = r.text;
        let start = r.index;
        const lead = LEADING_FILLER.exec(text);
        if (lead) {
          text = text.slice(lead[0].length);
          start += lead[0].length;
        }
        text = text.replace(TRAILING_PUNCT, '');
        if (!text) continue;
        const c = r.start;
        const relative = !c.isCertain('month') || c.tags().has('result/relativeDate');
        hits.push({
          start,
          end: start + text.length,
          text,
          year: c.get('year') ?? undefined,
          month: c.isCertain('month') || relative ? (c.get('month') ?? undefined) : undefined,
          day: c.isCertain('day') || relative ? (c.get('day') ?? undefined) : undefined,
          yearImplied: !c.isCertain('year'),
          relative,
        });
      }
      return hits;
    },
  };
}
