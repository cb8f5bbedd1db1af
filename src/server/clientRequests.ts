import { stat } from 'node:fs/promises';
import type { Connection, InitializeParams, ServerCapabilities, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { Analyzer } from '../core/analyzer';
import { SIDECAR_SUFFIX, type SidecarStore } from '../core/tags/sidecarStore';
import {
  NOTIFICATIONS, REQUESTS,
  type DocumentFindings, type DocumentFindingsParams, type FindingsScope, type SourceSummary, type WorkspaceSummary,
} from './protocol';
import { semanticTokensFor, SEMANTIC_TOKENS_LEGEND } from './semanticTokens';
import { analysisOptionsOf, type SourcemarkSettings } from './settings';
import type { SourceMatcher } from './sourceMatcher';
import { closedFindings, type FindingsJob } from './closedFindings';
import type { SourceState } from './sourceState';
import { emptyCounts, findingItems, summaryOf } from './sourceSummary';
import { settingsKey, type IndexedSummary } from './indexJob';
import { listSources } from './workspaceSources';
import { notifyClient } from './clientGone';

/** What the server shares with the requests views make. */
export interface ServerContext {
  documents: TextDocuments<TextDocument>;
  states: ReadonlyMap<string, SourceState>;
  matcher: SourceMatcher;
  settingsFor(uri: string): Promise<SourcemarkSettings>;
  /** Sidecars as the server knows them (its cache of reads and its own writes). */
  store: SidecarStore;
  /** The workspace index: it analyses closed sources off the main thread and keeps their counts. */
  index: {
    summaryOf(uri: string): IndexedSummary | undefined;
    /** Have a closed source indexed (again); the result comes back through `sourceIndexed`. */
    request(uri: string): void;
    /** A closed source's findings from an index worker; undefined when there are none. */
    findings(job: FindingsJob): Promise<DocumentFindings> | undefined;
  };
}

/** How long a request waits for an opened or edited source to be analysed before answering. */
const ANALYSIS_WAIT_MS = 10_000;

/** Paragraphs the closed sources' analyzer keeps: sources rarely share any, but page furniture repeats. */
const DISK_CACHE_LIMIT = 2_000;


/**
 * Requests beyond plain LSP that a client's views use: the findings of one source, a summary of
 * every source in the workspace, semantic tokens for entities and dates, and a notification
 * whenever a source's findings or tags change. Sources that are not open are read from disk.
 */
export class ClientRequests {
  private semanticRefresh = false;
  private readonly waiters = new Map<string, (() => void)[]>();
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

  constructor(private readonly connection: Connection, private readonly ctx: ServerContext) {}

  /** Records what the client supports and returns the capabilities to announce. */
  capabilities(params: InitializeParams): Partial<ServerCapabilities> {
    this.semanticRefresh = !!params.capabilities.workspace?.semanticTokens?.refreshSupport;
    return { semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true } };
  }

  register(): void {
    this.connection.onRequest(REQUESTS.documentFindings, (p: DocumentFindingsParams) => this.documentFindings(p.uri, p.scope));
    this.connection.onRequest(REQUESTS.workspaceSummary, () => this.workspaceSummary());
    this.connection.languages.semanticTokens.on(async (params) => {
      const state = await this.currentState(params.textDocument.uri);
      const doc = this.ctx.documents.get(params.textDocument.uri);
      return state && doc && doc.version === state.version ? semanticTokensFor(doc, state) : { data: [] };
    });
  }

  /** Called whenever an open source was analysed or its tags changed. */
  sourceChanged(state: SourceState): void {
    const sameVersion = this.notifiedVersions.get(state.uri) === state.version;
    this.notifiedVersions.set(state.uri, state.version);
    // Same text, new tags or settings: the editor will not ask for tokens again unless told to.
    if (sameVersion && this.semanticRefresh) notifyClient(() => this.connection.languages.semanticTokens.refresh());
    this.notify(summaryOf(state));
    const waiting = this.waiters.get(state.uri) ?? [];
    this.waiters.delete(state.uri);
    for (const resolve of waiting) resolve();
  }

  sourceClosed(uri: string): void {
    this.notifiedVersions.delete(uri);
  }

  /** A sidecar changed on disk: a source that is not open gets its new counts announced once indexed. */
  async sidecarChanged(sidecarPath: string): Promise<void> {
    const uri = URI.file(sidecarPath.slice(0, -SIDECAR_SUFFIX.length)).toString();
    if (this.ctx.states.has(uri) || this.ctx.documents.get(uri)) return; // the open document's refresh announces it
    const settings = await this.ctx.settingsFor(uri);
    if (!this.ctx.matcher.isSource(uri, settings.sources)) return;
    this.announce.add(uri);
    this.ctx.index.request(uri);
  }

  /** The index analysed a closed source: the client hears of it if it listed the source or a sidecar changed. */
  sourceIndexed(uri: string, result: IndexedSummary | { error: string }): void {
    if (this.ctx.states.has(uri) || this.ctx.documents.get(uri)) return;
    if (!this.told.has(uri) && !this.announce.delete(uri)) return;
    const summary = 'error' in result ? unreadable(uri, result.error) : fromIndex(uri, result);
    const json = JSON.stringify(summary);
    if (this.told.get(uri) === json) return;
    this.told.set(uri, json);
    this.notify(summary);
  }

  private notify(summary: SourceSummary): void {
    notifyClient(() => this.connection.sendNotification(NOTIFICATIONS.sourceChanged, summary));
  }

  async documentFindings(uri: string, scope: FindingsScope = 'all'): Promise<DocumentFindings> {
    const notSource: DocumentFindings = { uri, isSource: false, findings: [], scope, counts: emptyCounts() };
    const open = this.ctx.documents.get(uri);
    if (!open) return (await this.closedFindings(uri, scope).catch(() => undefined)) ?? notSource;
    const state = await this.currentState(uri);
    if (!state) return notSource;
    return { ...summaryOf(state), isSource: true, version: state.version, findings: findingItems(open, state, scope), scope };
  }

  async workspaceSummary(): Promise<WorkspaceSummary> {
    const folderGlob = async (uri: string, folder: string) =>
      this.ctx.matcher.isSource(uri, (await this.ctx.settingsFor(URI.file(folder).toString())).sources);
    const listing = await listSources(this.ctx.matcher.folderPaths, folderGlob);
    // Open sources outside the folders (a loose file) are listed too.
    const uris = new Set(listing.uris);
    for (const uri of this.ctx.states.keys()) uris.add(uri);
    const sources: SourceSummary[] = [];
    for (const uri of [...uris].sort()) {
      const open = this.ctx.states.get(uri);
      const summary = open ? summaryOf(open) : await this.closedSummary(uri).catch((e: Error) => unreadable(uri, e.message));
      if (!summary) continue;
      sources.push(summary);
      if (!open) this.told.set(uri, JSON.stringify(summary));
    }
    return { sources, truncated: listing.truncated };
  }

  /** The open document's state for its current version, waiting for the analysis if it is running. */
  async currentState(uri: string): Promise<SourceState | undefined> {
    const settings = await this.ctx.settingsFor(uri);
    if (!this.ctx.matcher.isSource(uri, settings.sources)) return undefined;
    const deadline = Date.now() + ANALYSIS_WAIT_MS;
    for (;;) {
      const doc = this.ctx.documents.get(uri);
      const state = this.ctx.states.get(uri);
      if (!doc) return undefined;
      if (state && state.version === doc.version) return state;
      const left = deadline - Date.now();
      if (left <= 0) return state;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        const list = this.waiters.get(uri) ?? [];
        list.push(() => {
          clearTimeout(timer);
          resolve();
        });
        this.waiters.set(uri, list);
      });
    }
  }

  /**
   * A source that is not open, read from disk and analysed by an index worker, so that expanding a
   * large source in the view does not hold up hover; on this thread only when there are no workers
   * or one failed.
   */
  private async closedFindings(uri: string, scope: FindingsScope): Promise<DocumentFindings | undefined> {
    const settings = await this.ctx.settingsFor(uri);
    if (!this.ctx.matcher.isSource(uri, settings.sources)) return undefined;
    const job: FindingsJob = { uri, settings, scope };
    const fromWorker = await this.ctx.index.findings(job)?.catch(() => undefined);
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
    const settings = await this.ctx.settingsFor(uri);
    if (!this.ctx.matcher.isSource(uri, settings.sources)) return undefined;
    const info = await stat(URI.parse(uri).fsPath);
    const indexed = this.ctx.index.summaryOf(uri);
    if (indexed && indexed.mtimeMs === info.mtimeMs && indexed.size === info.size && indexed.settingsKey === settingsKey(analysisOptionsOf(settings))) {
      return fromIndex(uri, indexed);
    }
    this.ctx.index.request(uri);
    return { uri, counts: emptyCounts(), pending: true };
  }
}

function fromIndex(uri: string, s: IndexedSummary): SourceSummary {
  return { uri, counts: s.counts, ...(s.problem ? { problem: s.problem } : {}) };
}

function unreadable(uri: string, message: string): SourceSummary {
  return { uri, counts: emptyCounts(), problem: `Could not read this source: ${message}` };
}
