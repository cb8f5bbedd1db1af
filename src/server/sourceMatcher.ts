import { minimatch } from 'minimatch';
import * as path from 'node:path';
import { SIDECAR_SUFFIX } from '../core/tags/sidecarName';
import { parseFileUri } from './fileUri';
import { folderPathsOf } from './sourcePaths';

/** Decides whether a document is a source, from the `sourcemark.sources` glob and the workspace folders. */
export class SourceMatcher {
  constructor(private folders: string[] = []) {}

  setFolders(folderUris: string[]): void {
    this.folders = folderPathsOf(folderUris);
  }

  /** File-system paths of the workspace folders. */
  get folderPaths(): readonly string[] {
    return this.folders;
  }

  isSource(uri: string, glob: string): boolean {
    const file = parseFileUri(uri)?.fsPath;
    if (file === undefined) return false;
    if (file.endsWith(SIDECAR_SUFFIX)) return false;
    const folder = this.folders.filter((f) => file.startsWith(f + path.sep)).sort((a, b) => b.length - a.length)[0];
    const relative = folder ? path.relative(folder, file) : path.basename(file);
    return minimatch(relative.split(path.sep).join('/'), glob, { dot: true, matchBase: !glob.includes('/') });
  }
}
