/** A span of offsets, end exclusive. */
export interface OffsetSpan {
  start: number;
  end: number;
}

/**
 * A test of whether [s, e) overlaps any of `spans`, for offsets in [from, to). Prefix sums over the
 * range, built once: testing every span for every item is quadratic in a long sentence (thousands of
 * dates against thousands of words), this is linear in the range plus the spans.
 */
const FEW_SPANS = 8;

export function spanOverlap(spans: readonly OffsetSpan[], from: number, to: number): (s: number, e: number) => boolean {
  if (!spans.length || to <= from) return () => false;
  const length = to - from;
  // A few spans (the usual sentence) are tested one by one: no arrays to allocate and collect.
  if (spans.length <= FEW_SPANS) {
    return (s, e) => {
      if (e <= s) return false;
      const cs = Math.max(from, Math.min(to, s));
      const ce = Math.max(from, Math.min(to, e));
      for (const x of spans) if (Math.max(cs, x.start) < Math.min(ce, x.end)) return true;
      return false;
    };
  }
  const covered = new Uint8Array(length);
  for (const x of spans) {
    const s = Math.max(0, x.start - from);
    const e = Math.min(length, x.end - from);
    if (e > s) covered.fill(1, s, e);
  }
  const before = new Int32Array(length + 1);
  for (let i = 0; i < length; i++) before[i + 1] = before[i]! + covered[i]!;
  return (s, e) => e > s && before[Math.max(0, Math.min(length, e - from))]! - before[Math.max(0, Math.min(length, s - from))]! > 0;
}

/**
 * A test of whether [s, e), not empty, lies inside one of `spans` that is longer than it, for
 * offsets in [from, to). Linear like spanOverlap: each offset of the range knows the last span laid
 * over it (spans that overlap each other may hide one another; a test then answers false).
 */
export function spanWithin(spans: readonly OffsetSpan[], from: number, to: number): (s: number, e: number) => boolean {
  const inside = (x: OffsetSpan, s: number, e: number) => e > s && x.start <= s && x.end >= e && x.end - x.start > e - s;
  if (!spans.length || to <= from) return () => false;
  if (spans.length <= FEW_SPANS) return (s, e) => spans.some((x) => inside(x, s, e));
  const length = to - from;
  const owner = new Int32Array(length).fill(-1);
  spans.forEach((x, i) => {
    const s = Math.max(0, x.start - from);
    const e = Math.min(length, x.end - from);
    if (e > s) owner.fill(i, s, e);
  });
  return (s, e) => {
    const i = s >= from && s < to ? owner[s - from]! : -1;
    return i >= 0 && inside(spans[i]!, s, e);
  };
}
