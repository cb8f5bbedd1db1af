// Benchmarks run servers and CLIs on temporary folders: with the user's digest cache folder, each run
// filed entries and a workspace snapshot of folders that are gone at once (this machine's full cache
// held 60 snapshots, 133 MB, half of it, of such folders), and a full folder made the runs depend on what it held.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/**
 * Points SOURCEMARK_CACHE_DIR, for what this process spawns from now on, at a new empty folder,
 * unless it is set already (a caller's folder, or `off`). Returns what undoes it.
 */
export function ownCacheFolder(): () => void {
  if (process.env.SOURCEMARK_CACHE_DIR !== undefined) return () => undefined;
  const dir = mkdtempSync(path.join(tmpdir(), 'sourcemark-bench-cache-'));
  process.env.SOURCEMARK_CACHE_DIR = dir;
  return () => {
    if (process.env.SOURCEMARK_CACHE_DIR === dir) delete process.env.SOURCEMARK_CACHE_DIR;
    rmSync(dir, { recursive: true, force: true });
  };
}
