// `npm start`: the sample sources open in a real VS Code with Sourcemark installed. Desktop VS Code
// when `code` is on PATH (running the extension from this checkout), otherwise code-server in a
// browser (installed once into .cache/). Tags go to a copy of the samples, never to the fixtures.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCodeServer, freePort, prepareProfile, startCodeServer } from './codeServer.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLES = path.join(ROOT, 'test-fixtures', 'sources');
const WORKSPACE = path.join(ROOT, '.cache', 'sample-sources');

/** A writable copy of the samples; files already there (and their tags) are kept between runs. */
function sampleWorkspace() {
  mkdirSync(WORKSPACE, { recursive: true });
  for (const f of readdirSync(SAMPLES).filter((f) => f.endsWith('.txt'))) {
    if (!existsSync(path.join(WORKSPACE, f))) copyFileSync(path.join(SAMPLES, f), path.join(WORKSPACE, f));
  }
  return WORKSPACE;
}

function onPath(command) {
  return spawnSync(process.platform === 'win32' ? 'where' : 'which', [command], { stdio: 'ignore' }).status === 0;
}

async function main() {
  const folder = sampleWorkspace();
  const web = process.env.SOURCEMARK_START === 'web';
  if (!web && onPath('code')) {
    // The extension runs from this checkout (dist/ was built by prestart); nothing is installed.
    execFileSync('code', ['--new-window', `--extensionDevelopmentPath=${ROOT}`, folder], { stdio: 'inherit' });
    console.log(`Opened ${folder} in VS Code with Sourcemark from ${ROOT}.`);
    return;
  }
  ensureCodeServer();
  console.log('Packaging the extension…');
  execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'package'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const profile = prepareProfile(path.join(ROOT, '.cache', 'start-profile'), path.join(ROOT, 'sourcemark.vsix'), { 'explorer.fileNesting.enabled': true });
  const port = Number(process.env.PORT) || (await freePort());
  const server = await startCodeServer({ ...profile, folder, port });
  const url = `${server.url}/?folder=${encodeURIComponent(folder)}`;
  console.log(`\nSourcemark in VS Code (code-server): ${url}\nOpen it in a browser on this machine. Tags are saved beside the copies in ${folder}.\nPress Ctrl+C to stop.`);
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
  console.error(`npm start failed: ${e.message}`);
  process.exit(1);
});
