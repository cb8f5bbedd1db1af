// The user journeys of issue 3 in a real VS Code (code-server) driven through Chromium, on a temp
// copy of the sample sources, with the packaged VSIX installed. Journeys run in order and share
// one window, as a user's session would. Each saves a screenshot to test-results/e2e/.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed, vi } from 'vitest';
import { ARTIFACTS, startSession, type Session } from './session';
import { Workbench } from './workbench';
import { SERVER_EXEC_ARGV } from '../../src/shared/heapLimit';

const SOURCE = '000_10788ba24ea37e24.txt';
const SECOND_SOURCE = '002_3b3f9ef10a23df2c.txt';
const NOTE = 'Checked against the WSJ report of March 2018';

let session: Session;
let wb: Workbench;
const metrics: Record<string, number | string> = {};
let tagged: { start: number; end: number } | undefined;

const sidecarPath = () => path.join(session.workspace, `${SOURCE}.annotations.json`);
interface SidecarJson { annotations: { kind: string; status: string; comments?: { body: string }[]; target: { start: number; end: number } }[] }
const readSidecar = (): SidecarJson | undefined => (existsSync(sidecarPath()) ? JSON.parse(readFileSync(sidecarPath(), 'utf8')) : undefined);

/** 1-based line and column of a UTF-16 offset in the source as saved on disk. */
function lineColumn(offset: number): { line: number; column: number } {
  const before = readFileSync(path.join(session.workspace, SOURCE), 'utf8').slice(0, offset).split(/\r\n|\r|\n/);
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

beforeAll(async () => {
  const started = Date.now();
  session = await startSession();
  wb = new Workbench(session.page);
  metrics.startupMs = Date.now() - started;
});

afterAll(async () => {
  await session?.close();
  const activated = extensionActivatedAt();
  if (activated && firstDiagnosticsAt) metrics.extensionActivationToFirstDiagnosticsMs = firstDiagnosticsAt - activated;
  writeFileSync(path.join(ARTIFACTS, 'metrics.json'), `${JSON.stringify(metrics, null, 2)}\n`);
  console.log(`e2e metrics: ${JSON.stringify(metrics)}`);
});

let firstDiagnosticsAt: number | undefined;

/** When the extension host activated Sourcemark the first time, from its log (local time, ms). */
function extensionActivatedAt(): number | undefined {
  const logs = path.join(ARTIFACTS, 'logs');
  if (!existsSync(logs)) return undefined;
  const files = readdirSync(logs, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('remoteexthost.log')).sort();
  for (const f of files) {
    const m = readFileSync(path.join(logs, f), 'utf8').match(/^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)\.(\d{3}) \[info\] ExtensionService#_doActivateExtension sourcemark\.sourcemark/m);
    if (m) {
      const [y, mo, d, h, mi, sec, ms] = m.slice(1).map(Number);
      return new Date(y, mo - 1, d, h, mi, sec, ms).getTime();
    }
  }
  return undefined;
}

function screenshotOnFailure(name: string): void {
  onTestFailed(async () => {
    await wb?.screenshot(`failed-${name}`).catch(() => undefined);
  });
}

describe('Sourcemark in VS Code (code-server + Chromium)', () => {
  it('opening a source puts its findings in the Problems panel', async () => {
    screenshotOnFailure('problems');
    const { page } = session;
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: SOURCE }).first().waitFor();
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel').waitFor();

    // Activation cost: first source opened (the extension activates on it) to first diagnostic shown.
    const opened = Date.now();
    await wb.openFromExplorer(SOURCE);
    const firstRow = page.locator('.markers-panel .monaco-list-row', { hasText: 'Sourcemark' }).first();
    await firstRow.waitFor({ timeout: 60_000 });
    firstDiagnosticsAt = Date.now();
    metrics.openToFirstDiagnosticsMs = firstDiagnosticsAt - opened;
    await expect.poll(() => page.locator('.markers-panel .monaco-list-row', { hasText: 'Sourcemark' }).count()).toBeGreaterThan(5);
    // The status bar shows the source's counts.
    await page.locator('.statusbar-item', { hasText: /\d+ claims · 0 ✓ · 0 \? · 0 ✗ · \d+ untagged/ }).first().waitFor();
    await wb.screenshot('01-problems');

    // A second source, with the extension and server already running.
    const second = Date.now();
    await wb.openFromExplorer(SECOND_SOURCE);
    await page.locator('.markers-panel .monaco-list-row', { hasText: SECOND_SOURCE }).first().waitFor();
    metrics.secondSourceToDiagnosticsMs = Date.now() - second;
    await wb.openFromExplorer(SOURCE);
  });

  it('hovering an entity shows its type and mention count', async () => {
    screenshotOnFailure('hover');
    const { page } = session;
    // Semantic tokens: the entity "Xiaomi" at the start of the title becomes a token of its own.
    const token = wb.activeEditor().locator('.view-line span span', { hasText: /^Xiaomi$/ }).first();
    await token.waitFor();
    // The Problems part of the hover comes first; wait for the part the server explains the entity in.
    const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content', { hasText: /mentioned \d+ times/ }).first();
    metrics.entityHoverTries = await wb.pointUntilVisible(token, hover);
    const text = await hover.innerText();
    expect(text).toMatch(/Entity · organisation/);
    expect(text).toMatch(/Xiaomi: mentioned \d+ times/);
    await wb.screenshot('02-hover-entity', 'hover');
    await page.mouse.move(5, 5);
  });

  it('the lightbulb on a claim tags it verified: the decoration changes and the sidecar holds the tag', async () => {
    screenshotOnFailure('tag');
    const { page } = session;
    expect(readSidecar()).toBeUndefined();
    await wb.goTo(1, 1);
    await wb.runCommand('Sourcemark: Go to Next Untagged Claim');
    await page.locator('.statusbar-item', { hasText: /selected/ }).first().waitFor();
    expect(await wb.countWithBackground('sourcemark.verifiedBackground')).toBe(0);
    const untaggedCount = async () => Number(/(\d+) untagged/.exec(await page.locator('.statusbar-item', { hasText: /untagged/ }).first().innerText())![1]);
    const untaggedBefore = await untaggedCount();

    // The lightbulb's menu, opened with its key (Ctrl+.): code lenses and cross-source updates keep
    // moving the lightbulb icon itself while the workspace is indexed, so clicking it is flaky.
    await page.locator('.monaco-editor .lightBulbWidget, .monaco-editor .glyph-margin-widgets [class*="codicon-gutter-lightbulb"]').first().waitFor({ state: 'attached' });
    await page.keyboard.press('Control+.');
    const action = page.locator('.action-widget .monaco-list-row', { hasText: /^Tag as verified/ }).first();
    await action.waitFor();
    // The menu ignores the pointer until it moves (a guard against clicks meant for the editor).
    const box = (await action.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await action.click();

    // The sidecar beside the source holds the tag...
    await expect.poll(() => readSidecar()?.annotations.filter((a) => a.kind === 'claim' && a.status === 'verified').length ?? 0, { timeout: 15_000 }).toBe(1);
    tagged = readSidecar()!.annotations[0].target;
    // ...and the claim is now drawn in the contributed "verified" colour, with the counts updated.
    await expect.poll(() => wb.countWithBackground('sourcemark.verifiedBackground'), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.locator('.statusbar-item', { hasText: /claims · 1 ✓ · 0 \? · 0 ✗/ }).first().waitFor();
    expect(await untaggedCount()).toBe(untaggedBefore - 1);
    // A bare cursor inside the claim (the selection would hide the colour in the picture).
    const { line, column } = lineColumn(tagged.start + 1);
    await wb.goTo(line, column);
    await wb.screenshot('03-tagged-verified', 'tagged');
  });

  it('a note added with the command shows in the hover', async () => {
    screenshotOnFailure('note');
    await wb.runCommand('Sourcemark: Add or Edit Note');
    await wb.quickInput().waitFor({ state: 'visible' });
    await wb.quickInput().fill(NOTE);
    await wb.quickInput().press('Enter');
    await expect.poll(() => readSidecar()?.annotations[0]?.comments?.[0]?.body, { timeout: 15_000 }).toBe(NOTE);
    const { line, column } = lineColumn(tagged!.start + 1);
    await wb.goTo(line, column);
    // One match for both, so a hover redrawn by a live update is asked again rather than read half-gone.
    await wb.hoverAtCursor(new RegExp(`Tag: verified[\\s\\S]*${NOTE}`));
    await wb.screenshot('04-note-in-hover');
    await wb.closeHover();
  });

  it('after reloading the window the tag and the note are still there', async () => {
    screenshotOnFailure('reload');
    const { page } = session;
    await page.reload();
    await page.locator('.monaco-workbench').waitFor();
    await wb.openFromExplorer(SOURCE);
    // The extension is active again once its status bar item shows the tagged count.
    await page.locator('.statusbar-item', { hasText: /claims · 1 ✓ · 0 \? · 0 ✗/ }).first().waitFor({ timeout: 60_000 });
    await expect.poll(() => wb.countWithBackground('sourcemark.verifiedBackground'), { timeout: 30_000 }).toBeGreaterThan(0);
    const { line, column } = lineColumn(tagged!.start + 1);
    await wb.goTo(line, column);
    // One match for both, so a hover redrawn by a live update is asked again rather than read half-gone.
    await wb.hoverAtCursor(new RegExp(`Tag: verified[\\s\\S]*${NOTE}`));
    // The sidecar is nested under its source in the Explorer (contributed file nesting pattern).
    await page.locator('.explorer-folders-view .monaco-list-row[aria-expanded]', { hasText: SOURCE }).first().waitFor();
    expect(await page.locator('.explorer-folders-view .monaco-list-row', { hasText: `${SOURCE}.annotations.json` }).count()).toBe(0);
    await wb.screenshot('05-after-reload');
    await wb.closeHover();
  });

  it('the Sourcemark view lists the source with its new count', async () => {
    screenshotOnFailure('view');
    const { page } = session;
    await page.locator('.activitybar .action-item', { has: page.locator('[aria-label^="Sourcemark"]') }).first().click();
    const row = page.locator('.part.sidebar .monaco-list-row', { hasText: SOURCE }).first();
    await row.waitFor();
    await expect.poll(() => row.innerText()).toMatch(/\d+ claims · 1 ✓ · 0 \? · 0 ✗ · \d+ untagged/);
    // Every sample source is listed, and the tagged source expands to its findings.
    for (const name of [SECOND_SOURCE, '004_6b7e9ae35fb55bc0.txt']) await page.locator('.part.sidebar .monaco-list-row', { hasText: name }).first().waitFor();
    await row.locator('.monaco-tl-twistie').click();
    await page.locator('.part.sidebar .monaco-list-row', { hasText: '✓ verified' }).first().waitFor();
    await wb.screenshot('06-sourcemark-view', 'view');
  });

  it('tagging a claim from the Sourcemark view updates the view, the editor and the sidecar live', async () => {
    screenshotOnFailure('view-tag');
    const { page } = session;
    // Untagged claims are the rows with the empty-circle icon.
    const untaggedClaim = page.locator('.part.sidebar .monaco-list-row:has(.codicon-circle-large-outline)').first();
    const tagButton = untaggedClaim.locator('.action-label[aria-label*="Tag as Contradicted"]');
    await wb.pointUntilVisible(untaggedClaim, tagButton);
    await tagButton.click();
    await expect.poll(() => readSidecar()?.annotations.filter((a) => a.status === 'contradicted').length ?? 0, { timeout: 15_000 }).toBe(1);
    await page.locator('.part.sidebar .monaco-list-row', { hasText: /claims · 1 ✓ · 0 \? · 1 ✗/ }).first().waitFor();
    await page.locator('.statusbar-item', { hasText: /claims · 1 ✓ · 0 \? · 1 ✗/ }).first().waitFor();
    await wb.screenshot('07-tagged-from-view');
  });

  it('when the language server stops, commands say so and the status bar item restarts it', async () => {
    screenshotOnFailure('server-down');
    const { page } = session;
    // The source tagged above is still the active editor (the sidebar shows the Sourcemark view).
    await page.locator('.tabs-container .tab.active', { hasText: SOURCE }).waitFor();
    await page.locator('.statusbar-item', { hasText: /claims · 1 ✓ · 0 \? · 1 ✗/ }).first().waitFor();
    // The client restarts a crashed server 4 times in 3 minutes, then gives up: crash the server of
    // this window 5 times, each time once its successor is running (killing one that is still
    // starting would test the language client's start-up races, not ours).
    let last: number | undefined;
    for (let crash = 1; crash <= 5; crash++) {
      await vi.waitFor(() => {
        if (serverStarts(session.userDataDir) < crash) throw new Error(`the language server did not come back before crash ${crash}`);
      }, { timeout: 60_000, interval: 100 });
      const pid = await vi.waitFor(() => {
        const fresh = serverPids(session.extensionsDir).find((p) => p !== last);
        if (!fresh) throw new Error(`no language server process to crash (crash ${crash})`);
        return fresh;
      }, { timeout: 30_000, interval: 100 });
      process.kill(pid, 'SIGKILL');
      last = pid;
    }
    const stopped = page.locator('.statusbar-item', { hasText: 'Sourcemark stopped' }).first();
    await stopped.waitFor();
    await expect.poll(() => serverPids(session.extensionsDir)).toHaveLength(0);

    // A command used while the server is down says so, and says what to do.
    await wb.goTo(1, 1);
    await wb.runCommand('Sourcemark: Tag as Verified');
    // Looked for in the notification list, which keeps every message: VS Code drops the toast of a
    // fourth notification within 800 ms, and the crashes just before can fill that budget.
    await wb.runCommand('Notifications: Show Notifications');
    await page.locator('.notifications-center .notification-list-item', { hasText: /Sourcemark language server is not running.*Restart Language Server/ }).first().waitFor();
    await wb.screenshot('08-server-down');
    // The crashes' failed writes are in the output, not in notifications of their own.
    expect(await page.locator('.notifications-center .notification-list-item', { hasText: 'connection to server is erroring' }).count()).toBe(0);
    await wb.runCommand('Notifications: Hide Notifications');
    await page.locator('.notifications-center').first().waitFor({ state: 'hidden' });

    // The status bar item restarts it; the counts and the tags come back.
    await stopped.click();
    await page.locator('.statusbar-item', { hasText: /claims · 1 ✓ · 0 \? · 1 ✗/ }).first().waitFor({ timeout: 60_000 });
    const [pid] = serverPids(session.extensionsDir);
    expect(pid).toBeDefined();
    // Started as the client starts it: under the heap limit of shared/heapLimit.ts.
    expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')).toEqual(expect.arrayContaining([...SERVER_EXEC_ARGV]));
    expect(serverPids(session.extensionsDir)).toHaveLength(1);
    await expect.poll(() => wb.countWithBackground('sourcemark.verifiedBackground'), { timeout: 30_000 }).toBeGreaterThan(0);
    await wb.screenshot('09-server-restarted');
  });

  it('hovering a quotation shows who said it, and the lightbulb tags it', async () => {
    screenshotOnFailure('quotation');
    const { page } = session;
    await page.locator('.tabs-container .tab.active', { hasText: SOURCE }).waitFor();
    // The journey before leaves its notifications open; they would take the Escape that closes a hover.
    await wb.runCommand('Notifications: Clear All Notifications');
    await page.locator('.notification-toast').first().waitFor({ state: 'detached' });
    const text = readFileSync(path.join(session.workspace, SOURCE), 'utf8');
    const quote = text.indexOf('“to start entering the market');
    const { line, column } = lineColumn(quote + 5);
    await wb.goTo(line, column);
    // "Lei Jun, who said his company plans “…”": the speaker is found through "who".
    const hover = await wb.hoverAtCursor(/Quotation · direct quote/);
    expect(await hover.innerText()).toMatch(/Speaker: Lei Jun \(person\)/);
    await wb.screenshot('10-hover-quotation');
    await wb.closeHover();

    // The cursor is in the quote and in the claim around it: the lightbulb names which it tags.
    await page.keyboard.press('Control+.');
    const action = page.locator('.action-widget .monaco-list-row', { hasText: /^Tag as verified \(quotation/ }).first();
    await action.waitFor();
    const box = (await action.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await action.click();
    await expect.poll(() => readSidecar()?.annotations.filter((a) => a.kind === 'quotation' && a.status === 'verified').length ?? 0, { timeout: 15_000 }).toBe(1);
    const saved = readSidecar()!.annotations.find((a) => a.kind === 'quotation')!;
    expect(text.slice(saved.target.start, saved.target.end)).toBe('“to start entering the market by end 2018, or by early 2019.”');
    // The hover says so once the server has re-analysed the source with the new tag.
    await wb.goTo(line, column);
    await expect.poll(async () => {
      const text = await (await wb.hoverAtCursor(/Quotation · direct quote/)).innerText();
      if (!text.includes('Tag: verified')) await wb.closeHover();
      return text.includes('Tag: verified');
    }, { timeout: 15_000 }).toBe(true);
    await wb.screenshot('11-quotation-tagged');
    await wb.closeHover();
  });

  it('with the output channel at Trace and sourcemark.trace.server verbose, an edit\'s analysis is traced step by step', async () => {
    screenshotOnFailure('trace');
    const { page } = session;
    mkdirSync(path.join(session.workspace, '.vscode'), { recursive: true });
    writeFileSync(path.join(session.workspace, '.vscode', 'settings.json'), `${JSON.stringify({ 'sourcemark.trace.server': 'verbose' }, null, 2)}\n`);
    await wb.runCommand('Developer: Set Log Level...');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: /^Sourcemark/ }).first().click();
    await page.locator('.quick-input-list .monaco-list-row', { hasText: /^Trace/ }).first().click();
    await page.locator('.quick-input-widget').first().waitFor({ state: 'hidden' });
    // An edit in the editor, not saved: its analysis is what the trace shows.
    await wb.goTo(1, 1);
    await page.keyboard.type('Now ');
    const traced = () => extensionLog(session.userDataDir).split('\n').find((l) => /Analysed file:\S+000_10788ba24ea37e24\.txt \(version \d+\), \d+ diagnostics \(.+ ms in all\): waited .+ ms, .*analysis .+ ms, diagnostics .+ ms, written .+ ms\./.test(l));
    await expect.poll(traced, { timeout: 30_000 }).toBeTruthy();
    // The steps' marks, as JSON, at verbose.
    await expect.poll(() => /"marks":\{"changed":[\d.]+,"started":[\d.]+,"read":[\d.]+,.*"sent":[\d.]+\}/.test(extensionLog(session.userDataDir)), { timeout: 15_000 }).toBe(true);
    await page.keyboard.press('Control+Z');
  });
});

/** How often this window's language server reached "running", from the extension's output log. */
function serverStarts(userDataDir: string): number {
  return extensionLog(userDataDir).split('\n').filter((line) => line.includes('Language server running.')).length;
}

/** The Sourcemark output channel's log of this window's current extension host ('' before there is one). */
function extensionLog(userDataDir: string): string {
  const logs = path.join(userDataDir, 'logs');
  // The window's current extension host is the last one started (a reload starts a new one).
  const hosts = readdirSync(logs).sort().flatMap((session) => readdirSync(path.join(logs, session))
    .filter((d) => /^exthost\d+$/.test(d))
    .sort((a, b) => Number(a.slice(7)) - Number(b.slice(7)))
    .map((host) => path.join(logs, session, host)));
  const host = hosts.at(-1);
  const log = host && path.join(host, 'sourcemark.sourcemark', 'Sourcemark.log');
  return log && existsSync(log) ? readFileSync(log, 'utf8') : '';
}

/** Language server processes run from the VSIX installed for this session (not other tests' servers). */
function serverPids(extensionsDir: string): number[] {
  try {
    const out = execFileSync('pgrep', ['-f', `${extensionsDir}/[^ ]*/dist/server\\.js`], { encoding: 'utf8' });
    return out.split('\n').filter(Boolean).map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}
