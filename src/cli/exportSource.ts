import type { ReportSource } from '../core/report/reportData';
import type { SourceReport } from './sourceReport';
import { displayPath } from './sourceFiles';

/**
 * A source as the export and report modules read it. Its IRI is its display path (a relative
 * reference, resolved against wherever the export is kept) unless a base IRI is given.
 */
export function toReportSource(r: SourceReport, baseIri?: string): ReportSource {
  const path = displayPath(r.file);
  const iri = baseIri ? `${baseIri}${encodeURI(path)}` : encodeURI(path);
  return {
    path,
    iri,
    text: r.text,
    ...(r.analysis?.publicationDate ? { publicationDate: r.analysis.publicationDate } : {}),
    findings: r.tagged.findings,
    orphans: r.tagged.orphans,
    ...(r.sidecar.state === 'invalid' ? { sidecarProblem: r.sidecar.problem.message } : {}),
    ...(r.skippedReason ? { skipped: r.skippedReason } : {}),
  };
}

/** A report source as cached (batch/checkCache.ts): without its paths, which depend on the working folder. */
export type CachedReportSource = Omit<ReportSource, 'path' | 'iri' | 'sidecarProblem' | 'skipped'>;

/** The cacheable part, or undefined for a source with a problem (an invalid sidecar, not analysed): never kept. */
export function cachedReportSourceOf(s: ReportSource): CachedReportSource | undefined {
  if (s.sidecarProblem !== undefined || s.skipped !== undefined) return undefined;
  const { path: _path, iri: _iri, ...kept } = s;
  return kept;
}

/** The report source again, with paths as seen from this working folder (as toReportSource without a base IRI). */
export function reportSourceFromCache(file: string, kept: CachedReportSource): ReportSource {
  const path = displayPath(file);
  return { path, iri: encodeURI(path), ...kept };
}
