import { PassThrough } from 'node:stream';
import { spawn, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection, IPCMessageReader, IPCMessageWriter, StreamMessageReader, StreamMessageWriter,
  type CodeAction, type Diagnostic, type Hover, type ProtocolConnection, type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { createConnection } from 'vscode-languageserver/node';
import { IndexStatusRequest, SourcesChangedNotification, type SourceSummary } from '../../src/shared/protocol';
import { SERVER_EXEC_ARGV } from '../../src/shared/heapLimit';
import { guardReader } from '../../src/server/messageGuard';
import { startServer, type ServerOptions } from '../../src/server/server';

/** A minimal LSP client for tests: speaks real JSON-RPC to the server and records what it publishes. */
export class LspTestClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  /** When each source's latest diagnostics arrived, on the machine's monotonic clock in ms (the server's trace marks are on it too). */
  readonly diagnosticsAt = new Map<string, number>();
  /** The server's trace log ($/logTrace), in order: only with `trace` set before initialize. */
  readonly traces: { message: string; verbose?: string }[] = [];
  /** Sent in initialize as `trace`: 'messages' or 'verbose' asks the server for its trace log. */
  trace: 'off' | 'messages' | 'verbose' | undefined = undefined;
  readonly messages: { type: number; message: string }[] = [];
  /** What the server wrote to its log (window/logMessage), in order. */
  readonly logs: string[] = [];
  /** Sourcemark's own notifications (sourcemark/sourcesChanged), in arrival order. */
  readonly notifications: { method: string; params: unknown }[] = [];
  /** Work-done progress the server reported (`$/progress` values), in order. */
  readonly progress: { kind: string; title?: string; message?: string; percentage?: number }[] = [];
  private waiters: (() => void)[] = [];
  private versions = new Map<string, number>();
  settings: Record<string, unknown> = {};
  /** Sent in initialize; the server exits when it can no longer signal that process (see spawnedServer). */
  processId: number | null = process.pid;
  /** Sent in initialize as `initializationOptions` (an l10n bundle, say). */
  initializationOptions: unknown = undefined;

  constructor(readonly connection: ProtocolConnection, private readonly onClose: () => Promise<void>) {
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnosticsAt.set(p.uri, Number(process.hrtime.bigint()) / 1e6);
      this.diagnostics.set(p.uri, p);
      this.notify();
    });
    connection.onNotification('window/showMessage', (p: { type: number; message: string }) => {
      this.messages.push(p);
      this.notify();
    });
    connection.onNotification('$/logTrace', (p: { message: string; verbose?: string }) => {
      this.traces.push(p);
      this.notify();
    });
    connection.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
      this.notify();
    });
    // The benches compare builds, and builds before the batching sent one sourceChanged per source.
    for (const method of [SourcesChangedNotification.method, 'sourcemark/sourceChanged']) {
      connection.onNotification(method, (params: unknown) => {
        this.notifications.push({ method, params });
        this.notify();
      });
    }
    connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map(() => this.settings));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('workspace/codeLens/refresh', () => null);
    connection.onNotification('$/progress', (p: { value: { kind: string; title?: string; message?: string; percentage?: number } }) => {
      this.progress.push(p.value);
      this.notify();
    });
    connection.onRequest('window/showMessageRequest', (p: { message: string; type: number }) => {
      this.messages.push(p);
      this.notify();
      return null;
    });
    connection.listen();
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Resolves when `predicate` holds, re-checked on every message from the server. */
  async waitFor<T>(predicate: () => T | undefined | false, what: string, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = predicate();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Several root paths make a multi-root workspace. */
  async initialize(rootPath: string, ...moreRoots: string[]): Promise<unknown> {
    const rootUri = pathToFileURL(rootPath).href;
    const result = await this.connection.sendRequest('initialize', {
      processId: this.processId,
      ...(this.initializationOptions === undefined ? {} : { initializationOptions: this.initializationOptions }),
      ...(this.trace === undefined ? {} : { trace: this.trace }),
      rootUri,
      workspaceFolders: [rootPath, ...moreRoots].map((p, i) => ({ uri: pathToFileURL(p).href, name: `root${i}` })),
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, codeLens: { refreshSupport: true } },
        window: { workDoneProgress: true },
      },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  async open(path: string, text: string): Promise<string> {
    const uri = pathToFileURL(path).href;
    this.versions.set(uri, 1);
    this.diagnostics.delete(uri);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
    return uri;
  }

  async change(uri: string, changes: unknown[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  /** The summaries announced in sourcesChanged notifications from the `from`th notification on, in order. */
  changedSources(from = 0): SourceSummary[] {
    return this.notifications.slice(from).filter((n) => n.method === SourcesChangedNotification.method).flatMap((n) => (n.params as { sources: SourceSummary[] }).sources);
  }

  /** The version of the document last sent to the server. */
  versionOf(uri: string): number | undefined {
    return this.versions.get(uri);
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Diagnostics published for the document's latest version. */
  waitForDiagnostics(uri: string, predicate: (d: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
    return this.waitFor(() => {
      const p = this.diagnostics.get(uri);
      return p && (p.version === undefined || p.version === this.versions.get(uri)) && predicate(p.diagnostics) ? p.diagnostics : undefined;
    }, `diagnostics for ${uri}`);
  }

  hover(uri: string, position: { line: number; character: number }): Promise<Hover | null> {
    return this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
  }

  codeActions(uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
    return this.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics } });
  }

  /** Resolves when the server has indexed the workspace and linked the open sources. */
  indexed(): Promise<{ sources: number; total: number; done: number; failed: number; scanning: boolean }> {
    return this.connection.sendRequest(IndexStatusRequest, { wait: true });
  }

  executeCommand(command: string, args: unknown[]): Promise<unknown> {
    return this.connection.sendRequest('workspace/executeCommand', { command, arguments: args });
  }

  /** `exit` ends the server's process, so an in-process server only gets `shutdown`. */
  private closed = false;

  async shutdown(sendExit = true): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.connection.sendRequest('shutdown');
    if (sendExit) await this.connection.sendNotification('exit');
    await this.onClose();
  }
}

/** The server in this process, connected through two in-memory streams. */
export function inProcessServer(options: ServerOptions = {}): LspTestClient {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  // Through the same message guard as the built server, so in-process tests meet the same checks.
  const writer = new StreamMessageWriter(toClient);
  const serverConnection = createConnection(guardReader(new StreamMessageReader(toServer), writer), writer);
  // The server takes over console.*: keep the test runner's console intact.
  const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error };
  startServer(serverConnection, { changeDelayMs: 10, ...options });
  Object.assign(console, saved);
  const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const testClient = new LspTestClient(client, async () => {
    client.dispose();
    serverConnection.dispose();
    // Writes already queued by the server (its writer runs them on a later turn) land before the pipe ends.
    await new Promise<void>((resolve) => setImmediate(resolve));
    toServer.end();
    toClient.end();
  });
  const shutdown = testClient.shutdown.bind(testClient);
  testClient.shutdown = () => shutdown(false);
  return testClient;
}

/** The built server (`dist/server.js --stdio`) as a child process. */
export function spawnedServer(
  serverPath: string,
  /** `ipc`: over Node's IPC channel (--node-ipc), which a client may choose; default stdio, as VS Code runs it. */
  spawnOptions: { uid?: number; gid?: number; execArgv?: string[]; transport?: 'stdio' | 'ipc' } = {},
): { client: LspTestClient; child: ChildProcess; stderr: () => string; exited: Promise<never> } {
  const { execArgv = [], transport = 'stdio', ...ids } = spawnOptions;
  const ipc = transport === 'ipc';
  // Started as the VS Code client starts it (its heap limit), so tests and benchmarks measure that server.
  const child = spawn(process.execPath, [...SERVER_EXEC_ARGV, ...execArgv, serverPath, ipc ? '--node-ipc' : '--stdio'], { stdio: ['pipe', 'pipe', 'pipe', ...(ipc ? ['ipc' as const] : [])], ...ids });
  let stderr = '';
  let shuttingDown = false;
  child.stderr!.on('data', (d) => (stderr += d));
  // Over IPC stdout is free: what the server prints there (node's --trace-gc) joins stderr, and never fills the pipe.
  if (ipc) child.stdout!.on('data', (d) => (stderr += d));
  const connection = ipc
    ? createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child))
    : createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  // A server that dies (or never starts) fails the test with its own words, not a time-out.
  const exited = new Promise<never>((_, reject) => child.once('exit', (code, signal) => {
    if (!shuttingDown) reject(new Error(`the server exited (${code ?? signal}) unexpectedly: ${stderr.trim() || 'it wrote nothing to stderr'}`));
  }));
  exited.catch(() => undefined);
  const client: LspTestClient = new LspTestClient(connection, async () => {
    shuttingDown = true;
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      const t = setTimeout(() => {
        child.kill();
        resolve();
      }, 3000);
      child.once('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
    connection.dispose();
  });
  // A server run as another user cannot signal this process, takes it for dead and exits within 3 s
  // (vscode-languageserver's parent watchdog), which failed the test whenever a loaded machine made it slower.
  if (spawnOptions.uid !== undefined && spawnOptions.uid !== process.getuid?.()) client.processId = null;
  return { client, child, stderr: () => stderr, exited };
}
