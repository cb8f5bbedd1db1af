import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { SIDECAR_SUFFIX, sourcePathOf } from '../core/tags/sidecarName';
import { yieldToLoop } from './slices';

/**
 * Files looked at between two turns of the event loop: a folder of 2,000 sources was one turn of
 * 40–80 ms on the server's main thread (twice as a workspace reopens: the index's walk and the
 * view's), and every hover meanwhile waited.
 */
export const FILES_PER_TURN = 200;

/** Folders never searched for sources (besides hidden ones): installed dependencies. */
const SKIPPED_DIRS = new Set(['node_modules']);

export interface SourceListing {
  uris: string[];
  /** The walk stopped at `limit` files. */
  truncated: boolean;
  /** The sources (URIs, as in `uris`) whose sidecar the walk saw: one not among them needs no stat to say it has none. */
  withSidecar: Set<string>;
}

/**
 * Every file under the workspace folders for which `isSource` holds, sorted by URI. Symbolic
 * links are not followed (no loops), hidden and dependency folders are skipped, and the walk
 * stops after `limit` files so a huge folder opened by mistake cannot stall the server.
 */
export async function listSources(folders: readonly string[], isSource: (uri: string, folder: string) => Promise<boolean>, limit = 20_000): Promise<SourceListing> {
  const uris = new Set<string>();
  const withSidecar = new Set<string>();
  let seen = 0;
  for (const folder of folders) {
    const pending = [folder];
    while (pending.length) {
      const dir = pending.pop()!;
      let entries: Dirent[];
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        continue; // unreadable or vanished folder: skip, the rest still counts
      }
      for (const entry of entries) {
        const full = path.join(dir, entry.name);
        const source = sourcePathOf(full);
        if (source !== undefined) withSidecar.add(URI.file(source).toString());
        if (entry.isDirectory()) {
          if (!entry.name.startsWith('.') && !SKIPPED_DIRS.has(entry.name)) pending.push(full);
        } else if (entry.isFile() && !entry.name.endsWith(SIDECAR_SUFFIX)) {
          if (++seen > limit) return { uris: [...uris].sort(), truncated: true, withSidecar };
          if (seen % FILES_PER_TURN === 0) await yieldToLoop();
          const uri = URI.file(full).toString();
          if (await isSource(uri, folder)) uris.add(uri);
        }
      }
    }
  }
  return { uris: [...uris].sort(), truncated: false, withSidecar };
}
