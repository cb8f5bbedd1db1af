import type { TextQuoteTarget } from './annotation';

export interface Anchor {
  start: number;
  end: number;
}

/** Length of the common suffix of `a` and `b` (how much of the prefix context still matches). */
function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * Finds where a quote sits in `text` now: at its recorded offsets if the text there is unchanged,
 * else at the exact occurrence whose surrounding context matches best (nearest wins a tie).
 * Returns undefined when the quote is gone; the caller keeps the tag as an orphan.
 */
export function anchorQuote(text: string, target: TextQuoteTarget): Anchor | undefined {
  const { exact, prefix, suffix } = target;
  if (!exact) return undefined;
  const contextAt = (i: number) => {
    const end = i + exact.length;
    return commonSuffix(text.slice(Math.max(0, i - prefix.length), i), prefix) + commonPrefix(text.slice(end, end + suffix.length), suffix);
  };
  // Fast path: the quote and its whole context are still where they were.
  if (text.slice(target.start, target.end) === exact && contextAt(target.start) === prefix.length + suffix.length) {
    return { start: target.start, end: target.end };
  }
  let best: { anchor: Anchor; context: number; distance: number } | undefined;
  for (let i = text.indexOf(exact); i !== -1; i = text.indexOf(exact, i + 1)) {
    const context = contextAt(i);
    const distance = Math.abs(i - target.start);
    if (!best || context > best.context || (context === best.context && distance < best.distance)) {
      best = { anchor: { start: i, end: i + exact.length }, context, distance };
    }
  }
  return best?.anchor;
}
