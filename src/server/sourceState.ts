import { URI } from 'vscode-uri';
import type { Analyzer } from '../core/analyzer';
import { loadSource, type LoadedSource, type SourceToLoad } from '../core/loadSource';
import type { TaggedFinding } from '../core/taggedFindings';
import type { SidecarStore } from '../core/tags/sidecarStore';
import type { CrossSourceView } from './crossSource';
import { analysisOptionsOf, type SourcemarkSettings } from './settings';

/** Everything the server knows about one source, computed for one document version. */
export interface SourceState extends LoadedSource {
  uri: string;
  /** The document version analysed (-1 or 0 for a source read from disk). */
  version: number;
  settings: SourcemarkSettings;
  /** What other sources of the workspace say, once the index has them. */
  crossSource?: CrossSourceView;
}

/**
 * One version of a source analysed with its settings and its sidecar's tags attached: the same for
 * an open document, a closed source listed in a view and a source cited as evidence.
 */
export async function loadState(
  analyzer: Analyzer,
  source: { uri: string; version: number; settings: SourcemarkSettings } & Omit<SourceToLoad, 'path'>,
  store?: SidecarStore,
  analyse?: Parameters<typeof loadSource>[4],
): Promise<SourceState> {
  const { uri, version, settings, ...given } = source;
  const loaded = await loadSource(analyzer, { ...given, path: URI.parse(uri).fsPath }, analysisOptionsOf(settings), store, analyse);
  return { uri, version, settings, ...loaded };
}

/** Findings that cover `offset`, narrowest first (an entity inside a claim comes before the claim). */
export function findingsAt(state: SourceState, offset: number): TaggedFinding[] {
  return state.tagged.findings
    .filter((f) => f.start <= offset && offset <= f.end && f.end > f.start)
    .sort((a, b) => a.end - a.start - (b.end - b.start));
}
