import * as vscode from 'vscode';
import { DocumentFindingsRequest, WorkspaceSummaryRequest, type FindingItem, type FindingKind, type SourceSummary } from '../shared/protocol';
import { FINDING_KINDS, TAG_STATUSES, type TagStatus } from '../core/model';
import { SIDECAR_SUFFIX } from '../core/tags/sidecarName';
import { countsDescription, countsText, STATUS_CODICON, STATUS_GLYPH } from './countsText';
import type { SourcemarkServer } from './serverState';
import { entityTypeWord, kindWord, statusWord } from '../shared/words';

const VIEW_ID = 'sourcemark.sources';

/** What the view lists under each source; changed with "Filter Findings…". */
export interface FindingFilter {
  kinds: FindingKind[];
  /** `untagged` or a tag status. */
  statuses: string[];
}

export const ALL_KINDS: readonly FindingKind[] = FINDING_KINDS;
export const ALL_STATUSES: readonly string[] = ['untagged', ...TAG_STATUSES];

export class SourceNode {
  constructor(public summary: SourceSummary) {}
}

export class FindingNode {
  constructor(readonly uri: string, readonly finding: FindingItem) {}
}

type Node = SourceNode | FindingNode;

const KIND_ICON: Record<FindingKind, string> = { claim: 'circle-large-outline', entity: 'symbol-field', date: 'calendar', quotation: 'quote' };

/**
 * The Sourcemark view: every source of the workspace with its counts, expandable to its
 * findings (filtered by kind and status); a click reveals the finding. Updated live from the
 * server's sourceChanged notifications, and in full when files or settings change.
 */
export class SourcesView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly nodes = new Map<string, SourceNode>();
  private loaded: Promise<void> | undefined;
  private readonly view: vscode.TreeView<Node>;
  private readonly disposables: vscode.Disposable[] = [];
  private refreshTimer: NodeJS.Timeout | undefined;

  constructor(private readonly server: SourcemarkServer, private filter: FindingFilter) {
    this.view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.view,
      server.onSourceChanged((s) => this.sourceChanged(s)),
      server.onDidChangeRunning(() => this.refresh()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.refreshSoon()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('sourcemark')) this.refreshSoon();
      }),
      vscode.workspace.onDidCreateFiles(() => this.refreshSoon()),
      vscode.workspace.onDidDeleteFiles(() => this.refreshSoon()),
      vscode.workspace.onDidRenameFiles(() => this.refreshSoon()),
    );
    this.watchSources();
    this.describeFilter();
  }

  /** Files created or deleted outside the editor (a git pull, a copy) change the list too. */
  private watchSources(): void {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    // Sidecar writes (temporary file + rename) are announced by the server with the new counts.
    const onFile = (uri: vscode.Uri) => {
      const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
      if (!name.startsWith('.') && !name.endsWith(SIDECAR_SUFFIX)) this.refreshSoon();
    };
    this.disposables.push(watcher, watcher.onDidCreate(onFile), watcher.onDidDelete(onFile));
  }

  get currentFilter(): FindingFilter {
    return this.filter;
  }

  setFilter(filter: FindingFilter): void {
    this.filter = filter;
    this.describeFilter();
    this.emitter.fire(undefined);
  }

  private describeFilter(): void {
    const all = this.filter.kinds.length === ALL_KINDS.length && this.filter.statuses.length === ALL_STATUSES.length;
    this.view.description = all ? undefined : vscode.l10n.t('showing {0} · {1}',
      this.filter.kinds.map(kindWord).join(', '), this.filter.statuses.map((s) => statusWord(s as TagStatus | 'untagged')).join(', '));
  }

  refresh(): void {
    this.loaded = undefined;
    this.emitter.fire(undefined);
  }

  private refreshSoon(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => this.refresh(), 300);
  }

  private sourceChanged(summary: SourceSummary): void {
    const node = this.nodes.get(summary.uri);
    if (!node) return this.refreshSoon(); // a source the view did not list yet
    node.summary = summary;
    this.emitter.fire(node);
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node instanceof FindingNode) return [];
    try {
      if (node) {
        const result = await this.server.request(DocumentFindingsRequest, { uri: node.summary.uri });
        return result.findings.filter((f) => this.matches(f)).map((f) => new FindingNode(node.summary.uri, f));
      }
      this.loaded ??= this.load();
      await this.loaded;
      return [...this.nodes.values()];
    } catch (e) {
      this.loaded = undefined;
      this.view.message = (e as Error).message;
      return [];
    }
  }

  private async load(): Promise<void> {
    const summary = await this.server.request(WorkspaceSummaryRequest, {});
    this.nodes.clear();
    for (const s of summary.sources) this.nodes.set(s.uri, new SourceNode(s));
    this.view.message = summary.truncated ? vscode.l10n.t('The workspace has too many files: only part of it was searched for sources.') : undefined;
  }

  private matches(f: FindingItem): boolean {
    return this.filter.kinds.includes(f.kind) && this.filter.statuses.includes(f.status ?? 'untagged');
  }

  getTreeItem(node: Node): vscode.TreeItem {
    return node instanceof SourceNode ? sourceItem(node.summary) : findingItem(node);
  }

  getParent(node: Node): Node | undefined {
    return node instanceof FindingNode ? this.nodes.get(node.uri) : undefined;
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    for (const d of this.disposables) d.dispose();
    this.emitter.dispose();
  }
}

function sourceItem(s: SourceSummary): vscode.TreeItem {
  const uri = vscode.Uri.parse(s.uri);
  const item = new vscode.TreeItem(uri, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = s.uri;
  item.label = vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
  // Not analysed yet by the workspace index: its counts arrive in a sourceChanged notification.
  const counts = s.pending ? vscode.l10n.t('not counted yet (indexing the workspace)') : countsDescription(s.counts);
  item.description = s.pending ? vscode.l10n.t('indexing…') : countsText(s.counts);
  const tooltip = new vscode.MarkdownString();
  tooltip.appendText(`${uri.fsPath}\n\n${counts}`);
  if (s.problem) tooltip.appendText(`\n\n${s.problem}`);
  item.tooltip = tooltip;
  item.accessibilityInformation = { label: `${item.label}: ${counts}` };
  item.contextValue = 'sourcemark.source';
  if (s.problem) item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
  item.command = { title: vscode.l10n.t('Open Source'), command: 'vscode.open', arguments: [uri] };
  return item;
}

function findingItem(node: FindingNode): vscode.TreeItem {
  const f = node.finding;
  const label = f.value ? `${f.text} → ${f.value}` : f.text;
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
  item.id = `${node.uri}#${f.id}`;
  const status = f.status ? `${STATUS_GLYPH[f.status]} ${statusWord(f.status)}` : statusWord('untagged');
  // A claim's row says its status; another finding's says what it is (and who said it), then its tag.
  const what = f.entityType ? entityTypeWord(f.entityType) : kindWord(f.kind);
  item.description = f.kind === 'claim' ? status : `${what}${f.speaker ? ` · ${f.speaker}` : ''}${f.status ? ` · ${status}` : ''}`;
  // A tagged claim shows its status; a tagged name or date keeps its kind's icon in the status colour.
  const icon = f.kind === 'claim' && f.status ? STATUS_CODICON[f.status] : KIND_ICON[f.kind];
  item.iconPath = new vscode.ThemeIcon(icon, f.status ? new vscode.ThemeColor(`sourcemark.${f.status}Foreground`) : undefined);
  const tooltip = new vscode.MarkdownString();
  tooltip.appendText(`${kindWord(f.kind)} · ${status} · ${vscode.l10n.t('line {0}', f.range.start.line + 1)}\n\n${f.text}`);
  if (f.note) tooltip.appendText(`\n\n${vscode.l10n.t('Note: {0}', f.note)}`);
  item.tooltip = tooltip;
  item.contextValue = `sourcemark.finding.${f.kind}${f.status ? '.tagged' : ''}`;
  item.command = { title: vscode.l10n.t('Reveal Finding'), command: 'sourcemark.revealFinding', arguments: [node] };
  return item;
}
