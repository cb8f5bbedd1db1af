import {
  DidChangeConfigurationNotification, TextDocuments, TextDocumentSyncKind,
  type Connection, type InitializeResult, type ServerCapabilities,
} from 'vscode-languageserver';
import { Analyzer } from '../core/analyzer';
import { FileSidecarStore, type SidecarStore } from '../core/tags/sidecarStore';
import { ClientRequests } from './clientRequests';
import { quietLoggingOnceClientGone } from './clientGone';
import { registerCommands } from './commands';
import { BackgroundWork } from './backgroundWork';
import { foldersOf, type Feature, type ServerContext } from './context';
import { CrossSourceFeatures } from './crossSourceFeatures';
import { registerEditorFeatures } from './editorFeatures';
import { registerFileEvents } from './fileEvents';
import { configureLanguage } from './l10n';
import { registerReviewRequests } from './reviewRequests';
import { OpenSources } from './openSources';
import { DiagnosticsPublisher } from './publishDiagnostics';
import { Settings } from './settings';
import { CachedSidecarStore } from './sidecarCache';
import { SourceMatcher } from './sourceMatcher';
import { TagRangeTracker } from './tagTracking';
import { TagService } from './tagService';
import { warmUpWhenIdle } from './warmUp';

/** How long shutdown waits for the sidecar writes under way. */
const SHUTDOWN_WAIT_MS = 1500;

export interface ServerOptions {
  store?: SidecarStore;
  now?: () => Date;
  /** Delay before re-analysing after an edit, so typing is not slowed down. */
  changeDelayMs?: number;
  /** Worker threads that index the workspace (0: in this thread); see WorkspaceIndexOptions. */
  indexWorkers?: number;
  indexWorkerScript?: string;
}

/** Wires the analysis and the tag model to an LSP connection. Used by the stdio entry point and by tests. */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  routeConsoleToClient(connection);
  const ctx = createContext(connection, options);
  const crossSource = new CrossSourceFeatures(ctx, options);
  const views = new ClientRequests(ctx, crossSource);
  const features: Feature[] = [
    registerEditorFeatures(ctx),
    registerCommands(ctx, crossSource, () => reanalyse()),
    registerFileEvents(ctx, crossSource, views),
    registerReviewRequests(ctx),
    views,
    crossSource,
  ];
  let canWatchConfiguration = false;
  let canWatchFolders = false;

  connection.onInitialize((params): InitializeResult => {
    configureLanguage(params);
    ctx.settings.clientAnswers = !!params.capabilities.workspace?.configuration;
    canWatchConfiguration = !!params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration;
    canWatchFolders = !!params.capabilities.workspace?.workspaceFolders;
    ctx.matcher.setFolders(foldersOf(params));
    const base: ServerCapabilities = {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    };
    return { capabilities: mergeCapabilities(base, features.map((f) => f.initialize?.(params) ?? {})), serverInfo: { name: 'sourcemark-lsp' } };
  });

  connection.onInitialized(() => {
    // Only while no source is open and the index is not at work, a sentence per turn: the first requests never wait for it.
    warmUpWhenIdle(ctx.analyzer, () => ctx.documents.all().length > 0, undefined, () => crossSource.indexBusy);
    // A client that goes away before answering must not leave an unhandled rejection behind.
    if (canWatchConfiguration) connection.client.register(DidChangeConfigurationNotification.type, { section: 'sourcemark' }).catch(() => undefined);
    for (const f of features) f.initialized?.();
    // Registering without the client's support throws (and would skip whatever follows).
    if (canWatchFolders) connection.workspace.onDidChangeWorkspaceFolders(() => {
      void connection.workspace.getWorkspaceFolders().then((f) => {
        const folders = f?.map((x) => x.uri) ?? [];
        ctx.matcher.setFolders(folders);
        ctx.sources.refreshAll();
        for (const feature of features) feature.foldersChanged?.(folders);
      });
    });
  });

  connection.onDidChangeConfiguration(() => {
    ctx.settings.clear();
    ctx.sources.refreshAll();
  });

  /** Settings and sidecars may have changed without the server being told: read them again and analyse every source. */
  function reanalyse(): void {
    ctx.store.clear();
    ctx.settings.clear();
    ctx.sources.refreshAll();
    for (const f of features) f.reanalyse?.();
  }

  // The client may end the process right after: finish the sidecar writes under way first, or a tag
  // saved a moment ago (or the orphan marks of a re-anchoring) would be lost.
  connection.onShutdown(async () => {
    ctx.sources.shutdown();
    for (const f of features) f.shutdown?.();
    // Bounded: VS Code kills a server that takes over 2 s to answer, and an analysis may be waiting on the client.
    const finished = ctx.work.settled().then(() => ctx.tags.idle());
    await Promise.race([finished, new Promise((r) => setTimeout(r, SHUTDOWN_WAIT_MS).unref())]);
  });

  ctx.documents.listen(connection);
  connection.listen();
}

/** The services every feature shares. */
function createContext(connection: Connection, options: ServerOptions): ServerContext {
  // Tag ranges follow the editor's edits; the tracker sees each change before the document applies it.
  const tracker = new TagRangeTracker();
  const documents = new TextDocuments(tracker.documents);
  const analyzer = new Analyzer();
  const store = new CachedSidecarStore(options.store ?? new FileSidecarStore());
  const matcher = new SourceMatcher([], (message) => connection.console.warn(message));
  const settings = new Settings(connection, () => matcher.folderPaths);
  const tags = new TagService(store, options.now);
  const diagnostics = new DiagnosticsPublisher(connection, documents);
  const work = new BackgroundWork(connection);
  const sources = new OpenSources({
    connection, documents, tracker, analyzer, store, settings, matcher, tags, diagnostics, work, changeDelayMs: options.changeDelayMs ?? 150,
  });
  return { connection, documents, analyzer, store, settings, matcher, tags, sources, diagnostics, work };
}

/** The features' capabilities as one; `workspace` is merged a level deeper (folders and file operations). */
function mergeCapabilities(base: ServerCapabilities, parts: Partial<ServerCapabilities>[]): ServerCapabilities {
  const merged: ServerCapabilities = { ...base };
  for (const part of parts) {
    const { workspace, ...rest } = part;
    Object.assign(merged, rest);
    if (workspace) merged.workspace = { ...merged.workspace, ...workspace };
  }
  return merged;
}

/** stdout belongs to the protocol: console output goes to the client's log. */
function routeConsoleToClient(connection: Connection): void {
  quietLoggingOnceClientGone(connection);
  console.log = (...a: unknown[]) => connection.console.log(a.map(String).join(' '));
  console.info = console.log;
  console.warn = (...a: unknown[]) => connection.console.warn(a.map(String).join(' '));
  console.error = (...a: unknown[]) => connection.console.error(a.map(String).join(' '));
}
