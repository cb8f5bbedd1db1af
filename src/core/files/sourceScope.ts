// One rule for which files Sourcemark reads as sources and writes sidecars beside: a regular file,
// inside the folders being worked on (the workspace folders, or the folders named on the command
// line) and matching the sources glob there, or a file named explicitly. Links are resolved first,
// so a link inside the workspace to a file outside it is outside. The CLI checks the targets of
// imported annotations with it; the server will check citations and requests with it.
import { realpath, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { SIDECAR_SUFFIX } from '../tags/sidecarStore';
import { kindOf } from './regularFile';
import { compileSourceGlob, type SourceGlob } from './sourceGlob';

export type PathCheck = { ok: true; path: string } | { ok: false; reason: string };

export class SourceScope {
  private constructor(
    /** Real paths of the folders. */
    private readonly roots: readonly string[],
    /** Real paths of files named explicitly. */
    private readonly files: ReadonlySet<string>,
    private readonly glob: SourceGlob,
  ) {}

  /** The scope of `folders` with `glob`, plus `files` named explicitly; links in them are resolved now. Missing ones are left out. */
  static async of(options: { folders: readonly string[]; files?: readonly string[]; glob: string }): Promise<SourceScope> {
    const glob = compileSourceGlob(options.glob);
    const real = async (p: string) => realpath(path.resolve(p)).catch(() => undefined);
    const roots = (await Promise.all(options.folders.map(real))).filter((p): p is string => p !== undefined);
    const files = (await Promise.all((options.files ?? []).map(real))).filter((p): p is string => p !== undefined);
    return new SourceScope(roots, new Set(files), glob);
  }

  /**
   * Whether `candidate` is a source of this scope, and its real path when it is. The reason says
   * why not: it does not exist, is not a regular file, is a sidecar, lies outside the folders
   * (naming the file a link points to), or does not match the glob.
   */
  async check(candidate: string): Promise<PathCheck> {
    const given = path.resolve(candidate);
    let real: string;
    try {
      real = await realpath(given);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      return { ok: false, reason: code === 'ENOENT' ? 'it does not exist' : `it cannot be read (${code ?? (err as Error).message})` };
    }
    const st = await stat(real).catch(() => undefined);
    if (!st) return { ok: false, reason: 'it does not exist' };
    if (!st.isFile()) return { ok: false, reason: `it is ${kindOf(st)}, not a regular file` };
    const verdict = this.decide(real);
    if (!verdict.ok && real !== given) return { ok: false, reason: `${verdict.reason} (it is a link to ${real})` };
    return verdict;
  }

  /** The rule itself, for a path whose links are already resolved. */
  decide(real: string): PathCheck {
    if (this.files.has(real)) return { ok: true, path: real };
    if (real.endsWith(SIDECAR_SUFFIX)) return { ok: false, reason: 'it is a sidecar, not a source' };
    let inside = false;
    for (const root of this.roots) {
      const relative = path.relative(root, real);
      if (!relative || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) continue;
      if (this.glob.matches(relative.split(path.sep).join('/'))) return { ok: true, path: real };
      inside = true;
    }
    if (inside) return { ok: false, reason: `it does not match the sources glob "${this.glob.glob}"` };
    const where = this.roots.length ? this.roots.join(', ') : 'no folder';
    return { ok: false, reason: `it is outside the folders Sourcemark works in (${where})` };
  }
}
