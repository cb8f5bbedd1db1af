import * as vscode from 'vscode';
import { COMMANDS, EXTRA_COMMANDS } from '../server/protocol';
import type { SourcemarkServer } from './serverState';

/**
 * Context keys that complete the steps of the "Get started with Sourcemark" walkthrough
 * (package.json, contributes.walkthroughs) when the user has really done each thing. Steps that
 * VS Code can see on its own use its events instead: opening a source (`sourcemark.isSource`),
 * opening the view (`onView`).
 */
export const WALKTHROUGH_CONTEXT = {
  hoverRead: 'sourcemark.walkthrough.hoverRead',
  claimTagged: 'sourcemark.walkthrough.claimTagged',
  sidecarSeen: 'sourcemark.walkthrough.sidecarSeen',
  reportCreated: 'sourcemark.walkthrough.reportCreated',
} as const;

const TAGGING_COMMANDS: ReadonlySet<string> = new Set([COMMANDS.tag, COMMANDS.tagWithEvidence, EXTRA_COMMANDS.tagEntityMentions]);
const SIDECAR = /\.annotations\.json$/;

export class WalkthroughProgress implements vscode.Disposable {
  private readonly done = new Set<string>();
  private readonly disposables: vscode.Disposable[];

  constructor(server: SourcemarkServer) {
    this.disposables = [
      server.onDidShowHover(() => this.complete(WALKTHROUGH_CONTEXT.hoverRead)),
      server.onDidRunCommand(({ command, result }) => {
        // A tag saved to the sidecar: the server answers { ok: true }.
        if (TAGGING_COMMANDS.has(command) && (result as { ok?: boolean } | undefined)?.ok) this.complete(WALKTHROUGH_CONTEXT.claimTagged);
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => this.checkSidecar(editor)),
    ];
    this.checkSidecar(vscode.window.activeTextEditor);
  }

  /** The report was written (the "Create Report" command). */
  reportCreated(): void {
    this.complete(WALKTHROUGH_CONTEXT.reportCreated);
  }

  private checkSidecar(editor: vscode.TextEditor | undefined): void {
    if (editor && SIDECAR.test(editor.document.uri.path)) this.complete(WALKTHROUGH_CONTEXT.sidecarSeen);
  }

  /** VS Code remembers a completed step, so each key is set once per session. */
  private complete(key: string): void {
    if (this.done.has(key)) return;
    this.done.add(key);
    void vscode.commands.executeCommand('setContext', key, true);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
