// Moves a source's sidecar when the source is renamed or moved inside the editor
// (workspace/didRenameFiles), so its tags go with it.
import * as l10n from '@vscode/l10n';
import { copyFile, rename, stat, unlink } from 'node:fs/promises';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { SIDECAR_SUFFIX, sidecarPathFor, type SidecarStore } from '../core/tags/sidecarStore';

export interface RenameOutcome {
  /** What the user should know: a sidecar left where it was, and why. */
  problems: string[];
  /** Every sidecar path whose contents may have changed (moved from, moved to, renamed by hand). */
  touched: string[];
}

const exists = (p: string) => stat(p).then(() => true, () => false);

async function moveFile(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (err) {
    // Across devices rename fails; copy then delete (the copy is complete before the original goes).
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    await copyFile(from, to);
    await unlink(from);
  }
}

/**
 * For each renamed source that has a sidecar, moves the sidecar beside the new name and records the new
 * source name in it. A sidecar renamed by hand (on its own, or together with its source in one move)
 * is left as the user put it; a folder rename carries its sidecars along by itself. Never overwrites a
 * sidecar already at the new place.
 */
export async function moveSidecarsWithSources(files: readonly { oldUri: string; newUri: string }[], store: SidecarStore): Promise<RenameOutcome> {
  const outcome: RenameOutcome = { problems: [], touched: [] };
  const renamed = files.map((f) => ({ from: URI.parse(f.oldUri).fsPath, to: URI.parse(f.newUri).fsPath }));
  const movedByUser = new Set(renamed.map((r) => r.from));
  for (const { from, to } of renamed) {
    if (from.endsWith(SIDECAR_SUFFIX)) {
      outcome.touched.push(from, to);
      continue;
    }
    const oldSidecar = sidecarPathFor(from);
    if (movedByUser.has(oldSidecar)) continue; // moved along in the same operation
    if (!(await exists(oldSidecar))) continue;
    if (await stat(to).then((s) => s.isDirectory(), () => false)) continue;
    const newSidecar = sidecarPathFor(to);
    if (await exists(newSidecar)) {
      outcome.problems.push(
        l10n.t('The tags of {0} stay in {1}: {2} already exists and was not overwritten. Merge or rename one of them by hand.', path.basename(from), oldSidecar, newSidecar),
      );
      continue;
    }
    try {
      await moveFile(oldSidecar, newSidecar);
    } catch (err) {
      outcome.problems.push(l10n.t('Could not move the tags of {0} with it ({1}); they are still in {2}.', path.basename(from), (err as Error).message, oldSidecar));
      continue;
    }
    outcome.touched.push(oldSidecar, newSidecar);
    const name = path.basename(to);
    // A sidecar we cannot read is moved as it is, and keeps its old name inside until it is fixed.
    await store.update(newSidecar, (s) => (s && s.source !== name ? { ...s, source: name } : undefined)).catch(() => undefined);
  }
  return outcome;
}
