// Starts what the journeys run against: a temp copy of the sample sources, a VS Code profile with
// the packaged VSIX installed, code-server on a free loopback port, and Debian's Chromium.
import { copyFileSync, cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ensureCodeServer, freePort, prepareProfile, startCodeServer, type RunningCodeServer } from '../../scripts/codeServer.mjs';

export const ROOT = path.resolve(__dirname, '../..');
export const ARTIFACTS = path.join(ROOT, 'test-results', 'e2e');
export const VSIX = path.join(ROOT, 'sourcemark.vsix');
const SOURCES = path.join(ROOT, 'test-fixtures', 'sources');
const CHROMIUM = process.env.SOURCEMARK_CHROMIUM ?? '/usr/bin/chromium';

export interface Session {
  workspace: string;
  page: Page;
  browser: Browser;
  codeServer: RunningCodeServer;
  close(): Promise<void>;
}

/** Settings a first-time user would not have changed, minus what makes a test machine noisy. */
const E2E_SETTINGS = {
  'explorer.fileNesting.enabled': true, // shows the contributed nesting of sidecars under sources
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'editor.hover.delay': 300,
};

/** The extension host's logs (the extension's output channel among them) outlive the temp profile. */
function keepLogs(userDataDir: string): void {
  const logs = path.join(userDataDir, 'logs');
  if (!existsSync(logs)) return;
  const dest = path.join(ARTIFACTS, 'logs');
  rmSync(dest, { recursive: true, force: true });
  cpSync(logs, dest, { recursive: true });
}

export async function startSession(): Promise<Session> {
  if (!existsSync(VSIX)) throw new Error(`${VSIX} is missing: run "npm run package" first (npm run test:e2e does).`);
  if (!existsSync(CHROMIUM)) throw new Error(`No browser at ${CHROMIUM}. Install it: apt-get install -y chromium (or set SOURCEMARK_CHROMIUM).`);
  ensureCodeServer();
  rmSync(ARTIFACTS, { recursive: true, force: true }); // screenshots of an earlier run would mislead
  mkdirSync(ARTIFACTS, { recursive: true });
  const temp = mkdtempSync(path.join(tmpdir(), 'sourcemark-e2e-'));
  const workspace = path.join(temp, 'sources');
  mkdirSync(workspace);
  for (const f of readdirSync(SOURCES).filter((f) => f.endsWith('.txt'))) copyFileSync(path.join(SOURCES, f), path.join(workspace, f));
  const profile = prepareProfile(path.join(temp, 'profile'), VSIX, E2E_SETTINGS);

  const log = createWriteStream(path.join(ARTIFACTS, 'code-server.log'));
  const codeServer = await startCodeServer({ ...profile, folder: workspace, port: await freePort(), log: (t) => log.write(t) });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') log.write(`[browser console] ${m.text()}\n`);
  });
  await page.goto(`${codeServer.url}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });

  return {
    workspace, page, browser, codeServer,
    async close() {
      await browser.close().catch(() => undefined);
      await codeServer.stop();
      log.end();
      keepLogs(profile.userDataDir);
      rmSync(temp, { recursive: true, force: true });
    },
  };
}
