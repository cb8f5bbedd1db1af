// Restricted Mode: workspace trust on and the folder not trusted. Sourcemark declares limited
// support (package.json, capabilities.untrustedWorkspaces): it activates and works, and its
// restricted settings are taken from the user only. The folder's own settings say that no file is
// a source, so findings appear only if VS Code ignores them as the declaration asks.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { startSession, type Session } from './session';
import { Workbench } from './workbench';

const SOURCE = '000_10788ba24ea37e24.txt';

let session: Session;
let wb: Workbench;

beforeAll(async () => {
  session = await startSession({ restricted: true, folderSettings: { 'sourcemark.sources': 'no-such-folder/**/*.txt' } });
  wb = new Workbench(session.page);
});

afterAll(async () => {
  await session?.close();
});

describe('Sourcemark in Restricted Mode', () => {
  it('analyses, hovers and tags in an untrusted folder, ignoring the folder\'s restricted settings', async () => {
    onTestFailed(async () => {
      await wb?.screenshot('failed-restricted-mode').catch(() => undefined);
    });
    const { page } = session;
    await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: SOURCE }).first().waitFor();
    await wb.openFromExplorer(SOURCE);
    // Findings: the extension is active and the folder's "sourcemark.sources" was not applied.
    await page.locator('.statusbar-item', { hasText: /\d+ claims · 0 ✓ · 0 \? · 0 ✗ · \d+ untagged/ }).first().waitFor({ timeout: 60_000 });

    const token = wb.activeEditor().locator('.view-line span span', { hasText: /^Xiaomi$/ }).first();
    const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content', { hasText: /mentioned \d+ times/ }).first();
    await wb.pointUntilVisible(token, hover);
    expect(await hover.innerText()).toMatch(/Entity · organisation/);
    await page.mouse.move(5, 5);

    await wb.goTo(1, 1);
    await wb.runCommand('Sourcemark: Go to Next Untagged Claim');
    await page.locator('.statusbar-item', { hasText: /selected/ }).first().waitFor();
    await wb.runCommand('Sourcemark: Tag as Verified');
    const sidecar = path.join(session.workspace, `${SOURCE}.annotations.json`);
    await expect.poll(() => existsSync(sidecar) && JSON.parse(readFileSync(sidecar, 'utf8')).annotations.length, { timeout: 15_000 }).toBe(1);
    await page.locator('.statusbar-item', { hasText: /claims · 1 ✓ · 0 \? · 0 ✗/ }).first().waitFor();
    await wb.screenshot('11-restricted-mode');
  });
});
