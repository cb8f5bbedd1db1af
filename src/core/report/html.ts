// The report as one self-contained HTML page: no script at all, no network, a Content-Security-
// Policy that allows only its own stylesheet (by hash), every source string escaped.
import { createHash } from 'node:crypto';
import { describeEvidence, urlDetails, type Evidence } from '../export/evidence';
import { statusChart, STATUS_COLOURS } from './barChart';
import { escapeHtml as h, isWebUrl } from '../text/escape';
import { FINDING_KINDS, KIND_WORDS } from '../model';
import { CHART_STATUSES, noConflicts, type ClaimRow, type ReportData, type SourceRow } from './reportData';
import { formatCount } from '../text/count';

const STYLE = `
:root { color-scheme: light; --ink: #1b1b1b; --muted: #5f6368; --rule: #d9d9d9; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); margin: 24px auto; max-width: 1100px; padding: 0 16px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid var(--rule); padding-bottom: 4px; }
.summary, .note { color: var(--muted); margin: 4px 0; }
nav a { margin-right: 14px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--rule); }
th { font-weight: 600; background: #f4f4f4; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.where { white-space: nowrap; color: var(--muted); font-size: 0.85em; }
table.claims { table-layout: fixed; }
table.claims col.line { width: 56px; }
table.claims col.tag { width: 112px; }
table.claims col.claim { width: 46%; }
table.claims tr.group th { background: #e8eef7; font-weight: 600; overflow-wrap: anywhere; }
td { overflow-wrap: anywhere; }
table.timeline th, table.timeline td.written { white-space: nowrap; }
ul.evidence { margin: 0; padding-left: 16px; }
.status { display: inline-block; padding: 1px 7px; border-radius: 9px; color: #fff; font-size: 0.85em; font-weight: 600; white-space: nowrap; }
${CHART_STATUSES.map((s) => `.status-${s} { background: ${STATUS_COLOURS[s]}; }`).join('\n')}
.status-speculative { color: #1b1b1b; }
.orphaned { font-size: 0.8em; color: #c62828; display: block; }
.cues { color: var(--muted); font-size: 0.85em; }
svg.chart { max-width: 100%; height: auto; }
svg.chart text { font: 12px system-ui, sans-serif; fill: var(--ink); }
.problem { color: #c62828; }
.disagree { display: block; font-size: 11px; font-weight: 600; color: #c62828; }
section#conflicts li { margin-bottom: 6px; }
@media print {
  body { margin: 0; max-width: none; font-size: 11px; }
  nav { display: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  tr, li, svg.chart { break-inside: avoid; }
  h2 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  @page { margin: 14mm; }
}
`;

const STYLE_HASH = createHash('sha256').update(STYLE, 'utf8').digest('base64');
/** The page's policy: its own inline stylesheet and nothing else: no script, image, font, frame or form. */
export const REPORT_CSP = `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; img-src 'none'; base-uri 'none'; form-action 'none'`;

const badge = (status: string) => `<span class="status status-${h(status)}">${h(status)}</span>`;
const n = formatCount;
const count = (x: number, one: string, many = `${one}s`) => `${n(x)} ${x === 1 ? one : many}`;

function evidenceHtml(evidence: readonly Evidence[]): string {
  if (!evidence.length) return '';
  const item = (e: Evidence) =>
    e.kind === 'url' && isWebUrl(e.url)
      ? `<li><a href="${h(e.url)}" rel="noopener noreferrer">${h(e.title ?? e.url)}</a>${h(urlDetails(e))}</li>`
      : `<li>${h(describeEvidence(e))}</li>`;
  return `<ul class="evidence">${evidence.map(item).join('')}</ul>`;
}

/** The kinds counted in columns after the claims and their statuses. */
const OTHER_KINDS = FINDING_KINDS.filter((k) => k !== 'claim');

function countsTable(sources: readonly SourceRow[], totals: ReportData['totals']): string {
  const row = (s: SourceRow) => {
    const problems = [s.skipped && `not analysed: ${s.skipped}`, s.sidecarProblem && `tags not loaded: ${s.sidecarProblem}`].filter(Boolean) as string[];
    return `<tr><td>${h(s.path)}${problems.map((p) => `<div class="problem">${h(p)}</div>`).join('')}</td><td class="num">${n(s.byKind.claim)}</td>${CHART_STATUSES.map((k) => `<td class="num">${n(s.byStatus[k])}</td>`).join('')}<td class="num">${n(s.orphans)}</td>${OTHER_KINDS.map((k) => `<td class="num">${n(s.byKind[k])}</td>`).join('')}</tr>`;
  };
  return [
    '<table class="counts">',
    `<thead><tr><th>source</th><th class="num">claims</th>${CHART_STATUSES.map((k) => `<th class="num">${k}</th>`).join('')}<th class="num">orphaned tags</th>${OTHER_KINDS.map((k) => `<th class="num">${KIND_WORDS[k].many}</th>`).join('')}</tr></thead>`,
    `<tbody>${sources.map(row).join('\n')}</tbody>`,
    `<tfoot><tr><th>all ${n(totals.sources)} sources</th><th class="num">${n(totals.byKind.claim)}</th>${CHART_STATUSES.map((k) => `<th class="num">${n(totals.byStatus[k])}</th>`).join('')}<th class="num">${n(totals.orphans)}</th>${OTHER_KINDS.map((k) => `<th class="num">${n(totals.byKind[k])}</th>`).join('')}</tr></tfoot>`,
    '</table>',
  ].join('\n');
}

function claimsTable(claims: readonly ClaimRow[], what = 'claim'): string {
  if (!claims.length) return `<p class="note">No ${what}s.</p>`;
  const rows: string[] = [];
  let source: string | undefined;
  for (const c of claims) {
    // A heading row per source keeps the line column narrow and the quotes wide.
    if (c.path !== source) {
      source = c.path;
      rows.push(`<tr class="group"><th colspan="5" scope="rowgroup">${h(c.path)}</th></tr>`);
    }
    const cues = c.notes.join(' · ');
    rows.push(`<tr><td class="where">${c.orphaned ? '–' : c.line}</td><td class="quote">${h(c.text)}${cues ? `<div class="cues">${h(cues)}</div>` : ''}</td><td>${badge(c.status)}${c.orphaned ? '<span class="orphaned">text no longer in the source</span>' : ''}</td><td>${c.note ? h(c.note) : ''}</td><td>${evidenceHtml(c.evidence)}</td></tr>`);
  }
  return `<table class="claims">\n<colgroup><col class="line"><col class="claim"><col class="tag"><col class="note"><col class="evidence"></colgroup>\n<thead><tr><th>line</th><th>${what}</th><th>tag</th><th>note</th><th>evidence</th></tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}

function timelineTable(data: ReportData): string {
  if (!data.timeline.length) return '<p class="note">No dates that resolve to a point in time (reader comments are left out).</p>';
  const rows = data.timeline.map((t) =>
    t.mentions.map((m, i) => `<tr${t.disputed ? ' class="disputed"' : ''}>${i === 0 ? `<th rowspan="${t.mentions.length}" scope="rowgroup">${h(t.label)}${t.disputed ? '<span class="disagree">sources disagree</span>' : ''}</th>` : ''}<td class="where">${h(m.path)}:${m.line}</td><td class="written">“${h(m.text)}”${m.derivedFrom ? `<div class="cues">${h(m.derivedFrom)}</div>` : ''}</td><td>${h(m.context)}</td></tr>`).join('\n'));
  return `<table class="timeline">\n<thead><tr><th>date</th><th>where</th><th>as written</th><th>context</th></tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}

function conflictsSection(data: ReportData): string {
  if (!data.conflicts.length) return `<section id="conflicts"><h2>Conflicts between sources</h2><p class="note">${h(noConflicts(data))}</p></section>`;
  const items = data.conflicts.map((c) => `<li>${h(c.summary)}<ul>${c.mentions.map((m) => `<li><span class="where">${h(m.path)}:${m.line}</span> “${h(m.text)}”</li>`).join('')}</ul></li>`);
  return `<section id="conflicts"><h2>Conflicts between sources</h2><ul>${items.join('\n')}</ul></section>`;
}

export function renderHtml(data: ReportData): string {
  const t = data.totals;
  const summary = `${count(t.sources, 'source')} · ${count(t.byKind.claim, 'claim')}: ${CHART_STATUSES.map((k) => `${n(t.byStatus[k])} ${k}`).join(', ')} · ${count(t.orphans, 'orphaned tag')}${OTHER_KINDS.map((k) => ` · ${count(t.byKind[k], KIND_WORDS[k].one, KIND_WORDS[k].many)}`).join('')}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${h(REPORT_CSP)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Sourcemark">
<title>${h(data.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${h(data.title)}</h1>
<p class="summary">${h(summary)}</p>
<nav><a href="#status">Status per source</a><a href="#claims">Claims</a>${data.quotations.length ? '<a href="#quotations">Quotations</a>' : ''}<a href="#timeline">Timeline</a><a href="#conflicts">Conflicts</a></nav>
</header>
<section id="status">
<h2>Status per source</h2>
${statusChart(data.sources)}
${countsTable(data.sources, t)}
</section>
<section id="claims">
<h2>Claims</h2>
${claimsTable(data.claims)}
</section>${data.quotations.length ? `\n<section id="quotations">\n<h2>Quotations</h2>\n${claimsTable(data.quotations, 'quotation')}\n</section>` : ''}
<section id="timeline">
<h2>Timeline of dates across sources</h2>
${timelineTable(data)}
</section>
${conflictsSection(data)}
</body>
</html>
`;
}
