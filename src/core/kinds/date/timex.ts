// Small helpers to build TIMEX3-style values from calendar parts.

export interface DayParts {
  year: number;
  month: number;
  day: number;
}

export const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export const isoDay = (d: DayParts) => `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
export const isoMonth = (year: number, month: number) => `${pad(year, 4)}-${pad(month)}`;

/** Parses YYYY-MM-DD into parts; undefined when it is not a real calendar day. */
export function parseIsoDay(value: string | undefined): DayParts | undefined {
  const m = value ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (!m) return undefined;
  const parts = { year: +m[1], month: +m[2], day: +m[3] };
  const check = new Date(Date.UTC(parts.year, parts.month - 1, parts.day));
  return check.getUTCMonth() === parts.month - 1 && check.getUTCDate() === parts.day ? parts : undefined;
}

export function addDays(d: DayParts, days: number): DayParts {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** ISO 8601 week (`2018-W10`) of a day. */
export function isoWeek(d: DayParts): string {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day));
  const dayNum = (t.getUTCDay() + 6) % 7;
  t.setUTCDate(t.getUTCDate() - dayNum + 3);
  const weekYear = t.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(weekYear, 0, 4));
  const week = 1 + Math.round(((t.getTime() - firstThursday.getTime()) / 86_400_000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
  return `${weekYear}-W${pad(week)}`;
}

export function shiftMonth(year: number, month: number, delta: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + delta;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

export const quarterOf = (month: number) => Math.ceil(month / 3);

/**
 * The calendar unit holding `ref`, shifted by `delta` units ("last year", "next week", "two
 * quarters ago"); `code` is the TIMEX3 unit (Y, Q, M, W, D, DE, CE).
 */
export function shiftUnit(code: string, delta: number, ref: DayParts): string {
  switch (code) {
    case 'M': {
      const m = shiftMonth(ref.year, ref.month, delta);
      return isoMonth(m.year, m.month);
    }
    case 'W':
      return isoWeek(addDays(ref, delta * 7));
    case 'Q': {
      const m = shiftMonth(ref.year, ref.month, delta * 3);
      return `${pad(m.year, 4)}-Q${quarterOf(m.month)}`;
    }
    case 'D':
      return isoDay(addDays(ref, delta));
    // The reference is a day with no time: hours and minutes ago are that day, or whole days before it.
    case 'H':
      return isoDay(addDays(ref, Math.trunc(delta / 24)));
    case 'MIN':
      return isoDay(addDays(ref, Math.trunc(delta / (24 * 60))));
    case 'DE':
      return pad(ref.year + delta * 10, 4);
    case 'CE':
      return pad(ref.year + delta * 100, 4);
    default:
      return pad(ref.year + delta, 4);
  }
}
