import * as vscode from 'vscode';
import {
  COMMANDS, ListDismissalsRequest,
  type CiteUrlArgs, type DismissArgs, type RestoreDismissalArgs, type SourceDismissalItem, type WorkspaceDismissalItem,
  type CommandArguments, type CommandName, type CommandResult, type FindingItem, type FindingKind, type SetNoteArgs, type SetTagArgs, type TagCommandArgs,
  type TagEntityMentionsArgs, type TagStatus,
} from '../shared/protocol';
import { TAG_STATUSES } from '../core/model';
import { sidecarPathFor } from '../core/tags/sidecarName';
import { cut } from '../core/text/shorten';
import { STATUS_CODICON } from './countsText';
import { pickFinding, type PickOptions } from './findingPicker';
import { localDay, urlProblem } from './urlInput';
import type { FindingsStore } from './findingsStore';
import { toRange } from './ranges';
import { registerRegions } from './regions';
import { claimQueue, nextInQueue, type ClaimOrder } from './reviewQueue';
import { ServerNotRunningError, type SourcemarkServer } from './serverState';
import { ALL_KINDS, ALL_STATUSES, FindingNode, SourceNode, type SourcesView } from './sourcesView';
import type { FindingFilter } from '../shared/viewSections';
import { kindHeading, kindWord, statusTitle, statusWord, tagAsTitle } from '../shared/words';

/** A mistake the user can fix: shown as a warning, with what to do. */
class UserError extends Error {}

/** The part of each tag command's id after `sourcemark.tag`. */
const STATUS_ID: Record<TagStatus, string> = { verified: 'Verified', speculative: 'Speculative', contradicted: 'Contradicted' };
export const FILTER_STATE_KEY = 'sourcemark.viewFilter';
export const CLAIM_ORDER_STATE_KEY = 'sourcemark.claimOrder';

interface Target {
  document: vscode.TextDocument;
  finding: FindingItem;
}

export type Register = (id: string, run: (...args: never[]) => Promise<unknown>) => void;

/** Registers commands that say what went wrong instead of failing silently. */
export function commandRegistrar(context: vscode.ExtensionContext): Register {
  return (id, run) => context.subscriptions.push(vscode.commands.registerCommand(id, async (...args: never[]) => {
    try {
      await run(...args);
    } catch (e) {
      const message = (e as Error).message;
      if (e instanceof UserError) void vscode.window.showWarningMessage(message);
      else void vscode.window.showErrorMessage(e instanceof ServerNotRunningError ? message : vscode.l10n.t('Sourcemark: {0}', message));
    }
  }));
}

/** Registers the palette, menu and keybinding commands; each one says why when it cannot act. */
export function registerCommands(context: vscode.ExtensionContext, server: SourcemarkServer, store: FindingsStore, view: SourcesView): void {
  const register = commandRegistrar(context);

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
      const status = await statusFor(t, 'note');
      if (!status) return;
      const tagged = await change(t, COMMANDS.tag, { ...key(t), status } satisfies SetTagArgs);
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

  /** Asks for a status when the finding has none yet (a note or a citation belongs to a tag). */
  async function statusFor(t: Target, why: 'note' | 'evidence'): Promise<TagStatus | undefined> {
    const name = short(t.finding.text);
    const choice = await vscode.window.showQuickPick(
      TAG_STATUSES.map((s) => ({ label: `$(${STATUS_CODICON[s]}) ${tagAsTitle(s)}`, status: s })),
      why === 'note'
        ? { title: vscode.l10n.t('A note belongs to a tag: tag “{0}” first', name), placeHolder: vscode.l10n.t('Choose a tag, then write the note') }
        : { title: vscode.l10n.t('Evidence belongs to a tag: tag “{0}” first', name), placeHolder: vscode.l10n.t('Choose a tag, then cite the page') },
    );
    return choice?.status;
  }

  // Dismissals: the finding leaves diagnostics, decorations, counts and exports until restored.
  const dismissals: [string, FindingKind, DismissArgs['dismissal'], DismissArgs['scope'], Wanted][] = [
    ['sourcemark.notAClaim', 'claim', 'not-a-claim', 'source', 'claim'],
    ['sourcemark.ignoreName', 'entity', 'ignore-name', 'source', 'entity'],
    ['sourcemark.ignoreNameInWorkspace', 'entity', 'ignore-name', 'workspace', 'entity'],
    ['sourcemark.ignoreDate', 'date', 'ignore-date', 'source', 'date'],
  ];
  for (const [id, kind, dismissal, scope, what] of dismissals) {
    register(id, async (node?: FindingNode) => {
      const t = await target(node, { kind }, what);
      const result = await change(t, COMMANDS.dismiss, { ...key(t), dismissal, scope } satisfies DismissArgs);
      if (!result.ok) throw new Error(result.error ?? vscode.l10n.t('the finding could not be dismissed.'));
      view.refresh();
      const name = short(t.finding.text);
      void vscode.window.showInformationMessage(scope === 'workspace'
        ? vscode.l10n.t('Dismissed “{0}” in every source of the workspace (.sourcemark-ignore). "Sourcemark: Show Dismissed Findings…" restores it.', name)
        : vscode.l10n.t('Dismissed “{0}” in this source. "Sourcemark: Show Dismissed Findings…" restores it.', name));
    });
  }

  register('sourcemark.showDismissed', async () => {
    const list = await server.request(ListDismissalsRequest, {});
    type Item = vscode.QuickPickItem & { restore?: RestoreDismissalArgs };
    const source = (d: SourceDismissalItem): Item => ({
      label: d.exact,
      description: `${dismissalWord(d.dismissal)} · ${vscode.workspace.asRelativePath(vscode.Uri.parse(d.uri))}`,
      detail: d.range ? vscode.l10n.t('line {0}', d.range.start.line + 1) : vscode.l10n.t('its text is no longer in the source: it hides nothing until the text is back'),
      restore: { scope: 'source', uri: d.uri, id: d.id },
    });
    const workspace = (d: WorkspaceDismissalItem): Item => ({
      label: d.entry.value,
      description: `${vscode.l10n.t('name ignored in every source')} · ${vscode.workspace.asRelativePath(vscode.Uri.parse(d.uri))}`,
      restore: { scope: 'workspace', uri: d.uri, entry: d.entry },
    });
    const items: Item[] = [
      ...(list.workspace.length ? [{ label: vscode.l10n.t('Workspace'), kind: vscode.QuickPickItemKind.Separator }, ...list.workspace.map(workspace)] : []),
      ...(list.source.length ? [{ label: vscode.l10n.t('Sources'), kind: vscode.QuickPickItemKind.Separator }, ...list.source.map(source)] : []),
    ];
    if (!items.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Nothing is dismissed: every finding of the open sources and the workspace is shown.'));
      return;
    }
    const picked = await vscode.window.showQuickPick(items, { canPickMany: true, title: vscode.l10n.t('Sourcemark: dismissed findings. Pick the ones to show again'), matchOnDescription: true });
    if (!picked?.length) return;
    const failed: string[] = [];
    for (const p of picked) {
      if (!p.restore) continue;
      const result = await server.executeCommand(COMMANDS.restoreDismissal, p.restore);
      if (!result.ok) failed.push(`“${short(p.label)}”: ${result.error ?? vscode.l10n.t('not restored')}`);
    }
    for (const d of vscode.workspace.textDocuments) store.markStale(d.uri);
    view.refresh();
    if (failed.length) throw new Error(vscode.l10n.t('could not restore {0}', failed.join('; ')));
    void vscode.window.showInformationMessage(picked.length === 1
      ? vscode.l10n.t('Restored 1 dismissed finding.')
      : vscode.l10n.t('Restored {0} dismissed findings.', picked.length));
  });

  register('sourcemark.citeUrl', async (node?: FindingNode) => {
    const t = await target(node, { preferTagged: true }, 'finding');
    const status = t.finding.status ? undefined : await statusFor(t, 'evidence');
    if (!t.finding.status && !status) return;
    const url = await vscode.window.showInputBox({
      title: vscode.l10n.t('Cite a web page as evidence for “{0}” (1/3)', short(t.finding.text)),
      prompt: vscode.l10n.t('The address of the page you checked it against (http or https).'),
      placeHolder: 'https://…',
      validateInput: urlProblem,
      ignoreFocusOut: true,
    });
    if (url === undefined) return;
    const title = await vscode.window.showInputBox({
      title: vscode.l10n.t('Cite a web page (2/3): its title'),
      prompt: vscode.l10n.t('The page\'s title, as the report will show it. Leave empty to show the address.'),
      ignoreFocusOut: true,
    });
    if (title === undefined) return;
    const quote = await vscode.window.showInputBox({
      title: vscode.l10n.t('Cite a web page (3/3): the words that matter (optional)'),
      prompt: vscode.l10n.t('A quote from the page. Leave empty for none.'),
      ignoreFocusOut: true,
    });
    if (quote === undefined) return;
    const args: CiteUrlArgs = { ...key(t), url: url.trim(), accessed: localDay(new Date()), ...(title.trim() ? { title: title.trim() } : {}), ...(quote.trim() ? { quote: quote.trim() } : {}), ...(status ? { status } : {}) };
    const result = await change(t, COMMANDS.citeUrl, args);
    if (!result.ok) throw new Error(result.error ?? vscode.l10n.t('the page could not be cited.'));
    void vscode.window.showInformationMessage(vscode.l10n.t('Cited {0} as evidence for “{1}”: it shows in the hover and the report.', args.title ?? args.url, short(t.finding.text)));
  });

  async function goToUntagged(direction: 1 | -1): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) throw new UserError(vscode.l10n.t('Open a source first.'));
    const findings = await store.current(editor.document, 'decorated');
    if (!findings.isSource) throw new UserError(vscode.l10n.t('{0} is not a Sourcemark source.', vscode.workspace.asRelativePath(editor.document.uri)));
    // The queue the view shows: its order, and only the claims of the regions shown.
    const queue = claimQueue(findings.findings, view.claimOrder);
    const next = nextInQueue(queue, editor.document.offsetAt(editor.selection.active), direction, view.claimOrder);
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

  registerRegions(context, register);

  const sortClaims = async (order: ClaimOrder) => {
    await context.workspaceState.update(CLAIM_ORDER_STATE_KEY, order);
    view.setClaimOrder(order);
  };
  register('sourcemark.sortClaimsByWorthiness', () => sortClaims('worthiness'));
  register('sourcemark.sortClaimsByPosition', () => sortClaims('position'));

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
type Wanted = 'finding' | 'tagged' | 'claim' | 'entity' | 'date';

function noEditorMessage(what: Wanted): string {
  switch (what) {
    case 'finding': return vscode.l10n.t('Open a source and put the cursor on a claim, entity or date first.');
    case 'tagged': return vscode.l10n.t('Open a source and put the cursor on a tagged finding first.');
    case 'entity': return vscode.l10n.t('Open a source and put the cursor on a name (entity) first.');
    case 'claim': return vscode.l10n.t('Open a source and put the cursor on a claim first.');
    case 'date': return vscode.l10n.t('Open a source and put the cursor on a date first.');
  }
}

function nothingAtCursorMessage(what: Wanted): string {
  switch (what) {
    case 'finding': return vscode.l10n.t('There is no claim, entity or date at the cursor. Flagged text is underlined; "Sourcemark: Go to Next Untagged Claim" finds the next claim.');
    case 'tagged': return vscode.l10n.t('There is no tagged finding at the cursor. Flagged text is underlined; "Sourcemark: Go to Next Untagged Claim" finds the next claim.');
    case 'entity': return vscode.l10n.t('There is no name (entity) at the cursor. Flagged text is underlined; "Sourcemark: Go to Next Untagged Claim" finds the next claim.');
    case 'claim': return vscode.l10n.t('There is no claim at the cursor. Flagged text is underlined; "Sourcemark: Go to Next Untagged Claim" finds the next claim.');
    case 'date': return vscode.l10n.t('There is no date at the cursor. Dates are coloured; the Sourcemark view lists them under Dates.');
  }
}

function dismissalWord(dismissal: DismissArgs['dismissal']): string {
  switch (dismissal) {
    case 'not-a-claim': return vscode.l10n.t('not a claim');
    case 'ignore-name': return vscode.l10n.t('name ignored');
    case 'ignore-date': return vscode.l10n.t('date ignored');
  }
}

function short(text: string): string {
  return cut(text, 50);
}
