// Where Sourcemark keeps what it may throw away: `sourcemark/` in the user's cache folder.
import { homedir } from 'node:os';
import * as path from 'node:path';

/**
 * `sourcemark/<name>` in XDG_CACHE_HOME, else in ~/.cache. A relative XDG_CACHE_HOME is ignored, as
 * the XDG spec asks: it would put the cache wherever the process happens to start (a workspace).
 */
export function userCacheFolder(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CACHE_HOME;
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(homedir(), '.cache'), 'sourcemark', name);
}
