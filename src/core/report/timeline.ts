// Orders normalised date values (TIMEX3-like) on one time line: by the day each period starts,
// and a coarser period (the year) before a finer one that starts the same day (its first month).

export interface TimelinePoint {
  /** `YYYY-MM-DD` the period starts, then its length in days, zero-padded: sorts as a string. */
  key: string;
  /** The value shown (with its modifier, e.g. `2018 END`). */
  label: string;
}

const SEASON_MONTH: Record<string, number> = { WI: 1, SP: 3, SU: 6, FA: 9 };

function isoWeekStart(year: number, week: number): Date {
  // ISO week 1 is the week with the year's first Thursday; weeks start on Monday.
  const jan4 = utc(year, 0, 4);
  const monday = new Date(jan4);
  monday.setUTCDate(jan4.getUTCDate() - ((jan4.getUTCDay() + 6) % 7) + (week - 1) * 7);
  return monday;
}

/** A UTC date; unlike Date.UTC, years 0–99 stay themselves. */
function utc(y: number, m: number, d: number): Date {
  const date = new Date(Date.UTC(2000, m, d));
  date.setUTCFullYear(y);
  return date;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const day = (d: Date) => `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;

/** Start and length (days) of a TIMEX3 date value, or undefined for values that are not a point in time. */
function period(value: string): { start: Date; days: number } | undefined {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value))) return { start: utc(+m[1]!, +m[2]! - 1, +m[3]!), days: 1 };
  if ((m = /^(\d{4})-(\d{2})$/.exec(value))) return { start: utc(+m[1]!, +m[2]! - 1, 1), days: 30 };
  if ((m = /^(\d{4})$/.exec(value))) return { start: utc(+m[1]!, 0, 1), days: 365 };
  if ((m = /^(\d{4})-Q([1-4])$/.exec(value))) return { start: utc(+m[1]!, (+m[2]! - 1) * 3, 1), days: 91 };
  if ((m = /^(\d{4})-H([12])$/.exec(value))) return { start: utc(+m[1]!, (+m[2]! - 1) * 6, 1), days: 182 };
  if ((m = /^(\d{4})-(WI|SP|SU|FA)$/.exec(value))) return { start: utc(+m[1]!, SEASON_MONTH[m[2]!]! - 1, 1), days: 91 };
  if ((m = /^(\d{4})-W(\d{2})$/.exec(value))) return { start: isoWeekStart(+m[1]!, +m[2]!), days: 7 };
  if ((m = /^(\d{3})$/.exec(value))) return { start: utc(+m[1]! * 10, 0, 1), days: 3652 };
  if ((m = /^(\d{2})$/.exec(value))) return { start: utc(+m[1]! * 100, 0, 1), days: 36524 };
  return undefined;
}

export function timelinePoint(value: string | null | undefined, mod?: string): TimelinePoint | undefined {
  if (!value) return undefined;
  const p = period(value);
  if (!p || Number.isNaN(p.start.getTime())) return undefined;
  // "end 2018" belongs late in 2018, "mid-2018" in its middle.
  const shift = mod === 'END' ? 0.75 : mod === 'MID' ? 0.4 : 0;
  const start = new Date(p.start.getTime() + Math.floor(p.days * shift) * 86400000);
  // Longer periods first at the same start: invert the length so the string order does it.
  return { key: `${day(start)} ${pad(99999 - p.days, 5)}`, label: mod ? `${value} ${mod}` : value };
}
