// Every normalised date of the workspace in time order, with its source and sentence. Dates the
// sources disagree on (the two ends of a time-frame conflict) are marked.
import { isCommentRegion } from '../regions';
import { positionIn, type LinePosition } from '../text/lineIndex';
import type { Conflict, ConflictSide } from './conflicts';
import { runSteps, STEP_ITEMS, StepCounter, type Steps } from './steps';
import { durationEnd, isoOfDay, periodOf } from './timeFrame';
import { spanOf, type DateDigest, type SourceDigest, type Span, type TagSummary } from './types';

export interface TimelineMention {
  sourceId: string;
  findingId: string;
  /** The date as written. */
  text: string;
  sentence: string;
  span: Span;
  /** Where the date starts, for a link to it. */
  at: LinePosition;
  /** How the value was found: "absolute", "document" (against the publication date), … */
  anchor: DateDigest['anchor'];
  /** For a forward duration ("within two years"): the date it runs out on. */
  derivedFrom?: string;
  tag?: TagSummary;
}

export interface TimelineEntry {
  /** TIMEX3 value with its modifier: `2018 END`, `2019-04`, `2015-11-09`. */
  value: string;
  /** First and last day the value covers (ISO). */
  from: string;
  to: string;
  mentions: TimelineMention[];
  /** Ids of conflicts one of these mentions is a side of. */
  conflicts: string[];
}

/** A time-frame conflict with where each side's dates start, for links to them. */
export interface TimelineDisagreement extends Conflict {
  sides: [ConflictSide & { at: LinePosition }, ConflictSide & { at: LinePosition }];
}

export interface Timeline {
  entries: TimelineEntry[];
  /** Time-frame conflicts, for the "sources disagree" list (the first MAX_DISAGREEMENTS). */
  disagreements: TimelineDisagreement[];
  /** How many there are in all. */
  disagreementCount: number;
  /** Dates left out: unresolved, durations, or in reader comments and their metadata. */
  omitted: { unresolved: number; comments: number; durations: number };
}

/** A page lists this many; the dates of every disagreement are still marked. */
const MAX_DISAGREEMENTS = 200;

export interface TimelineOptions {
  /** Include dates in reader comments and comment metadata ("Member since …"). Default false. */
  includeComments?: boolean;
}

/** Builds the timeline from the digests of every source and the workspace's time-frame conflicts. */
export function buildTimeline(sources: ReadonlyMap<string, SourceDigest>, conflicts: readonly Conflict[], options: TimelineOptions = {}): Timeline {
  return runSteps(timelineSteps(sources, conflicts, options, Infinity));
}

/** buildTimeline in steps of about `size` dates (steps.ts). */
export function* timelineSteps(sources: ReadonlyMap<string, SourceDigest>, conflicts: readonly Conflict[], options: TimelineOptions = {}, size = STEP_ITEMS): Steps<Timeline> {
  const step = new StepCounter(size);
  const entries = new Map<string, TimelineEntry & { fromDay: number; toDay: number }>();
  const omitted = { unresolved: 0, comments: 0, durations: 0 };
  const all = conflicts.filter((c) => c.kind === 'time-frame');
  const placed = (s: ConflictSide) => ({ ...s, at: positionIn(sources.get(s.sourceId)?.lines ?? [0], s.focus.start) });
  const disagreements = all.slice(0, MAX_DISAGREEMENTS).map((c): TimelineDisagreement => ({ ...c, sides: [placed(c.sides[0]), placed(c.sides[1])] }));
  // Which (source, date finding) sit in a disputed time frame.
  const disputed = new Map<string, string[]>();
  for (const c of all) {
    if (step.tick()) yield;
    for (const side of c.sides) {
      const digest = sources.get(side.sourceId);
      for (const d of digest?.dates ?? []) {
        if (d.claimId !== side.findingId || d.start < side.focus.start || d.end > side.focus.end) continue;
        const k = `${side.sourceId}#${d.findingId}`;
        disputed.set(k, [...(disputed.get(k) ?? []), c.id]);
      }
    }
  }

  const add = (sourceId: string, lines: readonly number[], d: DateDigest, value: string, from: number, to: number, derivedFrom?: string) => {
    let e = entries.get(value);
    if (!e) entries.set(value, (e = { value, from: isoOfDay(from), to: isoOfDay(to), fromDay: from, toDay: to, mentions: [], conflicts: [] }));
    e.mentions.push({
      sourceId, findingId: d.findingId, text: d.text, sentence: d.sentence, span: spanOf(d), at: positionIn(lines, d.start), anchor: d.anchor,
      ...(derivedFrom ? { derivedFrom } : {}), ...(d.tag ? { tag: d.tag } : {}),
    });
    for (const id of disputed.get(`${sourceId}#${d.findingId}`) ?? []) if (!e.conflicts.includes(id)) e.conflicts.push(id);
  };

  for (const [sourceId, digest] of sources) {
    const forwardDurations = new Map<string, string>();
    for (const c of digest.claims) for (const d of c.dates) if (d.forward) forwardDurations.set(`${d.start}:${d.end}`, d.referenceDate ?? digest.referenceDate ?? '');
    for (const d of digest.dates) {
      if (step.tick()) yield;
      if (!options.includeComments && isCommentRegion(d.region)) {
        omitted.comments++;
        continue;
      }
      if (d.value === null) {
        omitted.unresolved++;
        continue;
      }
      if (d.timexType === 'DURATION') {
        const ref = forwardDurations.get(`${d.start}:${d.end}`);
        const end = ref ? durationEnd(d.value, ref) : undefined;
        if (!end) {
          omitted.durations++;
          continue;
        }
        add(sourceId, digest.lines, d, isoOfDay(end.to), end.from, end.to, `${d.value} from ${ref}`);
        continue;
      }
      const p = periodOf(d.value, d.mod);
      if (!p) {
        omitted.unresolved++;
        continue;
      }
      add(sourceId, digest.lines, d, d.mod && d.mod !== 'APPROX' ? `${d.value} ${d.mod}` : d.value, p.from, p.to);
    }
  }

  const sorted = [...entries.values()].sort((a, b) => a.fromDay - b.fromDay || b.toDay - a.toDay || (a.value < b.value ? -1 : 1));
  for (const e of sorted) e.mentions.sort((a, b) => (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : a.span.start - b.span.start));
  return {
    entries: sorted.map(({ fromDay: _f, toDay: _t, ...e }) => e),
    disagreements,
    disagreementCount: all.length,
    omitted,
  };
}
