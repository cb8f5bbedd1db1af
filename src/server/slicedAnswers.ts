// Answers about an open source built a slice per turn of the event loop (its findings for a view,
// its Outline, its semantic tokens) read positions from its document, which an edit changes in place meanwhile. Such an
// answer is kept only if the document did not change while it was built; otherwise it is built
// again from the newer analysis, at once after a few tries.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { atOnce, inSlices, type SliceRunner } from './slices';
import type { SourceState } from './sourceState';

/** Tries in slices while the source is being edited; the last one runs at once. */
export const SLICED_TRIES = 3;

/** An open source's document and the analysis of its current version. */
export interface OpenSource {
  doc: TextDocument;
  state: SourceState;
}

/**
 * `build` of the latest analysis (`latest`; undefined: none, answered with `none`) in slices, kept
 * if its document did not change meanwhile; the last try runs at once.
 */
export async function slicedAnswer<T>(
  /** Asked before each try: an edit during the last one brings the analysis of it. */
  latest: () => OpenSource | undefined | Promise<OpenSource | undefined>,
  build: (open: OpenSource, run: SliceRunner) => Promise<T>,
  none: T,
): Promise<T> {
  for (let tries = 1; ; tries++) {
    const open = await latest();
    if (!open) return none;
    if (tries >= SLICED_TRIES) return build(open, atOnce);
    const version = open.doc.version;
    const answer = await build(open, inSlices);
    if (open.doc.version === version) return answer;
  }
}
