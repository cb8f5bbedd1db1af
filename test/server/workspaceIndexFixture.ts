// A WorkspaceIndex for tests: quiet, default settings, every file a source; disposed after the test.
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
