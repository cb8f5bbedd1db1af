import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/server/settings';
import type { WorkspaceIndexOptions } from '../../src/server/workspaceIndex';
import { cleanupsAfterEach, tempWorkspace, XIAOMI_US } from './fixtureWorkspace';
import { INDEX_WORKER, testIndex } from './workspaceIndexFixture';

const cleanups = cleanupsAfterEach();

const makeIndex = (options: Partial<WorkspaceIndexOptions> = {}) => testIndex(cleanups, options);

const workerIndex = () => makeIndex();

describe.runIf(existsSync(INDEX_WORKER))('workspace index: findings for a view', () => {
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
