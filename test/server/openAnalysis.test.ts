// A long open source is analysed off the server's main thread (src/server/openAnalysis.ts); one
// whose analysis runs over the time budget is reported as too complex, its tags kept.
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DIAGNOSTIC_CODES } from '../../src/shared/protocol';
import { cleanupsAfterEach, positionOf, read, tempWorkspace, XIAOMI_US } from './fixtureWorkspace';
import { spawnedServer } from './lspTestClient';

const SERVER = path.resolve(__dirname, '../../dist/server.js');
const cleanups = cleanupsAfterEach();

/** 200 KB of the sample source's paragraphs: long enough to go to the worker. */
const longText = (text: string) => Array.from({ length: Math.ceil(200_000 / text.length) }, () => text).join('\n\n');

/** A spawned server (with this analysis budget of processor time, and wall-clock backstop, if given) that has just opened a 200 KB source. */
async function openLongSource(budgetMs?: string, backstopMs?: string) {
  const ws = tempWorkspace();
  cleanups.push(ws.cleanup);
  if (budgetMs) process.env.SOURCEMARK_ANALYSIS_BUDGET_MS = budgetMs;
  if (backstopMs) process.env.SOURCEMARK_ANALYSIS_BACKSTOP_MS = backstopMs;
  const { client, exited } = spawnedServer(SERVER);
  delete process.env.SOURCEMARK_ANALYSIS_BUDGET_MS;
  delete process.env.SOURCEMARK_ANALYSIS_BACKSTOP_MS;
  cleanups.push(() => client.shutdown());
  // Every region: the repeated page's comments hold most of its claims, and this is about the worker, not regions.
  client.settings = { regions: ['title', 'body', 'comments', 'commentMeta', 'boilerplate'] };
  await client.initialize(ws.dir);
  const text = longText(read(ws.path(XIAOMI_US)));
  const file = ws.path('long.txt');
  writeFileSync(file, text);
  return { ws, client, exited, text, uri: await client.open(file, text) };
}

describe('long open sources', () => {
  it('are analysed in the worker with the same findings as a short one', { timeout: 180_000 }, async () => {
    const { ws, client, exited, text, uri } = await openLongSource();
    // Asked at once, before the worker has the text: the hover says so rather than wait.
    expect(JSON.stringify(await client.hover(uri, { line: 0, character: 1 }))).toContain('analysing this long source');
    const diagnostics = await Promise.race([client.waitFor(() => client.diagnostics.get(uri)?.diagnostics.filter(Boolean), 'diagnostics', 120_000), exited]);
    // The sample itself, short, is analysed on the main thread: the copies after the first are
    // repeats of it, so the long source flags exactly its claims.
    const short = await client.open(ws.path(XIAOMI_US), read(ws.path(XIAOMI_US)));
    const shortDiagnostics = await Promise.race([client.waitFor(() => client.diagnostics.get(short)?.diagnostics, 'diagnostics of the sample', 120_000), exited]);
    const claims = (list: typeof diagnostics) => list.filter((d) => d.code === DIAGNOSTIC_CODES.untaggedClaim).length;
    expect(claims(shortDiagnostics)).toBeGreaterThan(10);
    expect(claims(diagnostics)).toBe(claims(shortDiagnostics));
    const hover = await client.hover(uri, positionOf(text, 'Xiaomi is the fourth largest'));
    expect(JSON.stringify(hover)).toContain('Claim');
  });

  it('come back after edits (a delta against the previous analysis) with the diagnostics of the same text opened fresh', { timeout: 300_000 }, async () => {
    const { ws, client, exited, text, uri } = await openLongSource();
    const settled = (u: string) => Promise.race([client.waitFor(() => {
      const p = client.diagnostics.get(u);
      return p && p.version === client.versionOf(u) ? p.diagnostics : undefined;
    }, `diagnostics of ${u}`, 120_000), exited]);
    await settled(uri);
    const doc = TextDocument.create(uri, 'plaintext', 1, text);
    // Words before every finding, a paragraph break in the middle, a CRLF and an emoji, a deletion.
    const middle = doc.positionAt(text.indexOf('. ', text.length / 2) + 2);
    for (const change of [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'Reportedly, ' },
      { range: { start: middle, end: middle }, text: 'Lei Jun said sales rose 20% 😀.\r\n\r\n' },
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } }, text: '' },
    ]) {
      await client.change(uri, [change]);
      TextDocument.update(doc, [change], doc.version + 1);
      await settled(uri);
    }
    const fresh = ws.path('fresh.txt');
    writeFileSync(fresh, doc.getText());
    const freshUri = await client.open(fresh, doc.getText());
    const findingsOf = (d: NonNullable<ReturnType<typeof client.diagnostics.get>>['diagnostics']) => d.filter((x) => x.code !== DIAGNOSTIC_CODES.conflict);
    const expected = findingsOf(await settled(freshUri));
    expect(expected.length).toBeGreaterThan(20);
    expect(findingsOf(client.diagnostics.get(uri)!.diagnostics)).toEqual(expected);
  });

  it('are reported as too complex when their analysis runs over the budget, and the server goes on', { timeout: 180_000 }, async () => {
    const { ws, client, exited, uri } = await openLongSource('1');
    const diagnostics = await Promise.race([client.waitFor(() => client.diagnostics.get(uri)?.diagnostics.some((x) => x.code === DIAGNOSTIC_CODES.skipped) && client.diagnostics.get(uri)!.diagnostics, 'the too-complex note', 120_000), exited]);
    expect(diagnostics.find((d) => d.code === DIAGNOSTIC_CODES.skipped)!.message).toContain('too complex to analyse: its analysis used more than 1 ms of processor time');
    // A short source is analysed on the main thread as ever.
    const small = ws.path(XIAOMI_US);
    const smallUri = await client.open(small, read(small));
    await client.waitForDiagnostics(smallUri, (d) => d.some((x) => x.code === DIAGNOSTIC_CODES.untaggedClaim));
  });

  it('are reported as too complex when the worker does not answer within the wall-clock backstop, and the next long source gets a fresh worker', { timeout: 180_000 }, async () => {
    const { ws, client, exited, text, uri } = await openLongSource(undefined, '1');
    const diagnostics = await Promise.race([client.waitFor(() => client.diagnostics.get(uri)?.diagnostics.some((x) => x.code === DIAGNOSTIC_CODES.skipped) && client.diagnostics.get(uri)!.diagnostics, 'the too-complex note', 120_000), exited]);
    expect(diagnostics.find((d) => d.code === DIAGNOSTIC_CODES.skipped)!.message).toContain('did not finish within 1 ms');
    const other = ws.path('long2.txt');
    writeFileSync(other, text);
    const otherUri = await client.open(other, text);
    await Promise.race([client.waitFor(() => client.diagnostics.get(otherUri)?.diagnostics.some((x) => x.code === DIAGNOSTIC_CODES.skipped), 'a second too-complex note', 120_000), exited]);
  });
});
