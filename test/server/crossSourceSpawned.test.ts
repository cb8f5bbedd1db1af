import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Location } from 'vscode-languageserver-protocol';
import { cleanupsAfterEach, FIXTURES, positionOf, read, tempWorkspace } from './fixtureWorkspace';
import { spawnedServer } from './lspTestClient';

const SERVER = path.resolve(__dirname, '../../dist/server.js');
const ALL = readdirSync(FIXTURES).filter((f) => f.endsWith('.txt')).sort();

const cleanups = cleanupsAfterEach();

describe.runIf(existsSync(path.resolve(__dirname, '../../dist/indexWorker.js')))('workspace index in the built server (worker threads)', () => {
  it('indexes the folder in a worker and answers references across sources over stdio', async () => {
    const ws = tempWorkspace(ALL);
    const { client } = spawnedServer(SERVER);
    cleanups.push(ws.cleanup, () => client.shutdown());
    client.settings = { referenceDate: '2018-03-10' };
    await client.initialize(ws.dir);
    const status = await client.indexed();
    expect(status).toMatchObject({ sources: 5, done: 5, failed: 0 });
    const text = read(ws.path(ALL[2]));
    const uri = await client.open(ws.path(ALL[2]), text);
    await client.waitForDiagnostics(uri, (d) => d.length > 0);
    await client.indexed();
    const refs: Location[] = await client.connection.sendRequest('textDocument/references', {
      textDocument: { uri }, position: positionOf(text, 'Lei Jun'), context: { includeDeclaration: true },
    });
    expect(new Set(refs.map((r) => r.uri))).toEqual(new Set([ALL[0], ALL[1], ALL[2]].map((f) => pathToFileURL(ws.path(f)).href)));
    const diagnostics = client.diagnostics.get(uri)!.diagnostics;
    expect(diagnostics.some((d) => d.code === 'cross-source-conflict' && d.relatedInformation?.[0].location.uri === pathToFileURL(ws.path(ALL[0])).href)).toBe(true);
  });
});
