import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, Location } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { cleanupsAfterEach, FIXTURES, MEMO_TEXT, positionOf, read, tempWorkspace } from './fixtureWorkspace';
import { spawnedServer } from './lspTestClient';

const SERVER = path.resolve(__dirname, '../../dist/server.js');
const ALL = readdirSync(FIXTURES).filter((f) => f.endsWith('.txt')).sort();

const cleanups = cleanupsAfterEach();

describe.runIf(existsSync(path.resolve(__dirname, '../../dist/indexWorker.js')))('workspace index in the built server (worker threads)', () => {
  it('indexes the folder in a worker and answers references across sources over stdio', async () => {
    const ws = tempWorkspace(ALL);
    writeFileSync(ws.path('memo.txt'), MEMO_TEXT);
    const { client } = spawnedServer(SERVER);
    cleanups.push(ws.cleanup, () => client.shutdown());
    client.settings = { referenceDate: '2018-03-10' };
    await client.initialize(ws.dir);
    const status = await client.indexed();
    expect(status).toMatchObject({ sources: 6, done: 6, failed: 0 });
    const text = read(ws.path(ALL[2]));
    const uri = await client.open(ws.path(ALL[2]), text);
    await client.waitForDiagnostics(uri, (d) => d.length > 0);
    await client.indexed();
    const refs: Location[] = await client.connection.sendRequest('textDocument/references', {
      textDocument: { uri }, position: positionOf(text, 'Lei Jun'), context: { includeDeclaration: true },
    });
    expect(new Set(refs.map((r) => r.uri))).toEqual(new Set([ALL[0], ALL[1], ALL[2], 'memo.txt'].map((f) => pathToFileURL(ws.path(f)).href)));
    const diagnostics = client.diagnostics.get(uri)!.diagnostics;
    // "By end of 2018" here, "in 2021" in the memo.
    expect(diagnostics.some((d) => d.code === 'cross-source-conflict' && d.relatedInformation?.[0].location.uri === pathToFileURL(ws.path('memo.txt')).href)).toBe(true);
  });
});

describe.runIf(existsSync(path.resolve(__dirname, '../../dist/indexWorker.js')))('a long open source edited (its digest waits for edits to pause)', () => {
  it('links what the edit added once the pause comes, and a request that reads the index has it current at once', async () => {
    const ws = tempWorkspace([ALL[0]]);
    writeFileSync(ws.path('memo.txt'), MEMO_TEXT);
    const { client } = spawnedServer(SERVER);
    cleanups.push(ws.cleanup, () => client.shutdown());
    client.settings = { referenceDate: '2018-03-10' };
    // Long enough to be analysed in the worker, which makes its digest; nothing in it contradicts the other sources.
    const long = Array.from({ length: 900 }, (_, i) => `The council of ward ${i} met on a quiet evening to talk about roads, parks and the weather.`).join('\n\n');
    writeFileSync(ws.path('long.txt'), long);
    await client.initialize(ws.dir);
    const uri = await client.open(ws.path('long.txt'), long);
    await client.waitForDiagnostics(uri);
    await client.indexed();
    const other = pathToFileURL(ws.path(ALL[0])).href;
    // The memo gives the plan 2021, which the pasted article's "end of 2018" contradicts.
    const memo = pathToFileURL(ws.path('memo.txt')).href;
    const conflicts = (d: Diagnostic[]) => d.filter((x) => x.code === 'cross-source-conflict' && x.relatedInformation?.some((r) => r.location.uri === memo));
    expect(conflicts(client.diagnostics.get(uri)!.diagnostics)).toEqual([]);

    // An article that contradicts the one on disk, pasted at the top: everything after it moves.
    const added = `${read(path.join(FIXTURES, ALL[2]))}\n\n`;
    await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: added }]);
    await client.waitForDiagnostics(uri);
    // No request: the views follow the digest made once edits pause.
    const linked = await client.waitForDiagnostics(uri, (d) => conflicts(d).length > 0);
    expect(conflicts(linked).every((d) => d.range.start.line < added.split('\n').length)).toBe(true);

    // Another edit below the article, then at once a request that needs the index: it does not wait for the pause.
    const end = TextDocument.create(uri, 'plaintext', 1, added + long).positionAt(added.length + long.length);
    await client.change(uri, [{ range: { start: end, end }, text: '\n\nLei Jun spoke again.\n' }]);
    await client.waitForDiagnostics(uri);
    const refs: Location[] = await client.connection.sendRequest('textDocument/references', {
      textDocument: { uri }, position: positionOf(added, 'Lei Jun'), context: { includeDeclaration: true },
    });
    const here = refs.filter((r) => r.uri === uri).map((r) => r.range.start.line);
    expect(refs.some((r) => r.uri === other)).toBe(true);
    // Both the pasted article's mentions and the one just added, at their places in the edited text.
    expect(here).toContain(positionOf(added, 'Lei Jun').line);
    expect(here).toContain(end.line + 2);
  });
});
