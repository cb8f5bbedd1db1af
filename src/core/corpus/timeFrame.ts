// When a claim says something will happen, as a period of days. Two sources that give the same
// plan periods far apart ("by end 2018" and "in 2021") disagree; "by end 2018 or early 2019" and
// "within two years" (any day until 2020-03) do not: the one lies inside the other.
import { isoDay, type DayParts } from '../kinds/date/timex';
import type { DateValueDigest } from './types';

/** Days since 1970-01-01 (UTC). */
const day = (y: number, m: number, d: number) => Math.floor(Date.UTC(y, m - 1, d) / 86_400_000);
const lastDay = (y: number, m: number) => day(y, m + 1, 1) - 1;

export interface Period {
  /** First and last day, inclusive. */
  from: number;
  to: number;
}

/** Gap in days between two periods (0 when they touch or overlap). */
export function gapDays(a: Period, b: Period): number {
  return Math.max(0, Math.max(a.from, b.from) - Math.min(a.to, b.to) - 1);
}

/**
 * The calendar day of a day number, in integer arithmetic (H. Hinnant's `civil_from_days`): a `Date`
 * and its ISO string for each took most of the time frames' cost in a conflict search.
 */
export function civilOfDay(n: number): DayParts {
  const z = n + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1_460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day: doy - Math.floor((153 * mp + 2) / 5) + 1 };
}

/** `YYYY-MM-DD` of a day number (as `Date#toISOString`, which the years past 0–9999 still go through). */
export function isoOfDay(n: number): string {
  const parts = civilOfDay(n);
  return parts.year >= 0 && parts.year <= 9999 ? isoDay(parts) : new Date(n * 86_400_000).toISOString().slice(0, 10);
}

/** A TIMEX3 DATE value (with its modifier) as a period; undefined when it names no calendar period. */
export function periodOf(value: string, mod?: string): Period | undefined {
  let p: Period | undefined;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value))) p = { from: day(+m[1], +m[2], +m[3]), to: day(+m[1], +m[2], +m[3]) };
  else if ((m = /^(\d{4})-(\d{2})$/.exec(value))) p = { from: day(+m[1], +m[2], 1), to: lastDay(+m[1], +m[2]) };
  else if ((m = /^(\d{4})-Q([1-4])$/.exec(value))) p = { from: day(+m[1], 3 * +m[2] - 2, 1), to: lastDay(+m[1], 3 * +m[2]) };
  else if ((m = /^(\d{4})-W(\d{2})$/.exec(value))) {
    const jan4 = day(+m[1], 1, 4);
    const monday = jan4 - ((new Date(jan4 * 86_400_000).getUTCDay() + 6) % 7) + 7 * (+m[2] - 1);
    p = { from: monday, to: monday + 6 };
  } else if ((m = /^(\d{4})$/.exec(value))) p = { from: day(+m[1], 1, 1), to: day(+m[1], 12, 31) };
  else if ((m = /^(\d{3})$/.exec(value))) p = { from: day(+m[1] * 10, 1, 1), to: day(+m[1] * 10 + 9, 12, 31) };
  if (!p) return undefined;
  const year = /^(\d{4})$/.exec(value);
  if (year && (mod === 'START' || mod === 'MID' || mod === 'END')) {
    // Early, mid and late year: January–April, May–August, September–December.
    const y = +year[1];
    return mod === 'START' ? { from: day(y, 1, 1), to: lastDay(y, 4) } : mod === 'MID' ? { from: day(y, 5, 1), to: lastDay(y, 8) } : { from: day(y, 9, 1), to: day(y, 12, 31) };
  }
  const third = Math.floor((p.to - p.from + 1) / 3);
  if (third >= 1) {
    if (mod === 'START') p = { from: p.from, to: p.from + third - 1 };
    else if (mod === 'MID') p = { from: p.from + third, to: p.to - third };
    else if (mod === 'END') p = { from: p.to - third + 1, to: p.to };
  }
  return p;
}

const DURATION = /^P(\d+(?:\.\d+)?)([YMWD])$/;
/** The last day (either way from 1970) a `Date` holds: 8.64e15 ms. */
const MAX_DAY = 100_000_000;

/** "within two years" from the reference date: the day the period runs out. */
export function durationEnd(value: string, referenceDate: string): Period | undefined {
  const m = DURATION.exec(value);
  const r = /^(\d{4})-(\d{2})-(\d{2})$/.exec(referenceDate);
  if (!m || !r) return undefined;
  const n = Number(m[1]);
  const [y, mo, d] = [+r[1], +r[2], +r[3]];
  let end: number;
  switch (m[2]) {
    case 'Y': end = day(y + Math.round(n), mo, d); break;
    case 'M': end = day(y, mo + Math.round(n), d); break;
    case 'W': end = day(y, mo, d) + Math.round(7 * n); break;
    default: end = day(y, mo, d) + Math.round(n);
  }
  // Past the calendar a Date can hold ("P999999Y" in a hostile cache entry): no day, rather than a NaN that throws where it is named.
  if (!(Math.abs(end) <= MAX_DAY)) return undefined;
  return { from: end, to: end };
}

export interface TimeFrame {
  /**
   * The period in which the claim says the thing happens: the latest one it names; for "within two
   * years" every day from the date it is counted from until it runs out, for "in two years" that day.
   */
  deadline: Period;
  /** The date expressions the frame was read from. */
  dates: DateValueDigest[];
  /**
   * What is compared, readable beside the words it was read from: the days the dates name
   * ("2018-09-01 … 2019-04-30", "2018-12-31"), and for "within two years" the day it runs out and
   * what it was counted from ("by 2020-03-10, counted from 2018-03-10").
   */
  label: string;
}

/**
 * The time frame of a claim about the future: every date it names, and "within two years" counted
 * from the reference date.
 */
export function timeFrameOf(dates: readonly DateValueDigest[], referenceDate?: string): TimeFrame | undefined {
  // A claim's frame is asked for once per claim it is matched with: made once per list of dates.
  const held = frames.get(dates);
  if (held && held.referenceDate === referenceDate) return held.frame;
  const frame = makeTimeFrame(dates, referenceDate);
  frames.set(dates, { referenceDate, frame });
  return frame;
}

const frames = new WeakMap<readonly DateValueDigest[], { referenceDate?: string; frame?: TimeFrame }>();

function makeTimeFrame(dates: readonly DateValueDigest[], referenceDate?: string): TimeFrame | undefined {
  const used: { d: DateValueDigest; p: Period; countedFrom?: string; throughout?: boolean }[] = [];
  for (const d of dates) {
    const counted = d.referenceDate ?? referenceDate;
    if (d.timexType === 'DATE') {
      const p = periodOf(d.value, d.mod);
      if (p) used.push({ d, p });
    } else if (d.timexType === 'DURATION' && d.forward && counted) {
      const end = durationEnd(d.value, counted);
      const from = periodOf(counted);
      if (end && from) used.push({ d, p: d.throughout ? { from: from.from, to: end.to } : end, countedFrom: counted, throughout: d.throughout === true });
    }
  }
  if (!used.length) return undefined;
  const last = used.reduce((a, b) => (b.p.to > a.p.to ? b : a));
  // The label's days: those the dates name, and the day a duration runs out.
  const from = used.reduce((min, u) => Math.min(min, u.countedFrom ? u.p.to : u.p.from), Infinity);
  const deadline = last.p;
  // A duration names a day, not the period of a date: said so, with where it was counted from.
  const label = last.countedFrom
    ? `${last.throughout ? 'by' : 'around'} ${isoOfDay(deadline.to)}, counted from ${last.countedFrom}`
    : from === deadline.to ? isoOfDay(from) : `${isoOfDay(from)} … ${isoOfDay(deadline.to)}`;
  return { deadline, dates: used.map((u) => u.d), label };
}

/** Plans whose deadlines lie this many days apart or more are said to disagree. */
export const TIME_FRAME_TOLERANCE_DAYS = 90;
