// What the server's feature modules share, and the shape of a feature. Each feature registers its
// own handlers on the connection; server.ts only wires them together.
import type { Connection, InitializeParams, ServerCapabilities, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analyzer } from '../core/analyzer';
import type { BackgroundWork } from './backgroundWork';
import type { DiagnosticsPublisher } from './publishDiagnostics';
import type { OpenSources } from './openSources';
import type { Settings } from './settings';
import type { CachedSidecarStore } from './sidecarCache';
import type { SourceMatcher } from './sourceMatcher';
import type { TagService } from './tagService';

export interface ServerContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  /** Analyses open documents (closed sources get analyzers of their own). */
  readonly analyzer: Analyzer;
  /** Sidecars as this server reads and writes them. */
  readonly store: CachedSidecarStore;
  readonly settings: Settings;
  readonly matcher: SourceMatcher;
  readonly tags: TagService;
  /** The open sources, each analysed for its current version. */
  readonly sources: OpenSources;
  readonly diagnostics: DiagnosticsPublisher;
  readonly work: BackgroundWork;
}

/** The workspace folders (URIs) the client opened the server with. */
export function foldersOf(params: InitializeParams): string[] {
  return params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
}

/** A part of the server: it registers its handlers when made, and hears of the server's life here. */
export interface Feature {
  /** Capabilities to announce, given what the client supports. */
  initialize?(params: InitializeParams): Partial<ServerCapabilities>;
  /** The client is ready: dynamic registrations, background work. */
  initialized?(): void;
  /** The workspace folders changed (URIs). */
  foldersChanged?(folders: string[]): void;
  /** The user asked to re-read settings and sidecars and analyse everything again. */
  reanalyse?(): void;
  shutdown?(): void;
}
