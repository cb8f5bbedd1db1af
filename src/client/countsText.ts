// How counts read in the status bar and the sources view. Pure, so it is tested without VS Code.
import { countOf, FINDING_KINDS, KIND_WORDS } from '../core/model';
import type { FindingCounts, TagStatus } from '../shared/protocol';

/** The codicon of each status, in the palette and in the Sourcemark view. */
export const STATUS_CODICON: Record<TagStatus, string> = { verified: 'pass', speculative: 'question', contradicted: 'error' };

export const STATUS_GLYPH: Record<TagStatus, string> = { verified: '✓', speculative: '?', contradicted: '✗' };

/** "12 claims · 4 ✓ · 2 ? · 1 ✗ · 5 untagged", plus orphaned tags when there are any. */
export function countsText(c: FindingCounts): string {
  const parts = [
    countOf('claim', c.byKind.claim),
    `${c.verified} ${STATUS_GLYPH.verified}`,
    `${c.speculative} ${STATUS_GLYPH.speculative}`,
    `${c.contradicted} ${STATUS_GLYPH.contradicted}`,
    `${c.untagged} untagged`,
  ];
  if (c.orphans) parts.push(`${c.orphans} orphaned tag${c.orphans === 1 ? '' : 's'}`);
  return parts.join(' · ');
}

/** The same counts spelled out, for tooltips and screen readers. */
export function countsDescription(c: FindingCounts): string {
  const others = FINDING_KINDS.filter((k) => k !== 'claim').map((k) => `${c.byKind[k]} ${c.byKind[k] === 1 ? k : KIND_WORDS[k].plural}`);
  const lines = [
    `${countOf('claim', c.byKind.claim)}: ${c.verified} verified, ${c.speculative} speculative, ${c.contradicted} contradicted, ${c.untagged} untagged`,
    `${[others.slice(0, -1).join(', '), others.at(-1)].filter(Boolean).join(' and ')} mentioned`,
  ];
  if (c.orphans) lines.push(`${c.orphans} tag${c.orphans === 1 ? '' : 's'} whose text is no longer in the source (kept in the sidecar)`);
  return lines.join('\n');
}
