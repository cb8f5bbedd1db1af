// Hover lines about tags themselves: how a verdict evolved, how the tag was found again, and the
// orphans of a source. hover.ts puts them in the one hover it builds.
import type { Annotation, Evidence } from '../core/tags/annotation';
import type { Anchor } from '../core/tags/anchoring';
import { escapeMarkdown } from '../core/text/escape';
import { oneLine } from '../core/text/shorten';
import type { SourceState } from './sourceState';

const day = (iso: string) => iso.slice(0, 10);

/** "History: set speculative 2026-01-02 · speculative → verified 2026-01-05", the last few steps. */
export function historyLine(a: Annotation, max = 4): string | undefined {
  const steps = a.history ?? [];
  if (steps.length === 0 || (steps.length === 1 && !steps[0]!.from)) return undefined;
  const shown = steps.slice(-max).map((c) => (c.from ? `${c.from} → ${c.to} ${day(c.at)}` : `set ${c.to} ${day(c.at)}`));
  return `History: ${steps.length > max ? '… · ' : ''}${shown.join(' · ')}`;
}

/** The tag's note. */
export function noteLines(a: Annotation): string[] {
  const comments = a.comments ?? [];
  if (comments.length === 1 && comments[0]!.author === 'unknown') return [`Note: ${escapeMarkdown(comments[0]!.body)}`];
  return comments.map((c) => `Note by ${escapeMarkdown(c.author)}, ${day(c.createdAt)}${c.editedAt ? ` (edited ${day(c.editedAt)})` : ''}: ${escapeMarkdown(c.body)}`);
}

/** One piece of evidence: another source's tagged words, or a web page. */
export function evidenceLine(e: Evidence): string {
  return e.kind === 'url'
    ? `Evidence: ${escapeMarkdown(e.url)}`
    : `Evidence: ${escapeMarkdown(e.source)}: “${escapeMarkdown(oneLine(e.quote, 100))}”`;
}

/** Said when a tag is not where it was saved: the source changed since. */
export function anchorLine(anchor: Anchor | undefined): string | undefined {
  switch (anchor?.method) {
    case 'exact':
      return 'Found again where the text moved (the source changed since the tag was saved).';
    case 'whitespace':
      return 'Found again with different line breaks or spacing.';
    case 'fuzzy':
      return `Found again although the tagged text changed a little (${Math.round(anchor.confidence * 100)}% match): check the tag still holds.`;
    default:
      return undefined;
  }
}

/** The orphans of a source, listed on its first line. */
export function orphanSection(state: SourceState): string | undefined {
  const { orphans } = state.tagged;
  if (!orphans.length) return undefined;
  const lines = [`**Orphaned tag${orphans.length === 1 ? '' : 's'}** · ${orphans.length} tag${orphans.length === 1 ? '' : 's'} whose text is no longer in this source, kept in the sidecar:`];
  for (const a of orphans.slice(0, 10)) {
    lines.push(`- ${a.status} ${a.kind}: “${escapeMarkdown(oneLine(a.target.exact, 80))}”${a.orphanedAt ? ` (since ${day(a.orphanedAt)})` : ''}`);
  }
  if (orphans.length > 10) lines.push(`- … and ${orphans.length - 10} more`);
  lines.push('Select the text a tag belongs to and use the quick fix *Re-attach orphaned tag* on it, or *Delete orphaned tag* here.');
  return lines.join('  \n');
}
