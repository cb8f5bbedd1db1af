import * as vscode from 'vscode';
import { CloseAction, ErrorAction, LanguageClient, State, TransportKind, type ErrorHandler, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { ExecuteCommandRequest, type RequestType } from 'vscode-languageserver-protocol';
import { SourcesChangedNotification, type CommandArguments, type InitializationOptions, type SourceSummary, type CommandName, type CommandResult } from '../shared/protocol';
import { SIDECAR_SUFFIX } from '../core/tags/sidecarName';
import { SERVER_EXEC_ARGV } from '../shared/heapLimit';
import { CrashBudget } from './crashBudget';

/** Thrown by requests made while the server is not running; its message is meant for the user. */
export class ServerNotRunningError extends Error {
  constructor() {
    super(vscode.l10n.t('The Sourcemark language server is not running (it stopped or could not start). Run "Sourcemark: Restart Language Server", or open the "Sourcemark" output to see why.'));
  }
}

/**
 * Owns the language client: starts and restarts the server, tells the views when it comes and
 * goes, and refuses requests clearly while it is down instead of letting them hang.
 */
export class SourcemarkServer implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly runningEmitter = new vscode.EventEmitter<boolean>();
  private readonly sourceChangedEmitter = new vscode.EventEmitter<SourceSummary>();
  private readonly hoverEmitter = new vscode.EventEmitter<void>();
  private readonly commandEmitter = new vscode.EventEmitter<{ command: string; result: unknown }>();
  private readonly crashes = new CrashBudget();
  /** Between a crash and its automatic restart, the client reports itself stopped; it is not. */
  private restarting = false;
  /** Fires true when the server is ready, false when it stops or fails to start. */
  readonly onDidChangeRunning = this.runningEmitter.event;
  /** A source's findings or tags changed (the server says so after every analysis and tag write). */
  readonly onSourceChanged = this.sourceChangedEmitter.event;
  /** The server answered a hover with content (the walkthrough's "read a hover" step). */
  readonly onDidShowHover = this.hoverEmitter.event;
  /** A server command ran, from a quick fix or a client command, with its result. */
  readonly onDidRunCommand = this.commandEmitter.event;

  constructor(private readonly context: vscode.ExtensionContext) {}

  /** The server crashed and is being started again. */
  get isRestarting(): boolean {
    return this.restarting;
  }

  /** Running, starting or restarting (requests then wait for it). False once it stopped or failed to start. */
  get available(): boolean {
    if (!this.client) return true; // activation is about to start it
    return this.restarting || this.client.state === State.Running || this.client.state === State.Starting;
  }

  /** The language client, for views that send LSP requests themselves (undefined before start). */
  get languageClient(): LanguageClient | undefined {
    return this.client;
  }

  async start(): Promise<void> {
    const serverModule = this.context.asAbsolutePath('dist/server.js');
    // Over stdio, as every other client and the tests and benchmarks run it: the server then writes
    // a long message (a 1 MB source's findings for the view, its Outline) a slice at a time
    // (slicedWriter.ts), where Node's IPC channel encoded it in one go (a 77–102 ms hold for the
    // view's 6 MB, ~20 ms for the Outline's 1.8 MB).
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: [...SERVER_EXEC_ARGV] } },
      debug: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6009'] } },
    };
    const watcher = vscode.workspace.createFileSystemWatcher(`**/*${SIDECAR_SUFFIX}`);
    this.disposables.push(watcher);
    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ scheme: 'file', language: 'plaintext' }],
      synchronize: { fileEvents: watcher },
      outputChannelName: 'Sourcemark',
      // The server says its diagnostics, hovers and quick fixes in the user's language from the same bundle.
      initializationOptions: { ...(vscode.l10n.bundle ? { l10nBundle: vscode.l10n.bundle } : {}) } satisfies InitializationOptions,
      errorHandler: this.errorHandler(),
      middleware: {
        provideHover: async (document, position, token, next) => {
          const hover = await next(document, position, token);
          if (hover?.contents.length) this.hoverEmitter.fire();
          return hover;
        },
        // Quick fixes run their server command through here; client commands through executeCommand below.
        executeCommand: async (command, args, next) => {
          const result: unknown = await next(command, args);
          this.commandEmitter.fire({ command, result });
          return result;
        },
      },
    };
    const client = new LanguageClient('sourcemark', 'Sourcemark', serverOptions, clientOptions);
    this.client = client;
    this.disposables.push(
      client.onDidChangeState((e) => {
        // Logged on every start, restarts included, so the output shows when the server came back.
        if (e.newState === State.Running) client.info('Language server running.');
        if (e.oldState === State.Starting) this.restarting = false; // the (re)start ended, either way
        this.runningEmitter.fire(e.newState === State.Running);
      }),
      // One event per source: the views and stores that listen ask again for what they show, coalesced.
      client.onNotification(SourcesChangedNotification, ({ sources }) => {
        for (const summary of Array.isArray(sources) ? sources : []) this.sourceChangedEmitter.fire(summary);
      }),
    );
    try {
      const started = Date.now();
      await client.start();
      client.info(`Language server ready in ${Date.now() - started} ms.`);
    } catch (e) {
      // VS Code does not tell the user when an extension fails to start its server, so we do.
      void vscode.window.showErrorMessage(vscode.l10n.t('Sourcemark could not start its language server: {0}. See the "Sourcemark" output for details.', (e as Error).message));
    }
  }

  /**
   * Restarts a crashed server within the crash budget. A failed write never stops the client: the
   * default handler shuts it down after three, and when a busy client writes to a server that was
   * just killed, that turned a crash into a stop that was never restarted. Nor does it show a toast
   * ("connection to server is erroring. write EPIPE"): it only follows a crash, which says what
   * happened itself, and the output keeps it.
   */
  private errorHandler(): ErrorHandler {
    return {
      error: () => ({ action: ErrorAction.Continue, handled: true }),
      closed: () => (this.restarting = this.crashes.recordCrash())
        ? { action: CloseAction.Restart }
        : {
          action: CloseAction.DoNotRestart,
          message: vscode.l10n.t('The Sourcemark language server stopped {0} times in 3 minutes, so it is not restarted again. See the "Sourcemark" output for why, then click "Sourcemark stopped" in the status bar to restart it.', this.crashes.maxRestarts + 1),
        },
    };
  }

  async restart(): Promise<void> {
    this.crashes.reset();
    if (!this.client) return this.start();
    const state = this.client.state;
    // While a crashed server is restarted the client is between states: joining that start is enough.
    if (state === State.Running || (state === State.Starting && !this.restarting)) await this.client.restart();
    else await this.client.start();
  }

  /** A request to the server; rejects with ServerNotRunningError while the server is down. */
  async request<P, R>(type: RequestType<P, R, void>, params: P): Promise<R> {
    const client = this.client;
    if (!client || !this.available) throw new ServerNotRunningError();
    // Generic P leaves the client's conditional parameter type unresolved; the call is typed by the caller.
    return client.sendRequest(type as RequestType<unknown, R, void>, params);
  }

  /** A server command through workspace/executeCommand. */
  async executeCommand<C extends CommandName>(command: C, args: CommandArguments[C]): Promise<CommandResult> {
    const result = (await this.request(ExecuteCommandRequest.type, { command, arguments: [args] })) as CommandResult;
    this.commandEmitter.fire({ command, result });
    return result;
  }

  async stop(): Promise<void> {
    await this.client?.stop();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.runningEmitter.dispose();
    this.sourceChangedEmitter.dispose();
    this.hoverEmitter.dispose();
    this.commandEmitter.dispose();
  }
}
