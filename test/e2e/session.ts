// Starts what the journeys run against: a temp copy of the sample sources, a VS Code profile with
// the packaged VSIX installed, code-server on a free loopback port, and Debian's Chromium.
import { copyFileSync, cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { RunningCodeServer } from '../../scripts/codeServer.mjs';

export const ROOT = path.resolve(__dirname, '../..');
export const ARTIFACTS = path.join(ROOT, 'test-results', 'e2e');
export const VSIX = path.join(ROOT, 'sourcemark.vsix');
const SOURCES = path.join(ROOT, 'test-fixtures', 'sources');
const CHROMIUM = process.env.SOURCEMARK_CHROMIUM ?? '/usr/bin/chromium';

export interface Session {
  /** The folder opened; in a multi-root session, the first of its folders. */
  workspace: string;
  /** Every folder of the window. */
  folders: string[];
  /** Where the VSIX is installed: the language server runs from below it. */
  extensionsDir: string;
  /** The VS Code profile; its logs folder holds the extension's output log. */
  userDataDir: string;
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
function keepLogs(userDataDir: string, dest: string): void {
  const logs = path.join(userDataDir, 'logs');
  if (!existsSync(logs)) return;
  rmSync(dest, { recursive: true, force: true });
  cpSync(logs, dest, { recursive: true });
}

/**
 * One folder with every sample source, or (`multiRoot`) a workspace of two folders, `alpha` with
 * the first two sample sources and `beta` with the rest.
 */
export interface SessionOptions {
  /** Two folders, `alpha` and `beta`. */
  multiRoot?: boolean;
  /** Workspace trust on and the folder not trusted: VS Code's Restricted Mode. */
  restricted?: boolean;
  /** Written to the (first) folder's .vscode/settings.json. */
  folderSettings?: Record<string, unknown>;
  /** More files for the (first) folder, by name. */
  extraFiles?: Record<string, string>;
  /** More environment for code-server, so for the extension host and the language server. */
  env?: Record<string, string>;
  /** Another build's package (a benchmark comparing two); default VSIX. */
  vsix?: string;
}

export async function startSession(options: SessionOptions = {}): Promise<Session> {
  const vsix = options.vsix ?? VSIX;
  if (!existsSync(vsix)) throw new Error(`${vsix} is missing: run "npm run package" first (npm run test:e2e does).`);
  if (!existsSync(CHROMIUM)) throw new Error(`No browser at ${CHROMIUM}. Install it: apt-get install -y chromium (or set SOURCEMARK_CHROMIUM).`);
  // Imported here: a module with top-level awaits, which a benchmark run through tsx (CommonJS) cannot require.
  const { ensureCodeServer, freePort, prepareProfile, startCodeServer } = await import('../../scripts/codeServer.mjs');
  await ensureCodeServer();
  mkdirSync(ARTIFACTS, { recursive: true }); // emptied once per run by globalSetup.ts
  const temp = mkdtempSync(path.join(tmpdir(), 'sourcemark-e2e-'));
  const names = readdirSync(SOURCES).filter((f) => f.endsWith('.txt')).sort();
  const layout: [string, string[]][] = options.multiRoot ? [['alpha', names.slice(0, 2)], ['beta', names.slice(2)]] : [['sources', names]];
  const folders = layout.map(([folder, files]) => {
    const dir = path.join(temp, folder);
    mkdirSync(dir);
    for (const f of files) copyFileSync(path.join(SOURCES, f), path.join(dir, f));
    return dir;
  });
  const workspace = folders[0];
  for (const [name, text] of Object.entries(options.extraFiles ?? {})) writeFileSync(path.join(workspace, name), text);
  if (options.folderSettings) {
    mkdirSync(path.join(workspace, '.vscode'));
    writeFileSync(path.join(workspace, '.vscode', 'settings.json'), `${JSON.stringify(options.folderSettings, null, 2)}\n`);
  }
  const workspaceFile = path.join(temp, 'sources.code-workspace');
  if (options.multiRoot) writeFileSync(workspaceFile, `${JSON.stringify({ folders: folders.map((f) => ({ path: f })) }, null, 2)}\n`);
  const trust = options.restricted ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' } : {};
  const profile = prepareProfile(path.join(temp, 'profile'), vsix, { ...E2E_SETTINGS, ...trust });

  const suffix = options.multiRoot ? '-multi-root' : options.restricted ? '-restricted' : '';
  const log = createWriteStream(path.join(ARTIFACTS, `code-server${suffix}.log`));
  const codeServer = await startCodeServer({ ...profile, folder: options.multiRoot ? workspaceFile : workspace, port: await freePort(), log: (t) => log.write(t), workspaceTrust: options.restricted,
    // The index cache of this session stays in its temporary folder, not in the user's ~/.cache.
    env: { SOURCEMARK_CACHE_DIR: path.join(temp, 'index-cache'), ...options.env } });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') log.write(`[browser console] ${m.text()}\n`);
  });
  await page.goto(options.multiRoot ? `${codeServer.url}/?workspace=${encodeURIComponent(workspaceFile)}` : `${codeServer.url}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });

  return {
    workspace, folders, extensionsDir: profile.extensionsDir, userDataDir: profile.userDataDir, page, browser, codeServer,
    async close() {
      await browser.close().catch(() => undefined);
      await codeServer.stop();
      log.end();
      keepLogs(profile.userDataDir, path.join(ARTIFACTS, `logs${suffix}`));
      rmSync(temp, { recursive: true, force: true });
    },
  };
}
