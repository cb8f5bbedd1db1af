// Running the built CLI or server as a user without a home folder (a container run as `--user 12345`):
// os.homedir() throws for a uid no passwd entry names. Only root can switch to it.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** A user id no passwd entry names. */
export const HOMELESS = 12345;
export const canSwitchUser = process.getuid?.() === 0;

/** A folder that user can write (removed by the caller), holding a copy of `sample` it can read. */
export function homelessFolder(sample: string): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'sourcemark-homeless-'));
  chmodSync(dir, 0o777);
  const file = path.join(dir, path.basename(sample));
  copyFileSync(sample, file);
  chmodSync(file, 0o644);
  return { dir, file };
}

/** Why HOMELESS cannot stand for such a user on this machine (it has a home folder, or cannot run Node), or undefined. */
export function homelessUnavailable(env?: NodeJS.ProcessEnv): string | undefined {
  const probe = spawnSync(process.execPath, ['-e', 'try { require("os").homedir(); process.exit(1); } catch { process.exit(0); }'], { uid: HOMELESS, gid: HOMELESS, ...(env ? { env } : {}) });
  return probe.error || probe.status !== 0 ? `user ${HOMELESS} has a home folder here, or cannot run ${process.execPath}` : undefined;
}
