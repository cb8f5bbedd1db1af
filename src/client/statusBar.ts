import * as vscode from 'vscode';
import { countsDescription, countsText } from './countsText';
import type { FindingsStore } from './findingsStore';
import type { SourcemarkServer } from './serverState';

/** Context key: the active editor shows a source (menus and keybindings use it). */
const IS_SOURCE_CONTEXT = 'sourcemark.isSource';

/**
 * The active source's counts ("12 claims · 4 ✓ · 2 ? · 1 ✗ · 5 untagged"); a click opens the
 * Sourcemark view. While the server is down it says so and a click restarts it.
 */
export class SourceStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('sourcemark.counts', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [];
  /** The context key's last value (undefined until first set). */
  private isSource: boolean | undefined;

  constructor(private readonly store: FindingsStore, private readonly server: SourcemarkServer) {
    this.item.name = 'Sourcemark';
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => {
        this.loadActive();
        this.update();
      }),
      store.onDidChange((uri) => {
        if (vscode.window.activeTextEditor?.document.uri.toString() === uri) this.update();
      }),
      server.onDidChangeRunning((running) => {
        if (running) this.loadActive(); // also the editors open before the server started
        this.update();
      }),
    );
    this.update();
  }

  /**
   * Asks for the active source's findings when they are not loaded. Not done on every update: the
   * store's own change events would then ask again for each analysis while the user types.
   */
  private loadActive(): void {
    const document = vscode.window.activeTextEditor?.document;
    if (document?.languageId === 'plaintext' && document.uri.scheme === 'file') this.store.ensure(document.uri);
  }

  private update(): void {
    const editor = vscode.window.activeTextEditor;
    const findings = editor ? this.store.get(editor.document.uri) : undefined;
    const isSource = !!findings?.isSource;
    if (isSource !== this.isSource) {
      this.isSource = isSource;
      void vscode.commands.executeCommand('setContext', IS_SOURCE_CONTEXT, isSource);
    }
    if (this.server.isRestarting && editor?.document.languageId === 'plaintext') {
      this.item.text = `$(sync~spin) ${vscode.l10n.t('Sourcemark restarting')}`;
      this.item.tooltip = vscode.l10n.t('The Sourcemark language server stopped unexpectedly and is being started again. The "Sourcemark" output says why it stopped.');
      this.item.command = undefined;
      this.item.accessibilityInformation = { label: vscode.l10n.t('Sourcemark language server restarting') };
      this.item.show();
      return;
    }
    if (!this.server.available && editor?.document.languageId === 'plaintext') {
      this.item.text = `$(warning) ${vscode.l10n.t('Sourcemark stopped')}`;
      this.item.tooltip = vscode.l10n.t('The Sourcemark language server is not running. Click to restart it.');
      this.item.command = 'sourcemark.restartServer';
      this.item.accessibilityInformation = { label: vscode.l10n.t('Sourcemark language server stopped. Activate to restart it.') };
      this.item.show();
      return;
    }
    if (!findings || !isSource) {
      this.item.hide();
      return;
    }
    this.item.text = `$(checklist) ${countsText(findings.counts)}`;
    this.item.tooltip = `${countsDescription(findings.counts)}\n\n${vscode.l10n.t('Click to open the Sourcemark view.')}`;
    this.item.command = 'workbench.view.extension.sourcemark';
    this.item.accessibilityInformation = { label: vscode.l10n.t('Sourcemark: {0}', countsDescription(findings.counts)) };
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
