import * as path from 'node:path';
import { defineConfig } from 'vitest/config';

// The fuzz suite (npm run test:fuzz): hostile input at sizes and in numbers the unit tests do not
// reach. One file at a time in a process of its own with the collector exposed, so CPU-time
// measurements are not shared with other tests. A file per target: text (analysis), sidecar
// (the store); a protocol fuzzer for the server belongs here too (protocol.fuzz.test.ts).
export default defineConfig({
  root: path.resolve(__dirname, '../..'),
  test: {
    include: ['test/fuzz/**/*.fuzz.test.ts'],
    pool: 'forks',
    execArgv: ['--expose-gc'],
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 60_000,
    // Spawned servers keep no index cache in the user's cache folder.
    env: { SOURCEMARK_CACHE_DIR: 'off' },
  },
});
