// A user without a home folder: the CLI answered every command with "uv_os_homedir returned ENOENT".
// It now works, without caches.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { canSwitchUser, HOMELESS, homelessFolder, homelessUnavailable } from '../homelessUser';
import { CLI, S001, SAMPLES } from './cliWorkspace';

const folders: string[] = [];
afterEach(() => {
  for (const d of folders.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the built CLI for a user without a home folder', () => {
  it.runIf(canSwitchUser && existsSync(CLI))('checks a source, keeping no cache', (ctx) => {
    const { dir, file } = homelessFolder(path.join(SAMPLES, S001));
    folders.push(dir);
    const env = { PATH: process.env.PATH ?? '' }; // no HOME, XDG_CACHE_HOME or SOURCEMARK_CACHE_DIR
    const unavailable = homelessUnavailable(env);
    if (unavailable) ctx.skip(unavailable);
    const run = spawnSync(process.execPath, [CLI, 'check', file], { uid: HOMELESS, gid: HOMELESS, env, cwd: dir, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^1 source checked: \d+ untagged claims/m);
    // Nothing written beside the source (a relative cache folder would have landed in the working folder).
    expect(readdirSync(dir)).toEqual([S001]);
  });
});
