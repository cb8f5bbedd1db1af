// Where Sourcemark keeps what it may throw away: `sourcemark/` in the user's cache folder.
import { homedir } from 'node:os';
import * as path from 'node:path';

/**
 * `sourcemark/<name>` in XDG_CACHE_HOME, else in ~/.cache; undefined (keep nothing) when there is no
 * home folder to name (a user without one: `homedir` throws). A relative XDG_CACHE_HOME or home is
 * ignored, as the XDG spec asks: it would put the cache wherever the process happened to start (a
 * workspace).
 */
export function userCacheFolder(name: string, env: NodeJS.ProcessEnv = process.env, home: () => string = homedir): string | undefined {
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'sourcemark', name);
  let dir: string;
  try {
    dir = home();
  } catch {
    return undefined;
  }
  return path.isAbsolute(dir) ? path.join(dir, '.cache', 'sourcemark', name) : undefined;
}
