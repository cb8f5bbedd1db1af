import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { kindOf } from '../core/files/regularFile';
import { compileSourceGlob } from '../core/files/sourceGlob';
import { SIDECAR_SUFFIX } from '../core/tags/sidecarStore';
import { warn } from './terminal';

export const DEFAULT_SOURCE_GLOB = '**/*.txt';

/** Folders never searched for sources. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The source files named by FILE and DIR arguments: a file as given, a folder searched for files
 * matching `glob` (relative to that folder, as the editor reads the setting; dot files, dot-folders
 * and node_modules skipped). In the order given, a folder's files sorted, no duplicates: the same
 * order on every machine. What is neither a regular file nor a folder (a FIFO, a device) is reported
 * as missing, never opened: reading one blocks or never ends.
 */
export async function findSources(args: readonly string[], glob = DEFAULT_SOURCE_GLOB): Promise<{ files: string[]; missing: { arg: string; reason: string }[] }> {
  // Keyed by absolute path so a file named twice is analysed once; a named file keeps its spelling.
  const files = new Map<string, string>();
  const missing: { arg: string; reason: string }[] = [];
  const matcher = compileSourceGlob(glob);
  for (const arg of args.length ? args : ['.']) {
    const info = await stat(arg).catch((e: Error) => e);
    if (info instanceof Error) {
      missing.push({ arg, reason: info.message });
    } else if (info.isDirectory()) {
      for (const rel of (await walk(arg)).sort(byCodeUnits)) {
        const file = path.join(arg, rel);
        if (matcher.matches(rel) && !rel.endsWith(SIDECAR_SUFFIX) && !files.has(path.resolve(file))) files.set(path.resolve(file), file);
      }
    } else if (!info.isFile()) {
      missing.push({ arg, reason: `it is ${kindOf(info)}, not a regular file, so Sourcemark does not read it` });
    } else {
      files.set(path.resolve(arg), arg);
    }
  }
  return { files: [...files.values()], missing };
}

/** The sources named by FILE|DIR arguments; an argument that does not exist is reported on stderr. */
export async function namedSources(args: readonly string[], glob: string | undefined): Promise<{ files: string[]; missing: number }> {
  const { files, missing } = await findSources(args, glob);
  for (const m of missing) warn(`sourcemark: cannot read ${m.arg}: ${m.reason}\n`);
  return { files, missing: missing.length };
}

async function walk(root: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(path.join(root, rel), { withFileTypes: true });
  for (const e of entries) {
    const child = rel ? `${rel}/${e.name}` : e.name;
    if (e.name.startsWith('.')) continue;
    if (e.isDirectory()) {
      if (!SKIPPED_DIRS.has(e.name)) for (const f of await walk(root, child)) out.push(f);
    } else if (e.isFile()) out.push(child);
  }
  return out;
}

/** How a path is shown: relative to the working folder, `/`-separated, so output is the same everywhere. */
export function displayPath(file: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, path.resolve(file));
  return (rel && !rel.startsWith('..') ? rel : path.resolve(file)).split(path.sep).join('/');
}
