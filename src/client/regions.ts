import * as vscode from 'vscode';
import { normaliseRegions, REGION_CHOICES, type RegionChoice } from '../core/regions';
import { SETTING_KEYS } from '../shared/protocol';
import { regionLabel, regionsText } from './regionsText';

/** Context key: reader comments are among the regions shown (the view title's toggle). */
const COMMENTS_SHOWN_CONTEXT = 'sourcemark.commentsShown';

/** The regions setting for a document (or the workspace), as the server reads it. */
function currentRegions(scope?: vscode.Uri): RegionChoice[] {
  return normaliseRegions(vscode.workspace.getConfiguration(undefined, scope).get(SETTING_KEYS.regions));
}

/** Writes the setting where the user works: the workspace (the user settings when no folder is open). */
async function writeRegions(regions: readonly RegionChoice[]): Promise<void> {
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  // In REGION_CHOICES order, so the settings file does not change with the order of clicks.
  await vscode.workspace.getConfiguration().update(SETTING_KEYS.regions, REGION_CHOICES.filter((r) => regions.includes(r)), target);
}

/**
 * Which regions of a source are analysed and shown, as a status bar item on sources ("Article",
 * "Article + comments"; a click picks regions), commands to pick them or toggle reader comments,
 * and the view title's toggle. The server reads the setting and re-analyses.
 */
export function registerRegions(context: vscode.ExtensionContext, run: (id: string, f: () => Promise<unknown>) => void): void {
  const item = vscode.window.createStatusBarItem('sourcemark.regions', vscode.StatusBarAlignment.Left, 49);
  item.name = vscode.l10n.t('Sourcemark regions');
  item.command = 'sourcemark.chooseRegions';
  const activeScope = () => {
    const uri = vscode.window.activeTextEditor?.document.uri;
    return uri?.scheme === 'file' ? uri : undefined;
  };
  const update = () => {
    const document = vscode.window.activeTextEditor?.document;
    const regions = currentRegions(activeScope());
    void vscode.commands.executeCommand('setContext', COMMENTS_SHOWN_CONTEXT, regions.includes('comments'));
    if (document?.languageId !== 'plaintext' || document.uri.scheme !== 'file') {
      item.hide();
      return;
    }
    const text = regionsText(regions);
    item.text = `$(${regions.includes('comments') ? 'comment-discussion' : 'comment'}) ${text}`;
    const shown = regions.map((r) => regionLabel(r).label.toLowerCase()).join(', ') || vscode.l10n.t('nothing');
    item.tooltip = `${vscode.l10n.t('Sourcemark analyses and shows: {0}.', shown)}\n\n${vscode.l10n.t('Click to choose regions (setting "sourcemark.regions").')}`;
    item.accessibilityInformation = { label: vscode.l10n.t('Sourcemark regions: {0}. Activate to choose.', text) };
    item.show();
  };
  context.subscriptions.push(
    item,
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SETTING_KEYS.regions)) update();
    }),
  );
  update();

  run('sourcemark.chooseRegions', async () => {
    const current = currentRegions(activeScope());
    const picked = await vscode.window.showQuickPick(
      REGION_CHOICES.map((r) => ({ ...regionLabel(r), region: r, picked: current.includes(r) })),
      { canPickMany: true, title: vscode.l10n.t('Sourcemark: analyse and show these regions of each source'), placeHolder: vscode.l10n.t('The article (title and body) is the default') },
    );
    if (!picked) return;
    await writeRegions(picked.map((p) => p.region));
  });
  run('sourcemark.toggleComments', async () => {
    const current = currentRegions(activeScope());
    const shown = current.includes('comments');
    await writeRegions(shown ? current.filter((r) => r !== 'comments') : [...current, 'comments']);
    vscode.window.setStatusBarMessage(shown ? `$(comment) ${vscode.l10n.t('Sourcemark: reader comments hidden')}` : `$(comment-discussion) ${vscode.l10n.t('Sourcemark: reader comments shown')}`, 4000);
  });
}
