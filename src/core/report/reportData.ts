// What a report shows, computed once from the sources and rendered as HTML or Markdown.
import { noteOf } from '../tags/noteThread';
import { describe } from '../kinds';
import { FINDING_KINDS, TAG_STATUSES, type FindingKind, type TagStatus } from '../model';
import { countFindings, emptyCounts } from '../sourceCounts';
import type { TaggedFinding } from '../taggedFindings';
import { LineIndex } from '../text/lineIndex';
import type { Evidence } from '../export/evidence';
import type { ExportSource } from '../export/exportSource';

export interface ReportSource extends ExportSource {
  /** Why the tags of this source could not be read (an invalid sidecar). */
  sidecarProblem?: string;
  /** Why the source was not analysed (binary, too large). */
  skipped?: string;
}

/** A conflict between sources, as the corpus index reports it. */
export interface ReportConflict {
  summary: string;
  mentions: { path: string; line: number; text: string }[];
}

export type StatusOrUntagged = TagStatus | 'untagged';
export const CHART_STATUSES: readonly StatusOrUntagged[] = [...TAG_STATUSES, 'untagged'];

/** One source's line of the counts table and bar of the chart. */
export interface SourceRow {
  path: string;
  /** Findings per kind. */
  byKind: Record<FindingKind, number>;
  /** Claims per tag status. */
  byStatus: Record<StatusOrUntagged, number>;
  orphans: number;
  sidecarProblem?: string;
  skipped?: string;
}

export interface ClaimRow {
  path: string;
  line: number;
  text: string;
  status: StatusOrUntagged;
  note?: string;
  evidence: Evidence[];
  /** Short facts: who said it, its hedges. */
  notes: string[];
  /** The tag's text is no longer in the source. */
  orphaned: boolean;
}

export interface ReportTimelineMention {
  path: string;
  line: number;
  text: string;
  /** The sentence the date is in. */
  context: string;
  /** How a duration became a date ("P2Y from 2018-03-10"). */
  derivedFrom?: string;
}

export interface ReportTimelineEntry {
  /** The normalised value (`2018 END`, `2015-11-09`). */
  label: string;
  /** Sources disagree on a time frame this date is part of. */
  disputed?: boolean;
  mentions: ReportTimelineMention[];
}

export interface ReportData {
  title: string;
  sources: SourceRow[];
  totals: Omit<SourceRow, 'path' | 'sidecarProblem' | 'skipped'> & { sources: number };
  claims: ClaimRow[];
  /** Who said what: the quotations, with their speakers in `notes`. */
  quotations: ClaimRow[];
  timeline: ReportTimelineEntry[];
  conflicts: ReportConflict[];
  /** False when the conflict search was skipped (`--skip-conflicts`): no conflicts listed is then no finding. */
  conflictsSearched: boolean;
}

export interface ReportOptions {
  title?: string;
  /** Claims and quotations listed in the tables: every one detected, or only tagged ones. */
  claims: 'all' | 'tagged';
  /** From the cross-source index (src/core/corpus), which sees every source at once; undefined when not searched. */
  conflicts: ReportConflict[] | undefined;
  timeline: ReportTimelineEntry[];
}

/** What the report says under "Conflicts between sources" when it lists none: none found, or not looked for. */
export function noConflicts(data: Pick<ReportData, 'conflictsSearched'>): string {
  return data.conflictsSearched
    ? 'None found: no two sources disagree on a plan\'s time frame, a person\'s office, a figure or who said something.'
    : 'Not searched (--skip-conflicts).';
}

const emptyByStatus = (): Record<StatusOrUntagged, number> => ({ verified: 0, speculative: 0, contradicted: 0, untagged: 0 });
const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

function countSource(s: ReportSource): SourceRow {
  const c = countFindings(s);
  // Orphaned tags are counted apart (and listed among the claims), not as detected claims.
  return {
    path: s.path, byKind: c.byKind,
    byStatus: { verified: c.verified, speculative: c.speculative, contradicted: c.contradicted, untagged: c.untagged },
    orphans: c.orphans,
    ...(s.sidecarProblem ? { sidecarProblem: s.sidecarProblem } : {}), ...(s.skipped ? { skipped: s.skipped } : {}),
  };
}

function claimRow(path: string, lines: LineIndex, f: TaggedFinding): ClaimRow {
  const tag = f.annotation;
  return {
    path, line: lines.at(f.start).line, text: flat(f.text), status: tag?.status ?? 'untagged',
    ...(noteOf(tag) ? { note: noteOf(tag)! } : {}), evidence: [...(tag?.evidence ?? [])],
    notes: describe(f).notes, orphaned: false,
  };
}

export function buildReport(sources: readonly ReportSource[], options: ReportOptions): ReportData {
  const counts = sources.map(countSource);
  const totals = { sources: sources.length, byKind: emptyCounts().byKind, byStatus: emptyByStatus(), orphans: 0 };
  for (const c of counts) {
    for (const k of FINDING_KINDS) totals.byKind[k] += c.byKind[k];
    totals.orphans += c.orphans;
    for (const k of CHART_STATUSES) totals.byStatus[k] += c.byStatus[k];
  }
  const rows = (kind: FindingKind): ClaimRow[] => {
    const out: ClaimRow[] = [];
    for (const s of sources) {
      const lines = new LineIndex(s.text);
      for (const f of s.findings) if (f.kind === kind && (options.claims === 'all' || f.annotation)) out.push(claimRow(s.path, lines, f));
      for (const o of s.orphans) {
        if (o.kind !== kind) continue;
        out.push({ path: s.path, line: 1, text: flat(o.target.exact), status: o.status, ...(noteOf(o) ? { note: noteOf(o)! } : {}), evidence: [...(o.evidence ?? [])], notes: [], orphaned: true });
      }
    }
    return out;
  };
  return {
    title: options.title ?? 'Sourcemark report',
    sources: counts,
    totals,
    claims: rows('claim'),
    quotations: rows('quotation'),
    timeline: options.timeline,
    conflicts: options.conflicts ?? [],
    conflictsSearched: options.conflicts !== undefined,
  };
}
