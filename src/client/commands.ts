import * as vscode from 'vscode';
import {
  COMMANDS,
  type CommandArguments, type CommandName, type CommandResult, type FindingItem, type FindingKind, type SetNoteArgs, type SetTagArgs, type TagCommandArgs,
  type TagEntityMentionsArgs, type TagStatus,
} from '../shared/protocol';
import { TAG_STATUSES } from '../core/model';
import { sidecarPathFor } from '../core/tags/sidecarName';
import { cut } from '../core/text/shorten';
import { STATUS_CODICON } from './countsText';
import { nextUntaggedClaim, pickFinding, type PickOptions } from './findingPicker';
import type { FindingsStore } from './findingsStore';
import { toRange } from './ranges';
import { ServerNotRunningError, type SourcemarkServer } from './serverState';
import { ALL_KINDS, ALL_STATUSES, FindingNode, SourceNode, type FindingFilter, type SourcesView } from './sourcesView';
import { kindHeading, kindWord, statusTitle, statusWord, tagAsTitle } from '../shared/words';

/** A mistake the user can fix: shown as a warning, with what to do. */
class UserError extends Error {}

/** The part of each tag command's id after `sourcemark.tag`. */
const STATUS_ID: Record<TagStatus, string> = { verified: 'Verified', speculative: 'Speculative', contradicted: 'Contradicted' };
export const FILTER_STATE_KEY = 'sourcemark.viewFilter';

interface Target {
  document: vscode.TextDocument;
  finding: FindingItem;
}

/** Registers the palette, menu and keybinding commands; each one says why when it cannot act. */
export function registerCommands(context: vscode.ExtensionContext, server: SourcemarkServer, store: FindingsStore, view: SourcesView): void {
  const register = (id: string, run: (...args: never[]) => Promise<unknown>) =>
    context.subscriptions.push(vscode.commands.registerCommand(id, async (...args: never[]) => {
      try {
        await run(...args);
      } catch (e) {
        const message = (e as Error).message;
        if (e instanceof UserError) void vscode.window.showWarningMessage(message);
        else void vscode.window.showErrorMessage(e instanceof ServerNotRunningError ? message : vscode.l10n.t('Sourcemark: {0}', message));
      }
    }));

  /** The finding a command means: a row of the view, else the one at the editor's selection. */
  async function target(node: FindingNode | undefined, options: PickOptions, what: Wanted): Promise<Target> {
    if (node instanceof FindingNode) {
      // Tags are only taken for open documents: open it and find the finding in its current analysis.
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(node.uri));
      const finding = (await store.current(document)).findings.find((f) => f.id === node.finding.id);
      if (!finding) throw new UserError(vscode.l10n.t('That finding is no longer in the source (it was edited). Refresh the Sourcemark view and try again.'));
      return { document, finding };
    }
    const editor = vscode.window.activeTextEditor;
    if (!editor) throw new UserError(noEditorMessage(what));
    const findings = await store.current(editor.document);
    if (!findings.isSource) {
      throw new UserError(vscode.l10n.t('{0} is not a Sourcemark source. Sources are plain-text files matching the "sourcemark.sources" setting.', vscode.workspace.asRelativePath(editor.document.uri)));
    }
    const doc = editor.document;
    const finding = pickFinding(findings.findings, doc.offsetAt(editor.selection.start), doc.offsetAt(editor.selection.end), options);
    if (!finding) throw new UserError(nothingAtCursorMessage(what));
    return { document: doc, finding };
  }

  /** A server command that changes tags; the cached findings of its document are stale after it. */
  async function change<C extends CommandName>(t: Target, command: C, args: CommandArguments[C]): Promise<CommandResult> {
    try {
      return await server.executeCommand(command, args);
    } finally {
      store.markStale(t.document.uri);
    }
  }

  const key = (t: Target): TagCommandArgs => ({ uri: t.document.uri.toString(), kind: t.finding.kind, start: t.finding.start, end: t.finding.end, version: t.document.version });

  async function tag(status: TagStatus, node?: FindingNode): Promise<void> {
    const t = await target(node, {}, 'finding');
    await change(t, COMMANDS.tag, { ...key(t), status } satisfies SetTagArgs);
  }

  for (const status of TAG_STATUSES) {
    register(`sourcemark.tag${STATUS_ID[status]}`, (node?: FindingNode) => tag(status, node));
  }

  register('sourcemark.clearTag', async (node?: FindingNode) => {
    const t = await target(node, { preferTagged: true }, 'tagged');
    if (!t.finding.status) throw new UserError(vscode.l10n.t('“{0}” has no tag to clear.', short(t.finding.text)));
    await change(t, COMMANDS.clearTag, key(t));
  });

  register('sourcemark.editNote', async (node?: FindingNode) => {
    const t = await target(node, { preferTagged: true }, 'finding');
    if (!t.finding.status) {
      // A note belongs to a tag: offer to tag first rather than refuse.
      const choice = await vscode.window.showQuickPick(
        TAG_STATUSES.map((s) => ({ label: `$(${STATUS_CODICON[s]}) ${tagAsTitle(s)}`, status: s })),
        { title: vscode.l10n.t('A note belongs to a tag: tag “{0}” first', short(t.finding.text)), placeHolder: vscode.l10n.t('Choose a tag, then write the note') },
      );
      if (!choice) return;
      const tagged = await change(t, COMMANDS.tag, { ...key(t), status: choice.status } satisfies SetTagArgs);
      if (!tagged.ok) return;
    }
    const sidecar = sidecarPathFor(t.document.uri.path.slice(t.document.uri.path.lastIndexOf('/') + 1));
    const note = await vscode.window.showInputBox({
      title: vscode.l10n.t('Note on “{0}”', short(t.finding.text)),
      prompt: vscode.l10n.t('Saved with the tag in {0} and shown when you hover the {1}. Leave empty to remove the note.', sidecar, kindWord(t.finding.kind)),
      value: t.finding.note ?? '',
      placeHolder: vscode.l10n.t('Where you checked it, what you found'),
    });
    if (note === undefined) return; // cancelled
    await change(t, COMMANDS.setNote, { ...key(t), note: note.trim() } satisfies SetNoteArgs);
  });

  async function goToUntagged(direction: 1 | -1): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) throw new UserError(vscode.l10n.t('Open a source first.'));
    const findings = await store.current(editor.document, 'decorated');
    if (!findings.isSource) throw new UserError(vscode.l10n.t('{0} is not a Sourcemark source.', vscode.workspace.asRelativePath(editor.document.uri)));
    const next = nextUntaggedClaim(findings.findings, editor.document.offsetAt(editor.selection.active), direction);
    if (!next) {
      void vscode.window.showInformationMessage(findings.counts.byKind.claim ? vscode.l10n.t('Every claim in this source is tagged.') : vscode.l10n.t('This source has no claims.'));
      return;
    }
    const range = toRange(next.range);
    // Selecting the claim makes the tag commands act on it, not on a name inside it.
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
  register('sourcemark.nextUntaggedClaim', () => goToUntagged(1));
  register('sourcemark.previousUntaggedClaim', () => goToUntagged(-1));

  register('sourcemark.tagEntityMentions', async (node?: FindingNode) => {
    const t = await target(node, { kind: 'entity' }, 'entity');
    const choice = await vscode.window.showQuickPick(
      TAG_STATUSES.map((s) => ({ label: `$(${STATUS_CODICON[s]}) ${statusTitle(s)}`, status: s })),
      { title: vscode.l10n.t('Tag every mention of “{0}” in this source as…', short(t.finding.text)) },
    );
    if (!choice) return;
    const result = await change(t, COMMANDS.tagEntityMentions, { ...key(t), status: choice.status } satisfies TagEntityMentionsArgs);
    if (result.ok) {
      const name = short(t.finding.text);
      const status = statusWord(choice.status);
      void vscode.window.showInformationMessage(!result.tagged
        ? vscode.l10n.t('Every mention of “{0}” was already tagged {1}.', name, status)
        : result.tagged === 1
          ? vscode.l10n.t('Tagged {0} mention of “{1}” as {2}.', result.tagged, name, status)
          : vscode.l10n.t('Tagged {0} mentions of “{1}” as {2}.', result.tagged, name, status));
    }
  });

  register('sourcemark.showSidecar', async (arg?: SourceNode | vscode.Uri) => {
    const source = arg instanceof SourceNode ? vscode.Uri.parse(arg.summary.uri) : arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
    if (!source || source.scheme !== 'file') throw new UserError(vscode.l10n.t('Open a source first: its tags file sits beside it.'));
    const sidecar = source.with({ path: sidecarPathFor(source.path) });
    try {
      await vscode.workspace.fs.stat(sidecar);
    } catch {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} has no tags yet; its tags file is created with the first tag.', vscode.workspace.asRelativePath(source)));
      return;
    }
    await vscode.window.showTextDocument(sidecar, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  });

  register('sourcemark.reanalyse', async () => {
    await server.executeCommand(COMMANDS.reanalyse, {});
    view.refresh();
    vscode.window.setStatusBarMessage(`$(check) ${vscode.l10n.t('Sourcemark: sources analysed again')}`, 4000);
  });

  register('sourcemark.restartServer', () => server.restart());
  register('sourcemark.refreshView', async () => view.refresh());

  register('sourcemark.filterFindings', async () => {
    const current = view.currentFilter;
    type Item = vscode.QuickPickItem & { findingKind?: FindingKind; status?: string };
    const items: Item[] = [
      { label: vscode.l10n.t('Kinds'), kind: vscode.QuickPickItemKind.Separator },
      ...ALL_KINDS.map((k) => ({ label: kindHeading(k), findingKind: k, picked: current.kinds.includes(k) })),
      { label: vscode.l10n.t('Tags'), kind: vscode.QuickPickItemKind.Separator },
      ...ALL_STATUSES.map((s) => ({ label: statusWord(s as TagStatus | 'untagged'), status: s, picked: current.statuses.includes(s) })),
    ];
    const picked = await vscode.window.showQuickPick(items, { canPickMany: true, title: vscode.l10n.t('Sourcemark view: show findings of these kinds and tags') });
    if (!picked) return;
    const kinds = picked.flatMap((p) => (p.findingKind ? [p.findingKind] : []));
    const statuses = picked.flatMap((p) => (p.status ? [p.status] : []));
    // Nothing picked in a group means no restriction by it.
    const filter: FindingFilter = { kinds: kinds.length ? kinds : [...ALL_KINDS], statuses: statuses.length ? statuses : [...ALL_STATUSES] };
    await context.workspaceState.update(FILTER_STATE_KEY, filter);
    view.setFilter(filter);
  });

  register('sourcemark.revealFinding', async (node: FindingNode) => {
    await vscode.window.showTextDocument(vscode.Uri.parse(node.uri), { selection: toRange(node.finding.range), preview: true });
  });
}

/** What a command acts on, for the messages that say it is missing. */
type Wanted = 'finding' | 'tagged' | 'entity';

function noEditorMessage(what: Wanted): string {
  switch (what) {
    case 'finding': return vscode.l10n.t('Open a source and put the cursor on a claim, entity or date first.');
    case 'tagged': return vscode.l10n.t('Open a source and put the cursor on a tagged finding first.');
    case 'entity': return vscode.l10n.t('Open a source and put the cursor on a name (entity) first.');
  }
}

function nothingAtCursorMessage(what: Wanted): string {
  switch (what) {
    case 'finding': return vscode.l10n.t('There is no claim, entity or date at the cursor. Flagged text is underlined; "Sourcemark: Go to Next Untagged Claim" finds the next claim.');
    case 'tagged': return vscode.l10n.t('There is no tagged finding at the cursor. Flagged text is underlined; "Sourcemark: Go to Next Untagged Claim" finds the next claim.');
    case 'entity': return vscode.l10n.t('There is no name (entity) at the cursor. Flagged text is underlined; "Sourcemark: Go to Next Untagged Claim" finds the next claim.');
  }
}

function short(text: string): string {
  return cut(text, 50);
}
