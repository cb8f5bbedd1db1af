import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';

/**
 * "Sourcemark: Create Report": runs the bundled CLI's `report` on the workspace folders (the same
 * command as `sourcemark report --out FILE FOLDER...` in a terminal), saves it where the user says
 * and shows it. An HTML report opens in a webview without scripts, under the report's own
 * Content-Security-Policy; a Markdown one in the Markdown preview.
 */
export function registerReportCommand(context: vscode.ExtensionContext, onCreated: () => void): vscode.Disposable {
  return vscode.commands.registerCommand('sourcemark.createReport', async () => {
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
    if (!folders.length) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Open a folder of sources first: the report covers every source in the workspace folders.'));
      return;
    }
    const target = await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Save the Sourcemark report'),
      defaultUri: vscode.Uri.joinPath(folders[0].uri, 'sourcemark-report.html'),
      filters: { [vscode.l10n.t('HTML report')]: ['html'], [vscode.l10n.t('Markdown report')]: ['md'] },
    });
    if (!target) return;
    const glob = vscode.workspace.getConfiguration('sourcemark', folders[0].uri).get<string>('sources', '**/*.txt');
    const args = ['report', '--out', target.fsPath, '--glob', glob, ...folders.map((f) => f.uri.fsPath)];
    let summary: string;
    try {
      summary = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Sourcemark: writing the report…') },
        () => runCli(context.asAbsolutePath('dist/cli.js'), args, folders[0].uri.fsPath),
      );
    } catch (e) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Sourcemark could not write the report: {0}', (e as Error).message));
      return;
    }
    onCreated();
    await showReport(target);
    // The CLI's own line ("wrote …"): the CLI stays English.
    void vscode.window.showInformationMessage(vscode.l10n.t('Sourcemark: {0}', summary));
  });
}

/** Runs the CLI with the extension host's own Node; resolves with its closing line ("wrote …"). */
function runCli(cli: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [cli, ...args], { cwd, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, maxBuffer: 16 * 1024 * 1024 }, (error, _stdout, stderr) => {
      const wrote = /^sourcemark: (wrote .*)$/m.exec(stderr);
      // Exit 1 with "wrote" means some sources could not be read: the report is there all the same.
      if (wrote) resolve(wrote[1]);
      else reject(new Error(stderr.trim() || error?.message || 'the CLI wrote nothing'));
    });
  });
}

async function showReport(file: vscode.Uri): Promise<void> {
  if (file.path.toLowerCase().endsWith('.md')) {
    await vscode.commands.executeCommand('markdown.showPreview', file);
    return;
  }
  const panel = vscode.window.createWebviewPanel('sourcemark.report', vscode.l10n.t('Report: {0}', file.path.slice(file.path.lastIndexOf('/') + 1)), vscode.ViewColumn.Active, {
    enableScripts: false,
    localResourceRoots: [],
  });
  // The page carries its CSP (no script, no network, its one stylesheet by hash).
  panel.webview.html = await readFile(file.fsPath, 'utf8');
}
