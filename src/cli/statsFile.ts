// What `sourcemark stats` counts in one source; kept in the digest cache (batch/checkCache.ts), so a
// folder seen before costs only reading what was counted.
import { FINDING_KINDS, KIND_WORDS, type FindingKind } from '../core/model';
import { countFindings } from '../core/sourceCounts';
import { displayPath } from './sourceFiles';
import type { SourceReport } from './sourceReport';

/** The kinds counted after the claims, in columns named by their plural ("entities", "dates"). */
export const OTHER_KINDS = FINDING_KINDS.filter((k): k is Exclude<FindingKind, 'claim'> => k !== 'claim');
type OtherKindColumn = (typeof KIND_WORDS)[Exclude<FindingKind, 'claim'>]['plural'];

export type Counts = {
  claims: number;
  verified: number;
  speculative: number;
  contradicted: number;
  untagged: number;
  /** Tags on findings of other kinds (claims are counted by status above). */
  otherTags: number;
  orphans: number;
} & Record<OtherKindColumn, number>;

export interface StatsFile extends Counts {
  file: string;
  sidecar: 'missing' | 'ok' | 'invalid';
  skipped?: boolean;
}

export const COLUMNS: (keyof Counts)[] = ['claims', 'verified', 'speculative', 'contradicted', 'untagged', 'otherTags', 'orphans', ...OTHER_KINDS.map((k) => KIND_WORDS[k].plural)];

export function statsFile(r: SourceReport): StatsFile {
  const c = countFindings(r.tagged);
  return {
    file: displayPath(r.file), sidecar: r.sidecar.state, ...(r.skippedReason ? { skipped: true } : {}),
    claims: c.byKind.claim, verified: c.verified, speculative: c.speculative, contradicted: c.contradicted, untagged: c.untagged,
    otherTags: r.tagged.findings.filter((f) => f.kind !== 'claim' && f.annotation).length,
    orphans: c.orphans,
    ...(Object.fromEntries(OTHER_KINDS.map((k) => [KIND_WORDS[k].plural, c.byKind[k]])) as Record<OtherKindColumn, number>),
  };
}

/** What the cache keeps of a source's counts: all but its path; nothing for a source with a problem (an invalid sidecar, not analysed). */
export function cachedStatsOf(f: StatsFile): Omit<StatsFile, 'file'> | undefined {
  if (f.skipped || f.sidecar === 'invalid') return undefined;
  const { file: _file, ...kept } = f;
  return kept;
}

/** The counts again, with the path as seen from this working folder; the same fields in the same order as statsFile makes. */
export function statsFileFromCache(file: string, kept: Omit<StatsFile, 'file'>): StatsFile {
  return { file: displayPath(file), ...kept };
}
