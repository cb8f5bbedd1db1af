// Installs code-server (a real VS Code served to a browser) into a git-ignored cache folder and
// starts it. Used by the end-to-end tests and by `npm start` when desktop `code` is not on PATH.
// VS Code's own test tools download VS Code at run time; code-server comes from the npm registry.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const CODE_SERVER_VERSION = '4.100.3'; // the newest that runs on Node 20
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CACHE_DIR = path.join(ROOT, '.cache', 'code-server');
const MARKER = path.join(CACHE_DIR, `.installed-${CODE_SERVER_VERSION}`);
const PACKAGE_DIR = path.join(CACHE_DIR, 'node_modules', 'code-server');
const CODE_SERVER_BIN = path.join(PACKAGE_DIR, 'out', 'node', 'entry.js');

const APT_HINT = 'Install the system packages first (as root): apt-get update && apt-get install -y libkrb5-dev ripgrep chromium';

function run(cwd, command, args, env = {}) {
  const started = Date.now();
  process.stderr.write(`[code-server install] ${path.relative(ROOT, cwd) || '.'}: ${command} ${args.join(' ')}\n`);
  execFileSync(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
  process.stderr.write(`[code-server install]   done in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
}

/** Installs code-server once; later calls return at once. Returns the path of its entry script. */
export function ensureCodeServer() {
  if (existsSync(MARKER) && existsSync(CODE_SERVER_BIN)) return CODE_SERVER_BIN;
  for (const [file, what] of [['/usr/bin/rg', 'ripgrep'], ['/usr/include/gssapi/gssapi.h', 'libkrb5-dev']]) {
    if (!existsSync(file)) throw new Error(`code-server needs ${what} (${file} is missing). ${APT_HINT}`);
  }
  // A half-finished install is not repaired piecemeal: start again from a clean folder.
  rmSync(CACHE_DIR, { recursive: true, force: true });
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(path.join(CACHE_DIR, 'package.json'), '{ "private": true, "description": "code-server for Sourcemark end-to-end tests" }\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const quiet = ['--no-audit', '--no-fund', '--loglevel=error'];
  // Its postinstall downloads ripgrep from GitHub, which cannot work here: do its steps by hand.
  run(CACHE_DIR, npm, ['install', '--ignore-scripts', ...quiet, `code-server@${CODE_SERVER_VERSION}`]);
  const vscodeDir = path.join(PACKAGE_DIR, 'lib', 'vscode');
  run(vscodeDir, npm, ['install', '--omit=dev', '--ignore-scripts', ...quiet]);
  const rgDir = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  mkdirSync(rgDir, { recursive: true });
  copyFileSync('/usr/bin/rg', path.join(rgDir, 'rg'));
  chmodSync(path.join(rgDir, 'rg'), 0o755);
  run(vscodeDir, npm, ['rebuild', ...quiet], { npm_config_yes: 'true' }); // node-pty runs `npx node-gyp`
  if (!existsSync(path.join(vscodeDir, 'node_modules.asar'))) symlinkSync('node_modules', path.join(vscodeDir, 'node_modules.asar'));
  run(path.join(vscodeDir, 'extensions'), npm, ['install', '--omit=dev', '--ignore-scripts', ...quiet]);
  run(CACHE_DIR, npm, ['rebuild', 'argon2', ...quiet]);
  const version = execFileSync(process.execPath, [CODE_SERVER_BIN, '--version'], { encoding: 'utf8' });
  if (!version.includes(CODE_SERVER_VERSION)) throw new Error(`code-server did not install correctly: --version printed ${version}`);
  writeFileSync(MARKER, version);
  return CODE_SERVER_BIN;
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
 * Starts code-server on 127.0.0.1 without authentication in its own process group.
 * Resolves once it listens; `stop()` ends the group.
 */
export async function startCodeServer({ userDataDir, extensionsDir, folder, port, log = () => undefined }) {
  const child = spawn(process.execPath, [
    CODE_SERVER_BIN, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, folder,
  ], { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, VSCODE_PROXY_URI: '' } });
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
    const bin = ensureCodeServer();
    console.log(`code-server ${CODE_SERVER_VERSION} ready: ${path.relative(ROOT, bin)}`);
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
