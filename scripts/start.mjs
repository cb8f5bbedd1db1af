// `npm start`: the sample sources open in a real VS Code with Sourcemark installed. Desktop VS Code
// when `code` is on PATH (running the extension from this checkout), otherwise code-server in a
// browser (installed once into .cache/). Tags go to a copy of the samples, never to the fixtures.
// The CLI's summary of the samples comes first, while the rest is still being set up.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCodeServer, freePort, prepareProfile, startCodeServer, terminalInstalled } from './codeServer.mjs';
import { ensureSystemPackages } from './systemPackages.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLES = path.join(ROOT, 'test-fixtures', 'sources');
// SOURCEMARK_START_DIR moves the sample copy and the profile (the end-to-end suite runs `npm start` in a temp folder).
const STATE_DIR = process.env.SOURCEMARK_START_DIR ? path.resolve(process.env.SOURCEMARK_START_DIR) : path.join(ROOT, '.cache');
const WORKSPACE = path.join(STATE_DIR, 'sample-sources');
const PROFILE = path.join(STATE_DIR, 'start-profile');
const VSIX = path.join(ROOT, 'sourcemark.vsix');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * Settings of the profile `npm start` creates. The sample copy lives inside this clone, so VS Code's
 * git would offer to open the clone's repository in a toast over the editor: it is told not to.
 * No startup editor: VS Code's own first-run walkthrough would cover the samples; Sourcemark's
 * opens beside the first source opened (SOURCEMARK_OPEN_WALKTHROUGH below).
 */
const START_SETTINGS = {
  'explorer.fileNesting.enabled': true,
  'git.openRepositoryInParentFolders': 'never',
};

/** A writable copy of the samples; files already there (and their tags) are kept between runs. */
function sampleWorkspace() {
  mkdirSync(WORKSPACE, { recursive: true });
  for (const f of readdirSync(SAMPLES).filter((f) => f.endsWith('.txt'))) {
    if (!existsSync(path.join(WORKSPACE, f))) copyFileSync(path.join(SAMPLES, f), path.join(WORKSPACE, f));
  }
  return WORKSPACE;
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return newest;
}

/** `npm install` built dist/ a moment ago (prepare); build again only when src/ changed since. */
function buildIfStale() {
  const outputs = ['extension.js', 'server.js', 'server.bundle.js', 'indexWorker.js', 'indexWorker.bundle.js', 'cli.js', 'cli.bundle.js'].map((f) => path.join(ROOT, 'dist', f));
  const built = outputs.every((f) => existsSync(f)) ? Math.min(...outputs.map((f) => statSync(f).mtimeMs)) : 0;
  if (built > newestMtime(path.join(ROOT, 'src'))) return;
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
}

/** The CLI's counts for the sample copy: what Sourcemark found, before any editor is up. */
function printSummary(folder) {
  const relative = path.relative(process.cwd(), folder) || '.';
  console.log(`Sourcemark's CLI on the sample sources (${relative}):\n`);
  // Exit 1 means some source could not be read (the CLI says which): no reason to stop.
  spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'stats', relative], { stdio: 'inherit' });
  console.log(`\nEvery finding: npm run analyze:samples · a report: npx sourcemark report --out report.html ${relative}\n`);
}

function onPath(command) {
  return spawnSync(process.platform === 'win32' ? 'where' : 'which', [command], { stdio: 'ignore' }).status === 0;
}

function packageExtension() {
  return new Promise((resolve, reject) => {
    const child = spawn(npm, ['run', '--silent', 'package'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`packaging the extension failed:\n${err}`))));
  });
}

async function main() {
  buildIfStale();
  const folder = sampleWorkspace();
  printSummary(folder);
  const web = process.env.SOURCEMARK_START === 'web';
  if (!web && onPath('code')) {
    // The extension runs from this checkout (dist/ is built); nothing is installed.
    execFileSync('code', ['--new-window', `--extensionDevelopmentPath=${ROOT}`, folder], { stdio: 'inherit' });
    console.log(`Opened ${folder} in VS Code with Sourcemark from ${ROOT}.`);
    return;
  }
  // Checked before anything runs in the background, so a stop leaves nothing running.
  await ensureSystemPackages(['start']);
  // Packaging (a few seconds) runs while code-server installs or is found installed.
  const packaged = packageExtension();
  packaged.catch(() => undefined); // awaited below; a failure is reported there
  await ensureCodeServer();
  await packaged;
  const profile = prepareProfile(PROFILE, VSIX, START_SETTINGS);
  const port = Number(process.env.PORT) || (await freePort());
  const server = await startCodeServer({ ...profile, folder, port, env: { SOURCEMARK_OPEN_WALKTHROUGH: '1' } });
  const url = `${server.url}/?folder=${encodeURIComponent(folder)}`;
  console.log(`\nSourcemark in VS Code (code-server): ${url}\nOpen it in a browser on this machine, then open a source: the walkthrough opens beside it.\nTags are saved beside the copies in ${folder}.`);
  if (!terminalInstalled()) console.log('Its integrated terminal is not set up (Sourcemark does not need it): node scripts/codeServer.mjs install --terminal adds it.');
  console.log('Press Ctrl+C to stop.');
  let stopping = false;
  const stop = () => {
    stopping = true;
    void server.stop();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const { code, signal } = await server.exited;
  if (stopping) {
    console.log('Stopped.');
    return;
  }
  console.error(`code-server stopped on its own (${code ?? signal}); see the messages above.`);
  process.exit(1);
}

main().catch((e) => {
  console.error(e.userFacing ? `\n${e.message}` : `npm start failed: ${e.message}`);
  process.exit(1);
});
