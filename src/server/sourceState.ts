import type { Analyzer } from '../core/analyzer';
import { analyzeSource, type SourceAnalysis } from '../core/sourceAnalysis';
import type { Span, TaggedFinding } from '../core/taggedFindings';
import { fitToSource, type SidecarRead } from '../core/tags/sidecarStore';
import type { CrossSourceView } from './crossSource';
import type { SourcemarkSettings } from './settings';

/** Everything the server knows about one open source, computed for one document version. */
export interface SourceState extends SourceAnalysis {
  uri: string;
  version: number;
  text: string;
  settings: SourcemarkSettings;
  sidecarPath: string;
  sidecar: SidecarRead;
  /** What other sources of the workspace say, once the index has them. */
  crossSource?: CrossSourceView;
}

/**
 * One version of a source analysed with its settings and its sidecar's tags attached: the same for
 * an open document, a closed source listed in a view and a source cited as evidence.
 */
export function analysedState(
  analyzer: Analyzer,
  source: Omit<SourceState, keyof SourceAnalysis | 'crossSource'>,
  /** Tag ranges the editor kept in step with edits (open documents only). */
  tracked?: ReadonlyMap<string, Span>,
): SourceState {
  const { text, settings } = source;
  // A sidecar whose fingerprint names this very text must fit it, or it is invalid (reported, never overwritten).
  const sidecar = fitToSource(source.sidecar, text);
  return {
    ...source,
    sidecar,
    ...analyzeSource(analyzer, text, sidecar.state === 'ok' ? sidecar.sidecar : undefined, {
      referenceDate: settings.referenceDate,
      claimThreshold: settings.claimThreshold,
      kinds: settings.kinds,
      maxFileSizeMB: settings.maxFileSizeMB,
    }, tracked),
  };
}

/** Findings that cover `offset`, narrowest first (an entity inside a claim comes before the claim). */
export function findingsAt(state: SourceState, offset: number): TaggedFinding[] {
  return state.tagged.findings
    .filter((f) => f.start <= offset && offset <= f.end && f.end > f.start)
    .sort((a, b) => a.end - a.start - (b.end - b.start));
}
