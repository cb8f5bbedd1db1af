// What every export format reads: one source's text with its findings and tags attached.
import type { TaggedFinding } from '../taggedFindings';
import type { Annotation } from '../tags/annotation';

export interface ExportSource {
  /** Path shown to people and used to name output files (relative, `/`-separated). */
  path: string;
  /** IRI of the source in linked-data formats (W3C, ClaimReview). */
  iri: string;
  text: string;
  /** Publication date the source states (ISO), if any. */
  publicationDate?: string;
  /** Findings in text order, each with its tag when it has one. */
  findings: readonly TaggedFinding[];
  /** Tags whose text is no longer in the source. */
  orphans: readonly Annotation[];
}

/** Which findings an export includes: only the tagged ones, or every detected finding too. */
export type ExportScope = 'tagged' | 'all';

export function selectFindings(source: ExportSource, scope: ExportScope): TaggedFinding[] {
  return source.findings.filter((f) => scope === 'all' || f.annotation);
}
