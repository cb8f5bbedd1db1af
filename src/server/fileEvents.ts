// Files that change outside the editor: sidecars another window or the CLI wrote, sources created
// or deleted (workspace/didChangeWatchedFiles), and sources renamed in the editor, whose sidecars
// move with them (workspace/didRenameFiles).
import * as l10n from '@vscode/l10n';
import { DidChangeWatchedFilesNotification, type FileEvent, type RenameFilesParams } from 'vscode-languageserver';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { IGNORE_FILE_NAME } from '../core/dismissals/ignoreFile';
import { SIDECAR_SUFFIX } from '../core/tags/sidecarStore';
import { notifyClient } from './clientGone';
import type { ClientRequests } from './clientRequests';
import type { Feature, ServerContext } from './context';
import type { CrossSourceFeatures } from './crossSourceFeatures';
import { moveSidecarsWithSources } from './sourceRenames';

/** The workspace's dismissed names changed: settings carry them, so read those again and analyse every source again. */
export function ignoreFileChanged(ctx: ServerContext, crossSource: CrossSourceFeatures): void {
  ctx.settings.clear();
  ctx.sources.refreshAll();
  crossSource.reanalyse();
}

export function registerFileEvents(ctx: ServerContext, crossSource: CrossSourceFeatures, views: ClientRequests): Feature {
  const { connection, store, sources, work } = ctx;
  let canRegisterWatcher = false;

  /** Sidecars changed on disk: read them again, and analyse or count their sources again. */
  const sidecarsChanged = (paths: Iterable<string>) => {
    for (const p of paths) {
      store.forget(p);
      sources.sidecarChanged(p);
      void views.sidecarChanged(p);
    }
  };

  connection.onDidChangeWatchedFiles((e) => {
    if (e.changes.some((c: FileEvent) => path.basename(URI.parse(c.uri).fsPath) === IGNORE_FILE_NAME)) ignoreFileChanged(ctx, crossSource);
    crossSource.filesChanged(e.changes);
    // One write can arrive as several events (the client's own watcher and ours): act on each sidecar once.
    sidecarsChanged(new Set(e.changes.map((c: FileEvent) => URI.parse(c.uri).fsPath).filter((p) => p.endsWith(SIDECAR_SUFFIX))));
  });

  connection.workspace.onDidRenameFiles((params: RenameFilesParams) => work.track((async () => {
    const outcome = await moveSidecarsWithSources(params.files, store);
    sidecarsChanged(new Set(outcome.touched));
    for (const problem of outcome.problems) notifyClient(() => connection.window.showWarningMessage(l10n.t('Sourcemark: {0}', problem)));
  })(), 'could not move sidecars with renamed sources'));

  return {
    initialize(params) {
      canRegisterWatcher = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
      // A source renamed or moved in the editor takes its sidecar with it.
      return { workspace: { fileOperations: { didRename: { filters: [{ scheme: 'file', pattern: { glob: '**/*' } }] } } } };
    },
    initialized() {
      // Clients that let servers ask for file events tell us when another window or the CLI saved tags.
      // A client that goes away before answering must not leave an unhandled rejection behind.
      if (canRegisterWatcher) {
        connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/*${SIDECAR_SUFFIX}` }, { globPattern: `**/${IGNORE_FILE_NAME}` }] }).catch(() => undefined);
      }
    },
  };
}
