import type { Analyzer } from './analyzer';
import type { AnalysisOptions, AnalysisResult } from './model';
import { attachTags, type Span, type TaggedFindings } from './taggedFindings';
import type { Sidecar } from './tags/annotation';
import { checkAnalysable } from './text/sourceText';

/** The analysis options with the size limit over which a source is not analysed. */
export type SourceOptions = Partial<AnalysisOptions> & { maxFileSizeMB?: number };

export interface SourceAnalysis {
  /** Present when the source was analysed; absent when it was refused (binary, too large). */
  analysis?: AnalysisResult;
  skippedReason?: string;
  tagged: TaggedFindings;
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
  const { maxFileSizeMB, ...analysisOptions } = options;
  const check = checkAnalysable(text, maxFileSizeMB);
  const analysis = check.ok ? analyzer.analyze(text, analysisOptions) : undefined;
  return {
    ...(analysis ? { analysis } : {}),
    ...(check.ok ? {} : { skippedReason: check.reason }),
    tagged: attachTags(text, analysis?.findings ?? [], sidecar, tracked, analysis?.repeats),
  };
}
