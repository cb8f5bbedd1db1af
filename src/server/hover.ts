import * as l10n from '@vscode/l10n';
import { MarkupKind, type Hover } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { describe } from '../core/kinds';
import type { FindingKind } from '../core/model';
import type { TaggedFinding } from '../core/taggedFindings';
import { toMarkdown } from '../core/text/richText';
import { bestPerSource, disagreeText } from './crossSource';
import { statusWord } from '../shared/words';
import { escapeMarkdown } from '../core/text/escape';
import { oneLine } from '../core/text/shorten';
import { findingsAt, type SourceState } from './sourceState';
import { anchorLine, evidenceLine, historyLine, noteLines, orphanSection } from './tagHover';

/**
 * The one place findings become hovers: one card for the place, the innermost finding first, each
 * with its tag and notes at the top; what other sources say comes once, after them.
 */
export function hoverAt(doc: TextDocument, state: SourceState, offset: number): Hover | null {
  const found = findingsAt(state, offset);
  // Orphans are listed on the first line, where their diagnostics are.
  const orphans = doc.positionAt(offset).line === 0 ? orphanSection(state) : undefined;
  if (!found.length && !orphans) return null;
  const sections = found.map((f) => section(f, state));
  const across = acrossSources(found, state);
  if (across) sections.push(across);
  if (orphans) sections.push(orphans);
  const narrowest = found[0];
  return {
    contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') },
    ...(narrowest ? { range: { start: doc.positionAt(narrowest.start), end: doc.positionAt(narrowest.end) } } : {}),
  };
}

/** What other sources say about a finding of each kind (conflicts are said once for the place, in acrossSources). */
const ACROSS_SOURCES: { [K in FindingKind]: (f: TaggedFinding, state: SourceState) => string[] } = {
  claim: (f, state) => claimAcrossSources(f, state),
  entity: (f, state) => entityAcrossSources(f, state),
  date: () => [],
  quotation: (f, state) => quotationAcrossSources(f, state),
};

function section(f: TaggedFinding, state: SourceState): string {
  const d = describe(f, state.analysis);
  const by = f.commenter ? l10n.t(' · reader comment by {0}', escapeMarkdown(f.commenter)) : '';
  const lines = [`**${d.title}** · ${toMarkdown(d.heading)}${by}`];
  lines.push(...tagLines(f));
  lines.push(...d.details.map(toMarkdown));
  return lines.join('  \n');
}

/** The tag, its notes and evidence: what the user said about the finding, before what Sourcemark says. */
export function tagLines(f: TaggedFinding): string[] {
  const a = f.annotation;
  if (!a) return [l10n.t('Not tagged yet.')];
  const lines = [l10n.t('Tag: **{0}** (updated {1})', statusWord(a.status), a.updatedAt.slice(0, 10))];
  lines.push(...noteLines(a));
  for (const e of a.evidence ?? []) lines.push(evidenceLine(e));
  const history = historyLine(a);
  if (history) lines.push(history);
  const anchored = anchorLine(f.anchor);
  if (anchored) lines.push(anchored);
  return lines;
}

/** Cross-source lines for the findings at a place, each once; says so while the index has not linked the source yet. */
function acrossSources(found: readonly TaggedFinding[], state: SourceState): string | undefined {
  if (!found.length) return undefined;
  const view = state.crossSource;
  if (!view) return `**${l10n.t('Across sources')}** · ${l10n.t('cross-source links: still indexing.')}`;
  const lines = new Set<string>();
  for (const f of found) for (const line of conflictLines(f, state)) lines.add(line);
  for (const f of found) for (const line of ACROSS_SOURCES[f.kind](f, state)) lines.add(line);
  if (view.indexing) lines.add(indexingLine(view.indexed));
  return lines.size ? [`**${l10n.t('Across sources')}**`, ...lines].join('  \n') : undefined;
}

const MAX_LINKED = 5;

/** Other sources stating the same claim, and where they disagree with this one. */
function claimAcrossSources(f: TaggedFinding, state: SourceState): string[] {
  const view = state.crossSource;
  if (!view) return [];
  const lines: string[] = [];
  const links = bestPerSource(view.links.get(f.id) ?? []).filter((l) => l.relation === 'corroborates');
  if (links.length) {
    lines.push(links.length === 1 ? l10n.t('**Corroborated by {0} other source:**', links.length) : l10n.t('**Corroborated by {0} other sources:**', links.length));
    for (const l of links.slice(0, MAX_LINKED)) {
      const tag = l.claim.tag ? l10n.t('tagged **{0}**', statusWord(l.claim.tag.status)) : statusWord('untagged');
      lines.push(`- ${escapeMarkdown(view.labels.get(l.sourceId) ?? l.sourceId)} (${tag}): “${escapeMarkdown(oneLine(l.claim.text, 140))}”`);
    }
    if (links.length > MAX_LINKED) lines.push(moreLine(links.length - MAX_LINKED));
  }
  return lines;
}

const moreLine = (n: number) => l10n.t('- and {0} more (Find All References lists them)', n);
const indexingLine = (n: number) => l10n.t('*Indexing the workspace: {0} sources so far.*', n);

/** The workspace-wide entity: its names, titles given to it and the sources that mention it. */
function entityAcrossSources(f: TaggedFinding, state: SourceState): string[] {
  const g = state.crossSource?.entities.get(f.id);
  if (!g) return [];
  const lines = [l10n.t('In the workspace: {0}', mentionsInSources(g.mentions, g.sources))];
  const others = g.names.filter((n) => n !== g.canonical && n !== f.text && !(f.entity?.aliases ?? []).includes(n));
  if (others.length) lines.push(l10n.t('Written elsewhere: {0}', others.map(escapeMarkdown).join(', ')));
  if (g.descriptions.length) lines.push(l10n.t('Described as: {0}', g.descriptions.slice(0, 6).map((d) => `“${escapeMarkdown(d)}”`).join(', ')));
  return lines;
}

/** The speaker's other quotations in the workspace, and the sources that give these words to someone else. */
function quotationAcrossSources(f: TaggedFinding, state: SourceState): string[] {
  const view = state.crossSource;
  if (!view) return [];
  const lines: string[] = [];
  const of = view.speakers.get(f.id);
  const others = of?.quotes.filter((q) => !(q.sourceId === state.uri && q.quotation.findingId === f.id)) ?? [];
  if (of && others.length) {
    const sources = new Set(of.quotes.map((q) => q.sourceId)).size;
    const name = describe(f).speaker ?? '';
    lines.push(others.length === 1
      ? l10n.t('**{0} is quoted {1} more time in {2}:**', escapeMarkdown(name), others.length, sourcesText(sources))
      : l10n.t('**{0} is quoted {1} more times in {2}:**', escapeMarkdown(name), others.length, sourcesText(sources)));
    for (const q of others.slice(0, MAX_LINKED)) {
      const tag = q.quotation.tag ? ` (${l10n.t('tagged **{0}**', statusWord(q.quotation.tag.status))})` : '';
      lines.push(`- ${escapeMarkdown(view.labels.get(q.sourceId) ?? q.sourceId)}${tag}: “${escapeMarkdown(oneLine(q.quotation.words, 140))}”`);
    }
    if (others.length > MAX_LINKED) lines.push(moreLine(others.length - MAX_LINKED));
  }
  return lines;
}

/** Conflicts this finding is a side of: both quotes. */
function conflictLines(f: TaggedFinding, state: SourceState): string[] {
  const view = state.crossSource;
  const lines: string[] = [];
  let more = 0;
  for (const c of view?.conflicts ?? []) {
    const mine = c.sides.find((s) => s.sourceId === state.uri && (s.findingId === f.id || (f.kind === 'entity' && s.focus.start <= f.start && f.end <= s.focus.end)));
    if (!mine) continue;
    // A story many sources copy may set one place against hundreds: the first few are shown, the rest counted.
    if (lines.length >= MAX_LINKED) {
      more++;
      continue;
    }
    const other = c.sides.find((s) => s !== mine)!;
    const name = escapeMarkdown(view!.labels.get(other.sourceId) ?? other.sourceId);
    const says = other.tag
      ? l10n.t('{0} says “{1}” ({2}), tagged **{3}**', name, escapeMarkdown(other.focusText), escapeMarkdown(other.value), statusWord(other.tag.status))
      : l10n.t('{0} says “{1}” ({2})', name, escapeMarkdown(other.focusText), escapeMarkdown(other.value));
    lines.push(l10n.t('**⚠ {0}:** here “{1}” ({2}); {3}: “{4}”', disagreeText(c.kind), escapeMarkdown(mine.focusText), escapeMarkdown(mine.value), says, escapeMarkdown(oneLine(other.quote, 140))));
  }
  if (more) lines.push(more === 1 ? l10n.t('**⚠** and 1 more conflict (the Sourcemark view lists it under Conflicts)') : l10n.t('**⚠** and {0} more conflicts (the Sourcemark view lists them under Conflicts)', more));
  return lines;
}

/** "1 source", "3 sources". */
function sourcesText(n: number): string {
  return n === 1 ? l10n.t('{0} source', n) : l10n.t('{0} sources', n);
}

/** "4 mentions in 2 sources". */
export function mentionsInSources(mentions: number, sources: number): string {
  return mentions === 1 ? l10n.t('{0} mention in {1}', mentions, sourcesText(sources)) : l10n.t('{0} mentions in {1}', mentions, sourcesText(sources));
}
