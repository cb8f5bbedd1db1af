// Where a source's tags live: `a.txt` → `a.txt.annotations.json` beside it. Plain, so the client can use it too.

export const SIDECAR_SUFFIX = '.annotations.json';

export function sidecarPathFor(sourcePath: string): string {
  return sourcePath + SIDECAR_SUFFIX;
}

/** The source a sidecar belongs to, or undefined when the path is not a sidecar's. */
export function sourcePathOf(sidecarPath: string): string | undefined {
  return sidecarPath.endsWith(SIDECAR_SUFFIX) ? sidecarPath.slice(0, -SIDECAR_SUFFIX.length) : undefined;
}
