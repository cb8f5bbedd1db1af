import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeMarkdown, isWebUrl } from '../../../src/core/text/escape';
import { renderHtml, REPORT_CSP } from '../../../src/core/report/html';
import { renderMarkdown } from '../../../src/core/report/markdown';
import { buildReport, type ReportSource } from '../../../src/core/report/reportData';
import { exportSource, tagSidecar } from '../export/exportFixtures';

const HOSTILE = 'Evil <img src=x onerror=alert(1)> said "it" & [link](javascript:x) | *bold* `code` in March 2018.';

const HOSTILE_CORPUS = {
  timeline: [{ label: '2018-03 <x>', disputed: true, mentions: [{ path: 'x<y>.txt', line: 1, text: 'March <2018>', context: HOSTILE }] }],
  conflicts: [{ summary: 'time-frame: <b>', mentions: [{ path: 'x<y>.txt', line: 1, text: HOSTILE }] }],
};

function hostileSource(): ReportSource {
  const text = `${HOSTILE}\n\nThe firm sold 5 million phones in 2017, according to IDC.\n`;
  const sidecar = tagSidecar(text, [{ kind: 'claim', quote: HOSTILE, status: 'contradicted', note: '</td><script>alert(2)</script>', evidence: [{ kind: 'url', url: 'javascript:alert(3)' }] }]);
  return { ...exportSource(text, sidecar, 'x<y>.txt'), sidecarProblem: '<b>bad</b>' };
}

describe('report', () => {
  it('escapes every source string in HTML, links only web URLs, and declares a script-free CSP', () => {
    const html = renderHtml(buildReport([hostileSource()], { claims: 'all', title: 'T <i>', ...HOSTILE_CORPUS }));
    expect(html).not.toMatch(/<script|<img|<b>|<i>|<x>|<2018>|href="javascript/);
    expect(html).toContain('sources disagree');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('x&lt;y&gt;.txt');
    expect(html).toContain(`content="${escapeHtml(REPORT_CSP)}"`);
    expect(REPORT_CSP).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(REPORT_CSP).not.toMatch(/unsafe|script-src/);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it('escapes Markdown so no link, HTML, emphasis or table cell comes from the text', () => {
    const md = renderMarkdown(buildReport([hostileSource()], { claims: 'all', ...HOSTILE_CORPUS }));
    const row = md.split('\n').find((l) => l.includes('Evil'))!;
    expect(row).toContain('&lt;img src=x onerror=alert\\(1\\)&gt;');
    expect(row).toContain('\\[link\\]\\(javascript:x\\) \\| \\*bold\\* \\`code\\`');
    // Five cells: the pipes in the text were escaped.
    expect(row.replace(/\\\|/g, '').split('|').length - 2).toBe(5);
    expect(md).toContain('**2018-03 &lt;x&gt;** ⚠ sources disagree');
    expect(md).toContain('- time-frame: &lt;b&gt;');
    expect(escapeMarkdown('a\nb')).toBe('a b');
    expect(isWebUrl('https://x.example')).toBe(true);
    expect(isWebUrl('javascript:alert(1)')).toBe(false);
  });

  it('counts claims per status per source and totals them', () => {
    const data = buildReport([hostileSource()], { claims: 'tagged', timeline: [], conflicts: [] });
    expect(data.sources[0]!.byStatus.contradicted).toBe(1);
    expect(data.totals.byKind.claim).toBe(data.sources[0]!.byKind.claim);
    expect(data.claims.map((c) => c.status)).toEqual(['contradicted']);
  });

  it('says when it found no conflict, and when it did not look for any', () => {
    const none = buildReport([hostileSource()], { claims: 'all', timeline: [], conflicts: [] });
    const skipped = buildReport([hostileSource()], { claims: 'all', timeline: [], conflicts: undefined });
    expect(renderHtml(none)).toMatch(/<section id="conflicts"><h2>Conflicts between sources<\/h2><p class="note">None found: /);
    expect(renderMarkdown(none)).toMatch(/## Conflicts between sources\n\nNone found: .*\n$/);
    expect(renderHtml(skipped)).toContain('<p class="note">Not searched (--skip-conflicts).</p>');
    expect(renderMarkdown(skipped)).toMatch(/## Conflicts between sources\n\nNot searched \(--skip-conflicts\)\.\n$/);
    // Listed conflicts need no such line.
    expect(renderHtml(buildReport([hostileSource()], { claims: 'all', ...HOSTILE_CORPUS }))).not.toMatch(/None found|Not searched/);
  });
});
