import { readFile, stat } from 'node:fs/promises';
import type { Connection, InitializeParams, ServerCapabilities, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { Analyzer } from '../core/analyzer';
import { sidecarPathFor, SIDECAR_SUFFIX, type SidecarRead } from '../core/tags/sidecarStore';
import { decodeSource } from '../core/text/sourceText';
import {
  NOTIFICATIONS, REQUESTS,
  type DocumentFindings, type DocumentFindingsParams, type FindingsScope, type SourceSummary, type WorkspaceSummary,
} from './protocol';
import { semanticTokensFor, SEMANTIC_TOKENS_LEGEND } from './semanticTokens';
import type { SourcemarkSettings } from './settings';
import type { SourceMatcher } from './sourceMatcher';
import { analysedState, type SourceState } from './sourceState';
import { emptyCounts, findingItems, summaryOf } from './sourceSummary';
import { listSources } from './workspaceSources';

/** What the server shares with the requests views make. */
export interface ServerContext {
  documents: TextDocuments<TextDocument>;
  states: ReadonlyMap<string, SourceState>;
  matcher: SourceMatcher;
  settingsFor(uri: string): Promise<SourcemarkSettings>;
  sidecarFor(sidecarPath: string): Promise<SidecarRead>;
}

/** How long a request waits for an opened or edited source to be analysed before answering. */
const ANALYSIS_WAIT_MS = 10_000;

/** Paragraphs the closed sources' analyzer keeps: sources rarely share any, but page furniture repeats. */
const DISK_CACHE_LIMIT = 2_000;

/** What is kept of a closed source between requests: its summary, not its analysis (sources add up). */
interface DiskEntry {
  mtimeMs: number;
  size: number;
  sidecar: Promise<SidecarRead>;
  settings: SourcemarkSettings;
  summary: SourceSummary;
}

/**
 * Requests beyond plain LSP that a client's views use: the findings of one source, a summary of
 * every source in the workspace, semantic tokens for entities and dates, and a notification
 * whenever a source's findings or tags change. Sources that are not open are read from disk.
 */
export class ClientRequests {
  private semanticRefresh = false;
  private readonly waiters = new Map<string, (() => void)[]>();
  private readonly notifiedVersions = new Map<string, number>();
  private readonly disk = new Map<string, DiskEntry>();
  /**
   * Closed sources get an analyzer of their own (made when first needed): through the open documents'
   * one, listing a large workspace would fill its paragraph cache (~40 MB per MB of text) and push
   * out the paragraphs that keep re-analysis fast while the user types.
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
    if (sameVersion && this.semanticRefresh) void this.connection.languages.semanticTokens.refresh().catch(() => undefined);
    this.notify(summaryOf(state));
    const waiting = this.waiters.get(state.uri) ?? [];
    this.waiters.delete(state.uri);
    for (const resolve of waiting) resolve();
  }

  sourceClosed(uri: string): void {
    this.notifiedVersions.delete(uri);
  }

  /** A sidecar changed on disk: a source that is not open gets its new counts announced here. */
  async sidecarChanged(sidecarPath: string): Promise<void> {
    const uri = URI.file(sidecarPath.slice(0, -SIDECAR_SUFFIX.length)).toString();
    if (this.ctx.states.has(uri) || this.ctx.documents.get(uri)) return; // the open document's refresh announces it
    const summary = await this.closedSummary(uri).catch(() => undefined);
    if (summary) this.notify(summary);
  }

  /** Forget what was cached of closed sources (settings or detection changed). */
  clear(): void {
    this.disk.clear();
  }

  private notify(summary: SourceSummary): void {
    void this.connection.sendNotification(NOTIFICATIONS.sourceChanged, summary);
  }

  async documentFindings(uri: string, scope: FindingsScope = 'all'): Promise<DocumentFindings> {
    const open = this.ctx.documents.get(uri);
    const state = open ? await this.currentState(uri) : await this.closedState(uri).catch(() => undefined);
    if (!state) return { uri, isSource: false, findings: [], scope, counts: emptyCounts() };
    const doc = open ?? TextDocument.create(uri, 'plaintext', 0, state.text);
    return { ...summaryOf(state), isSource: true, ...(open ? { version: state.version } : {}), findings: findingItems(doc, state, scope), scope };
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
      const summary = open ? summaryOf(open) : await this.closedSummary(uri).catch((e: Error) => ({
        uri, counts: emptyCounts(), problem: `Could not read this source: ${e.message}`,
      }));
      if (summary) sources.push(summary);
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

  /** A source that is not open, analysed from disk. */
  private async closedState(uri: string): Promise<SourceState | undefined> {
    const settings = await this.ctx.settingsFor(uri);
    if (!this.ctx.matcher.isSource(uri, settings.sources)) return undefined;
    const file = URI.parse(uri).fsPath;
    const sidecarPath = sidecarPathFor(file);
    const text = decodeSource(await readFile(file));
    this.diskAnalyzer ??= new Analyzer(DISK_CACHE_LIMIT);
    return analysedState(this.diskAnalyzer, { uri, version: -1, text, settings, sidecarPath, sidecar: await this.ctx.sidecarFor(sidecarPath) });
  }

  /** A closed source's summary; cached until the file, its sidecar or the settings change. */
  private async closedSummary(uri: string): Promise<SourceSummary | undefined> {
    const settings = await this.ctx.settingsFor(uri);
    if (!this.ctx.matcher.isSource(uri, settings.sources)) return undefined;
    const file = URI.parse(uri).fsPath;
    const info = await stat(file);
    const sidecar = this.ctx.sidecarFor(sidecarPathFor(file));
    const cached = this.disk.get(uri);
    if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size && cached.sidecar === sidecar && cached.settings === settings) {
      return cached.summary;
    }
    const state = await this.closedState(uri);
    if (!state) return undefined;
    const summary = summaryOf(state);
    this.disk.set(uri, { mtimeMs: info.mtimeMs, size: info.size, sidecar, settings, summary });
    return summary;
  }
}
