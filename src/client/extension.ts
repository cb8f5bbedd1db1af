import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerCrossSourceViews } from './crossSourceViews';

let client: LanguageClient | undefined;

/** Starts the Sourcemark language server for plain-text sources; everything else happens in the server. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'plaintext' }],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.annotations.json') },
    outputChannelName: 'Sourcemark',
  };
  client = new LanguageClient('sourcemark', 'Sourcemark', serverOptions, clientOptions);
  registerCrossSourceViews(context, () => client);
  try {
    await client.start();
  } catch (e) {
    // VS Code does not tell the user when an extension fails to start its server, so we do.
    void vscode.window.showErrorMessage(`Sourcemark could not start its language server: ${(e as Error).message}. See the "Sourcemark" output for details.`);
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
