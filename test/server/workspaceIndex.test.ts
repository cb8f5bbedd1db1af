import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
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
