// Commands and settings shared by the server and any client. The VS Code client imports these
// constants; other LSP clients send the same command names through workspace/executeCommand.
import type { FindingKind, TagStatus } from '../core/model';

export const COMMANDS = {
  tag: 'sourcemark.server.tag',
  clearTag: 'sourcemark.server.clearTag',
  setNote: 'sourcemark.server.setNote',
  tagWithEvidence: 'sourcemark.server.tagWithEvidence',
} as const;

/** Custom request: the workspace timeline (every normalised date, ordered) and the names of its sources. */
export const TIMELINE_REQUEST = 'sourcemark/timeline';

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

/** Tag a finding and cite a finding of another source as evidence (that one is tagged verified if it has no tag). */
export interface TagWithEvidenceArgs extends SetTagArgs {
  cite: { uri: string; kind: FindingKind; start: number; end: number };
}

export const DIAGNOSTIC_SOURCE = 'Sourcemark';

export const DIAGNOSTIC_CODES = {
  untaggedClaim: 'untagged-claim',
  taggedClaim: 'tagged-claim',
  entity: 'entity',
  date: 'date',
  orphan: 'orphaned-tag',
  invalidSidecar: 'invalid-sidecar',
  skipped: 'not-analysed',
  conflict: 'cross-source-conflict',
} as const;
