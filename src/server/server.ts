import {
  CodeActionKind, CodeLensRefreshRequest, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, TextDocuments, TextDocumentSyncKind,
  type Connection, type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { Analyzer } from '../core/analyzer';
import { analyzeSource } from '../core/sourceAnalysis';
import { FileSidecarStore, sidecarPathFor, type SidecarRead, type SidecarStore } from '../core/tags/sidecarStore';
import { codeActionsFor } from './codeActions';
import { codeLenses } from './codeLens';
import { buildCrossSourceView, type CrossSourceView } from './crossSource';
import { documentSymbols } from './documentSymbols';
import { citeFinding } from './evidence';
import { definitionAt, referencesAt } from './references';
import { timelineResponse } from './timelineRequest';
import { WorkspaceIndex } from './workspaceIndex';
import { workspaceSymbols } from './workspaceSymbols';
import { toDiagnostics } from './diagnostics';
import { hoverAt } from './hover';
import { COMMANDS, TIMELINE_REQUEST, type SetNoteArgs, type SetTagArgs, type TagCommandArgs, type TagWithEvidenceArgs } from './protocol';
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
  let canRefreshCodeLens = false;
  let canWatchFiles = false;
  let canWatchFolders = false;
  let folders: string[] = [];
  const workspace = new WorkspaceIndex({
    connection, store, settingsFor,
    isSource: (uri, glob) => matcher.isSource(uri, glob),
    isOpen: (uri) => documents.get(uri) !== undefined,
    onChange: () => scheduleCrossSource(),
    ...(options.indexWorkers !== undefined ? { workers: options.indexWorkers } : {}),
    ...(options.indexWorkerScript ? { workerScript: options.indexWorkerScript } : {}),
  });

  // stdout belongs to the protocol: route console output to the client's log.
  console.log = (...a: unknown[]) => connection.console.log(a.map(String).join(' '));
  console.info = console.log;
  console.warn = (...a: unknown[]) => connection.console.warn(a.map(String).join(' '));
  console.error = (...a: unknown[]) => connection.console.error(a.map(String).join(' '));

  connection.onInitialize((params): InitializeResult => {
    canFetchConfiguration = !!params.capabilities.workspace?.configuration;
    canWatchConfiguration = !!params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration;
    canRefreshCodeLens = !!params.capabilities.workspace?.codeLens?.refreshSupport;
    canWatchFiles = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    canWatchFolders = !!params.capabilities.workspace?.workspaceFolders;
    folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    matcher.setFolders(folders);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        executeCommandProvider: { commands: Object.values(COMMANDS) },
        referencesProvider: true,
        definitionProvider: true,
        workspaceSymbolProvider: true,
        documentSymbolProvider: true,
        codeLensProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'sourcemark-lsp' },
    };
  });

  connection.onInitialized(() => {
    setImmediate(() => analyzer.warmUp());
    if (canWatchConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'sourcemark' });
    indexing = startIndexing();
    // Registering without the client's support throws (and would skip whatever follows).
    if (canWatchFolders) connection.workspace.onDidChangeWorkspaceFolders(() => {
      void connection.workspace.getWorkspaceFolders().then((f) => {
        folders = f?.map((x) => x.uri) ?? [];
        matcher.setFolders(folders);
        refreshAll();
        indexing = workspace.scan(folders);
      });
    });
  });

  /** Indexes the workspace in the background and watches its sources when the client lets us. */
  async function startIndexing(): Promise<void> {
    try {
      if (canWatchFiles && folders.length) {
        const glob = (await settingsFor(folders[0])).sources;
        await connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: glob.includes('/') ? glob : `**/${glob}` }, { globPattern: '**/*.annotations.json' }],
        });
      }
      await workspace.scan(folders);
    } catch (e) {
      connection.console.error(`Sourcemark could not index the workspace: ${(e as Error).stack ?? (e as Error).message}`);
    }
  }

  let indexing: Promise<void> = Promise.resolve();
  let shuttingDown = false;
  let crossSourceTimer: NodeJS.Timeout | undefined;
  let crossSourceRunning: Promise<void> | undefined;

  /** The index changed: bring the cross-source view of every open source up to date, soon. */
  function scheduleCrossSource(delay = 300): void {
    clearTimeout(crossSourceTimer);
    if (shuttingDown) return;
    crossSourceTimer = setTimeout(() => {
      crossSourceRunning = (crossSourceRunning ?? Promise.resolve()).then(updateCrossSource).catch((e: Error) =>
        connection.console.error(`Sourcemark could not link sources: ${e.stack ?? e.message}`));
    }, delay);
  }

  async function updateCrossSource(): Promise<void> {
    let changed = false;
    for (const state of [...states.values()]) {
      if (shuttingDown) return;
      const view = await buildCrossSourceView(workspace.corpus, state.uri, folders, workspace.status.scanning);
      if (shuttingDown) return;
      const doc = documents.get(state.uri);
      if (!view || states.get(state.uri) !== state || !doc || doc.version !== state.version) continue;
      if (viewSignature(view) === (state.crossSource ? viewSignature(state.crossSource) : '')) {
        state.crossSource = view;
        continue;
      }
      state.crossSource = view;
      changed = true;
      await connection.sendDiagnostics({ uri: state.uri, version: state.version, diagnostics: toDiagnostics(doc, state) });
    }
    if (changed && canRefreshCodeLens) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  }

  /** What the user sees of a view: when it is unchanged, nothing is re-sent. */
  function viewSignature(v: CrossSourceView): string {
    const links = [...v.links].map(([id, l]) => `${id}:${l.map((x) => `${x.sourceId}#${x.claim.findingId}#${x.claim.tag?.status ?? ''}`).join(',')}`);
    return `${v.indexing}|${v.conflicts.map((c) => `${c.id}${c.sides.map((s) => s.tag?.status ?? '').join('')}`).join(',')}|${links.join(';')}`;
  }

  /**
   * After an edit, the last view still holds where its quotes are unchanged; the rest waits for the
   * next view, so an edit never waits for the index.
   */
  function carriedOver(view: CrossSourceView | undefined, state: SourceState): CrossSourceView | undefined {
    if (!view) return undefined;
    const ids = new Set(state.tagged.findings.map((f) => f.id));
    const here = (start: number, end: number, text: string) => state.text.slice(start, end).replace(/\s+/g, ' ') === text.replace(/\s+/g, ' ');
    return {
      ...view,
      links: new Map([...view.links].filter(([id]) => ids.has(id))),
      conflicts: view.conflicts.filter((c) => c.sides.every((s) => s.sourceId !== state.uri || (ids.has(s.findingId) && here(s.focus.start, s.focus.end, s.focusText)))),
      entities: new Map([...view.entities].filter(([id]) => ids.has(id))),
    };
  }

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
    const carried = carriedOver(previous?.crossSource, state);
    if (carried) state.crossSource = carried;
    states.set(uri, state);
    workspace.upsertOpen(uri, text, state);
    await connection.sendDiagnostics({ uri, version, diagnostics: toDiagnostics(doc, state) });
    scheduleCrossSource(previous ? 300 : 0);
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
    void workspace.documentClosed(e.document.uri);
    states.delete(e.document.uri);
    settingsCache.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    refreshAll();
  });

  connection.onDidChangeWatchedFiles((e) => {
    void workspace.filesChanged(e.changes);
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
      if (params.command === COMMANDS.tagWithEvidence) {
        const cited = await citeFinding(
          { analyzer, store, tags, folders: () => folders, openState: (u) => states.get(u), settingsFor },
          args as TagWithEvidenceArgs,
        );
        change = { op: 'set', status: (args as TagWithEvidenceArgs).status, evidence: [cited.evidence] };
        if (cited.written) {
          const citedState = cited.written.state;
          sidecars.set(citedState.sidecarPath, Promise.resolve({ state: 'ok', sidecar: cited.written.sidecar, raw: '' }));
          if (states.has(citedState.uri)) await refresh(citedState.uri);
          else await workspace.reindex(citedState.uri);
        }
      }
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

  const ready = (uri: string) => {
    const state = states.get(uri);
    const doc = documents.get(uri);
    return state && doc && state.version === doc.version ? { state, doc } : undefined;
  };

  connection.onReferences((params) => {
    const r = ready(params.textDocument.uri);
    return r ? referencesAt(workspace.corpus, r.state, r.doc.offsetAt(params.position)) : [];
  });

  connection.onDefinition((params) => {
    const r = ready(params.textDocument.uri);
    return r ? definitionAt(workspace.corpus, r.state, r.doc.offsetAt(params.position)) : null;
  });

  connection.onWorkspaceSymbol((params) => workspaceSymbols(workspace.corpus, params.query));

  connection.onDocumentSymbol((params) => {
    const r = ready(params.textDocument.uri);
    return r ? documentSymbols(r.doc, r.state) : [];
  });

  connection.onCodeLens((params) => {
    const r = ready(params.textDocument.uri);
    return r ? codeLenses(r.doc, r.state) : [];
  });

  connection.onRequest(TIMELINE_REQUEST, (params: { includeComments?: boolean } | undefined) =>
    timelineResponse(workspace.corpus, folders, workspace.status.scanning, params?.includeComments ?? false));

  /** For tests and benchmarks: resolves when indexing and linking have settled. */
  connection.onRequest('sourcemark/indexStatus', async (params: { wait?: boolean } | undefined) => {
    if (params?.wait) {
      await indexing;
      await workspace.whenIdle();
      scheduleCrossSource(0);
      await new Promise((r) => setTimeout(r, 5));
      await crossSourceRunning;
    }
    return { ...workspace.status, sources: workspace.corpus.size };
  });

  connection.onShutdown(() => {
    shuttingDown = true;
    clearTimeout(crossSourceTimer);
    workspace.dispose();
  });

  documents.listen(connection);
  connection.listen();
}
