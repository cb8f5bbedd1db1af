// The protocol between the Sourcemark language server and its clients, beyond plain LSP: typed
// requests and notifications, the commands the server executes and their arguments, and the
// diagnostic codes. The VS Code client and the server both import this file; other LSP clients
// send the same method and command names.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { Timeline } from '../core/corpus';
import { FINDING_KINDS, MAX_NOTE_LENGTH, TAG_STATUSES, type FindingKind, type TagStatus } from '../core/model';
import type { SourceCounts } from '../core/sourceCounts';

export type { FindingKind, SourceCounts, TagStatus };

/** LSP's integer and uinteger bounds. */
const MAX_INTEGER = 2 ** 31 - 1;
const MIN_INTEGER = -(2 ** 31);
/** Longer URIs are refused: no file system has paths this long. */
export const MAX_URI_LENGTH = 16 * 1024;

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

// The arguments of each command and the params of each request below are JSON Schemas (TypeBox),
// and their types come from them: the server checks every incoming message against the same
// schema the client's code is typed by (src/server/messageGuard.ts), so the two cannot drift.

/** A position in a document's text, in UTF-16 code units. */
const Offset = Type.Integer({ minimum: 0, maximum: MAX_INTEGER });
const DocumentVersion = Type.Integer({ minimum: MIN_INTEGER, maximum: MAX_INTEGER });
/** A `file:` URI that parses (format checked by the server's validator). */
export const FileUri = Type.String({ format: 'file-uri', maxLength: MAX_URI_LENGTH });
const Kind = Type.Unsafe<FindingKind>({ type: 'string', enum: [...FINDING_KINDS] });
const Status = Type.Unsafe<TagStatus>({ type: 'string', enum: [...TAG_STATUSES] });
/** Short identifiers (tag ids), never a document's worth of text. */
const Id = Type.String({ minLength: 1, maxLength: 200 });

/** Arguments of the tag commands: which finding, in which document, and what to do. */
const TagCommandArgsSchema = Type.Object({
  uri: FileUri,
  kind: Kind,
  start: Offset,
  end: Offset,
  /** Document version the finding was computed for; a stale request is refused. */
  version: Type.Optional(DocumentVersion),
});
export type TagCommandArgs = Static<typeof TagCommandArgsSchema>;

const SetTagArgsSchema = Type.Composite([TagCommandArgsSchema, Type.Object({ status: Status })]);
export type SetTagArgs = Static<typeof SetTagArgsSchema>;

const SetNoteArgsSchema = Type.Composite([TagCommandArgsSchema, Type.Object({ note: Type.String({ maxLength: MAX_NOTE_LENGTH }) })]);
export type SetNoteArgs = Static<typeof SetNoteArgsSchema>;

/** Tag a finding and cite a finding of another source as evidence (that one is tagged verified if it has no tag). */
const TagWithEvidenceArgsSchema = Type.Composite([
  SetTagArgsSchema,
  Type.Object({ cite: Type.Object({ uri: FileUri, kind: Kind, start: Offset, end: Offset }) }),
]);
export type TagWithEvidenceArgs = Static<typeof TagWithEvidenceArgsSchema>;

/** Re-attach the tag `id` (an orphan, usually) to [start, end) of the document: the user's selection. */
const ReattachTagArgsSchema = Type.Object({ uri: FileUri, id: Id, start: Offset, end: Offset, version: Type.Optional(DocumentVersion) });
export type ReattachTagArgs = Static<typeof ReattachTagArgsSchema>;

/** Delete the tag `id` on purpose. */
const DeleteTagArgsSchema = Type.Object({ uri: FileUri, id: Id });
export type DeleteTagArgs = Static<typeof DeleteTagArgsSchema>;

/** `{uri, kind: 'entity', start, end, status}`: every mention of that entity in the source gets `status`. */
export type TagEntityMentionsArgs = SetTagArgs;

/** The schema of the one argument each command takes (`arguments[0]`; none is read as `{}`). */
export const COMMAND_ARGUMENTS = {
  [COMMANDS.tag]: SetTagArgsSchema,
  [COMMANDS.clearTag]: TagCommandArgsSchema,
  [COMMANDS.setNote]: SetNoteArgsSchema,
  [COMMANDS.reattachTag]: ReattachTagArgsSchema,
  [COMMANDS.deleteTag]: DeleteTagArgsSchema,
  [COMMANDS.tagWithEvidence]: TagWithEvidenceArgsSchema,
  [COMMANDS.tagEntityMentions]: SetTagArgsSchema,
  [COMMANDS.reanalyse]: Type.Object({}),
} as const satisfies Record<(typeof COMMANDS)[keyof typeof COMMANDS], TSchema>;

/** The argument each command takes. */
export type CommandArguments = { [C in keyof typeof COMMAND_ARGUMENTS]: Static<(typeof COMMAND_ARGUMENTS)[C]> };

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

export const DocumentFindingsParamsSchema = Type.Object({
  uri: FileUri,
  /** Default `all`. */
  scope: Type.Optional(Type.Unsafe<FindingsScope>({ type: 'string', enum: ['all', 'decorated'] })),
});
export type DocumentFindingsParams = Static<typeof DocumentFindingsParamsSchema>;

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

export const TimelineParamsSchema = Type.Object({
  /** Also dates in reader comments. Default false. */
  includeComments: Type.Optional(Type.Boolean()),
});
export type TimelineParams = Static<typeof TimelineParamsSchema>;

/** The workspace timeline: the data for a view, the names of its sources, and ready Markdown. */
export interface TimelineResponse {
  timeline: Timeline;
  /** Source id (URI) → path relative to its workspace folder. */
  labels: Record<string, string>;
  markdown: string;
  indexed: number;
  indexing: boolean;
}

export const IndexStatusParamsSchema = Type.Object({
  /** Answer once indexing and linking have settled (for tests and benchmarks). */
  wait: Type.Optional(Type.Boolean()),
});
export type IndexStatusParams = Static<typeof IndexStatusParamsSchema>;

export const WorkspaceSummaryParamsSchema = Type.Object({});

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

/**
 * The params schema of each request and notification above that a server receives. Params are
 * optional where the schema's every field is (none is read as `{}`).
 */
export const REQUEST_PARAMS: Record<string, TSchema> = {
  [DocumentFindingsRequest.method]: DocumentFindingsParamsSchema,
  [WorkspaceSummaryRequest.method]: WorkspaceSummaryParamsSchema,
  [TimelineRequest.method]: TimelineParamsSchema,
  [IndexStatusRequest.method]: IndexStatusParamsSchema,
};

/** Semantic token legend: entities and dates, with the entity type as a modifier. */
export const SEMANTIC_TOKEN_TYPES = ['sourcemarkEntity', 'sourcemarkDate'] as const;
export const SEMANTIC_TOKEN_MODIFIERS = ['person', 'organisation', 'place', 'product', 'event', 'other', 'tagged'] as const;
