// The HTML report opened in a real headless Chromium: it must render the chart and the tables
// with its strict Content-Security-Policy, request nothing from the network and run no script.
// The screenshots are kept in test-results/ (git-ignored) for a person to look at.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMemo, buildCliWorkspace, REFERENCE_DATE, ROOT, runCli } from './cliWorkspace';

const CHROMIUM = '/usr/bin/chromium';
const RESULTS = path.join(ROOT, 'test-results');

let root: string;
let browser: Browser;

beforeAll(async () => {
  // Fails (never skips) without a browser: CI must install it (apt-get install -y chromium).
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not at ${CHROMIUM}; install it with: apt-get install -y chromium`);
  root = mkdtempSync(path.join(tmpdir(), 'sourcemark-report-'));
  buildCliWorkspace(root);
  // The samples agree with each other; the memo disagrees with them.
  addMemo(root);
  const { code, stderr } = await runCli(['report', '--out', 'report.html', '--title', 'Xiaomi in the US: review', '--reference-date', REFERENCE_DATE, 'sources'], root);
  expect(code, stderr).toBe(0);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
});

afterAll(async () => {
  await browser?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('HTML report in Chromium', () => {
  it('renders the chart, the counts, the claims and the timeline under its CSP, with no script and no network', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const requests: string[] = [];
    const console: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => console.push(m.text()));
    const url = pathToFileURL(path.join(root, 'report.html')).href;
    await page.goto(url);

    // Nothing but the page itself was loaded, and the browser reported no CSP violation.
    expect(requests).toEqual([url]);
    expect(console.filter((m) => /Content Security Policy|Refused/.test(m))).toEqual([]);
    // The note holding <script> stayed text.
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('#claims table.claims').textContent()).toContain('<script>alert("x")</script>');

    // The stylesheet applied (allowed by its hash): the status badge has its colour.
    const badge = page.locator('#claims table.claims .status-contradicted').first();
    expect(await badge.evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).backgroundColor)).toBe('rgb(198, 40, 40)');

    // The chart: one bar per source, segments coloured by status, sized by count.
    const chart = page.locator('svg.chart');
    await expect.poll(() => chart.isVisible()).toBe(true);
    const box = await chart.boundingBox();
    expect(box!.width).toBeGreaterThan(600);
    expect(await chart.locator('g.bar').count()).toBe(6); // the five samples and the memo
    const statuses = await chart.locator('rect[data-status]').evaluateAll((rects) => rects.map((r) => r.getAttribute('data-status')));
    expect(new Set(statuses)).toEqual(new Set(['verified', 'speculative', 'contradicted', 'untagged']));
    const widths = await chart.locator('g.bar').first().locator('rect[data-status]').evaluateAll((rects) => rects.map((r) => r.getBoundingClientRect().width));
    expect(widths.every((w) => w > 0)).toBe(true);

    // The claims table lists every claim with its tag; the orphan is marked.
    const claims = page.locator('#claims table.claims tbody tr');
    expect(await claims.count()).toBeGreaterThan(40);
    const tagged = page.locator('#claims table.claims tbody tr', { hasText: 'Smartphone sales in China fell by 4.9 per cent' });
    expect(await tagged.locator('.status').textContent()).toBe('verified');
    expect(await tagged.textContent()).toContain('IDC, Q4 2017 China smartphone tracker');
    expect(await tagged.locator('a[href="https://example.org/idc/china-q4-2017"]').count()).toBe(1);
    // A javascript: URL is never a link.
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(await page.locator('#claims table.claims', { hasText: 'text no longer in the source' }).count()).toBe(1);
    // Who said what: the quotations have a table of their own, with their speakers.
    expect(await page.locator('#quotations table.claims tbody tr', { hasText: 'by Lei Jun' }).count()).toBeGreaterThan(1);

    // The timeline is in date order across sources.
    const dates = (await page.locator('table.timeline tbody th').allTextContents()).map((d) => d.replace('sources disagree', ''));
    expect(dates.length).toBeGreaterThan(10);
    for (const [a, b] of [['2010', '2017'], ['2017', '2018-02'], ['2018-02', '2018 END'], ['2018 END', '2019 START']]) {
      expect(dates.indexOf(a!), `${a} before ${b}`).toBeGreaterThanOrEqual(0);
      expect(dates.indexOf(a!), `${a} before ${b}`).toBeLessThan(dates.indexOf(b!));
    }
    // The corpus index found where the sources disagree; the report shows it.
    expect(await page.locator('table.timeline .disagree').count()).toBeGreaterThan(0);
    expect(await page.locator('section#conflicts > ul > li', { hasText: /^time-frame: / }).count()).toBe(6);
    // Chairman in one sample, CEO in another: offices one person holds at once, not a conflict; CFO in the memo is.
    const titles = page.locator('section#conflicts > ul > li', { hasText: 'title on Lei Jun' });
    expect(await titles.count()).toBe(2);
    for (const li of await titles.all()) expect(await li.textContent()).toContain('memo.txt');

    mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, 'report.png'), fullPage: true });
    await chart.screenshot({ path: path.join(RESULTS, 'report-chart.png') });
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav').isVisible()).toBe(false);
    await page.screenshot({ path: path.join(RESULTS, 'report-print.png'), fullPage: true });
    await page.close();
  });
});
