import * as vscode from 'vscode';
import {
  DocumentFindingsRequest, WorkspaceSummaryRequest,
  type ConflictItem, type ConflictOther, type FindingItem, type FindingKind, type SourcePart, type SourceSummary, type TagItem, type TagStatus,
} from '../shared/protocol';
import { matchesFilter, type FindingFilter } from '../shared/viewSections';
import { FINDING_KINDS, TAG_STATUSES } from '../core/model';
import { SIDECAR_SUFFIX } from '../core/tags/sidecarName';
import { countsDescription, countsText, STATUS_CODICON, STATUS_GLYPH } from './countsText';
import { toRange } from './ranges';
import { claimQueue, commenterGroups, entityGroups, progressText, type ClaimOrder, type CommenterGroup, type EntityGroup } from './reviewQueue';
import type { SourcemarkServer } from './serverState';
import { entityTypeWord, kindCount, kindWord, statusWord } from '../shared/words';

const VIEW_ID = 'sourcemark.sources';

export const ALL_KINDS: readonly FindingKind[] = FINDING_KINDS;
export const ALL_STATUSES: readonly string[] = ['untagged', ...TAG_STATUSES];

export class SourceNode {
  constructor(public summary: SourceSummary) {}
}

/**
 * A section of a source: Claims (the queue), Entities, Dates, Quotations, Conflicts, Orphans, Hidden
 * tags, Reader comments. Entities, Dates, Quotations and Reader comments are drawn from counts and
 * ask for their findings when expanded (`load`): a long source has thousands of names and dates.
 */
export class SectionNode {
  children: Node[] = [];
  description = '';
  tooltip = '';
  load?: () => Promise<Node[]>;
  private loading?: Promise<void>;
  constructor(readonly parent: SourceNode, readonly section: SectionId) {}

  /** Its rows, asked for once however often the tree asks (a failed ask is tried again next time). */
  async rows(): Promise<Node[]> {
    if (this.load && !this.loading) {
      this.loading = this.load().then((rows) => {
        this.children = rows;
      }, (e: unknown) => {
        this.loading = undefined;
        throw e;
      });
    }
    await this.loading;
    return this.children;
  }
}

/** One entity of a source, expandable to its mentions. */
export class EntityNode {
  children: FindingNode[] = [];
  constructor(readonly parent: SectionNode, readonly group: EntityGroup) {}
}

/** A reader who commented, expandable to what their comments say. */
export class CommenterNode {
  children: FindingNode[] = [];
  constructor(readonly parent: SectionNode, readonly group: CommenterGroup) {}
}

export class FindingNode {
  constructor(readonly uri: string, readonly finding: FindingItem, readonly parent?: SectionNode | EntityNode | CommenterNode) {}
}

/** An orphaned tag, or a tag in a region the settings hide. */
export class TagNode {
  constructor(readonly uri: string, readonly tag: TagItem, readonly parent: SectionNode) {}
}

/** A place other sources contradict; when several do, expandable to each of them. */
export class ConflictNode {
  readonly children: ConflictOtherNode[];
  constructor(readonly uri: string, readonly conflict: ConflictItem, readonly parent: SectionNode) {
    this.children = conflict.others.length > 1 ? conflict.others.map((o, i) => new ConflictOtherNode(this, o, i)) : [];
  }
}

/** Another source's place that says otherwise. */
export class ConflictOtherNode {
  constructor(readonly parent: ConflictNode, readonly other: ConflictOther, readonly index: number) {}
}

type Node = SourceNode | SectionNode | EntityNode | CommenterNode | FindingNode | TagNode | ConflictNode | ConflictOtherNode;

type SectionId = 'claims' | 'entities' | 'dates' | 'quotations' | 'conflicts' | 'orphans' | 'hidden' | 'comments';

function sectionLabel(section: SectionId): string {
  switch (section) {
    case 'claims': return vscode.l10n.t('Claims');
    case 'entities': return vscode.l10n.t('Entities');
    case 'dates': return vscode.l10n.t('Dates');
    case 'quotations': return vscode.l10n.t('Quotations');
    case 'conflicts': return vscode.l10n.t('Conflicts');
    case 'orphans': return vscode.l10n.t('Orphans');
    case 'hidden': return vscode.l10n.t('Tags in hidden regions');
    case 'comments': return vscode.l10n.t('Reader comments');
  }
}
const SECTION_ICON: Record<SectionId, string> = {
  claims: 'checklist', entities: 'symbol-field', dates: 'calendar', quotations: 'quote', conflicts: 'warning', orphans: 'debug-disconnect', hidden: 'eye-closed', comments: 'comment-discussion',
};

const KIND_ICON: Record<FindingKind, string> = { claim: 'circle-large-outline', entity: 'symbol-field', date: 'calendar', quotation: 'quote' };

/** Context key for the view title's sort button: the Claims section's order. */
export const CLAIM_ORDER_CONTEXT = 'sourcemark.claimOrder';

/**
 * The Sourcemark view: every source of the workspace with its counts, expandable to its review
 * queue: Claims (with progress), Entities (one row per entity), Dates, Quotations, Conflicts,
 * Orphans, tags in hidden regions and, when comments are shown, what each commenter said. Rows
 * follow the filter (kind and status); a click reveals the finding. Updated live from the
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

  constructor(private readonly server: SourcemarkServer, private filter: FindingFilter, private order: ClaimOrder) {
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
    void vscode.commands.executeCommand('setContext', CLAIM_ORDER_CONTEXT, order);
  }

  get claimOrder(): ClaimOrder {
    return this.order;
  }

  setClaimOrder(order: ClaimOrder): void {
    this.order = order;
    void vscode.commands.executeCommand('setContext', CLAIM_ORDER_CONTEXT, order);
    this.emitter.fire(undefined);
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
    if (node instanceof SectionNode) {
      return node.rows().catch((e: Error) => {
        this.view.message = e.message;
        return [];
      });
    }
    if (node instanceof EntityNode || node instanceof CommenterNode || node instanceof ConflictNode) return node.children;
    if (node && !(node instanceof SourceNode)) return [];
    try {
      if (node) return await this.sections(node);
      this.loaded ??= this.load();
      await this.loaded;
      return [...this.nodes.values()];
    } catch (e) {
      this.loaded = undefined;
      this.view.message = (e as Error).message;
      return [];
    }
  }

  /**
   * A source's review queue: each section with what the filter lets through, empty ones left out.
   * Asks for the article's claims and the other sections' counts; a section's findings come when it
   * is expanded (see SectionNode).
   */
  private async sections(source: SourceNode): Promise<SectionNode[]> {
    const uri = source.summary.uri;
    const filter = this.filter;
    const result = await this.server.request(DocumentFindingsRequest, {
      uri, kinds: filter.kinds.includes('claim') ? ['claim'] : [], part: 'article', sections: { kinds: [...filter.kinds], statuses: [...filter.statuses] },
    });
    const counts = result.sections ?? { entities: 0, mentions: 0, dates: 0, quotations: 0, commenters: 0 };
    const shownOf = (findings: readonly FindingItem[]) => findings.filter((f) => matchesFilter(f, filter));
    /** The findings of `kinds` in `part` that the filter lets through, asked for now. */
    const ask = async (kinds: FindingKind[], part: SourcePart) => shownOf((await this.server.request(DocumentFindingsRequest, { uri, kinds, part })).findings);
    const sections: SectionNode[] = [];
    /** A section with `rows` rows (none: left out, but for Claims), its rows built now or asked for when expanded. */
    const add = (id: SectionId, rows: number, description: string, tooltip: string, build: { now: (section: SectionNode) => Node[] } | { later: (section: SectionNode) => Promise<Node[]> }) => {
      if (!rows && id !== 'claims') return;
      const section = new SectionNode(source, id);
      if ('now' in build) section.children = build.now(section);
      else section.load = () => build.later(section);
      section.description = description;
      section.tooltip = `${tooltip}\n\n${description}`;
      sections.push(section);
    };
    if (filter.kinds.includes('claim')) {
      // Progress counts every claim of the article, whatever the status filter shows.
      const all = claimQueue(result.findings, this.claimOrder);
      const shown = claimQueue(shownOf(result.findings), this.claimOrder);
      add('claims', shown.length, progressText(all),
        this.claimOrder === 'worthiness'
          ? vscode.l10n.t('The article\'s claims, most check-worthy first. A claim is reviewed once it is tagged.')
          : vscode.l10n.t('The article\'s claims, in the order of the source. A claim is reviewed once it is tagged.'),
        { now: (s) => shown.map((f) => new FindingNode(uri, f, s)) });
    }
    add('entities', counts.mentions, `${counts.entities} · ${mentions(counts.mentions)}`,
      vscode.l10n.t('Names in the article, one row per entity; expand a row for its mentions.'),
      { later: async (s) => entityGroups(await ask(['entity'], 'article')).map((g) => {
        const node = new EntityNode(s, g);
        node.children = g.mentions.map((f) => new FindingNode(uri, f, node));
        return node;
      }) });
    add('dates', counts.dates, `${counts.dates}`, vscode.l10n.t('Dates in the article, with their value in words.'),
      { later: async (s) => (await ask(['date'], 'article')).map((f) => new FindingNode(uri, f, s)) });
    add('quotations', counts.quotations, `${counts.quotations}`, vscode.l10n.t('Who said what in the article.'),
      { later: async (s) => (await ask(['quotation'], 'article')).map((f) => new FindingNode(uri, f, s)) });
    const conflicts = result.conflicts ?? [];
    add('conflicts', conflicts.length, `${conflicts.length}`, vscode.l10n.t('Where another source of the workspace says otherwise.'),
      { now: (s) => conflicts.map((c) => new ConflictNode(uri, c, s)) });
    const orphans = result.orphans ?? [];
    add('orphans', orphans.length, `${orphans.length}`, vscode.l10n.t('Tags whose text is no longer in the source. They stay in the sidecar: select the text they belong to and use the quick fix to re-attach them.'),
      { now: (s) => orphans.map((t) => new TagNode(uri, t, s)) });
    const hidden = result.hiddenTags ?? [];
    add('hidden', hidden.length, `${hidden.length}`, vscode.l10n.t('Tags in regions the "sourcemark.regions" setting hides (reader comments, for instance). They are kept and listed here.'),
      { now: (s) => hidden.map((t) => new TagNode(uri, t, s)) });
    add('comments', counts.commenters, counts.commenters === 1 ? vscode.l10n.t('1 commenter') : vscode.l10n.t('{0} commenters', counts.commenters),
      vscode.l10n.t('What reader comments say, grouped by commenter (shown because "sourcemark.regions" includes comments).'),
      { later: async (s) => commenterGroups(await ask([...filter.kinds], 'comments')).map((g) => {
        const node = new CommenterNode(s, g);
        node.children = g.findings.map((f) => new FindingNode(uri, f, node));
        return node;
      }) });
    return sections;
  }

  private async load(): Promise<void> {
    const summary = await this.server.request(WorkspaceSummaryRequest, {});
    this.nodes.clear();
    for (const s of summary.sources) this.nodes.set(s.uri, new SourceNode(s));
    this.view.message = summary.truncated ? vscode.l10n.t('The workspace has too many files: only part of it was searched for sources.') : undefined;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node instanceof SourceNode) return sourceItem(node.summary);
    if (node instanceof SectionNode) return sectionItem(node);
    if (node instanceof EntityNode) return entityItem(node);
    if (node instanceof CommenterNode) return commenterItem(node);
    if (node instanceof TagNode) return tagItem(node);
    if (node instanceof ConflictNode) return conflictItem(node);
    if (node instanceof ConflictOtherNode) return conflictOtherItem(node);
    return findingItem(node);
  }

  /**
   * An entity's tooltip, when the pointer rests on it, also lists the sources that mention it
   * (the server's references, across the workspace index): asked only for the row looked at.
   */
  async resolveTreeItem(item: vscode.TreeItem, node: Node, token: vscode.CancellationToken): Promise<vscode.TreeItem> {
    if (!(node instanceof EntityNode) || !(item.tooltip instanceof vscode.MarkdownString)) return item;
    const first = node.group.mentions[0];
    const uri = vscode.Uri.parse(node.parent.parent.summary.uri);
    const locations = await Promise.resolve(vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', uri, toRange(first.range).start))
      .catch(() => undefined);
    if (token.isCancellationRequested || !locations?.length) return item;
    const bySource = new Map<string, number>();
    for (const l of locations) bySource.set(l.uri.toString(), (bySource.get(l.uri.toString()) ?? 0) + 1);
    const lines = [...bySource].sort((a, b) => b[1] - a[1]).map(([u, n]) => `${vscode.workspace.asRelativePath(vscode.Uri.parse(u))}: ${mentions(n)}`);
    const heading = bySource.size === 1 ? vscode.l10n.t('In 1 source of the workspace:') : vscode.l10n.t('In {0} sources of the workspace:', bySource.size);
    item.tooltip.appendText(`\n\n${heading}\n\n${lines.join('\n\n')}`);
    return item;
  }

  getParent(node: Node): Node | undefined {
    if (node instanceof SourceNode) return undefined;
    if (node instanceof FindingNode) return node.parent ?? this.nodes.get(node.uri);
    return node.parent;
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

const mentions = (n: number) => (n === 1 ? vscode.l10n.t('1 mention') : vscode.l10n.t('{0} mentions', n));
const statusText = (status: TagStatus | undefined) => (status ? `${STATUS_GLYPH[status]} ${statusWord(status)}` : statusWord('untagged'));
const statusColor = (status: TagStatus) => new vscode.ThemeColor(`sourcemark.${status}Foreground`);

function markdown(text: string): vscode.MarkdownString {
  // Source text is untrusted: appendText escapes it.
  return new vscode.MarkdownString().appendText(text);
}

function sectionItem(node: SectionNode): vscode.TreeItem {
  const expanded = node.section === 'claims' || node.section === 'conflicts' || node.section === 'orphans';
  const item = new vscode.TreeItem(sectionLabel(node.section), expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `${node.parent.summary.uri}#section:${node.section}`;
  item.description = node.description;
  item.tooltip = markdown(node.tooltip);
  item.iconPath = new vscode.ThemeIcon(SECTION_ICON[node.section]);
  item.accessibilityInformation = { label: `${sectionLabel(node.section)}: ${node.description}` };
  item.contextValue = `sourcemark.section.${node.section}`;
  return item;
}

function entityItem(node: EntityNode): vscode.TreeItem {
  const g = node.group;
  const item = new vscode.TreeItem(g.name, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `${node.parent.parent.summary.uri}#entity:${g.key}`;
  const tagged = g.mentions.filter((m) => m.status).length;
  const type = g.entityType ? entityTypeWord(g.entityType) : kindWord('entity');
  const taggedText = vscode.l10n.t('{0} tagged', tagged);
  item.description = `${type} · ${mentions(g.mentions.length)}${tagged ? ` · ${taggedText}` : ''}`;
  const names = [...new Set(g.mentions.map((m) => m.text))];
  item.tooltip = markdown(`${g.name} (${type})\n\n${vscode.l10n.t('{0} in this source', mentions(g.mentions.length))}${tagged ? `, ${taggedText}` : ''}\n\n${vscode.l10n.t('Written as: {0}', names.join(', '))}`);
  item.iconPath = new vscode.ThemeIcon(KIND_ICON.entity);
  item.accessibilityInformation = { label: `${g.name}, ${item.description}` };
  return item;
}

function commenterItem(node: CommenterNode): vscode.TreeItem {
  const g = node.group;
  const name = g.commenter ?? vscode.l10n.t('Unnamed commenter');
  const item = new vscode.TreeItem(name, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `${node.parent.parent.summary.uri}#commenter:${g.commenter === undefined ? '' : `:${g.commenter}`}`;
  const counts = FINDING_KINDS.map((k) => [k, g.findings.filter((f) => f.kind === k).length] as const).filter(([, n]) => n).map(([k, n]) => kindCount(k, n));
  item.description = counts.join(' · ');
  item.tooltip = markdown(`${vscode.l10n.t('Comments by {0}', name)}\n\n${counts.join(', ')}`);
  item.iconPath = new vscode.ThemeIcon('account');
  return item;
}

function tagItem(node: TagNode): vscode.TreeItem {
  const t = node.tag;
  const item = new vscode.TreeItem(t.exact, vscode.TreeItemCollapsibleState.None);
  item.id = `${node.uri}#tag:${t.annotationId}`;
  const where = !t.range ? vscode.l10n.t('text not found') : t.region ? vscode.l10n.t('hidden region ({0})', t.region) : vscode.l10n.t('hidden region');
  item.description = `${statusText(t.status)} · ${kindWord(t.kind)} · ${where}`;
  const since = t.orphanedAt ? vscode.l10n.t(' (since {0})', t.orphanedAt) : '';
  item.tooltip = markdown(t.range
    ? `${vscode.l10n.t('A {0} tagged {1}, in a region the "sourcemark.regions" setting hides. Line {2}.', kindWord(t.kind), statusWord(t.status), t.range.start.line + 1)}\n\n${t.exact}`
    : `${vscode.l10n.t('An orphaned tag ({0}, {1}): its text is no longer in the source{2}. It is kept in the sidecar; select the text it belongs to and use the quick fix to re-attach it.', kindWord(t.kind), statusWord(t.status), since)}\n\n${t.exact}`);
  item.iconPath = new vscode.ThemeIcon(t.range ? STATUS_CODICON[t.status] : 'debug-disconnect', statusColor(t.status));
  item.contextValue = 'sourcemark.tag';
  // An orphan has no place: its diagnostic is on the source's first line.
  const range = t.range ? toRange(t.range) : new vscode.Range(0, 0, 0, 0);
  item.command = { title: vscode.l10n.t('Reveal'), command: 'vscode.open', arguments: [vscode.Uri.parse(node.uri), { selection: range, preview: true }] };
  return item;
}

function conflictItem(node: ConflictNode): vscode.TreeItem {
  const c = node.conflict;
  const single = c.others.length === 1 ? c.others[0] : undefined;
  // The label says what is disputed here; the description where and by whom, the tooltip all of it.
  const item = new vscode.TreeItem(c.label, single ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `${node.uri}#conflict:${c.id}`;
  const line = c.range.start.line + 1;
  const other = single && vscode.workspace.asRelativePath(vscode.Uri.parse(single.uri));
  item.description = single ? `${vscode.l10n.t('line {0}', line)} · ${other}` : vscode.l10n.t('line {0} · {1} places say otherwise', line, c.otherCount);
  item.tooltip = markdown(single
    ? `${c.message}\n\n${vscode.l10n.t('Here: line {0}. Other source: {1}, line {2}.', line, other!, single.range.start.line + 1)}`
    : `${c.message}\n\n${c.otherCount > c.others.length
      ? vscode.l10n.t('Here: line {0}. Expand for the first {1} of the {2} places that say otherwise.', line, c.others.length, c.otherCount)
      : vscode.l10n.t('Here: line {0}. Expand for the places that say otherwise.', line)}`);
  item.iconPath = c.settled ? new vscode.ThemeIcon('pass') : new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
  if (c.settled) item.description = `${item.description} · ${vscode.l10n.t('both sides tagged')}`;
  item.command = { title: vscode.l10n.t('Reveal'), command: 'vscode.open', arguments: [vscode.Uri.parse(node.uri), { selection: toRange(c.range), preview: true }] };
  return item;
}

function conflictOtherItem(node: ConflictOtherNode): vscode.TreeItem {
  const o = node.other;
  const uri = vscode.Uri.parse(o.uri);
  const item = new vscode.TreeItem(vscode.workspace.asRelativePath(uri), vscode.TreeItemCollapsibleState.None);
  item.id = `${node.parent.uri}#conflict:${node.parent.conflict.id}:${node.index}`;
  item.description = `${vscode.l10n.t('line {0}', o.range.start.line + 1)} · "${o.words}" (${o.value})`;
  item.tooltip = markdown(o.quote);
  item.iconPath = new vscode.ThemeIcon('go-to-file');
  item.command = { title: vscode.l10n.t('Reveal'), command: 'vscode.open', arguments: [uri, { selection: toRange(o.range), preview: true }] };
  return item;
}

function findingItem(node: FindingNode): vscode.TreeItem {
  const f = node.finding;
  const item = new vscode.TreeItem(f.text, vscode.TreeItemCollapsibleState.None);
  item.id = `${node.uri}#${f.id}`;
  const status = statusText(f.status);
  // A claim's row says its status and check-worthiness; a mention's (under its entity) its status;
  // another finding's what it is (a date's value in words, who said a quotation), then its tag.
  const what = f.kind === 'claim' ? vscode.l10n.t('check-worthiness {0}', f.score.toFixed(2))
    : f.kind === 'date' ? (f.valueLabel ?? vscode.l10n.t('unresolved'))
    : f.kind === 'quotation' ? (f.speaker ?? vscode.l10n.t('speaker unknown'))
    : node.parent instanceof EntityNode ? vscode.l10n.t('line {0}', f.range.start.line + 1) : (f.entityType ? entityTypeWord(f.entityType) : kindWord(f.kind));
  item.description = f.kind === 'claim' ? `${status} · ${what}` : `${what}${f.status ? ` · ${status}` : ''}`;
  // A tagged claim shows its status; a tagged name or date keeps its kind's icon in the status colour.
  const icon = f.kind === 'claim' && f.status ? STATUS_CODICON[f.status] : KIND_ICON[f.kind];
  item.iconPath = new vscode.ThemeIcon(icon, f.status ? statusColor(f.status) : undefined);
  const lines = [`${f.label}`, `${kindWord(f.kind)} · ${status} · ${vscode.l10n.t('line {0}', f.range.start.line + 1)}${f.kind === 'claim' ? ` · ${what}` : ''}`, f.text];
  const comments = f.comments ?? (f.note ? [{ author: '', body: f.note }] : []);
  for (const c of comments) lines.push(c.author ? `${c.author}: ${c.body}` : vscode.l10n.t('Note: {0}', c.body));
  for (const u of f.urls ?? []) lines.push(vscode.l10n.t('Evidence: {0}', `${u.title ? `${u.title} ` : ''}<${u.url}>`));
  item.tooltip = markdown(lines.join('\n\n'));
  item.accessibilityInformation = { label: `${f.text}, ${item.description}` };
  item.contextValue = `sourcemark.finding.${f.kind}${f.status ? '.tagged' : ''}`;
  item.command = { title: vscode.l10n.t('Reveal Finding'), command: 'sourcemark.revealFinding', arguments: [node] };
  return item;
}
