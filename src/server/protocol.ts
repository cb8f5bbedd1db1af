// Commands and settings shared by the server and any client. The VS Code client imports these
// constants; other LSP clients send the same command names through workspace/executeCommand.
import type { FindingKind, TagStatus } from '../core/model';

export const COMMANDS = {
  tag: 'sourcemark.server.tag',
  clearTag: 'sourcemark.server.clearTag',
  setNote: 'sourcemark.server.setNote',
  reattachTag: 'sourcemark.server.reattachTag',
  deleteTag: 'sourcemark.server.deleteTag',
} as const;

/** Arguments of the tag commands: which finding, in which document, and what to do. */
export interface TagCommandArgs {
  uri: string;
  kind: FindingKind;
  start: number;
  end: number;
  /** Document version the finding was computed for; a stale request is refused. */
  version?: number;
}

export interface SetTagArgs extends TagCommandArgs {
  status: TagStatus;
}

export interface SetNoteArgs extends TagCommandArgs {
  note: string;
}

/** Re-attach the tag `id` (an orphan, usually) to [start, end) of the document: the user's selection. */
export interface ReattachTagArgs {
  uri: string;
  id: string;
  start: number;
  end: number;
  version?: number;
}

/** Delete the tag `id` on purpose. */
export interface DeleteTagArgs {
  uri: string;
  id: string;
}

/** The data an orphan or duplicate-tag diagnostic carries, so code actions know which tag it is. */
export interface TagDiagnosticData {
  annotationId: string;
}

export const DIAGNOSTIC_SOURCE = 'Sourcemark';

export const DIAGNOSTIC_CODES = {
  untaggedClaim: 'untagged-claim',
  taggedClaim: 'tagged-claim',
  entity: 'entity',
  date: 'date',
  orphan: 'orphaned-tag',
  duplicateTag: 'duplicate-tag',
  invalidSidecar: 'invalid-sidecar',
  skipped: 'not-analysed',
} as const;
