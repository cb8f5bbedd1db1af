// The status-per-source bar chart as inline SVG: no script, no external resource, prints as is.
import { escapeHtml } from '../text/escape';
import { cutStart } from '../text/shorten';
import { CHART_STATUSES, type SourceRow, type StatusOrUntagged } from './reportData';

export const STATUS_COLOURS: Record<StatusOrUntagged, string> = {
  verified: '#2e7d32',
  speculative: '#e0a100',
  contradicted: '#c62828',
  untagged: '#9e9e9e',
};

/** More bars than this and the chart shows the sources with the most claims plus one bar for the rest. */
export const MAX_BARS = 40;

const WIDTH = 760;
const LABEL = 250;
const ROW = 22;
const BAR = 14;
const TOP = 34;
const COUNT = 56;

function rows(sources: readonly SourceRow[]): { label: string; title: string; byStatus: Record<StatusOrUntagged, number>; claims: number }[] {
  const asRow = (s: SourceRow) => ({ label: s.path, title: s.path, byStatus: s.byStatus, claims: s.byKind.claim });
  if (sources.length <= MAX_BARS) return sources.map(asRow);
  const ranked = [...sources].sort((a, b) => b.byKind.claim - a.byKind.claim || (a.path < b.path ? -1 : 1));
  const shown = new Set(ranked.slice(0, MAX_BARS - 1));
  const rest = ranked.slice(MAX_BARS - 1);
  const byStatus = { verified: 0, speculative: 0, contradicted: 0, untagged: 0 };
  for (const s of rest) for (const k of CHART_STATUSES) byStatus[k] += s.byStatus[k];
  const label = `${rest.length} other sources`;
  return [...sources.filter((s) => shown.has(s)).map(asRow), { label, title: label, byStatus, claims: rest.reduce((n, s) => n + s.byKind.claim, 0) }];
}

export function statusChart(sources: readonly SourceRow[]): string {
  const data = rows(sources);
  const max = Math.max(1, ...data.map((r) => r.claims));
  const plot = WIDTH - LABEL - COUNT;
  const height = TOP + data.length * ROW + 6;
  const out: string[] = [];
  out.push(`<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-labelledby="chart-title">`);
  out.push('<title id="chart-title">Claims per source by status</title>');
  let x = LABEL;
  for (const status of CHART_STATUSES) {
    out.push(`<rect x="${x}" y="6" width="12" height="12" fill="${STATUS_COLOURS[status]}"/><text x="${x + 16}" y="16" class="legend">${status}</text>`);
    x += 16 + status.length * 7 + 18;
  }
  data.forEach((r, i) => {
    const y = TOP + i * ROW;
    out.push(`<g class="bar" data-source="${escapeHtml(r.title)}">`);
    out.push(`<text x="${LABEL - 8}" y="${y + BAR - 2}" text-anchor="end" class="label"><title>${escapeHtml(r.title)}</title>${escapeHtml(cutStart(r.label, 34))}</text>`);
    let at = LABEL;
    for (const status of CHART_STATUSES) {
      const n = r.byStatus[status];
      if (!n) continue;
      const w = (n / max) * plot;
      out.push(`<rect x="${at.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${BAR}" fill="${STATUS_COLOURS[status]}" data-status="${status}"><title>${escapeHtml(`${r.title}: ${n} ${status}`)}</title></rect>`);
      at += w;
    }
    out.push(`<text x="${(at + 6).toFixed(1)}" y="${y + BAR - 2}" class="count">${r.claims}</text>`);
    out.push('</g>');
  });
  out.push('</svg>');
  return out.join('\n');
}
