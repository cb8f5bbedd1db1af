// A date's TIMEX3 value in words, for people: "February, year unknown", "now", "10 March 2018".
// Raw values (XXXX-02, PRESENT_REF) never reach the user; exports keep the value itself.
import type { DateInfo } from '../../model';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const SEASONS: Record<string, string> = { SP: 'spring', SU: 'summer', FA: 'autumn', WI: 'winter' };
const REFS: Record<string, string> = { PRESENT_REF: 'now', PAST_REF: 'in the past', FUTURE_REF: 'in the future' };
const UNITS: Record<string, [string, string]> = {
  Y: ['year', 'years'], M: ['month', 'months'], W: ['week', 'weeks'], D: ['day', 'days'], Q: ['quarter', 'quarters'],
  DE: ['decade', 'decades'], CE: ['century', 'centuries'], H: ['hour', 'hours'], MIN: ['minute', 'minutes'],
};
const MODS: Record<string, string> = {
  START: 'early', MID: 'mid', END: 'end of', APPROX: 'about', BEFORE: 'before', AFTER: 'after', ON_OR_BEFORE: 'by',
};

const month = (mm: string) => MONTHS[Number(mm) - 1];

function duration(value: string): string | undefined {
  const m = /^PT?(\d+|X)(Y|M|W|D|Q|DE|CE|H|MIN)$/.exec(value);
  if (!m) return undefined;
  const [one, many] = UNITS[m[2]!]!;
  if (m[1] === 'X') return `some ${many}`;
  return `${m[1]} ${m[1] === '1' ? one : many}`;
}

/** The value without its modifier: a day, a month, a year, a quarter, a week, a season, a decade, a time, a reference. */
function plainValue(value: string, type: DateInfo['timexType']): string | undefined {
  if (REFS[value]) return REFS[value];
  if (type === 'DURATION') return duration(value);
  if (type === 'SET') {
    const d = duration(value);
    return d ? (d.startsWith('1 ') ? `every ${d.slice(2)}` : `every ${d}`) : undefined;
  }
  let m = /^(\d{4}|XXXX)-(\d{2})-(\d{2})(?:T(.+))?$/.exec(value);
  if (m) {
    const day = `${Number(m[3])} ${month(m[2]!)}${m[1] === 'XXXX' ? ', year unknown' : ` ${m[1]}`}`;
    if (!m[4]) return day;
    const time = /^\d{2}:\d{2}/.test(m[4]) ? m[4].slice(0, 5) : ({ MO: 'morning', AF: 'afternoon', EV: 'evening', NI: 'night' } as Record<string, string>)[m[4]];
    return time ? `${day}, ${time}` : day;
  }
  m = /^(\d{4}|XXXX)-(\d{2})$/.exec(value);
  if (m) return m[1] === 'XXXX' ? `${month(m[2]!)}, year unknown` : `${month(m[2]!)} ${m[1]}`;
  m = /^(\d{4})-Q([1-4])$/.exec(value);
  if (m) return `Q${m[2]} ${m[1]}`;
  m = /^(\d{4})-H([12])$/.exec(value);
  if (m) return `${m[2] === '1' ? 'first' : 'second'} half of ${m[1]}`;
  m = /^(\d{4})-W(\d{2})(-WE)?$/.exec(value);
  if (m) return `${m[3] ? 'the weekend of ' : ''}week ${Number(m[2])} of ${m[1]}`;
  m = /^(\d{4})-(SP|SU|FA|WI)$/.exec(value);
  if (m) return `${SEASONS[m[2]!]} ${m[1]}`;
  if (/^\d{4}$/.test(value)) return value;
  if (/^\d{3}$/.test(value)) return `the ${value}0s`;
  if (/^\d{2}$/.test(value)) return `the ${Number(value) + 1}th century`;
  return undefined;
}

/**
 * The value in words, with its modifier ("end of 2018"); undefined when unresolved. A value this
 * does not know reads "an unusual date value" rather than leaking the raw string.
 */
export function humanDateValue(d: DateInfo | undefined): string | undefined {
  if (!d || d.value === null) return undefined;
  const plain = plainValue(d.value, d.timexType) ?? 'an unusual date value';
  const mod = d.mod ? MODS[d.mod] : undefined;
  return mod ? `${mod} ${plain}` : plain;
}
