import { readFile } from 'node:fs/promises';
import {
  CodeActionKind, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, TextDocuments, TextDocumentSyncKind,
  type Connection, type InitializeResult,
} from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { Analyzer } from '../core/analyzer';
import { sha256Hex } from '../core/tags/quoteSelector';
import { FileSidecarStore, readOrInvalid, sidecarPathFor, type SidecarStore } from '../core/tags/sidecarStore';
import { ClientRequests } from './clientRequests';
import { codeActionsFor } from './codeActions';
import { CrossSourceFeatures } from './crossSourceFeatures';
import { toDiagnostics } from './diagnostics';
import { executeExtraCommand, isExtraCommand } from './extraCommands';
import { hoverAt } from './hover';
import { COMMANDS, EXTRA_COMMANDS, type DeleteTagArgs, type ReattachTagArgs, type SetNoteArgs, type SetTagArgs, type TagCommandArgs, type TagWithEvidenceArgs } from './protocol';
import { DEFAULT_SETTINGS, normaliseSettings, type SourcemarkSettings } from './settings';
import { SourceMatcher } from './sourceMatcher';
import { CachedSidecarStore } from './sidecarCache';
import { loadState, type SourceState } from './sourceState';
import { moveSidecarsWithSources } from './sourceRenames';
import { TagRangeTracker } from './tagTracking';
import { TagService, type TagChange } from './tagService';
import { notifyClient, quietLoggingOnceClientGone } from './clientGone';
import type { Sidecar } from '../core/tags/annotation';

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
  // Tag ranges follow the editor's edits; the tracker sees each change before the document applies it.
  const tracker = new TagRangeTracker();
  const documents = new TextDocuments(tracker.documents);
  const analyzer = new Analyzer();
  const store = new CachedSidecarStore(options.store ?? new FileSidecarStore());
  const tags = new TagService(store, options.now);
  const matcher = new SourceMatcher();
  const states = new Map<string, SourceState>();
  const settingsCache = new Map<string, Promise<SourcemarkSettings>>();
  const timers = new Map<string, NodeJS.Timeout>();
  const clientRequests = new ClientRequests(connection, {
    documents, states, matcher, settingsFor, store,
    index: { summaryOf: (uri) => crossSource.indexedSummary(uri), request: (uri) => crossSource.requestIndex(uri), findings: (job) => crossSource.closedFindings(job) },
  });
  let canFetchConfiguration = false;
  let canWatchConfiguration = false;
  let canRegisterFileWatcher = false;
  let canWatchFolders = false;
  const crossSource = new CrossSourceFeatures({
    connection, documents, states, matcher, analyzer, store, tags, settingsFor, refresh,
    sourceIndexed: (uri, result) => clientRequests.sourceIndexed(uri, result),
    indexWorkers: options.indexWorkers, indexWorkerScript: options.indexWorkerScript,
  });

  // stdout belongs to the protocol: route console output to the client's log.
  quietLoggingOnceClientGone(connection);
  console.log = (...a: unknown[]) => connection.console.log(a.map(String).join(' '));
  console.info = console.log;
  console.warn = (...a: unknown[]) => connection.console.warn(a.map(String).join(' '));
  console.error = (...a: unknown[]) => connection.console.error(a.map(String).join(' '));

  connection.onInitialize((params): InitializeResult => {
    canFetchConfiguration = !!params.capabilities.workspace?.configuration;
    canWatchConfiguration = !!params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration;
    canRegisterFileWatcher = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    canWatchFolders = !!params.capabilities.workspace?.workspaceFolders;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    matcher.setFolders(folders);
    const crossSourceCapabilities = crossSource.initialize(params, folders);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        executeCommandProvider: { commands: [...Object.values(COMMANDS), ...Object.values(EXTRA_COMMANDS)] },
        ...clientRequests.capabilities(params),
        ...crossSourceCapabilities,
        workspace: {
          workspaceFolders: { supported: true, changeNotifications: true },
          // A source renamed or moved in the editor takes its sidecar with it.
          fileOperations: { didRename: { filters: [{ scheme: 'file', pattern: { glob: '**/*' } }] } },
        },
      },
      serverInfo: { name: 'sourcemark-lsp' },
    };
  });

  connection.onInitialized(() => {
    setImmediate(() => analyzer.warmUp());
    // A client that goes away before answering must not leave an unhandled rejection behind.
    if (canWatchConfiguration) connection.client.register(DidChangeConfigurationNotification.type, { section: 'sourcemark' }).catch(() => undefined);
    // Clients that let servers ask for file events tell us when another window or the CLI saved tags.
    if (canRegisterFileWatcher) {
      connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.annotations.json' }] }).catch(() => undefined);
    }
    crossSource.initialized();
    // Registering without the client's support throws (and would skip whatever follows).
    if (canWatchFolders) connection.workspace.onDidChangeWorkspaceFolders(() => {
      void connection.workspace.getWorkspaceFolders().then((f) => {
        matcher.setFolders(f?.map((x) => x.uri) ?? []);
        refreshAll();
        crossSource.foldersChanged(f?.map((x) => x.uri) ?? []);
      });
    });
  });

  /** Settings are fetched per document and dropped whenever the client says they changed. */
  function settingsFor(uri: string): Promise<SourcemarkSettings> {
    let s = settingsCache.get(uri);
    if (!s) {
      s = canFetchConfiguration
        ? connection.workspace.getConfiguration({ scopeUri: uri, section: 'sourcemark' }).then(normaliseSettings, () => DEFAULT_SETTINGS)
        : Promise.resolve(DEFAULT_SETTINGS);
      settingsCache.set(uri, s);
    }
    return s;
  }

  async function refresh(uri: string): Promise<void> {
    const doc = documents.get(uri);
    if (!doc) return;
    const settings = await settingsFor(uri);
    if (!matcher.isSource(uri, settings.sources)) {
      if (states.delete(uri)) notifyClient(() => connection.sendDiagnostics({ uri, diagnostics: [] }));
      return;
    }
    const text = doc.getText();
    const version = doc.version;
    const sidecar = await readOrInvalid(store, sidecarPathFor(URI.parse(uri).fsPath));
    if (documents.get(uri)?.version !== version) return; // a newer edit will refresh
    const opened = !states.has(uri);
    const state = await loadState(analyzer, { uri, version, settings, text, sidecar, tracked: tracker.spans(uri) });
    const previous = states.get(uri);
    states.set(uri, state);
    tracker.set(uri, state.tagged.anchors);
    crossSource.analysed(state, previous);
    await connection.sendDiagnostics({ uri, version, diagnostics: toDiagnostics(doc, state) });
    clientRequests.sourceChanged(state);
    // Opened after the source changed outside the editor (git pull, a script): the tags were just
    // re-anchored from their quotes; record that in the sidecar if the editor shows what is on disk.
    if (opened && state.sidecar.state === 'ok' && state.sidecar.sidecar.sourceSha256 !== sha256Hex(text) && (await showsDiskText(uri, text))) {
      await persist(uri);
    }
  }

  /** True when the document's text is the file's (so offsets computed on it are right for the file). */
  async function showsDiskText(uri: string, text: string): Promise<boolean> {
    const disk = await readFile(URI.parse(uri).fsPath, 'utf8').catch(() => undefined);
    return disk !== undefined && (disk.charCodeAt(0) === 0xfeff ? disk.slice(1) : disk) === text;
  }

  /** Brings the sidecar's offsets, quotes and orphan marks in step with the document as analysed. */
  async function persist(uri: string): Promise<void> {
    const state = states.get(uri);
    if (!state || state.sidecar.state !== 'ok') return;
    try {
      await tags.apply(state, {}, { op: 'rebase' });
    } catch (e) {
      connection.console.warn(`Sourcemark could not update ${state.sidecarPath}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** Analyses and sidecar writes under way, so that shutdown can let them finish. */
  const inFlight = new Set<Promise<void>>();
  function track(work: Promise<unknown>, failure: string): void {
    const done: Promise<void> = work
      .then(() => undefined, (e: Error) => connection.console.error(`Sourcemark ${failure}: ${e.stack ?? e.message}`))
      .finally(() => inFlight.delete(done));
    inFlight.add(done);
  }

  function schedule(uri: string, delay: number): void {
    clearTimeout(timers.get(uri));
    const run = () => {
      timers.delete(uri);
      track(refresh(uri), `could not analyse ${uri}`);
    };
    if (delay <= 0) run();
    else timers.set(uri, setTimeout(run, delay));
  }

  function refreshAll(): void {
    for (const doc of documents.all()) schedule(doc.uri, 0);
  }

  // Fired on open and on every edit: analyse an opened source at once, debounce edits.
  documents.onDidChangeContent((e) => schedule(e.document.uri, states.has(e.document.uri) ? (options.changeDelayMs ?? 150) : 0));
  // Saving the source saves the tags' new offsets and quotes with it.
  documents.onDidSave((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    // Re-analyse only if an edit since the last analysis was still waiting (its timer cleared above).
    const current = states.get(e.document.uri)?.version === e.document.version ? Promise.resolve() : refresh(e.document.uri);
    track(current.then(() => persist(e.document.uri)), `could not save tags of ${e.document.uri}`);
  });
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    tracker.forget(e.document.uri);
    crossSource.closed(e.document.uri);
    states.delete(e.document.uri);
    settingsCache.delete(e.document.uri);
    clientRequests.sourceClosed(e.document.uri);
    notifyClient(() => connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] }));
  });

  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    refreshAll();
  });

  connection.onDidChangeWatchedFiles((e) => {
    crossSource.filesChanged(e.changes);
    // One write can arrive as several events (the client's own watcher and ours): act on each sidecar once.
    const sidecarPaths = new Set(e.changes.map((c) => URI.parse(c.uri).fsPath).filter((p) => p.endsWith('.annotations.json')));
    for (const changed of sidecarPaths) {
      store.forget(changed);
      for (const state of states.values()) if (state.sidecarPath === changed) schedule(state.uri, 0);
      void clientRequests.sidecarChanged(changed);
    }
  });

  connection.workspace.onDidRenameFiles((params) => track(followRenames(params.files), 'could not move sidecars with renamed sources'));

  async function followRenames(files: Parameters<typeof moveSidecarsWithSources>[0]): Promise<void> {
    const outcome = await moveSidecarsWithSources(files, store);
    const touched = new Set(outcome.touched);
    for (const p of touched) {
      store.forget(p);
      void clientRequests.sidecarChanged(p);
    }
    for (const state of states.values()) if (touched.has(state.sidecarPath)) schedule(state.uri, 0);
    for (const problem of outcome.problems) notifyClient(() => connection.window.showWarningMessage(`Sourcemark: ${problem}`));
  }

  // Hovers and code actions asked for right after opening or editing wait for that analysis.
  connection.onHover(async (params) => {
    const state = await clientRequests.currentState(params.textDocument.uri);
    const doc = documents.get(params.textDocument.uri);
    if (!state || !doc || state.version !== doc.version) return null;
    return hoverAt(doc, state, doc.offsetAt(params.position));
  });

  connection.onCodeAction(async (params) => {
    const state = await clientRequests.currentState(params.textDocument.uri);
    const doc = documents.get(params.textDocument.uri);
    if (!state || !doc || state.version !== doc.version) return [];
    return codeActionsFor(state, doc.offsetAt(params.range.start), doc.offsetAt(params.range.end), params.context.diagnostics);
  });

  /** After a tag write: the server's copy of the sidecar is the one just written; publish the source again. */
  async function written(state: SourceState): Promise<void> {
    await refresh(state.uri);
  }

  connection.onExecuteCommand(async (params) => {
    if (isExtraCommand(params.command)) {
      return executeExtraCommand(params, {
        states, tags, written,
        reanalyse: () => {
          store.clear();
          settingsCache.clear();
          refreshAll();
          // Closed sources too: the index analyses them again and the view hears of new counts.
          crossSource.rescan();
        },
        showError: (message) => notifyClient(() => connection.window.showErrorMessage(message)),
      });
    }
    const args = params.arguments?.[0] as TagCommandArgs | undefined;
    if (!args?.uri) {
      notifyClient(() => connection.window.showErrorMessage(`Sourcemark: ${params.command} needs a finding to act on.`));
      return { ok: false };
    }
    let change: TagChange;
    switch (params.command) {
      case COMMANDS.tag:
        change = { op: 'set', status: (args as SetTagArgs).status };
        break;
      case COMMANDS.clearTag:
        change = { op: 'clear' };
        break;
      case COMMANDS.setNote:
        change = { op: 'note', note: (args as SetNoteArgs).note ?? '' };
        break;
      case COMMANDS.reattachTag: {
        const r = args as unknown as ReattachTagArgs;
        if (r.version !== undefined && states.get(r.uri)?.version !== r.version) {
          notifyClient(() => connection.window.showErrorMessage('Sourcemark: the document changed since you chose the text. Select it again and retry.'));
          return { ok: false };
        }
        change = { op: 'reattach', id: r.id, start: r.start, end: r.end };
        break;
      }
      case COMMANDS.deleteTag:
        change = { op: 'delete', id: (args as unknown as DeleteTagArgs).id };
        break;
      case COMMANDS.tagWithEvidence:
        change = { op: 'set', status: (args as TagWithEvidenceArgs).status };
        break;
      default:
        return { ok: false };
    }
    const state = states.get(args.uri);
    if (!state) {
      notifyClient(() => connection.window.showErrorMessage('Sourcemark: open the source in the editor before tagging it.'));
      return { ok: false };
    }
    try {
      if (params.command === COMMANDS.tagWithEvidence) change = await crossSource.tagWithEvidence(args as TagWithEvidenceArgs);
      await tags.apply(state, args, change);
      await written(state);
      return { ok: true };
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      notifyClient(() => connection.window.showErrorMessage(`Sourcemark: ${message}`));
      return { ok: false, error: message };
    }
  });

  clientRequests.register();
  crossSource.listen();
  // The client may end the process right after: finish the sidecar writes under way first, or a tag
  // saved a moment ago (or the orphan marks of a re-anchoring) would be lost.
  connection.onShutdown(async () => {
    for (const t of timers.values()) clearTimeout(t);
    timers.clear();
    crossSource.shutdown();
    // Bounded: VS Code kills a server that takes over 2 s to answer, and an analysis may be waiting on the client.
    const finished = Promise.allSettled([...inFlight]).then(() => tags.idle());
    await Promise.race([finished, new Promise((r) => setTimeout(r, SHUTDOWN_WAIT_MS).unref())]);
  });

  documents.listen(connection);
  connection.listen();
}
