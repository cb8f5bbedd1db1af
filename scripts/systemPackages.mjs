// The Debian packages that `npm start` and the end-to-end tests need beyond Node: checked before
// anything long starts. As root (a fresh machine, CI) they are installed with apt-get, as .ci/run
// does; otherwise the one command to run is printed.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import * as path from 'node:path';

/**
 * What each purpose needs, and how to tell it is there. libkrb5-dev is not listed: it only built
 * code-server's Kerberos proxy module, which the workbench does not need (scripts/codeServer.mjs).
 */
export const REQUIREMENTS = {
  // code-server's file search copies Debian's ripgrep (its own package downloads one); node-gyp
  // compiles the few native modules the workbench needs (python3, make and g++).
  start: [
    { pkg: 'ripgrep', file: '/usr/bin/rg' },
    { pkg: 'python3', command: 'python3' },
    { pkg: 'make', command: 'make' },
    { pkg: 'g++', command: 'g++' },
  ],
  // The journeys drive Debian's Chromium; the CLI report test prints the report with it.
  e2e: [{ pkg: 'chromium', file: '/usr/bin/chromium' }],
};

function onPath(command) {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
    try {
      accessSync(path.join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * The Debian packages of `purposes` that are missing. `pretend` (the names in
 * SOURCEMARK_PRETEND_MISSING, comma-separated) count as missing: the fresh-clone script uses it to
 * show what a machine without them gets, without removing packages others use.
 */
export function missingPackages(purposes, pretend = pretendedMissing()) {
  const wanted = purposes.flatMap((p) => REQUIREMENTS[p]);
  return [...new Set(wanted.filter((r) => pretend.has(r.pkg) || !(r.file ? existsSync(r.file) : onPath(r.command))).map((r) => r.pkg))];
}

function pretendedMissing() {
  return new Set((process.env.SOURCEMARK_PRETEND_MISSING ?? '').split(',').map((s) => s.trim()).filter(Boolean));
}

/** The one command that installs `packages` (with sudo when not root). */
export function installCommand(packages, asRoot) {
  const sudo = asRoot ? '' : 'sudo ';
  return `${sudo}apt-get update && ${sudo}apt-get install -y ${packages.join(' ')}`;
}

/**
 * What to do about missing packages: nothing, install them (root with apt-get), or stop with a
 * message that gives the command.
 */
export function plan(missing, { asRoot, hasApt }) {
  if (!missing.length) return { action: 'none' };
  if (asRoot && hasApt) return { action: 'install', packages: missing };
  const list = missing.join(', ');
  const message = hasApt
    ? `Sourcemark needs Debian packages that are not installed: ${list}.\nInstall them, then run the same command again:\n\n  ${installCommand(missing, asRoot)}\n`
    : `Sourcemark needs these packages, which this machine does not have: ${list} (Debian names; apt-get was not found).\nInstall them with your system's package manager, then run the same command again.\n`;
  return { action: 'stop', message };
}

function runLogged(command, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
    child.once('error', reject);
    child.once('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (${code ?? signal})`))));
  });
}

/**
 * Makes sure the packages of `purposes` are there: installs them as root, else throws an error
 * whose message is the command to run. `log` reports what happens.
 */
export async function ensureSystemPackages(purposes, log = (line) => process.stderr.write(`${line}\n`)) {
  const missing = missingPackages(purposes);
  const asRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  const decision = plan(missing, { asRoot, hasApt });
  if (decision.action === 'none') return [];
  if (decision.action === 'stop') throw Object.assign(new Error(decision.message), { userFacing: true });
  log(`Installing the Debian packages Sourcemark needs (running as root): ${missing.join(' ')}`);
  const started = Date.now();
  await runLogged('apt-get', ['update', '-q']);
  await runLogged('apt-get', ['install', '-y', '-q', ...missing], { DEBIAN_FRONTEND: 'noninteractive' });
  delete process.env.SOURCEMARK_PRETEND_MISSING; // installed now, pretended or not
  const still = missingPackages(purposes, new Set());
  if (still.length) throw Object.assign(new Error(`apt-get finished, but these are still missing: ${still.join(', ')}. Install them by hand: ${installCommand(still, true)}`), { userFacing: true });
  log(`Installed ${missing.join(' ')} in ${Math.round((Date.now() - started) / 1000)} s.`);
  return missing;
}
