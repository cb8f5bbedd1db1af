import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES } from '../../src/shared/protocol';
import { WEIGHTS_FILE } from '../../src/core/kinds/entity/tagger/weightsFile';
import { cleanupsAfterEach, coveredText, read, tempWorkspace, XIAOMI_US } from './fixtureWorkspace';
import { spawnedServer } from './lspTestClient';

const SERVER = path.resolve(__dirname, '../../dist/server.js');
const NOBODY = 65534;

const cleanups = cleanupsAfterEach();

describe('built language server spawned over stdio', () => {
  it('is built (run `npm run build`)', () => {
    expect(existsSync(SERVER)).toBe(true);
  });

  it('speaks only LSP on stdout: initialize, diagnostics, hover, code action, tag, reopen', async () => {
    const ws = tempWorkspace();
    cleanups.push(ws.cleanup);
    const file = ws.path(XIAOMI_US);
    const text = read(file);

    const first = spawnedServer(SERVER);
    cleanups.push(() => first.client.shutdown());
    const init = (await first.client.initialize(ws.dir)) as { capabilities: { hoverProvider: boolean; executeCommandProvider: { commands: string[] } } };
    expect(init.capabilities.hoverProvider).toBe(true);
    expect(init.capabilities.executeCommandProvider.commands).toContain('sourcemark.server.tag');

    const uri = await first.client.open(file, text);
    const diagnostics = await first.client.waitForDiagnostics(uri, (d) => d.length > 0);
    const claim = diagnostics.find((d) => d.code === DIAGNOSTIC_CODES.untaggedClaim && coveredText(text, d).startsWith('Xiaomi is the fourth largest'))!;
    expect(claim).toBeDefined();

    const hover = await first.client.hover(uri, claim.range.start);
    expect((hover?.contents as { value: string }).value).toContain('**Claim**');

    const actions = await first.client.codeActions(uri, claim.range, [claim]);
    const verify = actions.find((a) => a.title === 'Tag as verified')!;
    expect(await first.client.executeCommand(verify.command!.command, verify.command!.arguments!)).toEqual({ ok: true });
    const sidecar = JSON.parse(read(`${file}.annotations.json`));
    expect(sidecar.annotations[0].target.exact).toBe(coveredText(text, claim));
    await first.client.shutdown();
    expect(first.child.exitCode).toBe(0);

    const second = spawnedServer(SERVER);
    cleanups.push(() => second.client.shutdown());
    await second.client.initialize(ws.dir);
    const uri2 = await second.client.open(file, text);
    const restored = await second.client.waitForDiagnostics(uri2, (d) => d.some((x) => x.code === DIAGNOSTIC_CODES.taggedClaim));
    const tagged = restored.find((x) => x.code === DIAGNOSTIC_CODES.taggedClaim)!;
    expect(tagged.range).toEqual(claim.range);
    expect(tagged.message).toMatch(/^Claim “.+” · tagged verified$/);
    expect(tagged.message).toContain(coveredText(text, claim).slice(0, 30));
  });

  // Root ignores folder permissions, so as root the server runs as "nobody" to meet a real read-only
  // folder. Nobody may not be able to enter the folders above this clone (a clone in /root or in a
  // 0700 temp folder): it runs a copy of the built server from a temp folder of its own.
  it('tells the user when a tag cannot be saved to a read-only folder, and writes nothing', async (ctx) => {
    const asRoot = process.getuid?.() === 0;
    const ws = tempWorkspace();
    const folder = path.join(ws.dir, 'readonly');
    cleanups.push(() => {
      // Writable again, or a normal user could not remove the file inside.
      if (existsSync(folder)) chmodSync(folder, 0o755);
      ws.cleanup();
    });
    mkdirSync(folder);
    const file = path.join(folder, XIAOMI_US);
    const text = read(ws.path(XIAOMI_US));
    writeFileSync(file, text);
    chmodSync(ws.dir, 0o755);
    chmodSync(file, 0o644);
    chmodSync(folder, 0o555);
    if (asRoot) chownSync(folder, 0, 0);
    let serverPath = SERVER;
    if (asRoot) {
      const bin = mkdtempSync(path.join(tmpdir(), 'sourcemark-server-'));
      cleanups.push(() => rmSync(bin, { recursive: true, force: true }));
      chmodSync(bin, 0o755);
      for (const f of ['server.js', 'server.bundle.js', 'indexWorker.js', 'indexWorker.bundle.js', WEIGHTS_FILE]) copyFileSync(path.join(path.dirname(SERVER), f), path.join(bin, f));
      serverPath = path.join(bin, 'server.js');
      const probe = spawnSync(process.execPath, ['-e', 'for (const p of process.argv.slice(1)) require("fs").accessSync(p, require("fs").constants.R_OK)', serverPath, file], { uid: NOBODY, gid: NOBODY, encoding: 'utf8' });
      if (probe.error || probe.status !== 0) {
        ctx.skip(`"nobody" cannot run ${process.execPath} on files in ${tmpdir()} (${probe.error?.message ?? /^\w*Error.*$/m.exec(probe.stderr)?.[0] ?? probe.stderr.trim()}); run the tests as a normal user, or with TMPDIR and Node where nobody can reach them`);
      }
    }

    const server = spawnedServer(serverPath, asRoot ? { uid: NOBODY, gid: NOBODY } : {});
    cleanups.push(() => server.client.shutdown());
    await Promise.race([server.client.initialize(ws.dir), server.exited]);
    const uri = await server.client.open(file, text);
    const diagnostics = await server.client.waitForDiagnostics(uri, (d) => d.length > 0);
    const claim = diagnostics.find((d) => d.code === DIAGNOSTIC_CODES.untaggedClaim)!;
    const actions = await server.client.codeActions(uri, claim.range, [claim]);
    const tag = actions.find((a) => a.title.startsWith('Tag as'))!;
    const result = (await server.client.executeCommand(tag.command!.command, tag.command!.arguments!)) as { ok: boolean };
    expect(result.ok).toBe(false);
    const message = await server.client.waitFor(() => server.client.messages.find((m) => /Cannot save tags/.test(m.message)), 'error message');
    expect(message.type).toBe(1);
    expect(message.message).toMatch(/read-only|permission/i);
    expect(readdirSync(folder)).toEqual([XIAOMI_US]);
  });
});
