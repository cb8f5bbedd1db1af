import * as path from 'node:path';
import { defineConfig } from 'vitest/config';

// The end-to-end suite: one real VS Code (code-server) and one browser, journeys in order.
export default defineConfig({
  root: path.resolve(__dirname, '../..'),
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    globalSetup: ['test/e2e/globalSetup.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 300_000,
    reporters: ['default'],
  },
});
