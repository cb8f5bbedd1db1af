import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { registerCrossSourceViews } from './crossSourceViews';
import { CLAIM_ORDER_STATE_KEY, commandRegistrar, FILTER_STATE_KEY, registerCommands } from './commands';
import { FindingDecorations } from './decorations';
import { FindingsStore } from './findingsStore';
import { SourcemarkServer } from './serverState';
import { ALL_KINDS, ALL_STATUSES, SourcesView } from './sourcesView';
import type { FindingFilter } from '../shared/viewSections';
import { NoteThreads, registerNoteCommands } from './noteThreads';
import { registerReportCommand } from './reportCommand';
import type { ClaimOrder } from './reviewQueue';
import { SourceStatusBar } from './statusBar';
import { WalkthroughProgress } from './walkthrough';

let server: SourcemarkServer | undefined;

/**
 * Starts the language server and wires the views LSP cannot express: decorations, the
 * Sourcemark view, the status bar and the commands. Diagnostics, hovers, quick fixes and
 * semantic tokens come from the server through the language client.
 */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // The modules shared with the server say their words through @vscode/l10n: give it VS Code's bundle.
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  server = new SourcemarkServer(context);
  const store = new FindingsStore(server);
  const filter = context.workspaceState.get<FindingFilter>(FILTER_STATE_KEY) ?? { kinds: [...ALL_KINDS], statuses: [...ALL_STATUSES] };
  const view = new SourcesView(server, filter, context.workspaceState.get<ClaimOrder>(CLAIM_ORDER_STATE_KEY) ?? 'worthiness');
  context.subscriptions.push(server, store, new FindingDecorations(store, context.extensionUri), view, new SourceStatusBar(store, server));
  registerCommands(context, server, store, view);
  const notes = new NoteThreads(server, store);
  context.subscriptions.push(notes);
  registerNoteCommands(notes, commandRegistrar(context));
  registerCrossSourceViews(context, () => server?.languageClient);
  const walkthrough = new WalkthroughProgress(context, server);
  context.subscriptions.push(walkthrough, registerReportCommand(context, () => walkthrough.reportCreated()));
  await server.start();
  await walkthrough.openOnFirstRun();
}

export async function deactivate(): Promise<void> {
  await server?.stop();
  server = undefined;
}
