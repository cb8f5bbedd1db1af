import type { Analyzer } from './analyzer';
import type { AnalysisOptions, AnalysisResult, AnalysisSummary } from './model';
import { regionSet, type RegionChoice } from './regions';
import { anchorTargets, attachTags, type Span } from './taggedFindings';
import type { Sidecar } from './tags/annotation';
import { checkAnalysable } from './text/sourceText';
import { applyVisibility, type VisibleFindings } from './visibility';

/**
 * The analysis options with the size limit over which a source is not analysed, the regions shown
 * (absent: all) and the names the workspace dismissed (lower-cased; absent: read from the nearest
 * ignore file by loadSource).
 */
export type SourceOptions = Partial<AnalysisOptions> & { maxFileSizeMB?: number; regions?: readonly RegionChoice[]; ignoredNames?: readonly string[] };

/** A source as it is shown: its findings with their tags, and what its analysis says besides them. */
export interface ShownAnalysis {
  /** Present when the source was analysed; absent when it was refused (binary, too large). */
  analysis?: AnalysisSummary;
  skippedReason?: string;
  tagged: VisibleFindings;
}

/** The same with the analysis whole, its own lists of findings and regions too (what the tags were put on). */
export interface SourceAnalysis extends ShownAnalysis {
  analysis?: AnalysisResult;
}

/**
 * One source's findings with its tags attached: what the server and the CLI both show. A source
 * that cannot be analysed still gets its tags attached, so none goes missing from view.
 */
export function analyzeSource(
  analyzer: Analyzer,
  text: string,
  sidecar: Sidecar | undefined,
  options: SourceOptions,
  /** Tag ranges the editor kept in step with edits, by annotation id (see attachTags). */
  tracked?: ReadonlyMap<string, Span>,
): SourceAnalysis {
  const { maxFileSizeMB, regions, ignoredNames, ...analysisOptions } = options;
  const check = checkAnalysable(text, maxFileSizeMB);
  const shown = regions ? regionSet(regions) : undefined;
  // Regions not shown are not analysed, but for the blocks holding a tag: found first, by place.
  const annotations = sidecar?.annotations ?? [];
  const anchors = check.ok && shown && annotations.length ? anchorTargets(text, annotations, tracked) : undefined;
  const analysis = check.ok ? analyzer.analyze(text, { ...analysisOptions, ...(shown ? { analysedRegions: shown, analyseAround: anchors ? [...anchors.values()] : [] } : {}) }) : undefined;
  const tagged = attachTags(text, analysis?.findings ?? [], sidecar, tracked, analysis?.repeats, analysis?.regions, anchors);
  const visibility = { ...(shown ? { regions: shown } : {}), ...(ignoredNames ? { ignoredNames } : {}) };
  return {
    ...(analysis ? { analysis } : {}),
    ...(check.ok ? {} : { skippedReason: check.reason }),
    tagged: applyVisibility(text, tagged, sidecar?.dismissals ?? [], visibility, tracked),
  };
}
