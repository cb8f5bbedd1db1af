import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'test/fuzz/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Spawned servers keep no index cache in the user's cache folder (test/server/indexCache.test.ts tests it).
    env: { SOURCEMARK_CACHE_DIR: 'off' },
  },
});
