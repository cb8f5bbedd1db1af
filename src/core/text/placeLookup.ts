// Finding an item by its place (span and kind) in a list of thousands, once per tag or per finding
// of a keystroke: a map keyed by a place string per item cost ~20–40 ms of a keystroke on 1 MB.

import { firstAtLeast } from './sortedSearch';

export interface Positioned {
  kind?: string;
  start: number;
  end: number;
}

const itself = (x: unknown) => x as Positioned;

/** Items stepped over one by one from the last place asked before a binary search of the rest. */
const FORWARD_STEPS = 8;

/**
 * A lookup of the first item at a place, in list order (undefined: none). Lists in start order
 * (findings, region spans) get a binary search over their starts; any other order, two maps.
 */
export function placeLookup<T>(items: readonly T[], place: (item: T) => Positioned = itself): (start: number, end: number, kind: string | undefined) => number | undefined {
  const n = items.length;
  const starts = new Float64Array(n);
  let ordered = true;
  for (let i = 0; i < n; i++) {
    starts[i] = place(items[i]!).start;
    if (i > 0 && starts[i]! < starts[i - 1]!) ordered = false;
  }
  const matches = (j: number, end: number, kind: string | undefined) => {
    const p = place(items[j]!);
    return p.end === end && (p.kind ?? '') === (kind ?? '');
  };
  if (ordered) {
    // Places are mostly asked in start order (a delta's findings, a source's tags): the search goes
    // on from the last one's, a few steps, before it halves the rest (a binary search over the
    // 18,700 findings of 1 MB per finding was ~1.5 ms of a keystroke's delta). `from` is the first
    // index whose start is at least the last start asked: every index before it starts before that.
    let from = 0;
    return (start, end, kind) => {
      let j = from;
      if (j < n && starts[j]! <= start) {
        for (let steps = 0; j < n && starts[j]! < start && steps < FORWARD_STEPS; steps++) j++;
        if (j < n && starts[j]! < start) j = firstAtLeast(starts, start, j);
      } else j = firstAtLeast(starts, start);
      from = j;
      for (; j < n && starts[j] === start; j++) if (matches(j, end, kind)) return j;
      return undefined;
    };
  }
  // Those of one start chained in list order: no place string made per item.
  const firstAt = new Map<number, number>();
  const lastAt = new Map<number, number>();
  const nextAt = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const start = starts[i]!;
    const last = lastAt.get(start);
    if (last === undefined) firstAt.set(start, i);
    else nextAt[last] = i;
    lastAt.set(start, i);
  }
  return (start, end, kind) => {
    for (let j = firstAt.get(start) ?? -1; j >= 0; j = nextAt[j]!) if (matches(j, end, kind)) return j;
    return undefined;
  };
}
