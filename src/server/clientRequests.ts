import * as l10n from '@vscode/l10n';
import type { InitializeParams, ServerCapabilities } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { Analyzer } from '../core/analyzer';
import { sourcePathOf } from '../core/tags/sidecarName';
import { statPath } from '../core/files/regularFile';
import {
  DocumentFindingsRequest, SourcesChangedNotification, WorkspaceSummaryRequest,
  type DocumentFindings, type SourceSummary, type WorkspaceSummary,
} from '../shared/protocol';
import { notifyClient } from './clientGone';
import { closedFindings, type FindingsJob } from './closedFindings';
import type { Feature, ServerContext } from './context';
import type { CrossSourceFeatures } from './crossSourceFeatures';
import { settingsKey, type IndexedSummary } from './indexJob';
import { checkClosedSource } from './sourcePaths';
import { semanticTokensFor, SEMANTIC_TOKENS_LEGEND } from './semanticTokens';
import { analysisOptionsOf, type SourcemarkSettings } from './settings';
import type { SourceState } from './sourceState';
import { slicedAnswer } from './slicedAnswers';
import { documentExtras, emptyCounts, selectedFindings, summaryOf, type FindingsSelection } from './sourceSummary';
import { listSources } from './workspaceSources';

/** Paragraphs the closed sources' analyzer keeps: sources rarely share any, but page furniture repeats. */
const DISK_CACHE_LIMIT = 2_000;
/**
 * Sources of a listing looked at together (settings, file stamp). A batch waits on one
 * workspace/configuration round trip: at 64 a reopened workspace of 2,000 sources waited on 32 of
 * them and was listed in 1.48–1.64 s; at 512, 1.14–1.21 s (one at a time it took seconds).
 */
const LISTING_BATCH = 512;
/** Sources of a batch whose stamps are taken together. */
const STAT_BATCH = 64;

/** Each source's analysis settings as a key, kept with its settings (one object per source until they change). */
const analysisKeys = new WeakMap<SourcemarkSettings, string>();

function analysisKeyOf(settings: SourcemarkSettings): string {
  let key = analysisKeys.get(settings);
  if (key === undefined) analysisKeys.set(settings, (key = settingsKey(analysisOptionsOf(settings))));
  return key;
}

/**
 * Requests beyond plain LSP that a client's views use: the findings of one source, a summary of
 * every source in the workspace, semantic tokens for entities and dates, and a notification
 * whenever a source's findings or tags change. Sources that are not open are read from disk.
 */
export class ClientRequests implements Feature {
  private semanticRefresh = false;
  private readonly notifiedVersions = new Map<string, number>();
  /** What the client was last told of each closed source (listing or notification), as JSON. */
  private readonly told = new Map<string, string>();
  /** Closed sources whose counts are to be announced once the index has them (a sidecar changed). */
  private readonly announce = new Set<string>();
  /**
   * A closed source's findings (the view expands it) get an analyzer of their own (made when first
   * needed): through the open documents' one, they would fill its paragraph cache and push out the
   * paragraphs that keep re-analysis fast while the user types.
   */
  private diskAnalyzer?: Analyzer;

  constructor(private readonly ctx: ServerContext, private readonly index: CrossSourceFeatures) {
    const { connection, sources } = ctx;
    connection.onRequest(DocumentFindingsRequest, ({ uri, ...selection }) => this.documentFindings(uri, selection));
    connection.onRequest(WorkspaceSummaryRequest, () => this.workspaceSummary());
    connection.languages.semanticTokens.on((params) => slicedAnswer(
      () => sources.currentOpen(params.textDocument.uri),
      ({ doc, state }, run) => semanticTokensFor(doc, state, run), { data: [] },
    ));
    sources.onDidPublish((state) => this.sourceChanged(state));
    sources.onDidClose((uri) => this.notifiedVersions.delete(uri));
    index.onDidIndex(({ uri, result }) => this.sourceIndexed(uri, result));
    // Told again (its counts as they were): the view asks for its sections, conflicts among them, anew.
    index.onDidChangeClosedConflicts((uri) => {
      const told = this.told.get(uri);
      if (told && !this.ctx.documents.get(uri)) this.notify(JSON.parse(told) as SourceSummary);
    });
  }

  /** Records what the client supports and returns the capabilities to announce. */
  initialize(params: InitializeParams): Partial<ServerCapabilities> {
    this.semanticRefresh = !!params.capabilities.workspace?.semanticTokens?.refreshSupport;
    return { semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true } };
  }

  /** An open source was analysed or its tags changed: its new counts, and new tokens when only the tags changed. */
  private sourceChanged(state: SourceState): void {
    const sameVersion = this.notifiedVersions.get(state.uri) === state.version;
    this.notifiedVersions.set(state.uri, state.version);
    // Same text, new tags or settings: the editor will not ask for tokens again unless told to.
    if (sameVersion && this.semanticRefresh) notifyClient(() => this.ctx.connection.languages.semanticTokens.refresh());
    this.notify(summaryOf(state));
  }

  /** A sidecar changed on disk: a source that is not open gets its new counts announced once indexed. */
  async sidecarChanged(sidecarPath: string): Promise<void> {
    const source = sourcePathOf(sidecarPath);
    if (source === undefined) return;
    const uri = URI.file(source).toString();
    if (this.ctx.sources.has(uri) || this.ctx.documents.get(uri)) return; // the open document's refresh announces it
    const settings = await this.ctx.settings.get(uri);
    if (!this.ctx.matcher.isSource(uri, settings.sources)) return;
    this.announce.add(uri);
    this.index.requestIndex(uri);
  }

  /** The index analysed a closed source: the client hears of it if it listed the source or a sidecar changed. */
  private sourceIndexed(uri: string, result: IndexedSummary | { error: string }): void {
    if (this.ctx.sources.has(uri) || this.ctx.documents.get(uri)) return;
    if (!this.told.has(uri) && !this.announce.delete(uri)) return;
    const summary = 'error' in result ? unreadable(uri, result.error) : fromIndex(uri, result);
    const json = JSON.stringify(summary);
    if (this.told.get(uri) === json) return;
    this.told.set(uri, json);
    this.notify(summary);
  }

  /** Summaries to announce at the end of this turn of the event loop, by source; a later one replaces an earlier. */
  private readonly changed = new Map<string, SourceSummary>();

  private notify(summary: SourceSummary): void {
    if (this.changed.size === 0) setImmediate(() => this.flushChanged());
    this.changed.delete(summary.uri);
    this.changed.set(summary.uri, summary);
  }

  private flushChanged(): void {
    const sources = [...this.changed.values()];
    this.changed.clear();
    if (sources.length) notifyClient(() => this.ctx.connection.sendNotification(SourcesChangedNotification, { sources }));
  }

  async documentFindings(uri: string, selection: FindingsSelection = {}): Promise<DocumentFindings> {
    const notSource: DocumentFindings = { uri, isSource: false, findings: [], scope: selection.scope ?? 'all', counts: emptyCounts() };
    const open = this.ctx.documents.get(uri);
    if (!open) {
      const closed = await this.closedFindings(uri, selection).catch(() => undefined);
      if (!closed) return notSource;
      // Its conflicts from the workspace index, which the analysis of the file alone does not know.
      const tagged = new Set(closed.findings.filter((f) => f.status).map((f) => f.id));
      return { ...closed, conflicts: await this.index.closedConflicts(uri, tagged) };
    }
    // Its document and analysis as they are now (the answer waits for the analysis of an edit).
    const latest = async () => {
      const state = await this.ctx.sources.current(uri);
      const doc = this.ctx.documents.get(uri);
      return state && doc ? { state, doc } : undefined;
    };
    return slicedAnswer(latest, async ({ doc, state }, run) => ({
      ...summaryOf(state), isSource: true, version: state.version, ...(await selectedFindings(doc, state, selection, run)), ...documentExtras(doc, state),
    }), notSource);
  }

  async workspaceSummary(): Promise<WorkspaceSummary> {
    const folderGlob = async (uri: string, folder: string) =>
      this.ctx.matcher.isSource(uri, (await this.ctx.settings.get(URI.file(folder).toString())).sources);
    const listing = await listSources(this.ctx.matcher.folderPaths, folderGlob);
    // Open sources outside the folders (a loose file) are listed too.
    const uris = new Set(listing.uris);
    for (const uri of this.ctx.sources.uris()) uris.add(uri);
    const sorted = [...uris].sort();
    const found: (SourceSummary | undefined)[] = [];
    // A batch of sources at a time: each may wait on its settings (a request to the client, the first
    // time) and on its file's stamp, so one after another a listing of 2,000 took seconds.
    for (let from = 0; from < sorted.length; from += LISTING_BATCH) {
      const batch = sorted.slice(from, from + LISTING_BATCH);
      // Their settings together (one workspace/configuration round trip the first time), then their
      // stamps a few at a time: a batch's 512 stats came back in one turn of the event loop and
      // were handled in one go (holds of 15–22 ms, 42 ms the longest, of a listing of 2,001).
      await Promise.all(batch.map((uri) => this.ctx.settings.get(uri).catch(() => undefined)));
      for (let at = 0; at < batch.length; at += STAT_BATCH) {
        found.push(...(await Promise.all(batch.slice(at, at + STAT_BATCH).map(async (uri) => {
          const open = this.ctx.sources.get(uri);
          const summary = open ? summaryOf(open) : await this.closedSummary(uri).catch((e: Error) => unreadable(uri, e.message));
          if (summary && !open) this.told.set(uri, JSON.stringify(summary));
          return summary;
        }))));
      }
    }
    const sources = found.filter((s): s is SourceSummary => s !== undefined);
    return { sources, truncated: listing.truncated };
  }

  /**
   * A source that is not open, read from disk and analysed by an index worker, so that expanding a
   * large source in the view does not hold up hover; on this thread when there are no workers, one
   * failed, or they stopped while idle and the source is short.
   */
  private async closedFindings(uri: string, selection: FindingsSelection): Promise<DocumentFindings | undefined> {
    const settings = await this.ctx.settings.get(uri);
    if (!this.ctx.matcher.isSource(uri, settings.sources)) return undefined;
    // Read from disk: only a source of the workspace folders, never any file a request names.
    if (!(await checkClosedSource(uri, this.ctx.matcher.folderPaths, settings.sources)).ok) return undefined;
    const job: FindingsJob = { uri, settings, selection };
    const fromWorker = await this.index.closedFindings(job)?.catch(() => undefined);
    if (fromWorker) return fromWorker;
    this.diskAnalyzer ??= new Analyzer(DISK_CACHE_LIMIT);
    return closedFindings(this.diskAnalyzer, this.ctx.store, job);
  }

  /**
   * A closed source's summary, from the workspace index while the file and the settings are those it
   * was indexed with; otherwise `pending` (the index is asked for it, and the counts follow in a
   * sourceChanged notification). Never analyses on this thread: a listing of thousands of sources
   * would hold up hover and diagnostics of the open ones.
   */
  private async closedSummary(uri: string): Promise<SourceSummary | undefined> {
    const settings = await this.ctx.settings.get(uri);
    if (!this.ctx.matcher.isSource(uri, settings.sources)) return undefined;
    const indexed = this.index.indexedSummary(uri);
    // Stat'ed only to check what the index holds: a reopened workspace's first listing comes before
    // its snapshot is read, and 2,000 stats then only held up the listing.
    const info = indexed && (await statPath(URI.parse(uri).fsPath));
    if (indexed && info && indexed.mtimeMs === info.mtimeMs && indexed.size === info.size && indexed.settingsKey === analysisKeyOf(settings)) {
      return fromIndex(uri, indexed);
    }
    this.index.requestIndex(uri);
    return { uri, counts: emptyCounts(), pending: true };
  }
}

function fromIndex(uri: string, s: IndexedSummary): SourceSummary {
  return { uri, counts: s.counts, ...(s.problem ? { problem: s.problem } : {}) };
}

function unreadable(uri: string, message: string): SourceSummary {
  return { uri, counts: emptyCounts(), problem: l10n.t('Could not read this source: {0}', message) };
}
