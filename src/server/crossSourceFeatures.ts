import {
  CodeLensRefreshRequest, DidChangeWatchedFilesNotification, Emitter,
  type DocumentSymbol, type FileEvent, type InitializeParams, type ServerCapabilities,
} from 'vscode-languageserver';
import { IndexStatusRequest, TimelineRequest, type ConflictItem, type DocumentFindings, type TagWithEvidenceArgs } from '../shared/protocol';
import { notifyClient } from './clientGone';
import type { FindingsJob } from './closedFindings';
import { codeLenses } from './codeLens';
import { foldersOf, type Feature, type ServerContext } from './context';
import { buildCrossSourceView, sourceLabel, type CrossSourceView } from './crossSource';
import type { QuotationsOfSpeaker } from '../core/corpus';
import { CONFLICT_STEP_CLAIMS } from '../core/corpus/corpusIndex';
import { placesOf } from './conflictPlaces';
import { conflictItems } from './sourceSummary';
import { STEP_ITEMS } from '../core/corpus/steps';
import { inSteps } from './slices';
import { documentSymbols } from './documentSymbols';
import { slicedAnswer } from './slicedAnswers';
import { citeFinding } from './evidence';
import type { IndexedSummary } from './indexJob';
import { definitionAt, referencesAt } from './references';
import type { SourceState } from './sourceState';
import type { TaggedFinding } from '../core/taggedFindings';
import { editBetween } from './findingsEdits';
import type { TagChange } from './tagService';
import { timelineResponse } from './timelineRequest';
import { WorkspaceIndex } from './workspaceIndex';
import { workspaceSymbols } from './workspaceSymbols';

export interface CrossSourceOptions {
  /** Worker threads that index the workspace (0: in this thread); undefined: WorkspaceIndex's default. */
  indexWorkers?: number;
  indexWorkerScript?: string;
}


/** Closed sources whose view rows of conflicts are kept current. */
const MAX_LISTED_CLOSED = 20;
/**
 * Everything across sources, wired to the server: the background workspace index, each open
 * source's cross-source view (read by hover, diagnostics, code actions and lenses), references,
 * definition, symbols, lenses, the timeline request and tagging with evidence.
 */
export class CrossSourceFeatures implements Feature {
  private readonly workspace: WorkspaceIndex;
  private readonly indexed = new Emitter<{ uri: string; result: IndexedSummary | { error: string } }>();
  /** A closed source was indexed: its counts for the Sourcemark view, or why it could not be read. */
  readonly onDidIndex = this.indexed.event;
  private readonly closedConflictsChanged = new Emitter<string>();
  /** A closed source whose conflicts the view listed has others now (another source came, changed or went). */
  readonly onDidChangeClosedConflicts = this.closedConflictsChanged.event;
  /** Closed sources whose conflicts the view listed, latest last: what it was given, and their tagged findings. */
  private readonly listedConflicts = new Map<string, { shown: string; tagged: ReadonlySet<string> }>();
  /** Each open source's Outline symbols as last answered, by finding id (documentSymbols.ts: SymbolReuse). */
  private readonly outlines = new Map<string, Map<string, DocumentSymbol>>();
  private folders: string[] = [];
  private canRefreshCodeLens = false;
  private canWatchFiles = false;
  private indexing: Promise<void> = Promise.resolve();
  private shuttingDown = false;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(private readonly ctx: ServerContext, options: CrossSourceOptions = {}) {
    this.workspace = new WorkspaceIndex({
      connection: ctx.connection, store: ctx.store, settingsFor: (uri) => ctx.settings.get(uri),
      isSource: (uri, glob) => ctx.matcher.isSource(uri, glob),
      isOpen: (uri) => ctx.documents.get(uri) !== undefined,
      onChange: () => this.schedule(),
      onIndexed: (uri, result) => this.indexed.fire({ uri, result }),
      workers: options.indexWorkers,
      quiet: () => ctx.sources.longAnalysesDone(),
      ...(options.indexWorkerScript ? { workerScript: options.indexWorkerScript } : {}),
    });
    ctx.sources.onDidAnalyse(({ state, previous }) => this.analysed(state, previous));
    ctx.sources.onDidPublish((state) => this.published(state));
    ctx.documents.onDidOpen((e) => this.workspace.documentOpened(e.document.uri));
    ctx.sources.onDidClose((uri) => {
      this.outlines.delete(uri);
      void this.workspace.documentClosed(uri);
    });
    this.listen();
  }

  /** Capabilities to announce, given the client's. */
  initialize(params: InitializeParams): Partial<ServerCapabilities> {
    this.folders = foldersOf(params);
    this.canRefreshCodeLens = !!params.capabilities.workspace?.codeLens?.refreshSupport;
    this.canWatchFiles = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    return {
      referencesProvider: true,
      definitionProvider: true,
      workspaceSymbolProvider: true,
      documentSymbolProvider: true,
      codeLensProvider: { resolveProvider: false },
    };
  }

  /** Scans waiting for what comes before them (registering the file watcher). */
  private scansStarting = 0;

  /** The workspace index is starting, building or loading (the analyser's warm-up waits for it). */
  get indexBusy(): boolean {
    return this.scansStarting > 0 || this.workspace.status.scanning;
  }

  /** Starts indexing the workspace in the background, watching its sources when the client lets us. */
  initialized(): void {
    this.indexing = this.scanLogged(async () => {
      if (this.canWatchFiles && this.folders.length) {
        const glob = (await this.ctx.settings.get(this.folders[0])).sources;
        await this.ctx.connection.client.register(DidChangeWatchedFilesNotification.type, {
          // Sidecars are watched by the server, which passes their changes on through filesChanged.
          watchers: [{ globPattern: glob.includes('/') ? glob : `**/${glob}` }],
        });
      }
    });
  }

  foldersChanged(folders: string[]): void {
    this.folders = folders;
    this.indexing = this.scanLogged();
  }

  /** Analyse every source of the workspace again (sidecars may have changed without the server being told). */
  reanalyse(): void {
    this.indexing = this.scanLogged();
  }

  /** A scan in the background: a failure (the client gone mid-scan, an unreadable folder) is logged, never unhandled. */
  private async scanLogged(before?: () => Promise<void>): Promise<void> {
    try {
      this.scansStarting++;
      try {
        await before?.();
      } finally {
        this.scansStarting--;
      }
      await this.workspace.scan(this.folders);
    } catch (e) {
      this.ctx.connection.console.error(`Sourcemark could not index the workspace: ${(e as Error).stack ?? (e as Error).message}`);
    }
  }

  /** A closed source's counts as the index last saw it; see WorkspaceIndex.summaryOf. */
  indexedSummary(uri: string): IndexedSummary | undefined {
    return this.workspace.summaryOf(uri);
  }

  /** A closed source's findings from an index worker (undefined: analyse it here; see WorkspaceIndex.findings). */
  closedFindings(job: FindingsJob): Promise<DocumentFindings | undefined> | undefined {
    return this.workspace.findings(job);
  }

  /**
   * A closed source's disputed places for the view, as an open one's view has them (its links'
   * conflicts, its people's titles, its quotations' speakers); `tagged`: its findings that carry a tag.
   */
  async closedConflicts(uri: string, tagged: ReadonlySet<string>): Promise<ConflictItem[]> {
    await this.workspace.corpusSettled();
    // Looked up a few claims per turn of the event loop.
    const conflicts = await inSteps(this.workspace.corpus.conflictsInSteps(uri), CONFLICT_STEP_CLAIMS);
    const items = this.conflictItemsOf(uri, tagged, conflicts);
    this.listedConflicts.delete(uri);
    this.listedConflicts.set(uri, { shown: JSON.stringify(items), tagged });
    // Those of the last few sources expanded are kept up to date (updateViews), not of every one ever.
    for (const old of this.listedConflicts.keys()) {
      if (this.listedConflicts.size <= MAX_LISTED_CLOSED) break;
      this.listedConflicts.delete(old);
    }
    return items;
  }

  private conflictItemsOf(uri: string, tagged: ReadonlySet<string>, conflicts = this.workspace.corpus.conflicts(uri)): ConflictItem[] {
    const corpus = this.workspace.corpus;
    return conflictItems(placesOf(uri, conflicts, tagged), (id) => sourceLabel(id, this.folders), (s) => corpus.rangeOf(uri, s), (id, s) => corpus.rangeOf(id, s));
  }

  /** Have a closed source (re-)indexed, unless it already waits in the queue; `sourceIndexed` follows. */
  requestIndex(uri: string): void {
    // A scan under way (or about to start: the view may list sources before it does) indexes every
    // source of the folders anyway (and links views once, at its end).
    if (!this.scansStarting && !this.workspace.status.scanning && !this.workspace.isQueued(uri)) void this.workspace.reindex(uri);
  }

  /**
   * An open source was analysed: index it, and keep what still holds of its last view (where its
   * quotes are unchanged) so an edit never waits for the index; a fresh view follows.
   */
  private analysed(state: SourceState, previous: SourceState | undefined): void {
    const carried = carriedOver(previous?.crossSource, state, previous?.tagged.findings);
    if (carried) state.crossSource = carried;
    // After the diagnostics are out (a large source's are built and sent over many turns of the
    // event loop): indexing it and updating views takes a moment.
    this.toIndex.set(state, () => {
      if (this.shuttingDown || this.ctx.sources.get(state.uri) !== state) return;
      // A long source's digest comes once edits pause, and the views follow it: not on every keystroke.
      const later = this.workspace.upsertOpen(state.uri, state.text, state, state.settings, { now: !previous });
      if (!later || !previous) this.schedule(previous ? 300 : 0);
    });
  }

  /** Open sources analysed and waiting for their diagnostics to be sent before they are indexed. */
  private readonly toIndex = new WeakMap<SourceState, () => void>();

  private published(state: SourceState): void {
    if (this.toIndex.has(state)) setImmediate(() => this.index(state));
  }

  /** Indexes the open source's analysis, once. */
  private index(state: SourceState): void {
    const index = this.toIndex.get(state);
    this.toIndex.delete(state);
    index?.();
  }

  /**
   * The open sources' latest analyses in the corpus, their digests made now rather than once edits
   * pause: for a request that reads the corpus.
   */
  private async indexCurrent(): Promise<void> {
    for (const state of [...this.ctx.sources.all()]) this.index(state);
    await this.workspace.openDigestsNow();
  }

  filesChanged(changes: readonly FileEvent[]): void {
    void this.workspace.filesChanged(changes);
  }

  /** The tag change for "tag citing another source": cites (and if needed tags) the other finding first. */
  async tagWithEvidence(args: TagWithEvidenceArgs): Promise<TagChange> {
    const { analyzer, store, tags, sources, settings } = this.ctx;
    const cited = await citeFinding(
      { analyzer, store, tags, folders: () => this.folders, openState: (u) => sources.get(u), settingsFor: (u) => settings.get(u) },
      args,
    );
    if (cited.written) {
      const other = cited.written.state;
      if (sources.has(other.uri)) await sources.refresh(other.uri);
      else await this.workspace.reindex(other.uri);
    }
    return { op: 'set', status: args.status, evidence: [cited.evidence] };
  }

  /** Registers the requests this feature answers. */
  private listen(): void {
    const { connection, sources } = this.ctx;
    const corpus = this.workspace.corpus;
    const ready = (uri: string) => sources.ready(uri);
    // Requests that read the corpus have it current first: the open sources' digests wait for edits to pause.
    connection.onReferences(async (p) => {
      await this.indexCurrent();
      const r = ready(p.textDocument.uri);
      return r ? referencesAt(corpus, r.state, r.doc.offsetAt(p.position)) : [];
    });
    connection.onDefinition(async (p) => {
      await this.indexCurrent();
      const r = ready(p.textDocument.uri);
      return r ? definitionAt(corpus, r.state, r.doc.offsetAt(p.position)) : null;
    });
    connection.onWorkspaceSymbol(async (p) => {
      await this.indexCurrent();
      return workspaceSymbols(corpus, p.query);
    });
    /**
     * The analysis of the open source's current version, waited for. Answered at once after an edit,
     * the editor's Outline (breadcrumbs and sticky scroll ask for it) and code lenses came back empty,
     * and the editor cleared them until its next request. Only a long source's first analysis (seconds)
     * is not waited for: answered empty now, as a hover says it is analysing.
     */
    const current = (uri: string) => (!sources.has(uri) && sources.analysing(uri) ? undefined : sources.currentOpen(uri));
    connection.onDocumentSymbol((p) => slicedAnswer(
      () => current(p.textDocument.uri),
      async ({ doc, state }, run) => {
        const reuse = { before: this.outlines.get(doc.uri) ?? new Map<string, DocumentSymbol>(), now: new Map<string, DocumentSymbol>() };
        const symbols = await documentSymbols(doc, state, run, reuse);
        if (sources.has(doc.uri)) this.outlines.set(doc.uri, reuse.now);
        return symbols;
      }, [],
    ));
    connection.onCodeLens(async (p) => {
      const r = await current(p.textDocument.uri);
      return r ? codeLenses(r.doc, r.state) : [];
    });
    connection.onRequest(TimelineRequest, async (p) => {
      await this.indexCurrent();
      return timelineResponse(corpus, this.folders, this.workspace.status.scanning, p?.includeComments ?? false);
    });
    // For tests and benchmarks: with `wait`, answers once indexing and linking have settled.
    connection.onRequest(IndexStatusRequest, async (p) => {
      if (p?.wait) {
        await this.indexing;
        await this.workspace.whenIdle();
        await this.indexCurrent();
        await this.workspace.corpusSettled();
        this.schedule(0);
        await new Promise((r) => setTimeout(r, 5));
        await this.running;
      }
      return { ...this.workspace.status, sources: corpus.size };
    });
  }

  shutdown(): void {
    this.shuttingDown = true;
    clearTimeout(this.timer);
    this.workspace.dispose();
  }

  /** The index changed: bring the view of every open source up to date, soon. */
  private schedule(delay = 300): void {
    clearTimeout(this.timer);
    if (this.shuttingDown) return;
    this.timer = setTimeout(() => {
      this.running = (this.running ?? Promise.resolve()).then(() => this.updateViews()).catch((e: Error) =>
        this.ctx.connection.console.error(`Sourcemark could not link sources: ${e.stack ?? e.message}`));
    }, delay);
  }

  private async updateViews(): Promise<void> {
    const { connection, sources, documents, diagnostics } = this.ctx;
    let changed = false;
    const settled = () => this.workspace.corpusSettled();
    for (const state of [...sources.all()]) {
      if (this.shuttingDown) return;
      // What every view asks for first, rebuilt after a change: in steps, not by the first question in one go.
      await settled();
      await inSteps(this.workspace.corpus.prepareInSteps(STEP_ITEMS), STEP_ITEMS);
      const view = await buildCrossSourceView(this.workspace.corpus, state.uri, this.folders, this.workspace.status.scanning, settled);
      if (this.shuttingDown) return;
      const doc = documents.get(state.uri);
      if (!view || sources.get(state.uri) !== state || !doc || doc.version !== state.version) continue;
      const same = state.crossSource !== undefined && signature(view) === signature(state.crossSource);
      state.crossSource = view;
      if (same) continue;
      changed = true;
      await diagnostics.publish(state);
    }
    if (changed && this.canRefreshCodeLens) notifyClient(() => connection.sendRequest(CodeLensRefreshRequest.type));
    // The closed sources whose conflicts the view shows: told when those changed, so it asks again.
    for (const [uri, listed] of [...this.listedConflicts]) {
      if (this.shuttingDown) return;
      if (documents.get(uri)) continue;
      await settled();
      const shown = JSON.stringify(this.conflictItemsOf(uri, listed.tagged));
      if (shown === listed.shown || this.listedConflicts.get(uri) !== listed) continue;
      listed.shown = shown;
      this.closedConflictsChanged.fire(uri);
    }
  }
}

/** What the user sees of a view: when it is unchanged, nothing is re-sent. */
function signature(v: CrossSourceView): string {
  const links = [...v.links].map(([id, l]) => `${id}:${l.map((x) => `${x.sourceId}#${x.claim.findingId}#${x.claim.tag?.status ?? ''}`).join(',')}`);
  // A speaker's quotations written once and referred to by number, not once per quotation of theirs
  // (5,000 × 5,000 for a source quoting one person throughout).
  const texts = new Map<QuotationsOfSpeaker, string>();
  const numbers = new Map<string, number>();
  const numberOf = (s: QuotationsOfSpeaker) => {
    let text = texts.get(s);
    if (text === undefined) texts.set(s, (text = s.quotes.map((q) => `${q.sourceId}#${q.quotation.findingId}#${q.quotation.tag?.status ?? ''}`).join(',')));
    if (!numbers.has(text)) numbers.set(text, numbers.size);
    return numbers.get(text)!;
  };
  const speakers = [...v.speakers].map(([id, s]) => `${id}:${numberOf(s)}`);
  for (const text of numbers.keys()) speakers.push(text);
  return `${v.indexing}|${v.conflicts.map((c) => `${c.id}${c.sides.map((s) => s.tag?.status ?? '').join('')}`).join(',')}|${links.join(';')}|${v.speakers.size}|${speakers.join(';')}`;
}

/** Views carriedOver made, with the findings each was made for: every finding id such a view names is one of them. */
const checkedAgainst = new WeakMap<CrossSourceView, readonly TaggedFinding[]>();

/**
 * The part of a view that still holds after an edit: findings that are still there, conflicts whose
 * words are unchanged. A view carried over the last edit too, when the findings came as a delta
 * against the last ones (findingsEdits.ts), is checked against the ids the edit took away (a pass
 * over the 18,700 findings of 1 MB cost the main thread ~5 ms per keystroke); any other, against
 * the findings (carriedByScan). `before`: the findings of the state the view was the view of.
 */
export function carriedOver(view: CrossSourceView | undefined, state: SourceState, before?: readonly TaggedFinding[]): CrossSourceView | undefined {
  if (!view) return undefined;
  const edit = before && checkedAgainst.get(view) === before ? editBetween(before, state.tagged.findings) : undefined;
  const out = edit ? carriedAcross(view, state, edit) : carriedByScan(view, state);
  checkedAgainst.set(out, state.tagged.findings);
  return out;
}

/** Whether the words at a conflict's focus are still those it was found on. */
const focusHere = (state: SourceState, start: number, end: number, text: string) => state.text.slice(start, end).replace(/\s+/g, ' ') === text.replace(/\s+/g, ' ');

/** A view every id of which is among the findings before the edit, without the ids the edit took away (and did not bring back). */
function carriedAcross(view: CrossSourceView, state: SourceState, edit: { removed: readonly TaggedFinding[]; added: readonly TaggedFinding[] }): CrossSourceView {
  const gone = new Set<string>();
  for (const f of edit.removed) gone.add(f.id);
  for (const f of edit.added) gone.delete(f.id);
  const kept = <V>(map: Map<string, V>): Map<string, V> => {
    let lost = false;
    for (const id of gone) {
      if (!map.has(id)) continue;
      lost = true;
      break;
    }
    if (!lost) return map;
    const out = new Map<string, V>();
    for (const [id, v] of map) if (!gone.has(id)) out.set(id, v);
    return out;
  };
  return {
    ...view,
    links: kept(view.links),
    conflicts: view.conflicts.filter((c) => c.sides.every((s) => s.sourceId !== state.uri || (!gone.has(s.findingId) && focusHere(state, s.focus.start, s.focus.end, s.focusText)))),
    entities: kept(view.entities),
    speakers: kept(view.speakers),
  };
}

/**
 * carriedOver for any view: the findings are looked through for the ids it names. Only those ids
 * are looked for: a set of every finding's id cost the main thread ~6 ms per keystroke on 1 MB (up
 * to 48 with the collection it set off).
 */
function carriedByScan(view: CrossSourceView, state: SourceState): CrossSourceView {
  const sides = new Set<string>();
  for (const c of view.conflicts) for (const s of c.sides) if (s.sourceId === state.uri) sides.add(s.findingId);
  // Each map is looked in for the kind it holds (ids are unique in a source), and counted: a map
  // whose every id is still there is the view's own, not a copy (~9 ms per keystroke on 1 MB). Only
  // a map that lost ids needs to know which are there: a set of the 12,000 names' ids of 1 MB made
  // at every keystroke cost ~5 ms.
  const maps: readonly Map<string, unknown>[] = [view.links, view.entities, view.speakers];
  const kindOf = (kind: string) => (kind === 'claim' ? 0 : kind === 'entity' ? 1 : kind === 'quotation' ? 2 : -1);
  const found = [0, 0, 0];
  const sidesThere = new Set<string>();
  if (view.links.size || view.entities.size || view.speakers.size || sides.size) {
    for (const f of state.tagged.findings) {
      const which = kindOf(f.kind);
      if (which >= 0 && maps[which]!.has(f.id)) found[which]!++;
      if (sides.has(f.id)) sidesThere.add(f.id);
    }
  }
  const kept = <V>(map: Map<string, V>, which: number) => {
    if (found[which] === map.size) return map;
    const there = new Set<string>();
    for (const f of state.tagged.findings) if (kindOf(f.kind) === which && map.has(f.id)) there.add(f.id);
    const out = new Map<string, V>();
    for (const [id, v] of map) if (there.has(id)) out.set(id, v);
    return out;
  };
  return {
    ...view,
    links: kept(view.links, 0),
    conflicts: view.conflicts.filter((c) => c.sides.every((s) => s.sourceId !== state.uri || (sidesThere.has(s.findingId) && focusHere(state, s.focus.start, s.focus.end, s.focusText)))),
    entities: kept(view.entities, 1),
    speakers: kept(view.speakers, 2),
  };
}
