import { MarkupKind, type Hover } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TaggedFinding } from '../core/taggedFindings';
import { escapeMarkdown, quote } from './markdown';
import { findingsAt, type SourceState } from './sourceState';
import { anchorLine, historyLine, orphanSection } from './tagHover';

const TYPE_LABEL: Record<string, string> = {
  person: 'person', organisation: 'organisation', place: 'place', product: 'product', event: 'event', other: 'other name',
};

const MOD_LABEL: Record<string, string> = {
  START: 'start of', MID: 'middle of', END: 'end of', APPROX: 'about', BEFORE: 'before', AFTER: 'after', ON_OR_BEFORE: 'by',
};

/** The one place findings become hovers: every finding under the cursor, narrowest first. */
export function hoverAt(doc: TextDocument, state: SourceState, offset: number): Hover | null {
  const found = findingsAt(state, offset);
  // Orphans are listed on the first line, where their diagnostics are.
  const orphans = doc.positionAt(offset).line === 0 ? orphanSection(state) : undefined;
  if (!found.length && !orphans) return null;
  const sections = found.map((f) => section(f, state));
  if (orphans) sections.push(orphans);
  const narrowest = found[0];
  return {
    contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') },
    ...(narrowest ? { range: { start: doc.positionAt(narrowest.start), end: doc.positionAt(narrowest.end) } } : {}),
  };
}

function section(f: TaggedFinding, state: SourceState): string {
  const lines: string[] = [];
  switch (f.kind) {
    case 'entity': {
      const e = f.entity;
      lines.push(`**Entity** · ${e ? TYPE_LABEL[e.type] : 'name'}`);
      if (e) {
        lines.push(`${escapeMarkdown(e.canonical)}: mentioned ${e.mentions} time${e.mentions === 1 ? '' : 's'} in this source`);
        if (e.aliases.length) lines.push(`Also written: ${e.aliases.map(escapeMarkdown).join(', ')}`);
      }
      break;
    }
    case 'date': {
      const d = f.date;
      lines.push(`**Date** · ${escapeMarkdown(f.text)}`);
      if (!d || d.value === null) {
        lines.push(
          state.analysis?.reference.from === 'none'
            ? 'Not resolved: this source states no publication date and no reference date is set (setting `sourcemark.referenceDate`).'
            : 'Not resolved.',
        );
      } else {
        const mod = d.mod ? `${MOD_LABEL[d.mod] ?? d.mod} ` : '';
        lines.push(`Normalised: \`${d.value}\`${mod ? ` (${mod.trim()})` : ''} · ${d.timexType.toLowerCase()}`);
        if (d.anchor === 'document') lines.push(`Resolved against the source's publication date ${d.referenceDate}.`);
        if (d.anchor === 'setting') lines.push(`Resolved against the reference date ${d.referenceDate} (setting).`);
      }
      break;
    }
    case 'claim': {
      const c = f.claim;
      lines.push(`**Claim** · check-worthiness ${f.score.toFixed(2)}${f.region === 'comment' ? ' · reader comment' : ''}`);
      if (c?.attribution) {
        lines.push(`Attribution: ${escapeMarkdown(c.attribution.cue)}${c.attribution.speaker && !c.attribution.cue.includes(c.attribution.speaker) ? ` (${escapeMarkdown(c.attribution.speaker)})` : ''}`);
      }
      if (c?.hedges.length) lines.push(`Hedging: ${c.hedges.map((h) => `“${escapeMarkdown(h)}”`).join(', ')}: consider *speculative*`);
      const cues = f.cues.filter((cue) => cue.kind !== 'hedge' && cue.kind !== 'attribution');
      if (cues.length) lines.push(`Cues: ${[...new Set(cues.map((cue) => `${cue.kind} “${escapeMarkdown(quote(cue.text, 30))}”`))].slice(0, 6).join(', ')}`);
      break;
    }
  }
  const a = f.annotation;
  if (a) {
    lines.push(`Tag: **${a.status}** (updated ${a.updatedAt.slice(0, 10)})`);
    if (a.note) lines.push(`Note: ${escapeMarkdown(a.note)}`);
    const history = historyLine(a);
    if (history) lines.push(history);
    const anchored = anchorLine(f.anchor);
    if (anchored) lines.push(anchored);
  } else {
    lines.push('Tag: none yet. Use the quick fixes (lightbulb) to tag it.');
  }
  return lines.join('  \n');
}
