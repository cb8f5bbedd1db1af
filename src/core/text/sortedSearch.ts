// Binary search over items in text order: detectors look up tokens, marks, sentences and findings
// near an offset thousands of times per long paragraph, so never by a scan.

/** Index of the first item starting at or after `offset` (items sorted by start), or the length. */
export function firstStartingAt(items: readonly { start: number }[], offset: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the last item starting before `offset` (items sorted by start), or −1. */
export const lastStartingBefore = (items: readonly { start: number }[], offset: number): number => firstStartingAt(items, offset) - 1;

/** Index of the first item for which `before` is false, where it holds for a prefix of `items` only. */
export function partitionPoint<T>(items: readonly T[], before: (item: T) => boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(items[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first of the ascending `values` from `from` on that is `value` or more, or the length. */
export function firstAtLeast(values: ArrayLike<number>, value: number, from = 0): number {
  let lo = from;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
