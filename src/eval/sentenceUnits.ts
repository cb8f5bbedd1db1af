// Sentence units for sentence-level scoring, defined by the evaluation and not by the system under
// test, so a change to the system's own segmentation cannot move the goalposts.
import type { Span } from './metrics';

/** Words whose final period does not end a sentence. */
const ABBREVIATION = /(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Col|Lt|Sgt|St|Jr|Sr|Inc|Corp|Co|Ltd|No|vs|etc|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mt|Ft)|\b[A-Z]|(?:\b[A-Za-z]\.)+[A-Za-z])\.$/;

/**
 * Splits text at sentence ends: `.`, `!` or `?` (closing quotes allowed) followed by white space
 * and an upper-case letter, digit or opening quote, unless the period closes an abbreviation; and
 * at blank lines.
 */
export function sentenceUnits(text: string): Span[] {
  const units: Span[] = [];
  let start = 0;
  const boundary = /([.!?]['"”’)]*)(\s+)(?=["“‘'(]?[A-Z0-9])|\n\s*\n/g;
  for (let m = boundary.exec(text); m; m = boundary.exec(text)) {
    const end = m.index + (m[1]?.length ?? 0);
    if (m[1] && m[1].startsWith('.') && ABBREVIATION.test(text.slice(Math.max(start, end - 12), end))) continue;
    push(units, text, start, end);
    start = m.index + m[0].length;
  }
  push(units, text, start, text.length);
  return units;
}

function push(units: Span[], text: string, start: number, end: number): void {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  if (end > start) units.push({ start, end });
}
