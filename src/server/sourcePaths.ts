// A source that is not open in the editor is read, and its sidecar written, only under the path
// rule of core/files/sourceScope.ts: a regular file inside a workspace folder that matches the
// sources glob there, links resolved first. A request naming any other file (a citation, the
// findings of a file outside the workspace) is refused with the reason. Open documents are the
// user's own choice and are not held to it.
import { SourceScope, type PathCheck } from '../core/files/sourceScope';
import { parseFileUri } from './fileUri';

/** `folders`: the workspace folders' file-system paths. */
export async function checkClosedSource(uri: string, folders: readonly string[], glob: string): Promise<PathCheck> {
  const file = parseFileUri(uri);
  if (!file) return { ok: false, reason: 'it is not a file: URI' };
  const scope = await SourceScope.of({ folders, glob });
  return scope.check(file.fsPath);
}

/** The file-system paths of workspace folder URIs (other schemes left out). */
export const folderPathsOf = (folderUris: readonly string[]): string[] =>
  folderUris.map((f) => parseFileUri(f)?.fsPath).filter((f): f is string => f !== undefined);
