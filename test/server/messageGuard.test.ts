// Issue 15: every message is checked at the server's boundary (src/server/messageGuard.ts). Each
// case here ended the process, or wrote a sidecar the server then refused, before that.
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ErrorCodes, ResponseError } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { COMMANDS, DIAGNOSTIC_CODES, DocumentFindingsRequest } from '../../src/shared/protocol';
import { cleanupsAfterEach, coveredText, read, serverSession, tempWorkspace, XIAOMI_US } from './fixtureWorkspace';
import { spawnedServer, type LspTestClient } from './lspTestClient';

const SERVER = path.resolve(__dirname, '../../dist/server.js');
const cleanups = cleanupsAfterEach();

/** The error code a request is answered with (undefined: it was answered with a result). */
async function errorCode(request: Promise<unknown>): Promise<number | undefined> {
  try {
    await request;
    return undefined;
  } catch (e) {
    if (e instanceof ResponseError) return e.code;
    throw e;
  }
}

/** An untagged claim of the opened sample source, as the tag commands name it. */
async function openClaim(client: LspTestClient, file: string): Promise<{ uri: string; kind: 'claim'; start: number; end: number; text: string }> {
  const text = read(file);
  const uri = await client.open(file, text);
  const diagnostics = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === DIAGNOSTIC_CODES.untaggedClaim));
  const claim = diagnostics.find((x) => x.code === DIAGNOSTIC_CODES.untaggedClaim)!;
  const start = text.indexOf(coveredText(text, claim));
  return { uri, kind: 'claim', start, end: start + coveredText(text, claim).length, text };
}

describe('the built server refuses malformed messages and stays up', () => {
  it('answers requests before initialize with -32002, and drops notifications', async () => {
    const ws = tempWorkspace();
    cleanups.push(ws.cleanup);
    const { client, child, exited } = spawnedServer(SERVER);
    cleanups.push(() => client.shutdown());
    const hover = client.connection.sendRequest('textDocument/hover', { textDocument: { uri: pathToFileURL(ws.path(XIAOMI_US)).href }, position: { line: 0, character: 0 } });
    expect(await Promise.race([errorCode(hover), exited])).toBe(ErrorCodes.ServerNotInitialized);
    expect(await errorCode(client.connection.sendRequest('sourcemark/workspaceSummary', {}))).toBe(ErrorCodes.ServerNotInitialized);
    await client.initialize(ws.dir);
    expect(child.exitCode).toBeNull();
  });

  it('survives every message that used to end it, and answers a hover afterwards', async () => {
    const ws = tempWorkspace();
    cleanups.push(ws.cleanup);
    const { client, child, exited } = spawnedServer(SERVER);
    cleanups.push(() => client.shutdown());
    await client.initialize(ws.dir);
    const file = ws.path(XIAOMI_US);
    const claim = await openClaim(client, file);
    const bad: [string, unknown][] = [
      ['workspace/didChangeWatchedFiles', { changes: [{ uri: 42, type: 1 }] }],
      ['workspace/didChangeWatchedFiles', { changes: [{ uri: '%%%::://bad', type: 1 }] }],
      ['workspace/didChangeWatchedFiles', { changes: null }],
      ['textDocument/didOpen', { textDocument: { uri: '%%%::://bad', languageId: 'plaintext', version: 1, text: 'x' } }],
      ['textDocument/didClose', { textDocument: { uri: '%%%::://bad' } }],
      ['textDocument/didChange', { textDocument: { uri: claim.uri, version: 'two' }, contentChanges: [{ text: 5 }] }],
      ['workspace/didRenameFiles', { files: [{ oldUri: 'relative/a.txt', newUri: null }] }],
    ];
    for (const [method, params] of bad) await client.connection.sendNotification(method, params);
    for (const params of [null, {}, { textDocument: { uri: claim.uri }, position: { line: -1, character: 0 } }, { textDocument: { uri: 'untitled:1' }, position: { line: 0, character: 0 } }]) {
      expect(await Promise.race([errorCode(client.connection.sendRequest('textDocument/hover', params)), exited])).toBe(ErrorCodes.InvalidParams);
    }
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: claim.uri }, position: TextDocument.create('file:///x', 'plaintext', 1, claim.text).positionAt(claim.start) });
    expect(JSON.stringify(hover)).toContain('Claim');
    expect(child.exitCode).toBeNull();
  });
});

describe('commands with wrong arguments are refused before anything is written', () => {
  it('only the three statuses, notes only strings within the limit; the sidecar stays readable', async () => {
    const { ws, client } = await serverSession(cleanups);
    const file = ws.path(XIAOMI_US);
    const { text: _text, ...claim } = await openClaim(client, file);
    const sidecar = `${file}.annotations.json`;
    const refused: [string, unknown][] = [
      [COMMANDS.tag, { ...claim, status: 'pwned' }],
      [COMMANDS.tag, { ...claim, status: '__proto__' }],
      [COMMANDS.tag, { ...claim, status: 'Verified' }],
      [COMMANDS.tag, { ...claim, kind: 'virus', status: 'verified' }],
      [COMMANDS.tag, { ...claim, start: -1, status: 'verified' }],
      [COMMANDS.tagEntityMentions, { ...claim, kind: 'entity', status: 'pwned' }],
      [COMMANDS.setNote, { ...claim, note: 42 }],
      [COMMANDS.setNote, { ...claim, note: { toString: 'x' } }],
      [COMMANDS.setNote, { ...claim, note: 'x'.repeat(20_001) }],
      [COMMANDS.deleteTag, { uri: claim.uri, id: ['a'] }],
      [COMMANDS.tagWithEvidence, { ...claim, status: 'verified', cite: { uri: '%%%::://bad', kind: 'claim', start: 0, end: 1 } }],
    ];
    for (const [command, args] of refused) {
      expect(await errorCode(client.executeCommand(command, [args])), `${command} ${JSON.stringify(args).slice(0, 120)}`).toBe(ErrorCodes.InvalidParams);
    }
    expect(existsSync(sidecar)).toBe(false);
    expect(await client.executeCommand(COMMANDS.tag, [{ ...claim, status: 'verified' }])).toEqual({ ok: true });
    expect(await client.executeCommand(COMMANDS.setNote, [{ ...claim, note: 'n'.repeat(20_000) }])).toEqual({ ok: true });
    const saved = JSON.parse(read(sidecar));
    expect(saved.annotations).toHaveLength(1);
    expect(saved.annotations[0].status).toBe('verified');
  });

  it('cites and reads only sources of the workspace: a file outside it is refused, nothing is written beside it', async () => {
    const { ws, client } = await serverSession(cleanups);
    const outside = tempWorkspace([]);
    cleanups.push(outside.cleanup);
    const secret = outside.path('app.conf');
    writeFileSync(secret, 'db_password = hunter2. The minister said the plan was approved on March 3, 2018.\n');
    const linkDir = ws.path('linked');
    mkdirSync(linkDir);
    symlinkSync(secret, path.join(linkDir, 'secret.txt'));
    client.settings = { sources: '*' };
    const { text: _text, ...claim } = await openClaim(client, ws.path(XIAOMI_US));
    for (const target of [secret, path.join(linkDir, 'secret.txt')]) {
      const cite = { uri: pathToFileURL(target).href, kind: 'claim', start: 0, end: 20 };
      const result = (await client.executeCommand(COMMANDS.tagWithEvidence, [{ ...claim, status: 'verified', cite }])) as { ok: boolean; error?: string };
      expect(result.ok).toBe(false);
      expect(result.error).toMatch(/Only sources of the workspace can be cited/);
      const findings = await client.connection.sendRequest(DocumentFindingsRequest, { uri: cite.uri });
      expect(findings).toMatchObject({ isSource: false, findings: [] });
    }
    expect(existsSync(`${secret}.annotations.json`)).toBe(false);
    expect(existsSync(`${ws.path(XIAOMI_US)}.annotations.json`)).toBe(false);
  });
});
