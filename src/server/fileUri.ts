// Document URIs come from the client: vscode-uri throws on some (an illegal scheme), reads a
// string without a scheme as a relative `file:` path, and a path may hold a NUL byte, which makes
// every file-system call throw. Only absolute `file:` URIs are sources.
import { URI } from 'vscode-uri';

/** The URI when it is an absolute `file:` URI whose path the file system can take; otherwise undefined. */
export function parseFileUri(value: string): URI | undefined {
  try {
    const uri = URI.parse(value, true);
    if (uri.scheme !== 'file' || !uri.path.startsWith('/') || uri.path.includes('\0')) return undefined;
    return uri.fsPath ? uri : undefined;
  } catch {
    return undefined;
  }
}

/** Whether vscode-uri parses it at all (workspace folders may have other schemes). */
export function parsesAsUri(value: string): boolean {
  try {
    const uri = URI.parse(value, true);
    return !uri.path.includes('\0');
  } catch {
    return false;
  }
}
