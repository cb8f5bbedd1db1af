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
