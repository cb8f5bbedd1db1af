// A date's TIMEX3 value in words, for people: "February, year unknown", "now", "10 March 2018".
// Raw values (XXXX-02, PRESENT_REF) never reach the user; exports keep the value itself. Each
// phrase is a literal so that `npm run l10n:export` finds it.
import * as l10n from '@vscode/l10n';
import type { DateInfo } from '../../model';

function monthName(mm: string): string | undefined {
  switch (mm) {
    case '01': return l10n.t('January');
    case '02': return l10n.t('February');
    case '03': return l10n.t('March');
    case '04': return l10n.t('April');
    case '05': return l10n.t('May');
    case '06': return l10n.t('June');
    case '07': return l10n.t('July');
    case '08': return l10n.t('August');
    case '09': return l10n.t('September');
    case '10': return l10n.t('October');
    case '11': return l10n.t('November');
    case '12': return l10n.t('December');
    default: return undefined;
  }
}

function season(code: string): string {
  switch (code) {
    case 'SP': return l10n.t('spring');
    case 'SU': return l10n.t('summer');
    case 'FA': return l10n.t('autumn');
    default: return l10n.t('winter');
  }
}

function reference(value: string): string | undefined {
  switch (value) {
    case 'PRESENT_REF': return l10n.t('now');
    case 'PAST_REF': return l10n.t('in the past');
    case 'FUTURE_REF': return l10n.t('in the future');
    default: return undefined;
  }
}

function partOfDay(code: string): string | undefined {
  switch (code) {
    case 'MO': return l10n.t('morning');
    case 'AF': return l10n.t('afternoon');
    case 'EV': return l10n.t('evening');
    case 'NI': return l10n.t('night');
    default: return undefined;
  }
}

/** "3 years", "some months"; `n` is a number or `X` (unknown). */
function amount(unit: string, n: string): string | undefined {
  const some = n === 'X';
  const one = n === '1';
  switch (unit) {
    case 'Y': return some ? l10n.t('some years') : one ? l10n.t('1 year') : l10n.t('{0} years', n);
    case 'M': return some ? l10n.t('some months') : one ? l10n.t('1 month') : l10n.t('{0} months', n);
    case 'W': return some ? l10n.t('some weeks') : one ? l10n.t('1 week') : l10n.t('{0} weeks', n);
    case 'D': return some ? l10n.t('some days') : one ? l10n.t('1 day') : l10n.t('{0} days', n);
    case 'Q': return some ? l10n.t('some quarters') : one ? l10n.t('1 quarter') : l10n.t('{0} quarters', n);
    case 'DE': return some ? l10n.t('some decades') : one ? l10n.t('1 decade') : l10n.t('{0} decades', n);
    case 'CE': return some ? l10n.t('some centuries') : one ? l10n.t('1 century') : l10n.t('{0} centuries', n);
    case 'H': return some ? l10n.t('some hours') : one ? l10n.t('1 hour') : l10n.t('{0} hours', n);
    case 'MIN': return some ? l10n.t('some minutes') : one ? l10n.t('1 minute') : l10n.t('{0} minutes', n);
    default: return undefined;
  }
}

/** "every year", "every 2 weeks". */
function every(unit: string, n: string): string | undefined {
  if (n !== '1') {
    const span = amount(unit, n);
    return span && l10n.t('every {0}', span);
  }
  switch (unit) {
    case 'Y': return l10n.t('every year');
    case 'M': return l10n.t('every month');
    case 'W': return l10n.t('every week');
    case 'D': return l10n.t('every day');
    case 'Q': return l10n.t('every quarter');
    case 'DE': return l10n.t('every decade');
    case 'CE': return l10n.t('every century');
    case 'H': return l10n.t('every hour');
    case 'MIN': return l10n.t('every minute');
    default: return undefined;
  }
}

function withModifier(mod: string, plain: string): string {
  switch (mod) {
    case 'START': return l10n.t('early {0}', plain);
    case 'MID': return l10n.t('mid {0}', plain);
    case 'END': return l10n.t('end of {0}', plain);
    case 'APPROX': return l10n.t('about {0}', plain);
    case 'BEFORE': return l10n.t('before {0}', plain);
    case 'AFTER': return l10n.t('after {0}', plain);
    case 'ON_OR_BEFORE': return l10n.t('by {0}', plain);
    default: return plain;
  }
}

/** "the 21st century": English ordinals need four forms; other languages may use one. */
function century(n: number): string {
  const tens = n % 100;
  if (tens < 11 || tens > 13) {
    if (n % 10 === 1) return l10n.t('the {0}st century', n);
    if (n % 10 === 2) return l10n.t('the {0}nd century', n);
    if (n % 10 === 3) return l10n.t('the {0}rd century', n);
  }
  return l10n.t('the {0}th century', n);
}

const SPAN = /^PT?(\d+|X)(Y|M|W|D|Q|DE|CE|H|MIN)$/;
/** A span in two units, as a half is written: "P2Y6M", "PT5H30M", "P3DT12H". */
const TWO_UNITS = /^P(?:(\d+)(Y|M|D))?(?:T?(\d+)(M|D|H))?$|^PT(\d+)H(\d+)M$/;

function twoUnits(value: string): string | undefined {
  const m = TWO_UNITS.exec(value);
  if (!m) return undefined;
  // After a T, "M" is minutes.
  const [first, second] = m[5] ? [amount('H', m[5]), amount('MIN', m[6]!)] : m[1] && m[3] ? [amount(m[2]!, m[1]), amount(/T/.test(value) && m[4] === 'M' ? 'MIN' : m[4]!, m[3])] : [];
  return first && second ? l10n.t('{0} {1}', first, second) : undefined;
}

/** The value without its modifier: a day, a month, a year, a quarter, a week, a season, a decade, a time, a reference. */
function plainValue(value: string, type: DateInfo['timexType']): string | undefined {
  const ref = reference(value);
  if (ref) return ref;
  if (type === 'DURATION' || type === 'SET') {
    const span = SPAN.exec(value);
    if (!span && type === 'DURATION') return twoUnits(value);
    if (!span) return undefined;
    return type === 'SET' ? every(span[2]!, span[1]!) : amount(span[2]!, span[1]!);
  }
  let m = /^(\d{4}|XXXX)-(\d{2})-(\d{2})(?:T(.+))?$/.exec(value);
  if (m) {
    const name = monthName(m[2]!);
    if (!name) return undefined;
    const day = m[1] === 'XXXX' ? l10n.t('{0} {1}, year unknown', Number(m[3]), name) : l10n.t('{0} {1} {2}', Number(m[3]), name, m[1]!);
    if (!m[4]) return day;
    const time = /^\d{2}:\d{2}/.test(m[4]) ? m[4].slice(0, 5) : partOfDay(m[4]);
    return time ? `${day}, ${time}` : day;
  }
  m = /^(\d{4}|XXXX)-(\d{2})$/.exec(value);
  if (m) {
    const name = monthName(m[2]!);
    if (!name) return undefined;
    return m[1] === 'XXXX' ? l10n.t('{0}, year unknown', name) : l10n.t('{0} {1}', name, m[1]!);
  }
  m = /^(\d{4})-Q([1-4])$/.exec(value);
  if (m) return l10n.t('Q{0} {1}', m[2]!, m[1]!);
  m = /^(\d{4})-H([12])$/.exec(value);
  if (m) return m[2] === '1' ? l10n.t('first half of {0}', m[1]!) : l10n.t('second half of {0}', m[1]!);
  m = /^(\d{4})-W(\d{2})(-WE)?$/.exec(value);
  if (m) return m[3] ? l10n.t('the weekend of week {0} of {1}', Number(m[2]), m[1]!) : l10n.t('week {0} of {1}', Number(m[2]), m[1]!);
  m = /^(\d{4})-(SP|SU|FA|WI)$/.exec(value);
  if (m) return l10n.t('{0} {1}', season(m[2]!), m[1]!);
  if (/^\d{4}$/.test(value)) return value;
  if (/^\d{3}$/.test(value)) return l10n.t('the {0}0s', value);
  if (/^\d{2}$/.test(value)) return century(Number(value) + 1);
  return undefined;
}

/**
 * The value in words, with its modifier ("end of 2018"); undefined when unresolved. A value this
 * does not know reads "an unusual date value" rather than leaking the raw string.
 */
export function humanDateValue(d: DateInfo | undefined): string | undefined {
  if (!d || d.value === null) return undefined;
  const plain = plainValue(d.value, d.timexType) ?? l10n.t('an unusual date value');
  return d.mod ? withModifier(d.mod, plain) : plain;
}
