// A multi-root workspace in a real VS Code: two folders, a source in each; a tag lands in the
// sidecar beside its own source, and the Sourcemark view lists the sources of both folders.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { startSession, type Session } from './session';
import { Workbench } from './workbench';

const IN_ALPHA = '000_10788ba24ea37e24.txt';
const IN_BETA = '003_ec377d852a875d58.txt';

let session: Session;
let wb: Workbench;

beforeAll(async () => {
  session = await startSession({ multiRoot: true });
  wb = new Workbench(session.page);
});

afterAll(async () => {
  await session?.close();
});

describe('Sourcemark in a multi-root workspace', () => {
  it('tags a source of the second folder into the sidecar beside it, and lists both folders', async () => {
    onTestFailed(async () => {
      await wb?.screenshot('failed-multi-root').catch(() => undefined);
    });
    const { page } = session;
    const [alpha, beta] = session.folders;
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'beta' }).first().waitFor();
    // Folders after the first start collapsed: open "beta" to reach its sources. The explorer may
    // still be restoring its own expansion state, so expand until the source row shows.
    const betaRow = page.locator('.explorer-folders-view .monaco-list-row[aria-level="1"]', { hasText: 'beta' }).first();
    const betaSource = page.locator('.explorer-folders-view .monaco-list-row', { hasText: IN_BETA }).first();
    await expect.poll(async () => {
      if (await betaSource.isVisible()) return true;
      if ((await betaRow.getAttribute('aria-expanded')) !== 'true') await betaRow.click();
      return false;
    }, { timeout: 30_000, interval: 500 }).toBe(true);
    await wb.openFromExplorer(IN_BETA);
    await page.locator('.statusbar-item', { hasText: /\d+ claims · 0 ✓ · 0 \? · 0 ✗/ }).first().waitFor({ timeout: 60_000 });

    await wb.runCommand('Sourcemark: Go to Next Untagged Claim');
    await page.locator('.statusbar-item', { hasText: /selected/ }).first().waitFor();
    await wb.runCommand('Sourcemark: Tag as Speculative');
    const betaSidecar = path.join(beta, `${IN_BETA}.annotations.json`);
    await expect.poll(() => existsSync(betaSidecar) && JSON.parse(readFileSync(betaSidecar, 'utf8')).annotations.length, { timeout: 15_000 }).toBe(1);
    expect(JSON.parse(readFileSync(betaSidecar, 'utf8')).annotations[0]).toMatchObject({ kind: 'claim', status: 'speculative' });
    expect(existsSync(path.join(alpha, `${IN_BETA}.annotations.json`))).toBe(false);
    await page.locator('.statusbar-item', { hasText: /claims · 0 ✓ · 1 \? · 0 ✗/ }).first().waitFor();

    // The Sourcemark view lists the sources of both folders, with the new count on the tagged one.
    await page.locator('.activitybar .action-item', { has: page.locator('[aria-label^="Sourcemark"]') }).first().click();
    await page.locator('.part.sidebar .monaco-list-row', { hasText: IN_ALPHA }).first().waitFor();
    const row = page.locator('.part.sidebar .monaco-list-row', { hasText: IN_BETA }).first();
    await expect.poll(() => row.innerText()).toMatch(/claims · 0 ✓ · 1 \? · 0 ✗/);
    await wb.screenshot('10-multi-root');
  });
});
