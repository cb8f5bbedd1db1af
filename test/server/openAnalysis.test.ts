// A long open source is analysed off the server's main thread (src/server/openAnalysis.ts); one
// whose analysis runs over the time budget is reported as too complex, its tags kept.
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES } from '../../src/shared/protocol';
import { cleanupsAfterEach, positionOf, read, tempWorkspace, XIAOMI_US } from './fixtureWorkspace';
import { spawnedServer } from './lspTestClient';

const SERVER = path.resolve(__dirname, '../../dist/server.js');
const cleanups = cleanupsAfterEach();

/** 200 KB of the sample source's paragraphs: long enough to go to the worker. */
const longText = (text: string) => Array.from({ length: Math.ceil(200_000 / text.length) }, () => text).join('\n\n');

describe('long open sources', () => {
  it('are analysed in the worker with the same findings as a short one', { timeout: 180_000 }, async () => {
    const ws = tempWorkspace();
    cleanups.push(ws.cleanup);
    const { client, exited } = spawnedServer(SERVER);
    cleanups.push(() => client.shutdown());
    await client.initialize(ws.dir);
    const text = longText(read(ws.path(XIAOMI_US)));
    const file = ws.path('long.txt');
    writeFileSync(file, text);
    const uri = await client.open(file, text);
    const diagnostics = await Promise.race([client.waitFor(() => client.diagnostics.get(uri)?.diagnostics.filter(Boolean), 'diagnostics', 120_000), exited]);
    expect(diagnostics.filter((d) => d.code === DIAGNOSTIC_CODES.untaggedClaim).length).toBeGreaterThan(20);
    const hover = await client.hover(uri, positionOf(text, 'Xiaomi is the fourth largest'));
    expect(JSON.stringify(hover)).toContain('Claim');
  });

  it('are reported as too complex when their analysis runs over the budget, and the server goes on', { timeout: 180_000 }, async () => {
    const ws = tempWorkspace();
    cleanups.push(ws.cleanup);
    process.env.SOURCEMARK_ANALYSIS_BUDGET_MS = '1';
    const { client, exited } = spawnedServer(SERVER);
    delete process.env.SOURCEMARK_ANALYSIS_BUDGET_MS;
    cleanups.push(() => client.shutdown());
    await client.initialize(ws.dir);
    const text = longText(read(ws.path(XIAOMI_US)));
    const file = ws.path('long.txt');
    writeFileSync(file, text);
    const uri = await client.open(file, text);
    const diagnostics = await Promise.race([client.waitFor(() => client.diagnostics.get(uri)?.diagnostics.some((x) => x.code === DIAGNOSTIC_CODES.skipped) && client.diagnostics.get(uri)!.diagnostics, 'the too-complex note', 120_000), exited]);
    expect(diagnostics.find((d) => d.code === DIAGNOSTIC_CODES.skipped)!.message).toContain('too complex to analyse');
    // A short source is analysed on the main thread as ever.
    const small = ws.path(XIAOMI_US);
    const smallUri = await client.open(small, read(small));
    await client.waitForDiagnostics(smallUri, (d) => d.some((x) => x.code === DIAGNOSTIC_CODES.untaggedClaim));
  });
});
