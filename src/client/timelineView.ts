import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { TimelineRequest } from '../shared/protocol';
import { OPEN_SOURCE_COMMAND, timelineHtml } from './timelineHtml';

let panel: vscode.WebviewPanel | undefined;

/** "Sourcemark: Show Timeline": every normalised date of the workspace in a webview, refreshed on each run. */
export async function showTimeline(client: LanguageClient | undefined): Promise<void> {
  if (!client?.isRunning()) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Sourcemark: the language server is not running, so there is no timeline. See the "Sourcemark" output.'));
    return;
  }
  const data = await client.sendRequest(TimelineRequest, {});
  if (!panel) {
    panel = vscode.window.createWebviewPanel('sourcemark.timeline', vscode.l10n.t('Sourcemark Timeline'), vscode.ViewColumn.Beside, {
      enableScripts: false,
      // Links in the page may run this one command and nothing else.
      enableCommandUris: [OPEN_SOURCE_COMMAND],
      localResourceRoots: [],
    });
    panel.onDidDispose(() => (panel = undefined));
  }
  panel.webview.html = timelineHtml(data, { cspSource: panel.webview.cspSource, nonce: randomBytes(16).toString('base64') });
  panel.reveal();
}

/** Opens a source at a line and character (what the timeline's links run). */
export async function openSourceAt(uri: string, line: number, character: number): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const position = new vscode.Position(line, character);
  await vscode.window.showTextDocument(doc, { selection: new vscode.Range(position, position), viewColumn: vscode.ViewColumn.One });
}
