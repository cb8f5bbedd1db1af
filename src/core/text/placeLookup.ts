// Finding an item by its place (span and kind) in a list of thousands, once per tag or per finding
// of a keystroke: a map keyed by a place string per item cost ~20–40 ms of a keystroke on 1 MB.

import { firstAtLeast } from './sortedSearch';

export interface Positioned {
  kind?: string;
  start: number;
  end: number;
}

const itself = (x: unknown) => x as Positioned;

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
    return (start, end, kind) => {
      for (let j = firstAtLeast(starts, start); j < n && starts[j] === start; j++) if (matches(j, end, kind)) return j;
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
