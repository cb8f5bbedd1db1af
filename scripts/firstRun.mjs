// Measures the first ten minutes: clones this repository into an empty temp folder (no .cache, so
// no code-server) and runs the README's first command there, as a new user would, until the URL it
// prints answers. Prints the time from the start of that command to the CLI summary and to the
// URL, and each set-up step's time. Stops what it started and removes the folder.
//
//   node scripts/firstRun.mjs [options]
//     --ref REF              what to clone (default HEAD of this checkout)
//     --cold-npm-cache       an empty npm cache too (every package comes from the registry)
//     --user NAME            run as this user (made with useradd), not as yourself
//     --pretend-missing PKGS Debian packages to treat as absent (comma-separated): as root npm start
//                            installs them (apt-get, no-op when present), as another user it stops
//                            and prints the command
//     --run COMMAND          run COMMAND instead of the README's first one, to its end (e.g. "npm test")
//     --keep                 keep the folder
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { freePort } from './codeServer.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: opts } = parseArgs({
  options: {
    ref: { type: 'string', default: 'HEAD' },
    'cold-npm-cache': { type: 'boolean', default: false },
    user: { type: 'string' },
    'pretend-missing': { type: 'string' },
    run: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});

/** The README's first command: the first line of its first code block, without the comment. */
function readmeFirstCommand() {
  const block = /```sh\n([^\n]*)\n/.exec(readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
  if (!block) throw new Error('README.md has no ```sh block at the top');
  return block[1].replace(/#.*$/, '').trim();
}

function userIds(name) {
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith(`${name}:`));
  if (!line) throw new Error(`no user ${name} (make one: useradd -m ${name})`);
  const [, , uid, gid, , home] = line.split(':');
  return { uid: Number(uid), gid: Number(gid), home };
}

const answers = (url) => new Promise((resolve) => {
  const req = get(url, (res) => {
    res.resume();
    resolve(res.statusCode === 200);
  });
  req.on('error', () => resolve(false));
  req.setTimeout(5000, () => req.destroy());
});

async function main() {
  const command = opts.run ?? readmeFirstCommand();
  // mkdtemp makes a 0700 folder: the clone sits where only its owner may enter, like /root.
  const base = mkdtempSync(path.join(tmpdir(), 'sourcemark-first-run-'));
  const clone = path.join(base, 'sourcemark');
  const user = opts.user ? userIds(opts.user) : undefined;
  const cloneStarted = Date.now();
  execFileSync('git', ['clone', '--quiet', '--no-hardlinks', ROOT, clone]);
  execFileSync('git', ['-C', clone, 'checkout', '--quiet', execFileSync('git', ['-C', ROOT, 'rev-parse', opts.ref], { encoding: 'utf8' }).trim()]);
  const cloneSeconds = ((Date.now() - cloneStarted) / 1000).toFixed(1);
  const env = { ...process.env, SOURCEMARK_START: 'web', PORT: String(await freePort()) };
  delete env.SOURCEMARK_PRETEND_MISSING;
  if (opts['pretend-missing']) env.SOURCEMARK_PRETEND_MISSING = opts['pretend-missing'];
  if (opts['cold-npm-cache']) {
    env.npm_config_cache = path.join(base, 'npm-cache');
    mkdirSync(env.npm_config_cache);
  }
  if (user) {
    execFileSync('chown', ['-R', `${user.uid}:${user.gid}`, base]);
    chownSync(base, user.uid, user.gid);
    Object.assign(env, { HOME: user.home, USER: opts.user, LOGNAME: opts.user });
  }
  console.log(`First run of "${command}" in a fresh clone (${clone}, cloned in ${cloneSeconds} s)${user ? ` as ${opts.user}` : ''}${opts['cold-npm-cache'] ? ', empty npm cache' : ''}${opts['pretend-missing'] ? `, pretending ${opts['pretend-missing']} missing` : ''}`);

  const started = Date.now();
  const since = (t) => ((t - started) / 1000).toFixed(1);
  const child = spawn('bash', ['-c', command], { cwd: clone, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'], ...(user ? { uid: user.uid, gid: user.gid } : {}) });
  const marks = {};
  const steps = [];
  let url;
  let buffer = '';
  const onLine = (line) => {
    const now = Date.now();
    console.log(`[${since(now).padStart(6)} s] ${line}`);
    if (!marks.summary && /^total \(\d+ sources\)/.test(line)) marks.summary = now;
    const step = /^\[\d+\/\d+\] (.*): done in (\d+) s$/.exec(line);
    if (step) steps.push([step[1], step[2]]);
    const shown = /\(code-server\): (http:\/\/\S+)/.exec(line);
    if (shown && !url) {
      url = shown[1];
      marks.urlPrinted = now;
    }
  };
  const feed = (d) => {
    buffer += d;
    const lines = buffer.split(/\r?\n|\r/);
    buffer = lines.pop();
    for (const l of lines) if (l.trim()) onLine(l.replace(/\x1b\[K/g, ''));
  };
  child.stdout.on('data', feed);
  child.stderr.on('data', feed);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  let exitCode;
  void exited.then((c) => {
    exitCode = c;
    marks.exited = Date.now();
  });

  // Until the URL answers, or the command ends.
  while (exitCode === undefined && !marks.urlAnswers) {
    await new Promise((r) => setTimeout(r, 250));
    if (url && (await answers(url))) marks.urlAnswers = Date.now();
  }
  if (exitCode === undefined) {
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
    const timer = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 10_000);
    await exited;
    clearTimeout(timer);
  }

  console.log('\n--- first run ---');
  console.log(`command            ${command}${user ? ` (as ${opts.user})` : ''}`);
  console.log(`clone              ${cloneSeconds} s (before the command)`);
  for (const [title, s] of steps) console.log(`  step             ${s.padStart(4)} s  ${title}`);
  if (!opts.run || marks.summary) console.log(`CLI summary        ${marks.summary ? `${since(marks.summary)} s` : 'not printed'}`);
  if (!opts.run || url) {
    console.log(`URL printed        ${marks.urlPrinted ? `${since(marks.urlPrinted)} s` : 'not printed'}`);
    console.log(`URL answers        ${marks.urlAnswers ? `${since(marks.urlAnswers)} s (${url})` : 'no'}`);
  }
  if (exitCode !== undefined && !marks.urlAnswers) console.log(`command ended      exit ${exitCode} after ${since(marks.exited)} s`);
  if (opts.keep) console.log(`kept               ${base}`);
  else rmSync(base, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  process.exitCode = opts.run ? (exitCode === 0 ? 0 : 1) : marks.urlAnswers ? 0 : 1;
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
