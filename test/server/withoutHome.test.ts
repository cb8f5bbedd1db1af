// A user without a home folder: the server exited at start ("uv_os_homedir returned ENOENT") before
// answering anything. It now runs, without caches.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { canSwitchUser, HOMELESS, homelessFolder, homelessUnavailable } from '../homelessUser';
import { spawnedServer } from './lspTestClient';

const SERVER = path.resolve(__dirname, '../../dist/server.js');
const SAMPLE = path.resolve(__dirname, '../../test-fixtures/sources/001_f4f712fbaee730b4.txt');

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** Unsets the variables that name a cache folder until the test ends (the spawned server inherits them). */
function withoutCacheVariables(): void {
  const saved = { HOME: process.env.HOME, XDG_CACHE_HOME: process.env.XDG_CACHE_HOME, SOURCEMARK_CACHE_DIR: process.env.SOURCEMARK_CACHE_DIR };
  for (const k of Object.keys(saved)) delete process.env[k];
  cleanups.push(() => {
    for (const [k, v] of Object.entries(saved)) if (v !== undefined) process.env[k] = v;
  });
}

describe('the built server for a user without a home folder', () => {
  it.runIf(canSwitchUser && existsSync(SERVER))('starts, indexes and publishes diagnostics', async (ctx) => {
    const { dir, file } = homelessFolder(SAMPLE);
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    withoutCacheVariables();
    const unavailable = homelessUnavailable();
    if (unavailable) ctx.skip(unavailable);
    const server = spawnedServer(SERVER, { uid: HOMELESS, gid: HOMELESS });
    cleanups.push(() => server.child.kill());
    const { client } = server;
    await Promise.race([server.exited, client.initialize(dir)]);
    const uri = await client.open(file, readFileSync(file, 'utf8'));
    const diagnostics = await Promise.race([server.exited, client.waitFor(() => client.diagnostics.get(uri)?.diagnostics, 'diagnostics', 60_000)]);
    expect(diagnostics.length).toBeGreaterThan(0);
    await Promise.race([server.exited, client.indexed()]);
    await client.shutdown();
    expect(server.stderr()).toBe('');
  });
});
