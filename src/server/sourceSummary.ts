import * as l10n from '@vscode/l10n';
import { noteOf } from '../core/tags/noteThread';
import type { UrlEvidence } from '../core/tags/annotation';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { describe } from '../core/kinds';
import { countFindings, type SourceCounts } from '../core/sourceCounts';
import { editBetween, lastEditOf } from './findingsEdits';
import { toPlain } from '../core/text/richText';
import { cut, oneLine } from '../core/text/shorten';
import type { SidecarRead } from '../core/tags/sidecarStore';
import type { ConflictItem, DocumentFindings, DocumentFindingsParams, FindingItem, LspRange, SourceSummary, TagItem } from '../shared/protocol';
import { inPart, SectionCounter, type Placed } from '../shared/viewSections';
import type { Span } from '../core/corpus';
import { regionSet } from '../core/regions';
import type { TaggedFinding } from '../core/taggedFindings';
import type { Annotation } from '../core/tags/annotation';
import { conflictSubject, rangeThere } from './crossSource';
import { conflictPlaces, type ConflictPlace } from './conflictPlaces';
import { conflictMessage } from './conflictMessage';
import { atOnce, type SliceRunner } from './slices';
import { sameRange, sentAgainLater } from './sentAgain';
import type { SourceState } from './sourceState';
import { sameContentAs } from '../core/text/movedCopies';

export { emptyCounts } from '../core/sourceCounts';

const MAX_ITEM_TEXT = 200;
/** Other places listed under a disputed place in the view; the rest are counted (`otherCount`). */
export const MAX_CONFLICT_LISTED = 50;

export function summaryOf(state: SourceState): SourceSummary {
  const problem = problemOf(state.skippedReason, state.sidecar, state.sidecarPath);
  return { uri: state.uri, counts: countsOf(state.tagged), ...(problem ? { problem } : {}) };
}

/** Per findings list counted, its counts (orphans aside, which are not in the list). */
const counted = new WeakMap<readonly TaggedFinding[], SourceCounts>();

/**
 * countFindings, for findings taken in as a delta against a list counted before (findingsEdits.ts):
 * those counts less what the edit took away plus what it brought. A pass over every finding cost
 * the main thread ~2.5 ms per keystroke of 1 MB (the view's listing is told after each edit).
 */
function countsOf(tagged: SourceState['tagged']): SourceCounts {
  const { findings, orphans } = tagged;
  let counts = counted.get(findings);
  if (!counts) {
    const edit = lastEditOf(findings);
    const before = edit && counted.get(edit.before);
    const change = before && editBetween(edit.before, findings);
    counts = before && change ? moreOrLess(before, countFindings({ findings: change.added, orphans: [] }), countFindings({ findings: change.removed, orphans: [] })) : countFindings({ findings, orphans: [] });
    counted.set(findings, counts);
  }
  return { ...counts, byKind: { ...counts.byKind }, orphans: orphans.length };
}

/** `counts` with `plus` added and `minus` taken away, field by field. */
function moreOrLess(counts: SourceCounts, plus: SourceCounts, minus: SourceCounts): SourceCounts {
  const byKind = { ...counts.byKind };
  for (const k of Object.keys(byKind) as (keyof SourceCounts['byKind'])[]) byKind[k] += plus.byKind[k] - minus.byKind[k];
  const field = (k: 'verified' | 'speculative' | 'contradicted' | 'untagged') => counts[k] + plus[k] - minus[k];
  return { byKind, verified: field('verified'), speculative: field('speculative'), contradicted: field('contradicted'), untagged: field('untagged'), orphans: 0 };
}

/** What a listing says is wrong with a source: not analysed, or its tags not loaded. */
export function problemOf(skippedReason: string | undefined, sidecar: SidecarRead, sidecarPath: string): string | undefined {
  return skippedReason ?? (sidecar.state === 'invalid' ? l10n.t('Tags not loaded from {0}: {1}', sidecarPath, sidecar.problem.message) : undefined);
}

/**
 * What a view shows besides the findings: the regions chosen, orphaned tags, tags in hidden regions,
 * how many findings were dismissed, and the conflicts with other sources once linked.
 */
export function documentExtras(doc: TextDocument, state: SourceState): Pick<DocumentFindings, 'regions' | 'orphans' | 'hiddenTags' | 'dismissed' | 'conflicts'> {
  const shown = regionSet(state.settings.regions);
  const tagItem = (a: Annotation, f?: TaggedFinding): TagItem => ({
    annotationId: a.id, kind: a.kind, status: a.status, exact: cut(a.target.exact, MAX_ITEM_TEXT),
    start: f?.start ?? a.target.start, end: f?.end ?? a.target.end,
    ...(f ? { range: { start: doc.positionAt(f.start), end: doc.positionAt(f.end) }, region: f.region } : {}),
    ...(a.orphanedAt ? { orphanedAt: a.orphanedAt } : {}),
    ...(a.comments?.length ? { comments: [...a.comments] } : {}),
  });
  // Conflicts come with the cross-source view: without one there are none.
  const view = state.crossSource;
  const conflicts = view
    ? conflictItems(conflictPlaces(state), (id) => view.labels.get(id) ?? id, (s) => ({ start: doc.positionAt(s.start), end: doc.positionAt(s.end) }), (id, s) => rangeThere(view, id, s))
    : [];
  return {
    regions: [...state.settings.regions],
    orphans: state.tagged.orphans.map((a) => tagItem(a)),
    hiddenTags: state.tagged.findings.filter((f) => f.annotation && !shown.has(f.region)).map((f) => tagItem(f.annotation!, f)),
    dismissed: state.tagged.dismissed,
    conflicts,
  };
}

/**
 * The view's rows for disputed places; `here` turns a span of this source into an editor range (an
 * open source's offsets follow its edits; a closed one's lines are those indexed).
 */
export function conflictItems(
  places: readonly ConflictPlace[], name: (sourceId: string) => string, here: (span: Span) => LspRange,
  /** The same for a span of another source. */
  there: (sourceId: string, span: Span) => LspRange,
): ConflictItem[] {
  return places.map(({ conflict: c, mine, others, settled }) => ({
    id: c.id, start: mine.focus.start, end: mine.focus.end, range: here(mine.focus),
    label: l10n.t('{0}: "{1}"', conflictSubject(c.kind), oneLine(mine.focusText, 60)),
    message: conflictMessage(c, mine, others[0]!, name(others[0]!.sourceId), others.length - 1),
    others: others.slice(0, MAX_CONFLICT_LISTED).map((o) => ({
      uri: o.sourceId, range: there(o.sourceId, o.focus), words: oneLine(o.focusText, 60), value: o.value, quote: oneLine(o.quote, MAX_ITEM_TEXT),
    })),
    otherCount: others.length,
    settled,
  }));
}

/** Which findings a request lists, and the filter whose section rows it counts (DocumentFindingsParams). */
export type FindingsSelection = Omit<DocumentFindingsParams, 'uri'>;

/**
 * Findings as plain data with editor ranges, for decorations, navigation and the sources view. `run`
 * goes through them (a slice per turn of the event loop in the server: 18,000 of a 1 MB source held
 * it 122–155 ms, its 3,100 drawn ones 44–59 ms), `doc` unchanged meanwhile (see slicedAnswers.ts).
 */
export async function findingItems(
  doc: TextDocument, state: SourceState, selection: FindingsSelection = {}, run: SliceRunner = atOnce,
  /** Also called with every finding, listed or not, in the same walk. */
  each?: (f: TaggedFinding) => void,
): Promise<FindingItem[]> {
  const language = l10n.t('Claim');
  const described = describedIn(language);
  const out: FindingItem[] = [];
  const listed = listedBy(selection);
  await run(state.tagged.findings, (f) => {
    each?.(f);
    if (!listed(f)) return;
    const range = { start: doc.positionAt(f.start), end: doc.positionAt(f.end) };
    const known = items.get(f);
    if (known?.language === language && sameRange(known.item.range, range)) {
      out.push(known.item);
      return;
    }
    const item = sentAgainLater(findingItem(f, range, described));
    items.set(f, { language, item });
    out.push(item);
  });
  return out;
}

/**
 * Each finding's last item, in the language it was made in. An item says only what its finding
 * (never changed once made) and its place in the editor say: the same finding where it was is
 * handed over as the same item, whose JSON the writer keeps (`sentAgainLater`). After an edit the
 * findings before it are the very same ones: decorations and the view ask again after every edit.
 */
const items = new WeakMap<TaggedFinding, { language: string; item: FindingItem }>();

function listedBy({ scope = 'all', kinds, part }: FindingsSelection): (f: TaggedFinding) => boolean {
  return (f) => (scope === 'all' || f.kind === 'claim' || !!f.annotation)
    && (!kinds || kinds.includes(f.kind))
    && (!part || inPart(f, part));
}

/** A finding as the view places it, read as its FindingItem says it. */
function placed(f: TaggedFinding): Placed {
  return { kind: f.kind, region: f.region, status: f.annotation?.status, entityKey: f.entity?.key, text: cut(f.text, MAX_ITEM_TEXT), commenter: f.commenter };
}

/** A request's findings and the rows of the view's sections it asked for, counted over every finding in the same walk. */
export async function selectedFindings(doc: TextDocument, state: SourceState, selection: FindingsSelection, run: SliceRunner = atOnce): Promise<Pick<DocumentFindings, 'findings' | 'sections' | 'scope'>> {
  const counter = selection.sections && new SectionCounter(selection.sections);
  const findings = await findingItems(doc, state, selection, run, counter && ((f) => counter.add(placed(f))));
  return { findings, scope: selection.scope ?? 'all', ...(counter ? { sections: counter.counts() } : {}) };
}

/** What an item takes from a finding's description: its words, which read no offset. */
interface Described {
  label: string;
  value?: string;
  valueLabel?: string;
  speaker?: string;
}

/**
 * Each finding's Described, kept with the finding it was made for (its first original, so a copy
 * an edit moved finds it) and the language it is in: after an edit of a long source the view asks
 * again for findings that are nearly all the last analysis's, and describing each took most of it.
 */
const descriptions = new WeakMap<object, { language: string; described: Described }>();

function describedIn(language: string): (f: TaggedFinding) => Described {
  return (f) => {
    const origin = sameContentAs(f);
    const known = descriptions.get(origin);
    if (known?.language === language) return known.described;
    const d = describe(f);
    const described: Described = { label: toPlain(d.message) };
    if (d.value) described.value = d.value;
    if (d.valueLabel) described.valueLabel = d.valueLabel;
    if (d.speaker) described.speaker = d.speaker;
    descriptions.set(origin, { language, described });
    return described;
  };
}

function findingItem(f: TaggedFinding, range: LspRange, described: (f: TaggedFinding) => Described): FindingItem {
  const d = described(f);
  const item: FindingItem = {
    id: f.id,
    kind: f.kind,
    start: f.start,
    end: f.end,
    range,
    text: cut(f.text, MAX_ITEM_TEXT),
    region: f.region,
    score: f.score,
    label: d.label,
  };
  if (f.commenter) item.commenter = f.commenter;
  if (f.annotation) {
    item.status = f.annotation.status;
    item.annotationId = f.annotation.id;
    const note = noteOf(f.annotation);
    if (note) item.note = note;
    if (f.annotation.comments?.length) item.comments = [...f.annotation.comments];
    const urls = (f.annotation.evidence ?? []).filter((e): e is UrlEvidence => e.kind === 'url');
    if (urls.length) item.urls = urls;
  }
  if (f.entity) {
    item.entityType = f.entity.type;
    item.entityKey = f.entity.key;
    item.mentions = f.entity.mentions;
  }
  if (d.value) item.value = d.value;
  if (d.valueLabel) item.valueLabel = d.valueLabel;
  if (d.speaker) item.speaker = d.speaker;
  return item;
}
