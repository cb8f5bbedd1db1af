// The cross-source index (src/core/corpus) as the CLI shows it: conflicts with file:line:col
// locations, and the timeline in the report's shape. Source ids are display paths.
import type { Conflict, CorpusIndex, Timeline } from '../core/corpus';
import type { ReportConflict, ReportTimelineEntry } from '../core/report/reportData';

export interface ConflictSideView {
  file: string;
  line: number;
  column: number;
  /** The part that disagrees, as written, and its value ("2020-03-10", "chairman"). */
  text: string;
  value: string;
  quote: string;
  tag?: string;
}

export interface ConflictView {
  id: string;
  kind: string;
  subject: string;
  /** A reviewer has tagged both sides: the disagreement has been looked at. */
  resolved: boolean;
  sides: [ConflictSideView, ConflictSideView];
}

/** `corpus` holds the digests of the conflict's sources: where their lines start. */
export function conflictView(c: Conflict, corpus: Pick<CorpusIndex, 'rangeOf'>): ConflictView {
  const side = (s: Conflict['sides'][number]): ConflictSideView => {
    const at = corpus.rangeOf(s.sourceId, s.focus).start;
    return {
      file: s.sourceId, line: at.line + 1, column: at.character + 1, text: s.focusText, value: s.value, quote: s.quote,
      ...(s.tag ? { tag: s.tag.status } : {}),
    };
  };
  return { id: c.id, kind: c.kind, subject: c.subject, resolved: c.sides.every((s) => s.tag), sides: [side(c.sides[0]), side(c.sides[1])] };
}

/** A side's disagreeing value, short: a time frame's days (its value ends with them in brackets), a title, a figure. */
export function shortValue(value: string): string {
  return /\(([^()]*)\)$/.exec(value)?.[1] ?? value;
}

/** What the sources disagree on: the person for a title; for a time frame or figure the two sides say it. */
export function conflictSubject(c: ConflictView): string {
  return c.kind === 'title' ? `on ${c.subject}` : '';
}

export function reportConflict(c: Conflict, corpus: Pick<CorpusIndex, 'rangeOf'>): ReportConflict {
  const v = conflictView(c, corpus);
  const side = (s: ConflictSideView) => `“${s.text}” (${shortValue(s.value)})`;
  return {
    summary: `${[v.kind, conflictSubject(v)].filter(Boolean).join(' ')}: ${side(v.sides[0])} vs ${side(v.sides[1])}${v.resolved ? ' · both sides tagged' : ''}`,
    mentions: v.sides.map((s) => ({ path: s.file, line: s.line, text: s.quote })),
  };
}

export function reportTimeline(t: Timeline): ReportTimelineEntry[] {
  return t.entries.map((e) => ({
    label: e.value,
    disputed: e.conflicts.length > 0,
    mentions: e.mentions.map((m) => ({ path: m.sourceId, line: m.at.line + 1, text: m.text, context: m.sentence, ...(m.derivedFrom ? { derivedFrom: m.derivedFrom } : {}) })),
  }));
}
