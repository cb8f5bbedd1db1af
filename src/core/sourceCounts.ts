import type { TaggedFinding } from './taggedFindings';

/** What a list of sources shows per source: claims by tag status, entities, dates and orphaned tags. */
export interface SourceCounts {
  claims: number;
  /** Claims without a tag. */
  untagged: number;
  /** Claims per tag status. */
  verified: number;
  speculative: number;
  contradicted: number;
  entities: number;
  dates: number;
  /** Tags whose text is no longer in the source. */
  orphans: number;
}

export function emptyCounts(): SourceCounts {
  return { claims: 0, untagged: 0, verified: 0, speculative: 0, contradicted: 0, entities: 0, dates: 0, orphans: 0 };
}

/** Counts one source's findings with their tags attached; the editor's view, the CLI and reports all count here. */
export function countFindings(tagged: { readonly findings: readonly TaggedFinding[]; readonly orphans: readonly unknown[] }): SourceCounts {
  const counts: SourceCounts = { ...emptyCounts(), orphans: tagged.orphans.length };
  for (const f of tagged.findings) {
    if (f.kind === 'entity') counts.entities++;
    else if (f.kind === 'date') counts.dates++;
    else {
      counts.claims++;
      if (f.annotation) counts[f.annotation.status]++;
      else counts.untagged++;
    }
  }
  return counts;
}
