// A user without a home folder (a container run as `--user 12345`): os.homedir() throws, and the
// server exited at start ("uv_os_homedir returned ENOENT") before answering anything. It now runs,
// without caches.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnedServer } from './lspTestClient';

const SERVER = path.resolve(__dirname, '../../dist/server.js');
const SAMPLE = path.resolve(__dirname, '../../test-fixtures/sources/001_f4f712fbaee730b4.txt');
/** A user id no passwd entry names. */
const HOMELESS = 12345;
const asRoot = process.getuid?.() === 0;

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
  it.runIf(asRoot && existsSync(SERVER))('starts, indexes and publishes diagnostics', async (ctx) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sourcemark-homeless-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    chmodSync(dir, 0o777);
    const file = path.join(dir, path.basename(SAMPLE));
    copyFileSync(SAMPLE, file);
    chmodSync(file, 0o644);
    withoutCacheVariables();
    const probe = spawnSync(process.execPath, ['-e', 'try { require("os").homedir(); process.exit(1); } catch { process.exit(0); }'], { uid: HOMELESS, gid: HOMELESS });
    if (probe.error || probe.status !== 0) ctx.skip(`user ${HOMELESS} has a home folder here, or cannot run ${process.execPath}`);
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
