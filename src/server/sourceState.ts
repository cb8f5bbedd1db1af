import { URI } from 'vscode-uri';
import type { Analyzer } from '../core/analyzer';
import { loadSource, type LoadedSource, type SourceToLoad } from '../core/loadSource';
import type { TaggedFinding } from '../core/taggedFindings';
import type { SidecarStore } from '../core/tags/sidecarStore';
import { firstStartingAt } from '../core/text/sortedSearch';
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

/** Per findings list (in text order): the furthest end among each finding and those before it. */
const reaches = new WeakMap<readonly TaggedFinding[], Int32Array>();

function reachOf(findings: readonly TaggedFinding[]): Int32Array {
  let reach = reaches.get(findings);
  if (!reach) {
    reach = new Int32Array(findings.length);
    let furthest = -1;
    for (let i = 0; i < findings.length; i++) reach[i] = furthest = Math.max(furthest, findings[i]!.end);
    reaches.set(findings, reach);
  }
  return reach;
}

/** Findings that cover `offset`, narrowest first (an entity inside a claim comes before the claim); empty ones never. */
export function findingsAt(state: SourceState, offset: number): TaggedFinding[] {
  const findings = state.tagged.findings; // in text order (compareFindings)
  const found: TaggedFinding[] = [];
  for (const i of findingIndexesTouching(state, offset, offset)) {
    const f = findings[i]!;
    if (f.end > f.start) found.push(f);
  }
  // In text order, as a filter would give, before the stable sort.
  return found.sort((a, b) => a.end - a.start - (b.end - b.start));
}

/**
 * Indexes of the findings that touch [start, end] (f.start <= end and start <= f.end), in text
 * order. By binary search and a walk back while an earlier finding can still reach `start`: a scan
 * of a 1 MB source's findings made a hover cost milliseconds, and a code action 1–3 ms.
 */
export function findingIndexesTouching(state: SourceState, start: number, end: number): number[] {
  const findings = state.tagged.findings;
  const reach = reachOf(findings);
  const found: number[] = [];
  for (let i = firstStartingAt(findings, end + 1) - 1; i >= 0 && reach[i]! >= start; i--) if (findings[i]!.end >= start) found.push(i);
  return found.reverse();
}

/** The findings that overlap [start, end) (f.start < end and start < f.end), in text order. */
export function findingsOverlapping(state: SourceState, start: number, end: number): TaggedFinding[] {
  const findings = state.tagged.findings;
  const found: TaggedFinding[] = [];
  for (const i of findingIndexesTouching(state, start, end)) {
    const f = findings[i]!;
    if (f.start < end && start < f.end) found.push(f);
  }
  return found;
}
