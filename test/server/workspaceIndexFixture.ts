// A WorkspaceIndex for tests: quiet, default settings, every file a source; disposed after the test.
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver';
import { FileSidecarStore } from '../../src/core/tags/sidecarStore';
import { DEFAULT_SETTINGS } from '../../src/server/settings';
import { WorkspaceIndex, type WorkspaceIndexOptions } from '../../src/server/workspaceIndex';
import type { Cleanup } from './fixtureWorkspace';

export const INDEX_WORKER = path.resolve(__dirname, '../../dist/indexWorker.js');

export function testIndex(cleanups: Cleanup[], options: Partial<WorkspaceIndexOptions> = {}): WorkspaceIndex {
  const quiet = { log() {}, warn() {}, error() {} };
  const index = new WorkspaceIndex({
    connection: { console: quiet } as unknown as Connection,
    store: new FileSidecarStore(),
    settingsFor: async () => DEFAULT_SETTINGS,
    isSource: () => true,
    isOpen: () => false,
    onChange: () => undefined,
    workers: 1,
    workerScript: INDEX_WORKER,
    ...options,
  });
  cleanups.push(() => index.dispose());
  return index;
}

/**
 * Writes, into `dir`, an index worker whose every job runs until the index cancels it (through the
 * cell the worker pool gives it), then says it stopped: a real worker would finish, later. Its path.
 */
export function spinningIndexWorker(dir: string): string {
  const file = path.join(dir, 'spinning-worker.js');
  writeFileSync(file, `
const { parentPort, workerData } = require('node:worker_threads');
const nap = new Int32Array(new SharedArrayBuffer(4));
parentPort.on('message', (t) => {
  while (Atomics.load(workerData.cancelled, 0) !== t.id) Atomics.wait(nap, 0, 0, 5);
  parentPort.postMessage({ id: t.id, uri: t.job.uri, error: 'stopped' });
});`);
  return file;
}
