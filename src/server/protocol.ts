// Commands and settings shared by the server and any client. The VS Code client imports these
// constants; other LSP clients send the same command names through workspace/executeCommand.
import type { FindingKind, TagStatus } from '../core/model';
import type { SourceCounts } from '../core/sourceCounts';

export const COMMANDS = {
  tag: 'sourcemark.server.tag',
  clearTag: 'sourcemark.server.clearTag',
  setNote: 'sourcemark.server.setNote',
  reattachTag: 'sourcemark.server.reattachTag',
  deleteTag: 'sourcemark.server.deleteTag',
  tagWithEvidence: 'sourcemark.server.tagWithEvidence',
} as const;

/** Client command a code lens runs to show the claims other sources state alike (VS Code: a peek view). */
export const SHOW_LINKED_COMMAND = 'sourcemark.showLinkedSources';

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
  notProse: 'not-prose',
  conflict: 'cross-source-conflict',
} as const;

// ---- Requests and notifications the VS Code client uses for its views (any client may use them) ----

/** Extra commands: tag every mention of the entity at a place; re-read settings and sidecars and analyse again. */
export const EXTRA_COMMANDS = {
  tagEntityMentions: 'sourcemark.server.tagEntityMentions',
  reanalyse: 'sourcemark.server.reanalyse',
} as const;

/** `{uri, kind: 'entity', start, end, status}`: every mention of that entity in the source gets `status`. */
export type TagEntityMentionsArgs = SetTagArgs;

export const REQUESTS = {
  /** `{uri}` → DocumentFindings: the findings and tags of one source, open or not. */
  documentFindings: 'sourcemark/documentFindings',
  /** `{}` → WorkspaceSummary: every source in the workspace folders with its counts. */
  workspaceSummary: 'sourcemark/workspaceSummary',
} as const;

export const NOTIFICATIONS = {
  /** SourceSummary: a source's findings or tags changed (analysis, tag command, sidecar edited on disk). */
  sourceChanged: 'sourcemark/sourceChanged',
} as const;

/** Claims by tag status, entities, dates and orphaned tags of one source. */
export type FindingCounts = SourceCounts;

export interface SourceSummary {
  uri: string;
  counts: FindingCounts;
  /** Why the source was not analysed or its tags not loaded, when that happened. */
  problem?: string;
  /**
   * In a workspace listing: the workspace index has not analysed this closed source yet, so `counts`
   * are empty; a sourceChanged notification brings them once it has.
   */
  pending?: boolean;
}

export interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export interface FindingItem {
  id: string;
  kind: FindingKind;
  /** UTF-16 offsets, as the tag commands take them. */
  start: number;
  end: number;
  range: LspRange;
  /** The finding's text, at most 200 characters. */
  text: string;
  status?: TagStatus;
  note?: string;
  /** Entities: type and the key shared by all mentions of the same entity. */
  entityType?: string;
  entityKey?: string;
  /** Dates: normalised value. */
  dateValue?: string | null;
}

/**
 * `all`: every finding. `decorated`: claims and tagged findings only, what decorations, counts and
 * claim navigation need; on a long source most findings are untagged names and dates.
 */
export type FindingsScope = 'all' | 'decorated';

export interface DocumentFindingsParams {
  uri: string;
  /** Default `all`. */
  scope?: FindingsScope;
}

export interface DocumentFindings extends SourceSummary {
  /** Document version the findings were computed for; absent when read from disk. */
  version?: number;
  /** Sorted by start offset, of the requested scope. Empty when the document is not a source. */
  findings: FindingItem[];
  scope: FindingsScope;
  isSource: boolean;
}

export interface WorkspaceSummary {
  sources: SourceSummary[];
  /** True when the scan stopped at its file limit. */
  truncated: boolean;
}

/** Semantic token legend: entities and dates, with the entity type as a modifier. */
export const SEMANTIC_TOKEN_TYPES = ['sourcemarkEntity', 'sourcemarkDate'] as const;
export const SEMANTIC_TOKEN_MODIFIERS = ['person', 'organisation', 'place', 'product', 'event', 'other', 'tagged'] as const;

export type { FindingKind, TagStatus };
