// Installs code-server (a real VS Code served to a browser) into a git-ignored cache folder and
// starts it. Used by the end-to-end tests and by `npm start` when desktop `code` is not on PATH.
// VS Code's own test tools download VS Code at run time; code-server comes from the npm registry.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Progress } from './progress.mjs';
import { ensureSystemPackages } from './systemPackages.mjs';

const CODE_SERVER_VERSION = '4.100.3'; // the newest that runs on Node 20
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CACHE_DIR = path.join(ROOT, '.cache', 'code-server');
const MARKER = path.join(CACHE_DIR, `.installed-${CODE_SERVER_VERSION}`);
const INSTALL_LOG = path.join(ROOT, '.cache', 'code-server-install.log');
const PACKAGE_DIR = path.join(CACHE_DIR, 'node_modules', 'code-server');
const VSCODE_DIR = path.join(PACKAGE_DIR, 'lib', 'vscode');
const CODE_SERVER_BIN = path.join(PACKAGE_DIR, 'out', 'node', 'entry.js');
const PTY_BINARY = path.join(VSCODE_DIR, 'node_modules', 'node-pty', 'build', 'Release', 'pty.node');

/**
 * The native modules compiled at install, measured on code-server 4.100.3 by starting the
 * workbench without each (2 cores): code-server's own `argon2` (6 s) is loaded at start even
 * with --auth none; `@vscode/spdlog` (16 s) writes the log files the Output panel shows, the
 * extension's "Sourcemark" channel among them (without it the panel stays empty);
 * `native-watchdog` (3 s) lets the extension host notice a dead parent. Not compiled, since opening,
 * editing, file watching and the extension host work without them: `node-pty` (9 s, the integrated
 * terminal; `install --terminal` adds it), `kerberos` (10 s, Kerberos proxy authentication; it
 * also needed libkrb5-dev), `@vscode/deviceid` (telemetry, off), the two `@vscode/windows-*`
 * modules (Windows only). `@parcel/watcher` (file watching) ships a prebuilt Linux binary.
 */
const WORKBENCH_NATIVE = [
  { dir: VSCODE_DIR, name: '@vscode/spdlog' },
  { dir: VSCODE_DIR, name: 'native-watchdog' },
  { dir: CACHE_DIR, name: 'argon2' },
];
const TERMINAL_NATIVE = [{ dir: VSCODE_DIR, name: 'node-pty' }];
// Top-level folders in each node_modules once installed (4.100.3), to say how far npm got.
const EXPECTED_MODULES = { root: 178, vscode: 118 };

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const QUIET = ['--no-audit', '--no-fund', '--loglevel=error'];

/** Packages installed so far in `dir`/node_modules (scoped ones counted one by one). */
function installedCount(dir) {
  const modules = path.join(dir, 'node_modules');
  if (!existsSync(modules)) return 0;
  let n = 0;
  for (const entry of readdirSync(modules)) {
    if (entry.startsWith('.')) continue;
    n += entry.startsWith('@') ? readdirSync(path.join(modules, entry)).length : 1;
  }
  return n;
}

const packagesSoFar = (dir, expected) => () => `${Math.min(installedCount(dir), expected)}/${expected} packages`;

/** Compiles `modules` one by one (node-gyp on every core), saying which one it is at. */
async function compile(progress, modules, title) {
  let done = 0;
  await progress.step(title, async () => {
    for (const m of modules) {
      await progress.run(m.dir, npm, ['rebuild', m.name, ...QUIET], { JOBS: 'max', npm_config_yes: 'true' }); // node-pty runs `npx node-gyp`
      done++;
    }
  }, () => `${done}/${modules.length} (${modules[Math.min(done, modules.length - 1)].name})`);
}

/**
 * Installs code-server once (later calls return at once) and returns the path of its entry script.
 * `terminal` also compiles node-pty, for the integrated terminal. Debian packages that are missing
 * are installed when running as root; otherwise the error says which command to run.
 */
export async function ensureCodeServer({ terminal = false } = {}) {
  const installed = existsSync(MARKER) && existsSync(CODE_SERVER_BIN);
  if (installed && (!terminal || existsSync(PTY_BINARY))) return CODE_SERVER_BIN;
  await ensureSystemPackages(['start']);
  mkdirSync(path.dirname(INSTALL_LOG), { recursive: true });
  writeFileSync(INSTALL_LOG, `code-server ${CODE_SERVER_VERSION} install, ${new Date().toISOString()}\n`);
  if (installed) {
    const progress = new Progress(1, INSTALL_LOG);
    await compile(progress, TERMINAL_NATIVE, 'Compiling the terminal module of code-server');
    return CODE_SERVER_BIN;
  }
  process.stderr.write(`Installing code-server ${CODE_SERVER_VERSION} (VS Code in a browser) into .cache/code-server: once, about 1-2 minutes on 2 cores.\n`);
  const progress = new Progress(terminal ? 5 : 4, INSTALL_LOG);
  // A half-finished install is not repaired piecemeal: start again from a clean folder.
  rmSync(CACHE_DIR, { recursive: true, force: true });
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(path.join(CACHE_DIR, 'package.json'), '{ "private": true, "description": "code-server for Sourcemark (npm start, end-to-end tests)" }\n');
  // Its postinstall downloads ripgrep from GitHub, which cannot work here: do its steps by hand.
  await progress.step(`Downloading code-server ${CODE_SERVER_VERSION} from the npm registry`,
    () => progress.run(CACHE_DIR, npm, ['install', '--ignore-scripts', ...QUIET, `code-server@${CODE_SERVER_VERSION}`]),
    packagesSoFar(CACHE_DIR, EXPECTED_MODULES.root));
  await progress.step("Installing VS Code's server modules",
    () => progress.run(VSCODE_DIR, npm, ['install', '--omit=dev', '--ignore-scripts', ...QUIET]),
    packagesSoFar(VSCODE_DIR, EXPECTED_MODULES.vscode));
  await progress.step("Installing VS Code's built-in extensions and Debian's ripgrep", async () => {
    await progress.run(path.join(VSCODE_DIR, 'extensions'), npm, ['install', '--omit=dev', '--ignore-scripts', ...QUIET]);
    const rgDir = path.join(VSCODE_DIR, 'node_modules', '@vscode', 'ripgrep', 'bin');
    mkdirSync(rgDir, { recursive: true });
    copyFileSync('/usr/bin/rg', path.join(rgDir, 'rg'));
    chmodSync(path.join(rgDir, 'rg'), 0o755);
    if (!existsSync(path.join(VSCODE_DIR, 'node_modules.asar'))) symlinkSync('node_modules', path.join(VSCODE_DIR, 'node_modules.asar'));
  });
  await compile(progress, WORKBENCH_NATIVE, 'Compiling the native modules the workbench needs');
  if (terminal) await compile(progress, TERMINAL_NATIVE, 'Compiling the terminal module');
  const version = execFileSync(process.execPath, [CODE_SERVER_BIN, '--version'], { encoding: 'utf8' });
  if (!version.includes(CODE_SERVER_VERSION)) throw new Error(`code-server did not install correctly: --version printed ${version}`);
  writeFileSync(MARKER, version);
  process.stderr.write(`code-server ${CODE_SERVER_VERSION} installed in ${progress.elapsed()}.\n`);
  return CODE_SERVER_BIN;
}

/** Whether node-pty was compiled, so the workbench's integrated terminal works. */
export function terminalInstalled() {
  return existsSync(PTY_BINARY);
}

/** A free TCP port on the loopback interface. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const USER_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'update.mode': 'none',
  'chat.commandCenter.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
};

/** Creates a profile (user data + extensions folders) with `vsix` installed. */
export function prepareProfile(profileDir, vsix, extraSettings = {}) {
  const userDataDir = path.join(profileDir, 'data');
  const extensionsDir = path.join(profileDir, 'extensions');
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(path.join(userDataDir, 'User', 'settings.json'), `${JSON.stringify({ ...USER_SETTINGS, ...extraSettings }, null, 2)}\n`);
  execFileSync(process.execPath, [CODE_SERVER_BIN, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return { userDataDir, extensionsDir };
}

/**
 * Starts code-server on 127.0.0.1 without authentication in its own process group. Workspace
 * trust is off unless `workspaceTrust` (then an untrusted folder opens in Restricted Mode). `env`
 * reaches the extension host.
 * Resolves once it listens; `stop()` ends the group.
 */
export async function startCodeServer({ userDataDir, extensionsDir, folder, port, log = () => undefined, workspaceTrust = false, env = {} }) {
  const child = spawn(process.execPath, [
    CODE_SERVER_BIN, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', ...(workspaceTrust ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override',
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, folder,
  ], { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, VSCODE_PROXY_URI: '', ...env } });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  await new Promise((resolve, reject) => {
    let out = '';
    const onData = (d) => {
      out += d;
      log(String(d));
      if (/HTTP server listening on/i.test(out)) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(({ code, signal }) => reject(new Error(`code-server exited (${code ?? signal}) before listening:\n${out}`)));
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    }, 5000);
    await exited;
    clearTimeout(timer);
  };
  return { url: `http://127.0.0.1:${port}`, stop, exited };
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === 'install') {
  try {
    // --e2e: the end-to-end suite also needs Chromium.
    if (process.argv.includes('--e2e')) await ensureSystemPackages(['start', 'e2e']);
    const bin = await ensureCodeServer({ terminal: process.argv.includes('--terminal') });
    console.log(`code-server ${CODE_SERVER_VERSION} ready: ${path.relative(ROOT, bin)}`);
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
