// Hover lines about tags themselves: how a verdict evolved, how the tag was found again, and the
// orphans of a source. hover.ts puts them in the one hover it builds.
import * as l10n from '@vscode/l10n';
import type { Annotation, Evidence } from '../core/tags/annotation';
import type { Anchor } from '../core/tags/anchoring';
import { escapeMarkdown } from '../core/text/escape';
import { oneLine } from '../core/text/shorten';
import type { SourceState } from './sourceState';
import { kindWord, statusWord } from '../shared/words';

const day = (iso: string) => iso.slice(0, 10);

/** "History: set speculative 2026-01-02 · speculative → verified 2026-01-05", the last few steps. */
export function historyLine(a: Annotation, max = 4): string | undefined {
  const steps = a.history ?? [];
  if (steps.length === 0 || (steps.length === 1 && !steps[0]!.from)) return undefined;
  const shown = steps.slice(-max).map((c) => (c.from
    ? `${statusWord(c.from)} → ${statusWord(c.to)} ${day(c.at)}`
    : l10n.t('set {0} {1}', statusWord(c.to), day(c.at))));
  return l10n.t('History: {0}', `${steps.length > max ? '… · ' : ''}${shown.join(' · ')}`);
}

/** The tag's note. */
export function noteLines(a: Annotation): string[] {
  const comments = a.comments ?? [];
  if (comments.length === 1 && comments[0]!.author === 'unknown') return [l10n.t('Note: {0}', escapeMarkdown(comments[0]!.body))];
  return comments.map((c) => (c.editedAt
    ? l10n.t('Note by {0}, {1} (edited {2}): {3}', escapeMarkdown(c.author), day(c.createdAt), day(c.editedAt), escapeMarkdown(c.body))
    : l10n.t('Note by {0}, {1}: {2}', escapeMarkdown(c.author), day(c.createdAt), escapeMarkdown(c.body))));
}

/** One piece of evidence: another source's tagged words, or a web page. */
export function evidenceLine(e: Evidence): string {
  return e.kind === 'url'
    ? l10n.t('Evidence: {0}', escapeMarkdown(e.url))
    : l10n.t('Evidence: {0}: “{1}”', escapeMarkdown(e.source), escapeMarkdown(oneLine(e.quote, 100)));
}

/** Said when a tag is not where it was saved: the source changed since. */
export function anchorLine(anchor: Anchor | undefined): string | undefined {
  switch (anchor?.method) {
    case 'exact':
      return l10n.t('Found again where the text moved (the source changed since the tag was saved).');
    case 'whitespace':
      return l10n.t('Found again with different line breaks or spacing.');
    case 'fuzzy':
      return l10n.t('Found again although the tagged text changed a little ({0}% match): check the tag still holds.', Math.round(anchor.confidence * 100));
    default:
      return undefined;
  }
}

/** The orphans of a source, listed on its first line. */
export function orphanSection(state: SourceState): string | undefined {
  const { orphans } = state.tagged;
  if (!orphans.length) return undefined;
  const lines = [orphans.length === 1
    ? l10n.t('**Orphaned tag** · {0} tag whose text is no longer in this source, kept in the sidecar:', orphans.length)
    : l10n.t('**Orphaned tags** · {0} tags whose text is no longer in this source, kept in the sidecar:', orphans.length)];
  for (const a of orphans.slice(0, 10)) {
    const since = a.orphanedAt ? ` (${l10n.t('since {0}', day(a.orphanedAt))})` : '';
    const text = escapeMarkdown(oneLine(a.target.exact, 80));
    lines.push(`- ${l10n.t({ message: '{0} {1}: “{2}”', args: [statusWord(a.status), kindWord(a.kind), text], comment: ['an orphaned tag: its status, its kind of finding, its text'] })}${since}`);
  }
  if (orphans.length > 10) lines.push(l10n.t('- … and {0} more', orphans.length - 10));
  lines.push(l10n.t('Select the text a tag belongs to and use the quick fix *Re-attach orphaned tag* on it, or *Delete orphaned tag* here.'));
  return lines.join('  \n');
}
