// The server speaks the language of the bundle the client hands over at initialize, and English
// without one (every other server test runs without one).
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCodes, type Diagnostic, type Message } from 'vscode-languageserver-protocol';
import { DIAGNOSTIC_CODES } from '../../src/shared/protocol';
import { cleanupsAfterEach, coveredText, positionOf, read, tempWorkspace, XIAOMI_US } from './fixtureWorkspace';
import { MessageChecker } from '../../src/server/messageGuard';
import { inProcessServer, spawnedServer } from './lspTestClient';

const german = JSON.parse(readFileSync(new URL('../../l10n/bundle.l10n.de.json', import.meta.url), 'utf8')) as Record<string, string>;
const SERVER = path.resolve(__dirname, '../../dist/server.js');
const FOURTH_LARGEST = 'Xiaomi is the fourth largest handset maker in China';
const cleanups = cleanupsAfterEach();

async function session(initializationOptions: unknown) {
  const ws = tempWorkspace();
  const client = inProcessServer({ now: () => new Date('2026-11-22T10:00:00.000Z') });
  client.initializationOptions = initializationOptions;
  // Names and dates are diagnostics only when asked for: this test reads their messages too.
  client.settings = { diagnostics: { entities: true, dates: true } };
  cleanups.push(ws.cleanup, () => client.shutdown());
  return { ws, client };
}

describe('the server in the client\'s language', () => {
  it('says diagnostics, hovers and quick fixes in German with the German bundle, and tags in German', async () => {
    const { ws, client } = await session({ l10nBundle: german });
    await client.initialize(ws.dir);
    const text = read(ws.path(XIAOMI_US));
    const uri = await client.open(ws.path(XIAOMI_US), text);
    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.length > 0);

    const claim = diagnostics.find((d) => d.code === DIAGNOSTIC_CODES.untaggedClaim && coveredText(text, d).startsWith(FOURTH_LARGEST)) as Diagnostic;
    expect(claim.message).toMatch(/^Behauptung „Xiaomi is the fourth largest handset maker in China.*“ · nicht markiert · Prüfwürdigkeit 0\.\d\d/);
    const entity = diagnostics.find((d) => d.code === DIAGNOSTIC_CODES.entity && coveredText(text, d) === 'Lei Jun');
    expect(entity?.message).toBe('Lei Jun (Person) · 1 Erwähnung');
    const date = diagnostics.find((d) => d.code === DIAGNOSTIC_CODES.date && coveredText(text, d) === 'end 2018');
    expect(date?.message).toBe('Datum „end 2018“: Ende 2018');

    const hover = await client.hover(uri, positionOf(text, FOURTH_LARGEST, 30));
    const markdown = (hover?.contents as { value: string }).value;
    expect(markdown).toContain('**Behauptung** · Prüfwürdigkeit');
    expect(markdown).toContain('Noch nicht markiert.');
    expect(markdown).not.toContain('Glühbirne');
    // The source's own words stay as they are.
    expect(markdown).not.toContain('Tag:');

    const actions = await client.codeActions(uri, claim.range, [claim]);
    expect(actions.map((a) => a.title)).toEqual(expect.arrayContaining(['Als verifiziert markieren', 'Als spekulativ markieren', 'Als widerlegt markieren']));
    const verify = actions.find((a) => a.title === 'Als verifiziert markieren')!;
    expect(await client.executeCommand(verify.command!.command, verify.command!.arguments ?? [])).toEqual({ ok: true });
    const after = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === DIAGNOSTIC_CODES.taggedClaim));
    const tagged = after.find((d) => d.code === DIAGNOSTIC_CODES.taggedClaim && coveredText(text, d).startsWith(FOURTH_LARGEST));
    expect(tagged?.message).toMatch(/^Behauptung „Xiaomi is the fourth.*“ · markiert als verifiziert/);
    const again = await client.codeActions(uri, tagged!.range, [tagged!]);
    expect(again.map((a) => a.title)).toContain('Markierung entfernen');
    // What is stored stays language-free: the sidecar says "verified".
    expect(read(`${ws.path(XIAOMI_US)}.annotations.json`)).toContain('"status": "verified"');
  });

  it('speaks English again when the next session brings no bundle', async () => {
    const first = await session({ l10nBundle: german });
    await first.client.initialize(first.ws.dir);
    await first.client.shutdown();
    const { ws, client } = await session(undefined);
    await client.initialize(ws.dir);
    const text = read(ws.path(XIAOMI_US));
    const uri = await client.open(ws.path(XIAOMI_US), text);
    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.length > 0);
    expect(diagnostics.find((d) => d.code === DIAGNOSTIC_CODES.entity && coveredText(text, d) === 'Lei Jun')?.message).toBe('Lei Jun (person) · 1 mention');
  });

  it('refuses a malformed bundle at initialize, naming the field (the built server, over stdio)', async () => {
    const ws = tempWorkspace();
    const server = spawnedServer(SERVER);
    // A server never initialised answers shutdown -32002: end it by its pid.
    cleanups.push(ws.cleanup, () => server.client.shutdown().catch(() => void server.child.kill()));
    server.client.initializationOptions = { l10nBundle: { 'Tag as verified': 3 } };
    await expect(server.client.initialize(ws.dir)).rejects.toThrow(/invalid params: \/initializationOptions\/l10nBundle/);
    const initialize = (initializationOptions: unknown) => ({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, capabilities: {}, initializationOptions } });
    for (const l10nBundle of ['de', ['x'], { a: null }, { a: 'x'.repeat(5000) }]) {
      expect(new MessageChecker().check(initialize({ l10nBundle }) as Message)?.code, JSON.stringify(l10nBundle).slice(0, 40)).toBe(ErrorCodes.InvalidParams);
    }
    // Left out, null, or beside other clients' own options: accepted (English without a bundle).
    for (const options of [undefined, null, {}, { l10nBundle: null }, { somethingElse: 1, l10nBundle: { a: 'b' } }]) {
      expect(new MessageChecker().check(initialize(options) as Message)).toBeUndefined();
    }
  });
});
