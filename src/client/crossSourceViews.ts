import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SHOW_LINKED_COMMAND, type LspRange } from '../shared/protocol';
import { toRange } from './ranges';
import { OPEN_SOURCE_COMMAND } from './timelineHtml';
import { openSourceAt, showTimeline } from './timelineView';

interface LspLocation {
  uri: string;
  range: LspRange;
}

/** The client side of the cross-source features: the timeline command and the code lens's peek of linked sources. */
export function registerCrossSourceViews(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('sourcemark.showTimeline', () => showTimeline(client())),
    vscode.commands.registerCommand(OPEN_SOURCE_COMMAND, openSourceAt),
    // The lens sends LSP JSON; the peek view wants VS Code objects.
    vscode.commands.registerCommand(SHOW_LINKED_COMMAND, (uri: string, position: { line: number; character: number }, locations: LspLocation[]) =>
      vscode.commands.executeCommand(
        'editor.action.showReferences',
        vscode.Uri.parse(uri),
        new vscode.Position(position.line, position.character),
        locations.map((l) => new vscode.Location(vscode.Uri.parse(l.uri), toRange(l.range))),
      )),
  );
}
