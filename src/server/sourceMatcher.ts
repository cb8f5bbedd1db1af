import * as path from 'node:path';
import { compileSourceGlob, GlobTooComplexError, type SourceGlob } from '../core/files/sourceGlob';
import { SIDECAR_SUFFIX } from '../core/tags/sidecarName';
import { parseFileUri } from './fileUri';
import { folderPathsOf } from './sourcePaths';

/**
 * Decides whether a document is a source, from the `sourcemark.sources` glob and the workspace
 * folders. The glob goes through core/files/sourceGlob.ts, as in the CLI and the path rule:
 * compiled once per value, and a glob past its complexity limit matches nothing (logged once).
 */
export class SourceMatcher {
  private refused?: string;

  constructor(private folders: string[] = [], private readonly log: (message: string) => void = () => undefined) {}

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
    const matcher = this.compiled(glob);
    if (!matcher) return false;
    const folder = this.folders.filter((f) => file.startsWith(f + path.sep)).sort((a, b) => b.length - a.length)[0];
    const relative = folder ? path.relative(folder, file) : path.basename(file);
    return matcher.matches(relative.split(path.sep).join('/'));
  }

  private compiled(glob: string): SourceGlob | undefined {
    try {
      return compileSourceGlob(glob);
    } catch (e) {
      if (!(e instanceof GlobTooComplexError)) throw e;
      if (this.refused !== glob) this.log(`Sourcemark: ${e.message} No file is treated as a source until it is.`);
      this.refused = glob;
      return undefined;
    }
  }
}
