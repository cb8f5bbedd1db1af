// The places of a source that other sources contradict: conflicts grouped by the words they
// dispute here, so that a place is one warning and one row of the view however many sources say
// otherwise, and settled once both sides of each of its conflicts are tagged.
import type { Conflict, ConflictSide } from '../core/corpus';
import { conflictPlaceKey } from '../core/corpus/conflicts';
import type { SourceState } from './sourceState';

/** A place of this source other sources contradict: the first conflict found on it, and the other side of each. */
export interface ConflictPlace {
  conflict: Conflict;
  mine: ConflictSide;
  others: ConflictSide[];
  /**
   * Both sides of every conflict here are tagged: the checker has looked at each (as `sourcemark
   * check`, which stops counting such a conflict). Tagging this claim contradicted citing the other
   * source does that (the cited claim is tagged too).
   */
  settled: boolean;
}

/**
 * The places of this source other sources contradict, one per disputed place (`conflictPlaceKey`):
 * a plan's "2021" that several claims of other sources contradict is one place, not one per claim
 * on the same words (hundreds where many sources copy one story). The diagnostics and the view's
 * Conflicts section both show these.
 */
export function conflictPlaces(state: SourceState): ConflictPlace[] {
  const conflicts = state.crossSource?.conflicts ?? [];
  if (!conflicts.length) return [];
  // This side's tags as they are now (the index's digest of an open source follows edits after a pause).
  const here = new Set(conflicts.flatMap((c) => c.sides.filter((s) => s.sourceId === state.uri).map((s) => s.findingId)));
  const tagged = new Set(state.tagged.findings.filter((f) => f.annotation && here.has(f.id)).map((f) => f.id));
  return placesOf(state.uri, conflicts, tagged);
}

/** The disputed places of source `uri` in `conflicts`; `tagged`: this source's findings that carry a tag. */
export function placesOf(uri: string, conflicts: readonly Conflict[], tagged: ReadonlySet<string>): ConflictPlace[] {
  // Settled conflicts make a place of their own only where no unsettled one is.
  const open = new Map<string, ConflictPlace>();
  const settled = new Map<string, ConflictPlace>();
  for (const c of conflicts) {
    for (const mine of c.sides.filter((s) => s.sourceId === uri)) {
      const other = c.sides.find((s) => s !== mine)!;
      const done = tagged.has(mine.findingId) && !!other.tag;
      const places = done ? settled : open;
      const key = conflictPlaceKey(c.kind, mine);
      const place = places.get(key);
      if (place) place.others.push(other);
      else places.set(key, { conflict: c, mine, others: [other], settled: done });
    }
  }
  return [...open.values(), ...[...settled].filter(([key]) => !open.has(key)).map(([, place]) => place)];
}
