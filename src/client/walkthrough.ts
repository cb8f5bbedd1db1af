import * as vscode from 'vscode';
import { SIDECAR_SUFFIX } from '../core/tags/sidecarName';
import { COMMANDS } from '../shared/protocol';
import type { SourcemarkServer } from './serverState';

/**
 * Context keys that complete the steps of the "Get started with Sourcemark" walkthrough
 * (package.json, contributes.walkthroughs) when the user has really done each thing. They stay set:
 * `sourcemark.isSource` would not do for the first step, as it turns false as soon as another
 * editor (the walkthrough itself) is active. Opening the view uses VS Code's own `onView`.
 */
export const WALKTHROUGH_CONTEXT = {
  sourceOpened: 'sourcemark.walkthrough.sourceOpened',
  hoverRead: 'sourcemark.walkthrough.hoverRead',
  claimTagged: 'sourcemark.walkthrough.claimTagged',
  sidecarSeen: 'sourcemark.walkthrough.sidecarSeen',
  reportCreated: 'sourcemark.walkthrough.reportCreated',
} as const;

export const WALKTHROUGH_ID = 'sourcemark.sourcemark#firstSteps';
const OPENED_KEY = 'sourcemark.walkthroughOpened';

const TAGGING_COMMANDS: ReadonlySet<string> = new Set([COMMANDS.tag, COMMANDS.tagWithEvidence, COMMANDS.tagEntityMentions]);

/**
 * Sets the walkthrough's context keys. In `npm start`'s code-server (SOURCEMARK_OPEN_WALKTHROUGH=1)
 * it also opens the walkthrough beside the first source opened, once per profile; installs from
 * the Marketplace get it from VS Code itself.
 */
export class WalkthroughProgress implements vscode.Disposable {
  private readonly done = new Set<string>();
  private readonly disposables: vscode.Disposable[];
  private markOpened!: (opening: Promise<void>) => void;
  /** Settles once the first-run walkthrough is open (or will not be): the first step waits for it. */
  private readonly opened = new Promise<void>((resolve) => {
    this.markOpened = (opening) => void opening.then(resolve, resolve);
  });

  constructor(private readonly context: vscode.ExtensionContext, private readonly server: SourcemarkServer) {
    this.disposables = [
      // A source open in an editor was analysed (closed ones the workspace index reports do not count).
      server.onSourceChanged((summary) => {
        if (!summary.problem && vscode.workspace.textDocuments.some((d) => d.uri.toString() === summary.uri)) void this.sourceAnalysed();
      }),
      server.onDidShowHover(() => void this.complete(WALKTHROUGH_CONTEXT.hoverRead)),
      server.onDidRunCommand(({ command, result }) => {
        // A tag saved to the sidecar: the server answers { ok: true }.
        if (TAGGING_COMMANDS.has(command) && (result as { ok?: boolean } | undefined)?.ok) void this.complete(WALKTHROUGH_CONTEXT.claimTagged);
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => this.checkSidecar(editor)),
    ];
    this.checkSidecar(vscode.window.activeTextEditor);
  }

  private async sourceAnalysed(): Promise<void> {
    await this.opened;
    await this.complete(WALKTHROUGH_CONTEXT.sourceOpened);
  }

  /**
   * On `npm start`'s first run, the walkthrough opens beside the source that activated the
   * extension, once the language server has started (so the source is already in its hands). The
   * first step's key waits for it, so the open walkthrough is there to show the step complete (in
   * the e2e runs where the key came first, the step showed undone).
   */
  openOnFirstRun(): Promise<void> {
    this.markOpened(this.open());
    return this.opened;
  }

  private async open(): Promise<void> {
    if (process.env.SOURCEMARK_OPEN_WALKTHROUGH !== '1' || this.context.globalState.get(OPENED_KEY)) return;
    await this.context.globalState.update(OPENED_KEY, true);
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, { toSide: true });
    this.server.languageClient?.info('Walkthrough opened (first run of npm start).');
  }

  /** The report was written (the "Create Report" command). */
  reportCreated(): void {
    void this.complete(WALKTHROUGH_CONTEXT.reportCreated);
  }

  private checkSidecar(editor: vscode.TextEditor | undefined): void {
    if (editor && editor.document.uri.path.endsWith(SIDECAR_SUFFIX)) void this.complete(WALKTHROUGH_CONTEXT.sidecarSeen);
  }

  /** VS Code remembers a completed step, so each key is set once per session. */
  private async complete(key: string): Promise<void> {
    if (this.done.has(key)) return;
    this.done.add(key);
    await vscode.commands.executeCommand('setContext', key, true);
    this.server.languageClient?.info(`Walkthrough: ${key} done.`);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
