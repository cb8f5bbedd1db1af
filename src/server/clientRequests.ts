import { readFile, stat } from 'node:fs/promises';
import type { Connection, InitializeParams, ServerCapabilities, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { Analyzer } from '../core/analyzer';
import { analyzeSource } from '../core/sourceAnalysis';
import { sidecarPathFor, SIDECAR_SUFFIX, type SidecarRead } from '../core/tags/sidecarStore';
import { decodeSource } from '../core/text/sourceText';
import {
  NOTIFICATIONS, REQUESTS,
  type DocumentFindings, type DocumentFindingsParams, type SourceSummary, type WorkspaceSummary,
} from './protocol';
import { semanticTokensFor, SEMANTIC_TOKENS_LEGEND } from './semanticTokens';
import type { SourcemarkSettings } from './settings';
import type { SourceMatcher } from './sourceMatcher';
import type { SourceState } from './sourceState';
import { findingItems, summaryOf } from './sourceSummary';
import { listSources } from './workspaceSources';

/** What the server shares with the requests views make. */
export interface ServerContext {
  documents: TextDocuments<TextDocument>;
  states: ReadonlyMap<string, SourceState>;
  analyzer: Analyzer;
  matcher: SourceMatcher;
  settingsFor(uri: string): Promise<SourcemarkSettings>;
  sidecarFor(sidecarPath: string): Promise<SidecarRead>;
}

/** How long a request waits for an opened or edited source to be analysed before answering. */
const ANALYSIS_WAIT_MS = 10_000;

interface DiskEntry {
  mtimeMs: number;
  size: number;
  sidecar: Promise<SidecarRead>;
  settings: SourcemarkSettings;
  state: SourceState;
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

  constructor(private readonly connection: Connection, private readonly ctx: ServerContext) {}

  /** Records what the client supports and returns the capabilities to announce. */
  capabilities(params: InitializeParams): Partial<ServerCapabilities> {
    this.semanticRefresh = !!params.capabilities.workspace?.semanticTokens?.refreshSupport;
    return { semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true } };
  }

  register(): void {
    this.connection.onRequest(REQUESTS.documentFindings, (p: DocumentFindingsParams) => this.documentFindings(p.uri));
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
    const state = await this.closedState(uri).catch(() => undefined);
    if (state) this.notify(summaryOf(state));
  }

  /** Forget cached analyses of closed sources (settings or detection changed). */
  clear(): void {
    this.disk.clear();
  }

  private notify(summary: SourceSummary): void {
    void this.connection.sendNotification(NOTIFICATIONS.sourceChanged, summary);
  }

  async documentFindings(uri: string): Promise<DocumentFindings> {
    const open = this.ctx.documents.get(uri);
    const state = open ? await this.currentState(uri) : await this.closedState(uri).catch(() => undefined);
    if (!state) return { uri, isSource: false, findings: [], counts: emptyCounts() };
    const doc = open ?? TextDocument.create(uri, 'plaintext', 0, state.text);
    return { ...summaryOf(state), isSource: true, ...(open ? { version: state.version } : {}), findings: findingItems(doc, state) };
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
      const state = this.ctx.states.get(uri) ?? (await this.closedState(uri).catch((e: Error) => {
        sources.push({ uri, counts: emptyCounts(), problem: `Could not read this source: ${e.message}` });
        return undefined;
      }));
      if (state) sources.push(summaryOf(state));
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

  /** A source that is not open, analysed from disk; cached until the file, its sidecar or the settings change. */
  private async closedState(uri: string): Promise<SourceState | undefined> {
    const settings = await this.ctx.settingsFor(uri);
    if (!this.ctx.matcher.isSource(uri, settings.sources)) return undefined;
    const file = URI.parse(uri).fsPath;
    const info = await stat(file);
    const sidecarPath = sidecarPathFor(file);
    const sidecar = this.ctx.sidecarFor(sidecarPath);
    const cached = this.disk.get(uri);
    if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size && cached.sidecar === sidecar && cached.settings === settings) {
      return cached.state;
    }
    const text = decodeSource(await readFile(file));
    const read = await sidecar;
    const state: SourceState = {
      uri, version: -1, text, settings, sidecarPath, sidecar: read,
      ...analyzeSource(this.ctx.analyzer, text, read.state === 'ok' ? read.sidecar : undefined, {
        referenceDate: settings.referenceDate,
        claimThreshold: settings.claimThreshold,
        kinds: settings.kinds,
        maxFileSizeMB: settings.maxFileSizeMB,
      }),
    };
    this.disk.set(uri, { mtimeMs: info.mtimeMs, size: info.size, sidecar, settings, state });
    return state;
  }
}

function emptyCounts(): DocumentFindings['counts'] {
  return { claims: 0, untagged: 0, verified: 0, speculative: 0, contradicted: 0, entities: 0, dates: 0, orphans: 0 };
}
