import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { Analyzer } from '../../src/core/analyzer';
import { analyzeSource } from '../../src/core/sourceAnalysis';
import type { Connection } from 'vscode-languageserver';
import { FileSidecarStore } from '../../src/core/tags/sidecarStore';
import { DEFAULT_SETTINGS } from '../../src/server/settings';
import { WorkspaceIndex, type WorkspaceIndexOptions } from '../../src/server/workspaceIndex';
import { cleanupsAfterEach, tempWorkspace, XIAOMI_US } from './fixtureWorkspace';

const WORKER = path.resolve(__dirname, '../../dist/indexWorker.js');
const cleanups = cleanupsAfterEach();

function makeIndex(options: Partial<WorkspaceIndexOptions> = {}): WorkspaceIndex {
  const quiet = { log() {}, warn() {}, error() {} };
  const index = new WorkspaceIndex({
    connection: { console: quiet } as unknown as Connection,
    store: new FileSidecarStore(),
    settingsFor: async () => DEFAULT_SETTINGS,
    isSource: () => true,
    isOpen: () => false,
    onChange: () => undefined,
    workers: 1,
    workerScript: WORKER,
    ...options,
  });
  cleanups.push(() => index.dispose());
  return index;
}

const workerIndex = () => makeIndex();

describe.runIf(existsSync(WORKER))('workspace index: findings for a view', () => {
  it('answers a closed source\'s findings from its worker', async () => {
    const ws = tempWorkspace([XIAOMI_US]);
    cleanups.push(ws.cleanup);
    const file = ws.path(XIAOMI_US);
    const findings = await workerIndex().findings({ uri: pathToFileURL(file).href, settings: DEFAULT_SETTINGS, scope: 'all' });
    expect(findings?.isSource).toBe(true);
    expect(findings?.findings.some((f) => f.kind === 'claim')).toBe(true);
  });

  it('settles a request its worker was busy with when the index is disposed', async () => {
    const ws = tempWorkspace([XIAOMI_US]);
    cleanups.push(ws.cleanup);
    const index = workerIndex();
    const file = ws.path(XIAOMI_US);
    const pending = index.findings({ uri: pathToFileURL(file).href, settings: DEFAULT_SETTINGS, scope: 'all' })!;
    const waiting = index.findings({ uri: pathToFileURL(file).href, settings: DEFAULT_SETTINGS, scope: 'decorated' })!;
    index.dispose();
    await expect(pending).rejects.toThrow(/shut down/);
    await expect(waiting).rejects.toThrow(/shut down/);
    expect(index.findings({ uri: pathToFileURL(file).href, settings: DEFAULT_SETTINGS, scope: 'all' })).toBeUndefined();
  });
});

describe('workspace index: open sources', () => {
  it('digests a large open source from the editor\'s analysis once typing pauses, never in a worker', async () => {
    const changes: string[] = [];
    const index = makeIndex({ isOpen: () => true, onChange: (reason) => changes.push(reason), workers: 0 });
    const paragraph = 'Xiaomi said on Friday that sales rose 20% in India, its chief executive Lei Jun told reporters.\n\n';
    const text = paragraph.repeat(Math.ceil((300 * 1024) / paragraph.length));
    const analysed = analyzeSource(new Analyzer(), text, undefined, {});
    const uri = 'file:///large.txt';
    index.upsertOpen(uri, text, analysed);
    index.upsertOpen(uri, text, analysed); // a second edit restarts the wait
    expect(index.isQueued(uri)).toBe(false);
    expect(index.corpus.sourceIds()).not.toContain(uri);
    await vi.waitFor(() => expect(index.corpus.sourceIds()).toContain(uri), { timeout: 10_000, interval: 50 });
    expect(changes).toEqual(['file']);
    expect(index.status.done).toBe(0);
  });
});
