// The protocol between the Sourcemark language server and its clients, beyond plain LSP: typed
// requests and notifications, the commands the server executes and their arguments, and the
// diagnostic codes. The VS Code client and the server both import this file; other LSP clients
// send the same method and command names.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { Timeline } from '../core/corpus';
import { FINDING_KINDS, MAX_NOTE_LENGTH, TAG_STATUSES, type EntityType, type FindingKind, type Region, type TagStatus } from '../core/model';
import type { RegionChoice } from '../core/regions';
import type { SourceCounts } from '../core/sourceCounts';
import { DISMISSAL_KINDS, type DismissalKind, type NoteComment, type UrlEvidence } from '../core/tags/annotation';
import type { SectionCounts, SourcePart } from './viewSections';

export type { DismissalKind, EntityType, FindingKind, NoteComment, Region, RegionChoice, SectionCounts, SourceCounts, SourcePart, TagStatus, UrlEvidence };
export { DEFAULT_REGIONS, REGION_CHOICES, REGION_PRESETS } from '../core/regions';

// ---- Settings (package.json contributes.configuration, section `sourcemark`) -----------------

/**
 * Settings this protocol adds; the server fetches them per document with workspace/configuration.
 * - `sourcemark.regions`: RegionChoice[], default ['title', 'body'] (the article). Which regions are
 *   analysed and shown: diagnostics, hover, semantic tokens, counts, the view, exports, `check`.
 *   Tags in a hidden region are kept and still listed (documentFindings' `hiddenTags`).
 * - `sourcemark.diagnostics.entities` / `.dates` / `.quotations`: boolean, default false. Entities,
 *   dates and quotations are semantic tokens (and the client's decorations), not diagnostics, unless
 *   these say so; their severity is then `sourcemark.severity.<kind>`.
 */
export const SETTING_KEYS = {
  regions: 'sourcemark.regions',
  entityDiagnostics: 'sourcemark.diagnostics.entities',
  dateDiagnostics: 'sourcemark.diagnostics.dates',
  quotationDiagnostics: 'sourcemark.diagnostics.quotations',
} as const;

/** LSP's integer and uinteger bounds. */
const MAX_INTEGER = 2 ** 31 - 1;
const MIN_INTEGER = -(2 ** 31);
/** Longer URIs are refused: no file system has paths this long. */
export const MAX_URI_LENGTH = 16 * 1024;

// ---- initialize ------------------------------------------------------------------------------

/** What a client may pass as `initializationOptions` (other fields are ignored). */
export const InitializationOptionsSchema = Type.Object({
  /**
   * The translations of the server's user-facing strings (an l10n bundle: English string → its
   * translation), e.g. VS Code's `vscode.l10n.bundle`. Without it the server speaks English.
   */
  l10nBundle: Type.Optional(Type.Union([
    Type.Record(Type.String({ maxLength: 4096 }), Type.String({ maxLength: 4096 }), { maxProperties: 10_000 }),
    Type.Null(),
  ])),
});
export type InitializationOptions = Static<typeof InitializationOptionsSchema>;

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
  /** Dismiss a finding: not a claim, ignore a name (in the source or the workspace), ignore a date. */
  dismiss: 'sourcemark.server.dismiss',
  /** Undo a dismissal (from listDismissals). */
  restoreDismissal: 'sourcemark.server.restoreDismissal',
  /** Start a tag's note thread or add to it: a new comment at the end. */
  addComment: 'sourcemark.server.addComment',
  /** Change a comment's body. */
  editComment: 'sourcemark.server.editComment',
  /** Delete one comment; the thread goes when its last comment does (the tag stays). */
  deleteComment: 'sourcemark.server.deleteComment',
  /** Cite a web page as evidence of a tag. */
  citeUrl: 'sourcemark.server.citeUrl',
  /** Remove a cited web page from a tag. */
  removeUrl: 'sourcemark.server.removeUrl',
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

/** Addresses and the words that go with a citation: long enough for any real page, never a document. */
const Url = Type.String({ minLength: 1, maxLength: 4096 });
const ShortText = Type.String({ maxLength: 2000 });
const CommentBody = Type.String({ minLength: 1, maxLength: MAX_NOTE_LENGTH });
const Author = Type.String({ minLength: 1, maxLength: 200 });

/**
 * Dismiss the finding at [start, end). `not-a-claim` needs a claim, `ignore-date` a date,
 * `ignore-name` an entity: with `scope: 'source'` (default) every mention of its name in this source
 * (kept in the sidecar with a quote selector, so it re-anchors like a tag), with `scope: 'workspace'`
 * every mention in every source of the workspace folder (a line `entity: <name>` in the folder's
 * `.sourcemark-ignore`).
 */
const DismissArgsSchema = Type.Composite([TagCommandArgsSchema, Type.Object({
  dismissal: Type.Unsafe<DismissalKind>({ type: 'string', enum: [...DISMISSAL_KINDS] }),
  scope: Type.Optional(Type.Unsafe<'source' | 'workspace'>({ type: 'string', enum: ['source', 'workspace'] })),
})]);
export type DismissArgs = Static<typeof DismissArgsSchema>;

/** One line of a workspace folder's `.sourcemark-ignore`: `entity: Smartphone`. */
const WorkspaceIgnoreEntrySchema = Type.Object({
  kind: Type.Literal('entity'),
  /** The name as written in the file; matched against mentions case-insensitively. */
  value: Type.String({ minLength: 1, maxLength: 500 }),
});
export type WorkspaceIgnoreEntry = Static<typeof WorkspaceIgnoreEntrySchema>;

/** Restore a dismissal: one of a sidecar's (by id) or a line of a workspace folder's ignore file. */
const RestoreDismissalArgsSchema = Type.Union([
  Type.Object({ scope: Type.Literal('source'), uri: FileUri, id: Id }),
  /** `uri`: the `.sourcemark-ignore` file. */
  Type.Object({ scope: Type.Literal('workspace'), uri: FileUri, entry: WorkspaceIgnoreEntrySchema }),
]);
export type RestoreDismissalArgs = Static<typeof RestoreDismissalArgsSchema>;

/**
 * Add a comment to the note thread of a tag: the tag `annotationId`, or the tag of the finding at
 * [start, end) (which must be tagged, as for setNote). `author` defaults to the server's user name.
 */
const AddCommentArgsSchema = Type.Union([
  Type.Object({ uri: FileUri, annotationId: Id, body: CommentBody, author: Type.Optional(Author) }),
  Type.Composite([TagCommandArgsSchema, Type.Object({ body: CommentBody, author: Type.Optional(Author) })]),
]);
export type AddCommentArgs = Static<typeof AddCommentArgsSchema>;

const EditCommentArgsSchema = Type.Object({ uri: FileUri, annotationId: Id, commentId: Id, body: CommentBody });
export type EditCommentArgs = Static<typeof EditCommentArgsSchema>;

const DeleteCommentArgsSchema = Type.Object({ uri: FileUri, annotationId: Id, commentId: Id });
export type DeleteCommentArgs = Static<typeof DeleteCommentArgsSchema>;

/**
 * Cite a web page (http or https only) as evidence of the finding's tag. An untagged finding is
 * tagged with `status` first; without `status` it is refused. Citing the same URL again replaces it.
 */
const CiteUrlArgsSchema = Type.Composite([TagCommandArgsSchema, Type.Object({
  url: Url,
  title: Type.Optional(ShortText),
  /** YYYY-MM-DD; default today. */
  accessed: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  quote: Type.Optional(ShortText),
  status: Type.Optional(Status),
})]);
export type CiteUrlArgs = Static<typeof CiteUrlArgsSchema>;

const RemoveUrlArgsSchema = Type.Object({ uri: FileUri, annotationId: Id, url: Url });
export type RemoveUrlArgs = Static<typeof RemoveUrlArgsSchema>;

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
  [COMMANDS.dismiss]: DismissArgsSchema,
  [COMMANDS.restoreDismissal]: RestoreDismissalArgsSchema,
  [COMMANDS.addComment]: AddCommentArgsSchema,
  [COMMANDS.editComment]: EditCommentArgsSchema,
  [COMMANDS.deleteComment]: DeleteCommentArgsSchema,
  [COMMANDS.citeUrl]: CiteUrlArgsSchema,
  [COMMANDS.removeUrl]: RemoveUrlArgsSchema,
} as const satisfies Record<(typeof COMMANDS)[keyof typeof COMMANDS], TSchema>;

/** The argument each command takes. */
export type CommandArguments = { [C in keyof typeof COMMAND_ARGUMENTS]: Static<(typeof COMMAND_ARGUMENTS)[C]> };

export type CommandName = keyof CommandArguments;

/**
 * What every command answers; `tagged` counts the mentions tagEntityMentions tagged, `annotationId`
 * is the tag a comment or citation went to, `commentId` the comment added, `dismissalId` the
 * dismissal made in a sidecar.
 */
export type CommandResult =
  | { ok: true; tagged?: number; annotationId?: string; commentId?: string; dismissalId?: string }
  | { ok: false; error?: string };

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
  quotation: 'quotation',
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
   * are empty; a sourcesChanged notification brings them once it has.
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
  /** Where in the source it is. */
  region: Region;
  /** In a reader comment: the commenter's handle, for grouping under them. */
  commenter?: string;
  /** Claims: check-worthiness 0–1 (the review queue's order); others: confidence. */
  score: number;
  /**
   * What the finding is, in words, one line: a claim's first words, "Lei Jun (person)", a date with
   * its human value ("February (month, year unknown)"). Never a raw TIMEX value.
   */
  label: string;
  /** A date's value in words: "February, year unknown", "now", "10 March 2018". */
  valueLabel?: string;
  /** Entities: mentions of the same entity in this source. */
  mentions?: number;
  /** The tag's note thread, oldest first; `note` is its first comment's body (for older clients). */
  comments?: NoteComment[];
  /** The tag's id, when tagged. */
  annotationId?: string;
  /** Web pages the tag cites. */
  urls?: UrlEvidence[];
}

/** A tag whose text is gone from the source, or that sits in a region the settings hide. */
export interface TagItem {
  annotationId: string;
  kind: FindingKind;
  status: TagStatus;
  /** The tagged words as saved. */
  exact: string;
  start: number;
  end: number;
  /** Present for a tag that is anchored (in a hidden region); absent for an orphan. */
  range?: LspRange;
  region?: Region;
  /** ISO time the text was found missing (orphans). */
  orphanedAt?: string;
  comments?: NoteComment[];
}

/** A conflict of this source with another, as the view's Conflicts section lists it. */
/** A place of another source that says otherwise. */
export interface ConflictOther {
  uri: string;
  /** Its disagreeing words. */
  range: LspRange;
  words: string;
  /** What they are read as ("2021-01-01 … 2021-12-31", "cfo"). */
  value: string;
  /** Its claim or quotation, on one line. */
  quote: string;
}

/** A place of this source that other sources contradict: one per disputed place, however many say otherwise. */
export interface ConflictItem {
  /** The first conflict's id. */
  id: string;
  /** The disagreeing words here. */
  start: number;
  end: number;
  range: LspRange;
  /** Short: what is disputed and the words here ('time frame: "2021"'). */
  label: string;
  /** One line: what the sources disagree on, the first other source's words, and how many other places disagree too. */
  message: string;
  /** The other places, the one the message names first; at most 50. */
  others: ConflictOther[];
  /** How many other places disagree, listed or not. */
  otherCount: number;
  /** Both sides of each of these conflicts are tagged: looked at, no longer a warning. */
  settled: boolean;
}

/**
 * `all`: every finding. `decorated`: claims and tagged findings only, what decorations, counts and
 * claim navigation need; on a long source most findings are untagged names and dates.
 */
export type FindingsScope = 'all' | 'decorated';

const StatusOrUntagged = Type.Unsafe<string>({ type: 'string', enum: ['untagged', ...TAG_STATUSES] });

export const DocumentFindingsParamsSchema = Type.Object({
  uri: FileUri,
  /** Default `all`. */
  scope: Type.Optional(Type.Unsafe<FindingsScope>({ type: 'string', enum: ['all', 'decorated'] })),
  /** Only findings of these kinds (default: every kind of the scope). */
  kinds: Type.Optional(Type.Array(Kind, { maxItems: FINDING_KINDS.length })),
  /** Only the article's findings, or only the reader comments' (default: both). */
  part: Type.Optional(Type.Unsafe<SourcePart>({ type: 'string', enum: ['article', 'comments'] })),
  /**
   * Count the rows of the view's sections under this filter (`DocumentFindings.sections`), over
   * every finding of the source whatever `kinds` and `part` list: a source's section rows are drawn
   * from counts, their findings asked for when a section is expanded.
   */
  sections: Type.Optional(Type.Object({
    kinds: Type.Array(Kind, { maxItems: FINDING_KINDS.length }),
    statuses: Type.Array(StatusOrUntagged, { maxItems: TAG_STATUSES.length + 1 }),
  })),
});
export type DocumentFindingsParams = Static<typeof DocumentFindingsParamsSchema>;

export interface DocumentFindings extends SourceSummary {
  /** Document version the findings were computed for; absent when read from disk. */
  version?: number;
  /** Sorted by start offset, of the requested scope. Empty when the document is not a source. */
  findings: FindingItem[];
  scope: FindingsScope;
  isSource: boolean;
  /** The regions the findings were filtered to (the document's `sourcemark.regions`). */
  regions?: RegionChoice[];
  /** Tags whose text is gone. */
  orphans?: TagItem[];
  /** Anchored tags in regions the settings hide: still listed so nothing tagged is lost from sight. */
  hiddenTags?: TagItem[];
  /** Conflicts with other sources, once the workspace index has linked this source. */
  conflicts?: ConflictItem[];
  /** Findings left out because they were dismissed (source and workspace dismissals). */
  dismissed?: number;
  /** The rows of the view's sections under the filter asked for (`DocumentFindingsParams.sections`). */
  sections?: SectionCounts;
}

// ---- Dismissals -------------------------------------------------------------------------------

/** A dismissal kept in a source's sidecar. */
export interface SourceDismissalItem {
  id: string;
  uri: string;
  dismissal: DismissalKind;
  kind: FindingKind;
  /** The dismissed words as saved (for ignore-name: the name). */
  exact: string;
  start: number;
  end: number;
  /** Absent when its text is gone (an orphaned dismissal: it hides nothing until restored or its text is back). */
  range?: LspRange;
  orphanedAt?: string;
  createdAt: string;
}

export interface WorkspaceDismissalItem {
  /** The `.sourcemark-ignore` file. */
  uri: string;
  /** The workspace folder it applies to. */
  folderUri: string;
  entry: WorkspaceIgnoreEntry;
  /** 0-based line in the file. */
  line: number;
}

export const ListDismissalsParamsSchema = Type.Object({
  /** One source's dismissals (and the workspace's that apply to it); absent: every open source's and every folder's. */
  uri: Type.Optional(FileUri),
});
export type ListDismissalsParams = Static<typeof ListDismissalsParamsSchema>;

export interface ListDismissalsResponse {
  source: SourceDismissalItem[];
  workspace: WorkspaceDismissalItem[];
}

// ---- Note threads -----------------------------------------------------------------------------

/** A tag with its note thread. */
export interface NoteThread {
  annotationId: string;
  kind: FindingKind;
  status: TagStatus;
  start: number;
  end: number;
  /** Absent for an orphaned tag. */
  range?: LspRange;
  /** Oldest first; empty when the tag has no note yet. */
  comments: NoteComment[];
}

/** `annotationId`: that tag's thread; `start`/`end` (+ `kind`): the thread of the finding's tag there; neither: every tag of the source that has comments. */
export const NoteThreadsParamsSchema = Type.Object({
  uri: FileUri,
  annotationId: Type.Optional(Id),
  kind: Type.Optional(Kind),
  start: Type.Optional(Offset),
  end: Type.Optional(Offset),
});
export type NoteThreadsParams = Static<typeof NoteThreadsParamsSchema>;

export interface NoteThreadsResponse {
  threads: NoteThread[];
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

/** The dismissals of a source and of the workspace folders. */
export const ListDismissalsRequest = new RequestType<ListDismissalsParams, ListDismissalsResponse, void>('sourcemark/listDismissals');

/** Note threads of a source's tags. */
export const NoteThreadsRequest = new RequestType<NoteThreadsParams, NoteThreadsResponse, void>('sourcemark/noteThreads');

/** Sources whose findings or tags changed (analysis, tag command, sidecar edited on disk), each once with its latest counts. */
export interface SourcesChangedParams {
  sources: SourceSummary[];
}

/**
 * Sent once per turn of the server's event loop for every source that changed in it: a reopened
 * workspace counts thousands of sources from the index snapshot at once, and a message for each
 * cost both ends a write or a read and a parse apiece.
 */
export const SourcesChangedNotification = new NotificationType<SourcesChangedParams>('sourcemark/sourcesChanged');

/**
 * The params schema of each request and notification above that a server receives. Params are
 * optional where the schema's every field is (none is read as `{}`).
 */
export const REQUEST_PARAMS: Record<string, TSchema> = {
  [DocumentFindingsRequest.method]: DocumentFindingsParamsSchema,
  [WorkspaceSummaryRequest.method]: WorkspaceSummaryParamsSchema,
  [TimelineRequest.method]: TimelineParamsSchema,
  [IndexStatusRequest.method]: IndexStatusParamsSchema,
  [ListDismissalsRequest.method]: ListDismissalsParamsSchema,
  [NoteThreadsRequest.method]: NoteThreadsParamsSchema,
};

/** Semantic token legend: entities and dates, with the entity type as a modifier. */
export const SEMANTIC_TOKEN_TYPES = ['sourcemarkEntity', 'sourcemarkDate'] as const;
export const SEMANTIC_TOKEN_MODIFIERS = ['person', 'organisation', 'place', 'product', 'event', 'other', 'tagged'] as const;
