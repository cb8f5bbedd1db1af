// The report as GitHub-flavoured Markdown, for pull requests, wikis and chat.
import { describeEvidence } from '../export/evidence';
import { countOf, FINDING_KINDS } from '../model';
import { escapeMarkdown as md } from '../text/escape';
import { CHART_STATUSES, noConflicts, type ClaimRow, type ReportData } from './reportData';

const BAR_WIDTH = 20;
const SYMBOL: Record<string, string> = { verified: '█', speculative: '▓', contradicted: '▒', untagged: '░' };

function bar(byStatus: Record<string, number>, max: number): string {
  return CHART_STATUSES.map((k) => SYMBOL[k]!.repeat(Math.round(((byStatus[k] ?? 0) / max) * BAR_WIDTH))).join('');
}

/** Adds a table of claims or quotations to `out`: where, the text with its notes, the tag, note and evidence. */
function rowsTable(out: string[], rows: readonly ClaimRow[], what: string): void {
  out.push(`| where | ${what} | tag | note | evidence |`, '|---|---|---|---|---|');
  for (const c of rows) {
    const cues = c.notes.join('; ');
    const text = `${md(c.text)}${cues ? ` _(${md(cues)})_` : ''}`;
    const tag = `**${c.status}**${c.orphaned ? ' (text no longer in the source)' : ''}`;
    out.push(`| ${md(c.path)}:${c.line} | ${text} | ${tag} | ${md(c.note ?? '')} | ${c.evidence.map((e) => md(describeEvidence(e))).join('<br>')} |`);
  }
}

export function renderMarkdown(data: ReportData): string {
  const t = data.totals;
  const out: string[] = [`# ${md(data.title)}`, ''];
  const count = (x: number, one: string) => `${x} ${x === 1 ? one : `${one}s`}`;
  const others = FINDING_KINDS.filter((k) => k !== 'claim').map((k) => ` · ${countOf(k, t.byKind[k])}`).join('');
  out.push(`${count(t.sources, 'source')} · ${countOf('claim', t.byKind.claim)}: ${CHART_STATUSES.map((k) => `${t.byStatus[k]} ${k}`).join(', ')} · ${count(t.orphans, 'orphaned tag')}${others}`, '');

  out.push('## Status per source', '');
  out.push(`Bars: ${CHART_STATUSES.map((k) => `${SYMBOL[k]} ${k}`).join(' · ')}`, '');
  const max = Math.max(1, ...data.sources.map((s) => s.byKind.claim));
  out.push(`| source | claims | ${CHART_STATUSES.join(' | ')} | orphaned tags | chart |`, `|---|--:|${CHART_STATUSES.map(() => '--:|').join('')}--:|---|`);
  for (const s of data.sources) {
    const problems = [s.skipped && `not analysed: ${s.skipped}`, s.sidecarProblem && `tags not loaded: ${s.sidecarProblem}`].filter(Boolean).map((p) => ` (${md(p as string)})`).join('');
    out.push(`| ${md(s.path)}${problems} | ${s.byKind.claim} | ${CHART_STATUSES.map((k) => s.byStatus[k]).join(' | ')} | ${s.orphans} | \`${bar(s.byStatus, max)}\` |`);
  }
  out.push('');

  out.push('## Claims', '');
  if (!data.claims.length) out.push('No claims.');
  else rowsTable(out, data.claims, 'claim');
  out.push('');
  if (data.quotations.length) {
    out.push('## Quotations', '');
    rowsTable(out, data.quotations, 'quotation');
    out.push('');
  }

  out.push('## Timeline of dates across sources', '');
  if (!data.timeline.length) out.push('No dates that resolve to a point in time (reader comments are left out).');
  else {
    out.push('| date | where | as written | context |', '|---|---|---|---|');
    for (const e of data.timeline) {
      e.mentions.forEach((m, i) => out.push(`| ${i === 0 ? `**${md(e.label)}**${e.disputed ? ' ⚠ sources disagree' : ''}` : ''} | ${md(m.path)}:${m.line} | “${md(m.text)}”${m.derivedFrom ? ` (${md(m.derivedFrom)})` : ''} | ${md(m.context)} |`));
    }
  }
  out.push('');
  out.push('## Conflicts between sources', '');
  if (!data.conflicts.length) out.push(noConflicts(data));
  for (const c of data.conflicts) {
    out.push(`- ${md(c.summary)}`);
    for (const m of c.mentions) out.push(`  - ${md(m.path)}:${m.line} “${md(m.text)}”`);
  }
  out.push('');
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
