// How counts read in the status bar and the sources view. Pure, so it is tested without VS Code.
import * as l10n from '@vscode/l10n';
import { FINDING_KINDS } from '../core/model';
import type { FindingCounts, TagStatus } from '../shared/protocol';
import { kindCount, kindMentions, listText } from '../shared/words';

/** The codicon of each status, in the palette and in the Sourcemark view. */
export const STATUS_CODICON: Record<TagStatus, string> = { verified: 'pass', speculative: 'question', contradicted: 'error' };

export const STATUS_GLYPH: Record<TagStatus, string> = { verified: '✓', speculative: '?', contradicted: '✗' };

/** "12 claims · 4 ✓ · 2 ? · 1 ✗ · 5 untagged", plus orphaned tags when there are any. */
export function countsText(c: FindingCounts): string {
  const parts = [
    kindCount('claim', c.byKind.claim),
    `${c.verified} ${STATUS_GLYPH.verified}`,
    `${c.speculative} ${STATUS_GLYPH.speculative}`,
    `${c.contradicted} ${STATUS_GLYPH.contradicted}`,
    l10n.t('{0} untagged', c.untagged),
  ];
  if (c.orphans) parts.push(c.orphans === 1 ? l10n.t('{0} orphaned tag', c.orphans) : l10n.t('{0} orphaned tags', c.orphans));
  return parts.join(' · ');
}

/** The same counts spelled out, for tooltips and screen readers. */
export function countsDescription(c: FindingCounts): string {
  const others = FINDING_KINDS.filter((k) => k !== 'claim').map((k) => kindMentions(k, c.byKind[k]));
  const lines = [
    l10n.t('{0}: {1} verified, {2} speculative, {3} contradicted, {4} untagged', kindCount('claim', c.byKind.claim), c.verified, c.speculative, c.contradicted, c.untagged),
    l10n.t('{0} mentioned', listText(others)),
  ];
  if (c.orphans) {
    lines.push(c.orphans === 1
      ? l10n.t('{0} tag whose text is no longer in the source (kept in the sidecar)', c.orphans)
      : l10n.t('{0} tags whose text is no longer in the source (kept in the sidecar)', c.orphans));
  }
  return lines.join('\n');
}
