import * as l10n from '@vscode/l10n';
import * as path from 'node:path';
import type { Location, Range } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import type { ClaimLink, Conflict, CorpusIndex, EntityGroup, QuotationsOfSpeaker, Span } from '../core/corpus';
import { rangeIn } from '../core/text/lineIndex';
import { yieldToLoop } from './slices';

const MAX_LINKED_CLAIMS = 2_000;

/** What the workspace index says about one open source: read by hover, diagnostics, code actions and lenses. */
export interface CrossSourceView {
  /** Claim finding id → claims of other sources stating the same thing (best per source first). */
  links: Map<string, ClaimLink[]>;
  /** Conflicts one side of which is in this source. */
  conflicts: Conflict[];
  /** Entity finding id → the workspace entity. */
  entities: Map<string, EntityGroup>;
  /** Quotation finding id → every quotation of its speaker in the workspace. */
  speakers: Map<string, QuotationsOfSpeaker>;
  /** How other sources are named to the user: path relative to the workspace folder. */
  labels: Map<string, string>;
  /** Where the lines of each source named start, from its digest when the view was made: ranges of its spans. */
  lines: Map<string, readonly number[]>;
  /** Sources indexed when the view was made, and whether indexing was still going on. */
  indexed: number;
  indexing: boolean;
}

/** "Sources disagree on the time frame": the sentence for each kind of conflict, in hovers ({0}: "**"…) and diagnostics. */
export function disagreeText(kind: Conflict['kind']): string {
  switch (kind) {
    case 'time-frame': return l10n.t('Sources disagree on the time frame');
    case 'title': return l10n.t('Sources disagree on the title');
    case 'figure': return l10n.t('Sources disagree on the figure');
    case 'speaker': return l10n.t('Sources disagree on the speaker');
  }
}

/** What a conflict is about, in a word or two, for a short label ("time frame: "2021""). */
export function conflictSubject(kind: Conflict['kind']): string {
  switch (kind) {
    case 'time-frame': return l10n.t('time frame');
    case 'title': return l10n.t('title');
    case 'figure': return l10n.t('figure');
    case 'speaker': return l10n.t('speaker');
  }
}

/** The editor range of a span of another source the view names. */
export const rangeThere = (view: Pick<CrossSourceView, 'lines'>, sourceId: string, s: Span): Range => rangeIn(view.lines.get(sourceId) ?? [0], s.start, s.end);
export const locationOf = (corpus: CorpusIndex, sourceId: string, s: Span): Location => ({ uri: sourceId, range: corpus.rangeOf(sourceId, s) });

/** A source's name for people: its path relative to the workspace folder holding it, else its file name. */
export function sourceLabel(uri: string, folders: readonly string[]): string {
  const file = URI.parse(uri).fsPath;
  const folder = folders.map((f) => URI.parse(f).fsPath).filter((f) => file.startsWith(f + path.sep)).sort((a, b) => b.length - a.length)[0];
  return (folder ? path.relative(folder, file) : path.basename(file)).split(path.sep).join('/');
}

/** Evidence paths are relative to the citing source's folder, with forward slashes. */
export function relativeSourcePath(fromUri: string, toUri: string): string {
  const from = path.dirname(URI.parse(fromUri).fsPath);
  return path.relative(from, URI.parse(toUri).fsPath).split(path.sep).join('/');
}

/**
 * The cross-source view of one source, built claim by claim with a pause between claims, so a
 * large index never holds up hover or diagnostics for long.
 */
export async function buildCrossSourceView(
  corpus: CorpusIndex, uri: string, folders: readonly string[], indexing: boolean,
  /** Settles when the index's changes in steps are done (a question meanwhile would finish them in one go). */
  settled?: () => Promise<void>,
): Promise<CrossSourceView | undefined> {
  const digest = corpus.digest(uri);
  if (!digest) return undefined;
  const labels = new Map<string, string>();
  const lines = new Map<string, readonly number[]>();
  const label = (id: string) => {
    if (labels.has(id)) return;
    labels.set(id, sourceLabel(id, folders));
    lines.set(id, corpus.digest(id)?.lines ?? [0]);
  };
  const links = new Map<string, ClaimLink[]>();
  let started = performance.now();
  /** After 2 ms of work, a turn of the event loop (a hover needs a few turns); false when the source was replaced meanwhile (a newer view is coming). */
  const breathe = async () => {
    if (performance.now() - started <= 2) return true;
    await yieldToLoop();
    if (corpus.stepping) await settled?.();
    started = performance.now();
    return corpus.digest(uri) === digest;
  };
  // A source of thousands of claims (a book, a dump) is linked for its first ones only.
  for (const claim of digest.claims.slice(0, MAX_LINKED_CLAIMS)) {
    if (!(await breathe())) return undefined;
    const l = corpus.linksFor(uri, claim.findingId);
    if (!l.length) continue;
    links.set(claim.findingId, l);
    for (const x of l) label(x.sourceId);
  }
  await yieldToLoop();
  if (corpus.stepping) await settled?.();
  if (corpus.digest(uri) !== digest) return undefined;
  const conflicts = corpus.conflictsFrom(uri, links.values());
  for (const c of conflicts) for (const s of c.sides) label(s.sourceId);
  const entities = new Map<string, EntityGroup>();
  for (const m of digest.entities) {
    if (!(await breathe())) return undefined;
    const g = corpus.entityGroupOf(uri, m.findingId);
    if (g) entities.set(m.findingId, g);
  }
  const speakers = new Map<string, QuotationsOfSpeaker>();
  // A speaker's sources are labelled once, not once per quotation of theirs (25,000 × 25,000 in 1 MB of "X said").
  const labelled = new Set<QuotationsOfSpeaker>();
  for (const q of digest.quotations) {
    if (!(await breathe())) return undefined;
    const of = corpus.quotationsOfSpeaker(uri, q.findingId);
    if (!of || of.quotes.length < 2) continue;
    speakers.set(q.findingId, of);
    if (labelled.has(of)) continue;
    labelled.add(of);
    for (const x of of.quotes) label(x.sourceId);
  }
  label(uri);
  return { links, conflicts, entities, speakers, labels, lines, indexed: corpus.size, indexing };
}

/** The linked claims of a claim, one per source (its best match), best first. */
export function bestPerSource(links: readonly ClaimLink[]): ClaimLink[] {
  const seen = new Set<string>();
  return links.filter((l) => !seen.has(l.sourceId) && seen.add(l.sourceId));
}
