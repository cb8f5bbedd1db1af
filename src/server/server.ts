import {
  CodeActionKind, DidChangeConfigurationNotification, TextDocuments, TextDocumentSyncKind,
  type Connection, type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { Analyzer } from '../core/analyzer';
import { analyzeSource } from '../core/sourceAnalysis';
import { FileSidecarStore, sidecarPathFor, type SidecarRead, type SidecarStore } from '../core/tags/sidecarStore';
import { codeActionsFor } from './codeActions';
import { CrossSourceFeatures } from './crossSourceFeatures';
import { toDiagnostics } from './diagnostics';
import { hoverAt } from './hover';
import { COMMANDS, type SetNoteArgs, type SetTagArgs, type TagCommandArgs, type TagWithEvidenceArgs } from './protocol';
import { DEFAULT_SETTINGS, normaliseSettings, type SourcemarkSettings } from './settings';
import { SourceMatcher } from './sourceMatcher';
import type { SourceState } from './sourceState';
import { TagService, type TagChange } from './tagService';

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
  const documents = new TextDocuments(TextDocument);
  const analyzer = new Analyzer();
  const store = options.store ?? new FileSidecarStore();
  const tags = new TagService(store, options.now);
  const matcher = new SourceMatcher();
  const states = new Map<string, SourceState>();
  const sidecars = new Map<string, Promise<SidecarRead>>();
  const settingsCache = new Map<string, Promise<SourcemarkSettings>>();
  const timers = new Map<string, NodeJS.Timeout>();
  let canFetchConfiguration = false;
  let canWatchConfiguration = false;
  let canWatchFolders = false;
  const crossSource = new CrossSourceFeatures({
    connection, documents, states, matcher, analyzer, store, tags, settingsFor, refresh,
    sidecarWritten: (p, sidecar) => sidecars.set(p, Promise.resolve({ state: 'ok', sidecar, raw: '' })),
    indexWorkers: options.indexWorkers, indexWorkerScript: options.indexWorkerScript,
  });

  // stdout belongs to the protocol: route console output to the client's log.
  console.log = (...a: unknown[]) => connection.console.log(a.map(String).join(' '));
  console.info = console.log;
  console.warn = (...a: unknown[]) => connection.console.warn(a.map(String).join(' '));
  console.error = (...a: unknown[]) => connection.console.error(a.map(String).join(' '));

  connection.onInitialize((params): InitializeResult => {
    canFetchConfiguration = !!params.capabilities.workspace?.configuration;
    canWatchConfiguration = !!params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration;
    canWatchFolders = !!params.capabilities.workspace?.workspaceFolders;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    matcher.setFolders(folders);
    const crossSourceCapabilities = crossSource.initialize(params, folders);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        executeCommandProvider: { commands: Object.values(COMMANDS) },
        ...crossSourceCapabilities,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'sourcemark-lsp' },
    };
  });

  connection.onInitialized(() => {
    setImmediate(() => analyzer.warmUp());
    if (canWatchConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'sourcemark' });
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

  function sidecarFor(sidecarPath: string): Promise<SidecarRead> {
    let s = sidecars.get(sidecarPath);
    if (!s) {
      s = store.read(sidecarPath).catch((error: Error) => ({
        state: 'invalid' as const,
        problem: { code: 'invalid-json' as const, message: error.message },
      }));
      sidecars.set(sidecarPath, s);
    }
    return s;
  }

  async function refresh(uri: string): Promise<void> {
    const doc = documents.get(uri);
    if (!doc) return;
    const settings = await settingsFor(uri);
    if (!matcher.isSource(uri, settings.sources)) {
      if (states.delete(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    const text = doc.getText();
    const version = doc.version;
    const sidecarPath = sidecarPathFor(URI.parse(uri).fsPath);
    const sidecar = await sidecarFor(sidecarPath);
    if (documents.get(uri)?.version !== version) return; // a newer edit will refresh
    const state: SourceState = {
      uri, version, text, settings, sidecarPath, sidecar,
      ...analyzeSource(analyzer, text, sidecar.state === 'ok' ? sidecar.sidecar : undefined, {
        referenceDate: settings.referenceDate,
        claimThreshold: settings.claimThreshold,
        kinds: settings.kinds,
        maxFileSizeMB: settings.maxFileSizeMB,
      }),
    };
    const previous = states.get(uri);
    states.set(uri, state);
    crossSource.analysed(state, previous);
    await connection.sendDiagnostics({ uri, version, diagnostics: toDiagnostics(doc, state) });
  }

  function schedule(uri: string, delay: number): void {
    clearTimeout(timers.get(uri));
    const run = () => {
      timers.delete(uri);
      refresh(uri).catch((e: Error) => connection.console.error(`Sourcemark could not analyse ${uri}: ${e.stack ?? e.message}`));
    };
    if (delay <= 0) run();
    else timers.set(uri, setTimeout(run, delay));
  }

  function refreshAll(): void {
    for (const doc of documents.all()) schedule(doc.uri, 0);
  }

  // Fired on open and on every edit: analyse an opened source at once, debounce edits.
  documents.onDidChangeContent((e) => schedule(e.document.uri, states.has(e.document.uri) ? (options.changeDelayMs ?? 150) : 0));
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    crossSource.closed(e.document.uri);
    states.delete(e.document.uri);
    settingsCache.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    refreshAll();
  });

  connection.onDidChangeWatchedFiles((e) => {
    crossSource.filesChanged(e.changes);
    for (const change of e.changes) {
      const changed = URI.parse(change.uri).fsPath;
      if (!changed.endsWith('.annotations.json')) continue;
      sidecars.delete(changed);
      for (const state of states.values()) if (state.sidecarPath === changed) schedule(state.uri, 0);
    }
  });

  connection.onHover((params) => {
    const state = states.get(params.textDocument.uri);
    const doc = documents.get(params.textDocument.uri);
    if (!state || !doc || state.version !== doc.version) return null;
    return hoverAt(doc, state, doc.offsetAt(params.position));
  });

  connection.onCodeAction((params) => {
    const state = states.get(params.textDocument.uri);
    const doc = documents.get(params.textDocument.uri);
    if (!state || !doc || state.version !== doc.version) return [];
    return codeActionsFor(state, doc.offsetAt(params.range.start), doc.offsetAt(params.range.end), params.context.diagnostics);
  });

  connection.onExecuteCommand(async (params) => {
    const args = params.arguments?.[0] as TagCommandArgs | undefined;
    if (!args?.uri) {
      void connection.window.showErrorMessage(`Sourcemark: ${params.command} needs a finding to act on.`);
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
      case COMMANDS.tagWithEvidence:
        change = { op: 'set', status: (args as TagWithEvidenceArgs).status };
        break;
      default:
        return { ok: false };
    }
    const state = states.get(args.uri);
    if (!state) {
      void connection.window.showErrorMessage('Sourcemark: open the source in the editor before tagging it.');
      return { ok: false };
    }
    try {
      if (params.command === COMMANDS.tagWithEvidence) change = await crossSource.tagWithEvidence(args as TagWithEvidenceArgs);
      const sidecar = await tags.apply(state, args, change);
      sidecars.set(state.sidecarPath, Promise.resolve({ state: 'ok', sidecar, raw: '' }));
      await refresh(state.uri);
      return { ok: true };
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      void connection.window.showErrorMessage(`Sourcemark: ${message}`);
      return { ok: false, error: message };
    }
  });

  crossSource.listen();
  connection.onShutdown(() => crossSource.shutdown());

  documents.listen(connection);
  connection.listen();
}
