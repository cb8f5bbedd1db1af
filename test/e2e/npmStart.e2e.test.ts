// `npm start` as a new user meets it: the real scripts/start.mjs, its profile and its sample copy,
// here in a temp folder inside a git repository (as .cache/ is inside the clone). The CLI summary
// comes before the URL; the workbench opens with no git toast over the editor; the walkthrough's
// steps complete as the user does each thing.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { freePort } from '../../scripts/codeServer.mjs';
import { ARTIFACTS, ROOT } from './session';
import { Workbench } from './workbench';

const SOURCE = '000_10788ba24ea37e24.txt';
const CHROMIUM = process.env.SOURCEMARK_CHROMIUM ?? '/usr/bin/chromium';

let temp: string;
let workspace: string;
let start: ChildProcess;
let exited: Promise<unknown>;
let output = '';
let browser: Browser;
let page: Page;
let wb: Workbench;

beforeAll(async () => {
  temp = mkdtempSync(path.join(tmpdir(), 'sourcemark-start-'));
  execFileSync('git', ['init', '--quiet', temp]);
  const state = path.join(temp, 'cache');
  workspace = path.join(state, 'sample-sources');
  start = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.mjs')], {
    cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    // The index cache in the temp folder too: the run's snapshot of its temp folder is no use to the user's cache.
    env: { ...process.env, SOURCEMARK_START: 'web', SOURCEMARK_START_DIR: state, SOURCEMARK_CACHE_DIR: path.join(temp, 'index-cache'), PORT: String(await freePort()) },
  });
  exited = new Promise((resolve) => start.once('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d;
      const m = /\(code-server\): (http:\/\/\S+)/.exec(output);
      if (m) resolve(m[1]);
    };
    start.stdout!.on('data', onData);
    start.stderr!.on('data', onData);
    void exited.then(() => reject(new Error(`npm start ended before printing a URL:\n${output}`)));
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  wb = new Workbench(page);
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
});

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  if (start && start.exitCode === null) {
    process.kill(-start.pid!, 'SIGTERM');
    await exited;
  }
  const logs = path.join(temp, 'cache', 'start-profile', 'data', 'logs');
  if (existsSync(logs)) cpSync(logs, path.join(ARTIFACTS, 'logs-npm-start'), { recursive: true });
  rmSync(temp, { recursive: true, force: true });
});

/** Opens the source from the Explorer, showing the Explorer first (another view may be in the side bar). */
async function openSource(): Promise<void> {
  await page.keyboard.press('Control+Shift+E');
  await wb.openFromExplorer(SOURCE);
}

describe('npm start', () => {
  it('prints the CLI summary first, and opens the samples with no git toast over the editor', async () => {
    onTestFailed(async () => {
      await wb?.screenshot('failed-npm-start').catch(() => undefined);
    });
    const summary = output.indexOf('total (5 sources)');
    expect(summary).toBeGreaterThan(-1);
    expect(summary).toBeLessThan(output.indexOf('(code-server):'));

    await openSource();
    // The first source opened in npm start's profile brings the walkthrough beside it, once; its
    // first step is checked when the source's findings are in.
    await page.locator('.tabs-container .tab', { hasText: 'Walkthrough: Sourcemark' }).first().waitFor({ timeout: 60_000 });
    await page.locator('button.getting-started-step[data-step-id$="openSource"][aria-checked="true"]').first().waitFor();
    await wb.screenshot('12-npm-start-walkthrough', 'first-run');
    await page.locator('.editor-group-container', { hasText: SOURCE }).first().click();
    await page.locator('.statusbar-item', { hasText: /\d+ claims · \d+ ✓/ }).first().waitFor({ timeout: 60_000 });
    // Git has looked for repositories once its view shows what it found (here: the temp folder's
    // repository above the samples). The toast would have been raised by then.
    await page.keyboard.press('Control+Shift+G');
    await page.locator('.part.sidebar', { hasText: /Git repository/i }).first().waitFor({ timeout: 60_000 });
    await openSource();
    expect(await page.locator('.notification-toast', { hasText: /git repository/i }).count()).toBe(0);
    await wb.screenshot('12-npm-start');
    await wb.runCommand('View: Close All Editors');
  });

  it("the walkthrough's steps complete as the user does each thing", async () => {
    onTestFailed(async () => {
      await wb?.screenshot('failed-walkthrough').catch(() => undefined);
    });
    const step = (id: string) => page.locator(`button.getting-started-step[data-step-id$="${id}"]`).first();
    // Opened afresh each time: opening a file replaces the walkthrough's tab when it is a preview.
    const showWalkthrough = async () => {
      await wb.runCommand('Sourcemark: Get Started');
      await step('openSource').waitFor();
    };
    await showWalkthrough();
    expect(await page.locator('button.getting-started-step').count()).toBe(6);
    // A source was opened above: that step is done, the others are not.
    await expect.poll(() => step('openSource').getAttribute('aria-checked')).toBe('true');
    for (const id of ['readHover', 'tagClaim', 'seeSidecar', 'openView', 'createReport']) expect(await step(id).getAttribute('aria-checked')).toBe('false');

    const done = async (id: string) => {
      await showWalkthrough();
      await expect.poll(() => step(id).getAttribute('aria-checked'), { timeout: 15_000 }).toBe('true');
    };

    // Read a hover.
    await openSource();
    const token = wb.activeEditor().locator('.view-line span span', { hasText: /^Xiaomi$/ }).first();
    await wb.pointUntilVisible(token, page.locator('.monaco-hover:not(.hidden) .monaco-hover-content', { hasText: /mentioned \d+ times/ }).first());
    await page.mouse.move(5, 5);
    await done('readHover');

    // Tag a claim.
    await openSource();
    await wb.goTo(1, 1);
    await wb.runCommand('Sourcemark: Go to Next Untagged Claim');
    await page.locator('.statusbar-item', { hasText: /selected/ }).first().waitFor();
    await page.keyboard.press('Control+Alt+1');
    await page.locator('.statusbar-item', { hasText: /claims · 1 ✓/ }).first().waitFor({ timeout: 15_000 });
    await done('tagClaim');

    // See the sidecar.
    await openSource();
    await wb.runCommand('Sourcemark: Show Tags File (Sidecar)');
    await page.locator('.tabs-container .tab.active', { hasText: `${SOURCE}.annotations.json` }).waitFor();
    await done('seeSidecar');

    // Open the Sourcemark view.
    await page.locator('.activitybar .action-item', { has: page.locator('[aria-label^="Sourcemark"]') }).first().click();
    await page.locator('.part.sidebar .monaco-list-row', { hasText: SOURCE }).first().waitFor();
    await done('openView');

    // Make a report: the save dialog offers sourcemark-report.html in the folder.
    // The walkthrough's step media (a webview) takes focus as it loads, which would close the save
    // dialog (a quick input): the report is made with the walkthrough closed.
    await wb.runCommand('View: Close All Editors');
    // Again when its dialog does not come (seen once in five runs: the walkthrough's webview, still
    // closing, took the focus as the dialog opened); the third try waits as long as a test may.
    for (let attempt = 1; ; attempt++) {
      const wait = attempt < 3 ? { timeout: 10_000 } : {};
      await wb.runCommand('Sourcemark: Create Report');
      try {
        await wb.quickInput().waitFor({ state: 'visible', ...wait });
        await expect.poll(() => wb.quickInput().inputValue(), wait).toMatch(/sourcemark-report\.html$/);
        break;
      } catch (e) {
        if (attempt >= 3) throw e;
        await page.keyboard.press('Escape');
      }
    }
    // The save dialog ignores focus loss, so a webview that takes focus leaves it open and takes the
    // Enter meant for it (failed once in CI): Enter goes to the dialog's input until it closes.
    await expect.poll(async () => {
      if (await wb.quickInput().isVisible()) await wb.quickInput().press('Enter', { timeout: 5_000 }).catch(() => undefined);
      return wb.quickInput().isVisible();
    }, { timeout: 60_000 }).toBe(false);
    // The report's tab, or the error the command shows when the CLI fails (its text then fails the test).
    const reportTab = page.locator('.tabs-container .tab.active', { hasText: 'Report: sourcemark-report.html' });
    const failure = page.locator('.notification-toast', { hasText: /could not write the report/ });
    await reportTab.or(failure).first().waitFor({ timeout: 60_000 });
    if (await failure.count()) throw new Error(`Create Report failed: ${await failure.first().innerText()}`);
    expect(readFileSync(path.join(workspace, 'sourcemark-report.html'), 'utf8')).toMatch(/Content-Security-Policy/);
    // The webview shows the report itself (a webview is an iframe holding the page's iframe): ours,
    // by its extension id; the walkthrough's media webview may still be there, closing (seen once).
    const report = page.frameLocator('iframe.webview.ready[src*="extensionId=sourcemark."]').frameLocator('#active-frame');
    await report.locator('h1', { hasText: 'Sourcemark report' }).waitFor({ timeout: 30_000 });
    await wb.screenshot('13-report', 'report');
    await done('createReport');
    // Every step checked, the walkthrough alone in the editor area.
    await wb.runCommand('View: Close All Editors');
    await showWalkthrough();
    for (const id of ['openSource', 'readHover', 'tagClaim', 'seeSidecar', 'openView', 'createReport']) expect(await step(id).getAttribute('aria-checked')).toBe('true');
    await wb.screenshot('14-walkthrough-done', 'walkthrough');
  });
});
