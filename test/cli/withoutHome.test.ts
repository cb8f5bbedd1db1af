// A user without a home folder (a container run as `--user 12345`): os.homedir() throws, and the CLI
// answered every command with "uv_os_homedir returned ENOENT". It now works, without caches.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, S001, SAMPLES } from './cliWorkspace';

/** A user id no passwd entry names. */
const HOMELESS = 12345;
const asRoot = process.getuid?.() === 0;

const folders: string[] = [];
afterEach(() => {
  for (const d of folders.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the built CLI for a user without a home folder', () => {
  it.runIf(asRoot && existsSync(CLI))('checks a source, keeping no cache', (ctx) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sourcemark-homeless-'));
    folders.push(dir);
    chmodSync(dir, 0o777);
    const source = path.join(dir, S001);
    copyFileSync(path.join(SAMPLES, S001), source);
    chmodSync(source, 0o644);
    const env = { PATH: process.env.PATH ?? '' }; // no HOME, XDG_CACHE_HOME or SOURCEMARK_CACHE_DIR
    const probe = spawnSync(process.execPath, ['-e', 'try { require("os").homedir(); process.exit(1); } catch { process.exit(0); }'], { uid: HOMELESS, gid: HOMELESS, env, cwd: dir });
    if (probe.error || probe.status !== 0) ctx.skip(`user ${HOMELESS} has a home folder here, or cannot run ${process.execPath}`);
    const run = spawnSync(process.execPath, [CLI, 'check', source], { uid: HOMELESS, gid: HOMELESS, env, cwd: dir, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^1 source checked: \d+ untagged claims/m);
    // Nothing written beside the source (a relative cache folder would have landed in the working folder).
    expect(readdirSync(dir)).toEqual([S001]);
  });
});
