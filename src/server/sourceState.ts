import type { SourceAnalysis } from '../core/sourceAnalysis';
import type { TaggedFinding } from '../core/taggedFindings';
import type { SidecarRead } from '../core/tags/sidecarStore';
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

/** Findings that cover `offset`, narrowest first (an entity inside a claim comes before the claim). */
export function findingsAt(state: SourceState, offset: number): TaggedFinding[] {
  return state.tagged.findings
    .filter((f) => f.start <= offset && offset <= f.end && f.end > f.start)
    .sort((a, b) => a.end - a.start - (b.end - b.start));
}
