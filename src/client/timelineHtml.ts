// The timeline page of the "Sourcemark: Show Timeline" webview. Pure (no vscode import) so it is
// tested directly. Source text is untrusted: everything from it is HTML-escaped, the page runs no
// script, and links only run the one command the webview allows.
import * as l10n from '@vscode/l10n';
import { escapeHtml } from '../core/text/escape';
import type { TimelineResponse } from '../shared/protocol';
import { statusWord } from '../shared/words';

export const OPEN_SOURCE_COMMAND = 'sourcemark.openSourceAt';

/** A command URI that opens `uri` at a position; arguments are JSON, then URI-encoded. */
export function openLink(uri: string, line: number, character: number): string {
  return `command:${OPEN_SOURCE_COMMAND}?${encodeURIComponent(JSON.stringify([uri, line, character]))}`;
}

export function timelineHtml(data: TimelineResponse, page: { cspSource: string; nonce: string }): string {
  const label = (id: string) => escapeHtml(data.labels[id] ?? id);
  const link = (id: string, span: { line: number; character: number }, text: string) =>
    `<a href="${escapeHtml(openLink(id, span.line, span.character))}">${text}</a>`;
  const parts: string[] = [];
  // Translations are ours, but they are escaped all the same: a bundle is a file like any other.
  if (data.indexing) parts.push(`<p class="note">${escapeHtml(l10n.t('Still indexing: {0} sources so far. Run the command again for the rest.', data.indexed))}</p>`);
  if (data.timeline.disagreements.length) {
    parts.push(`<h2>${escapeHtml(l10n.t('Where the sources disagree'))}</h2>`);
    if (data.timeline.disagreementCount > data.timeline.disagreements.length) parts.push(`<p class="note">${escapeHtml(l10n.t('The first {0} of {1}.', data.timeline.disagreements.length, data.timeline.disagreementCount))}</p>`);
    parts.push('<ul class="conflicts">');
    for (const c of data.timeline.disagreements) {
      const [a, b] = c.sides;
      parts.push(`<li><span class="warn">⚠</span> ${link(a.sourceId, a.at, label(a.sourceId))} “${escapeHtml(a.focusText)}” <span class="value">${escapeHtml(a.value)}</span>
        ${escapeHtml(l10n.t('vs'))} ${link(b.sourceId, b.at, label(b.sourceId))} “${escapeHtml(b.focusText)}” <span class="value">${escapeHtml(b.value)}</span></li>`);
    }
    parts.push('</ul>');
  }
  parts.push(`<h2>${escapeHtml(l10n.t('Dates'))}</h2><table><thead><tr><th>${escapeHtml(l10n.t('When'))}</th><th>${escapeHtml(l10n.t('Source'))}</th><th>${escapeHtml(l10n.t('As written'))}</th><th>${escapeHtml(l10n.t('Sentence'))}</th></tr></thead><tbody>`);
  for (const e of data.timeline.entries) {
    const when = `<b>${escapeHtml(e.value)}</b><br><span class="value">${escapeHtml(e.from === e.to ? e.from : `${e.from} … ${e.to}`)}</span>`;
    e.mentions.forEach((m, i) => {
      const cls = e.conflicts.length ? ' class="disputed"' : '';
      parts.push(`<tr${cls}>${i === 0 ? `<td rowspan="${e.mentions.length}">${when}${e.conflicts.length ? `<br><span class="warn">⚠ ${escapeHtml(l10n.t('sources disagree'))}</span>` : ''}</td>` : ''}
        <td>${link(m.sourceId, m.at, label(m.sourceId))}</td><td>${escapeHtml(m.text)}${m.derivedFrom ? `<br><span class="value">${escapeHtml(m.derivedFrom)}</span>` : ''}${m.tag ? `<br><span class="tag">${escapeHtml(statusWord(m.tag.status))}</span>` : ''}</td><td>${escapeHtml(m.sentence)}</td></tr>`);
    });
  }
  parts.push('</tbody></table>');
  const o = data.timeline.omitted;
  parts.push(`<p class="note">${escapeHtml(l10n.t('Left out: {0} dates in reader comments, {1} unresolved, {2} durations.', o.comments, o.unresolved, o.durations))}</p>`);
  return `<!DOCTYPE html>
<html lang="${escapeHtml(l10n.t({ message: 'en', comment: ['The language tag of the translation (de, fr…), for the HTML lang attribute'] }))}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${page.nonce}'; img-src ${page.cspSource};">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(l10n.t('Sourcemark timeline'))}</title>
<style nonce="${page.nonce}">
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1em; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid var(--vscode-panel-border); }
tr.disputed td { background: var(--vscode-inputValidation-warningBackground); }
.warn { color: var(--vscode-editorWarning-foreground); }
.value, .note { color: var(--vscode-descriptionForeground); }
.tag { font-size: 0.9em; border: 1px solid var(--vscode-panel-border); padding: 0 4px; }
</style></head>
<body><h1>${escapeHtml(l10n.t('Timeline'))}</h1>
${parts.join('\n')}
</body></html>
`;
}
