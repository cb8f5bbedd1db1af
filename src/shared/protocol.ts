// The protocol between the Sourcemark language server and its clients, beyond plain LSP: typed
// requests and notifications, the commands the server executes and their arguments, and the
// diagnostic codes. The VS Code client and the server both import this file; other LSP clients
// send the same method and command names.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { Timeline } from '../core/corpus';
import type { FindingKind, TagStatus } from '../core/model';
import type { SourceCounts } from '../core/sourceCounts';

export type { FindingKind, SourceCounts, TagStatus };

// ---- initialize ------------------------------------------------------------------------------

/** What a client may pass as `initializationOptions`. */
export interface InitializationOptions {
  /**
   * The translations of the server's user-facing strings (an l10n bundle: English string → its
   * translation), e.g. VS Code's `vscode.l10n.bundle`. Without it the server speaks English.
   */
  l10nBundle?: Record<string, string>;
}

// ---- Commands the server executes (workspace/executeCommand) ----------------------------------

export const COMMANDS = {
  tag: 'sourcemark.server.tag',
  clearTag: 'sourcemark.server.clearTag',
  setNote: 'sourcemark.server.setNote',
  reattachTag: 'sourcemark.server.reattachTag',
  deleteTag: 'sourcemark.server.deleteTag',
  tagWithEvidence: 'sourcemark.server.tagWithEvidence',
  /** Tag every mention of the entity at a place. */
  tagEntityMentions: 'sourcemark.server.tagEntityMentions',
  /** Re-read settings and sidecars and analyse every source again. */
  reanalyse: 'sourcemark.server.reanalyse',
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

/** `{uri, kind: 'entity', start, end, status}`: every mention of that entity in the source gets `status`. */
export type TagEntityMentionsArgs = SetTagArgs;

/** The argument each command takes. */
export interface CommandArguments {
  [COMMANDS.tag]: SetTagArgs;
  [COMMANDS.clearTag]: TagCommandArgs;
  [COMMANDS.setNote]: SetNoteArgs;
  [COMMANDS.reattachTag]: ReattachTagArgs;
  [COMMANDS.deleteTag]: DeleteTagArgs;
  [COMMANDS.tagWithEvidence]: TagWithEvidenceArgs;
  [COMMANDS.tagEntityMentions]: TagEntityMentionsArgs;
  [COMMANDS.reanalyse]: Record<string, never>;
}

export type CommandName = keyof CommandArguments;

/** What every command answers; `tagged` counts the mentions tagEntityMentions tagged. */
export type CommandResult = { ok: true; tagged?: number } | { ok: false; error?: string };

/** Client command a code lens runs to show the claims other sources state alike (VS Code: a peek view). */
export const SHOW_LINKED_COMMAND = 'sourcemark.showLinkedSources';

// ---- Diagnostics ------------------------------------------------------------------------------

export const DIAGNOSTIC_SOURCE = 'Sourcemark';

export const DIAGNOSTIC_CODES = {
  untaggedClaim: 'untagged-claim',
  taggedClaim: 'tagged-claim',
  /** A finding of another kind has its kind as code ('entity', 'date'). */
  entity: 'entity',
  date: 'date',
  orphan: 'orphaned-tag',
  duplicateTag: 'duplicate-tag',
  invalidSidecar: 'invalid-sidecar',
  skipped: 'not-analysed',
  notProse: 'not-prose',
  conflict: 'cross-source-conflict',
} as const;

/** The code of a finding's diagnostic: a claim's says whether it is tagged, another finding's is its kind. */
export function findingDiagnosticCode(kind: FindingKind, tagged: boolean): string {
  if (kind !== 'claim') return kind;
  return tagged ? DIAGNOSTIC_CODES.taggedClaim : DIAGNOSTIC_CODES.untaggedClaim;
}

/** The data an orphan or duplicate-tag diagnostic carries, so code actions know which tag it is. */
export interface TagDiagnosticData {
  annotationId: string;
}

/** The data a finding's diagnostic carries, so code actions find their finding again. */
export interface FindingDiagnosticData {
  findingId: string;
  /** On a conflict's diagnostic: which conflict. */
  conflictId?: string;
}

// ---- Requests and notifications for views (any client may use them) --------------------------

/** Claims by tag status, findings by kind and orphaned tags of one source. */
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
  /** Its normalised value, when it has one (a date's TIMEX3 value). */
  value?: string;
  /** Who said it, when the text names someone. */
  speaker?: string;
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

export interface TimelineParams {
  /** Also dates in reader comments. Default false. */
  includeComments?: boolean;
}

/** The workspace timeline: the data for a view, the names of its sources, and ready Markdown. */
export interface TimelineResponse {
  timeline: Timeline;
  /** Source id (URI) → path relative to its workspace folder. */
  labels: Record<string, string>;
  markdown: string;
  indexed: number;
  indexing: boolean;
}

export interface IndexStatusParams {
  /** Answer once indexing and linking have settled (for tests and benchmarks). */
  wait?: boolean;
}

export interface IndexStatusResponse {
  total: number;
  done: number;
  failed: number;
  scanning: boolean;
  startedAt?: number;
  finishedAt?: number;
  /** Sources in the index. */
  sources: number;
}

/** The findings and tags of one source, open or not. */
export const DocumentFindingsRequest = new RequestType<DocumentFindingsParams, DocumentFindings, void>('sourcemark/documentFindings');

/** Every source in the workspace folders with its counts. */
export const WorkspaceSummaryRequest = new RequestType<Record<string, never>, WorkspaceSummary, void>('sourcemark/workspaceSummary');

/** Every normalised date of the workspace, in time order. */
export const TimelineRequest = new RequestType<TimelineParams, TimelineResponse, void>('sourcemark/timeline');

/** How far the workspace index has got. */
export const IndexStatusRequest = new RequestType<IndexStatusParams, IndexStatusResponse, void>('sourcemark/indexStatus');

/** A source's findings or tags changed (analysis, tag command, sidecar edited on disk). */
export const SourceChangedNotification = new NotificationType<SourceSummary>('sourcemark/sourceChanged');

/** Semantic token legend: entities and dates, with the entity type as a modifier. */
export const SEMANTIC_TOKEN_TYPES = ['sourcemarkEntity', 'sourcemarkDate'] as const;
export const SEMANTIC_TOKEN_MODIFIERS = ['person', 'organisation', 'place', 'product', 'event', 'other', 'tagged'] as const;
