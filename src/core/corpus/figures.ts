// Figures in a claim ("more than 300 million users", "4.9 per cent", "$500") and whether two of
// them, from two sources stating the same fact, disagree.
import { stemmer } from 'stemmer';
import { spanOverlap } from '../text/spanOverlap';
import { allMatches } from '../text/allMatches';
import { wordTable } from '../text/wordTable';

const MULTIPLIER = wordTable<number>({
  thousand: 1e3, k: 1e3, million: 1e6, m: 1e6, mn: 1e6, billion: 1e9, bn: 1e9, b: 1e9, trillion: 1e12,
});
const FIGURE = /(?:(\$|€|£|¥)\s?)?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(thousand|million|billion|trillion|bn|mn|k)\b)?(?:\s*(%|per\s?cent|percent|percentage points?))?/giu;
const HAS_DIGIT = /\d/;
const QUALIFIER = /(more than|over|above|at least|nearly|almost|about|around|roughly|approximately|up to|less than|under|fewer than)\s+$/i;
const UNIT_WORD = /^\s+(?:of\s+)?(?:the\s+)?([a-z][a-z-]{2,})/;
// Words after a number that do not say what is counted.
const NOT_UNITS = new Set(['and', 'or', 'to', 'the', 'in', 'on', 'of', 'for', 'with', 'than', 'from', 'per', 'a', 'an', 'by', 'at', 'as', 'is', 'are', 'was', 'were']);

export interface Figure {
  value: number;
  unit: string;
  qualifier?: string;
  start: number;
  end: number;
  text: string;
}

/**
 * Figures in `text` (offsets relative to it). A number with no counted noun after it, a year, or a
 * number inside one of `skip` (a product name such as "Mate 10"; offsets relative to where `text`
 * is at, `base`) is left out.
 */
export function findFigures(text: string, skip: readonly { start: number; end: number }[] = [], base = 0): Figure[] {
  const out: Figure[] = [];
  // Every figure has a digit; two sentences in three have none (claimTerms.ts).
  if (!HAS_DIGIT.test(text)) return out;
  const skipped = spanOverlap(skip, base, base + text.length);
  for (const m of allMatches(FIGURE, text)) {
    const start = m.index!;
    const end = start + m[0].trimEnd().length;
    if (skipped(base + start, base + end)) continue;
    if (/\p{L}/u.test(text[start - 1] ?? '') || /\p{L}/u.test(text[end] ?? '')) continue; // "Mi7", "P10"
    const raw = Number(m[2].replace(/,/g, ''));
    if (!m[1] && !m[3] && !m[4] && raw >= 1900 && raw <= 2100 && !m[2].includes('.')) continue; // a year
    let unit: string | undefined;
    if (m[4]) unit = 'percent';
    else if (m[1]) unit = m[1];
    else {
      const u = UNIT_WORD.exec(text.slice(end, end + 40));
      if (u && !NOT_UNITS.has(u[1])) unit = stemmer(u[1]);
    }
    if (!unit) continue;
    const value = raw * (m[3] ? MULTIPLIER[m[3].toLowerCase()] ?? 1 : 1);
    const q = QUALIFIER.exec(text.slice(Math.max(0, start - 24), start));
    out.push({ value, unit, ...(q ? { qualifier: q[1].toLowerCase() } : {}), start, end, text: text.slice(start, end) });
  }
  return out;
}

const LOWER_BOUND = /more than|over|above|at least/;
const UPPER_BOUND = /nearly|almost|up to|less than|under|fewer than/;

/** Two figures for the same thing that cannot both be right (a lower bound above the other figure is fine). */
export function figuresDisagree(a: { value: number; qualifier?: string }, b: { value: number; qualifier?: string }): boolean {
  if (a.value === b.value) return false;
  const [lo, hi] = a.value < b.value ? [a, b] : [b, a];
  if (lo.qualifier && LOWER_BOUND.test(lo.qualifier)) return false; // "more than 300" vs "350"
  if (hi.qualifier && UPPER_BOUND.test(hi.qualifier)) return false; // "up to 400" vs "350"
  const tolerance = a.qualifier || b.qualifier ? 0.2 : 0.05;
  return (hi.value - lo.value) / hi.value > tolerance;
}
