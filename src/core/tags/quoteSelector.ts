import { createHash } from 'node:crypto';
import type { TextQuoteTarget } from './annotation';

export const DEFAULT_QUOTE_CONTEXT = 32;

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * Builds the target for `text.slice(start, end)` with up to `context` UTF-16 code units
 * of context either side. A context cut never splits a surrogate pair (the half would
 * not survive a UTF-8 round trip), so a side may be one unit shorter than `context`.
 */
export function makeQuoteTarget(
  text: string,
  start: number,
  end: number,
  context: number = DEFAULT_QUOTE_CONTEXT,
): TextQuoteTarget {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > text.length) {
    throw new RangeError(`Invalid range ${start}..${end} for a text of length ${text.length}.`);
  }
  if (!Number.isInteger(context) || context < 0) {
    throw new RangeError(`Invalid quote context ${context}; expected a non-negative integer.`);
  }
  let prefixStart = Math.max(0, start - context);
  if (prefixStart > 0 && prefixStart < start && isLow(text.charCodeAt(prefixStart)) && isHigh(text.charCodeAt(prefixStart - 1))) {
    prefixStart += 1;
  }
  let suffixEnd = Math.min(text.length, end + context);
  if (suffixEnd < text.length && suffixEnd > end && isHigh(text.charCodeAt(suffixEnd - 1)) && isLow(text.charCodeAt(suffixEnd))) {
    suffixEnd -= 1;
  }
  return {
    start,
    end,
    exact: text.slice(start, end),
    prefix: text.slice(prefixStart, start),
    suffix: text.slice(end, suffixEnd),
  };
}

/** True when both targets name the same text with the same offsets and context. */
export function sameQuoteTarget(a: TextQuoteTarget, b: TextQuoteTarget): boolean {
  return a.start === b.start && a.end === b.end && a.exact === b.exact && a.prefix === b.prefix && a.suffix === b.suffix;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
