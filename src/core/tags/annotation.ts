// In-memory shape of a sidecar file; mirrors schemas/sidecar-v3.schema.json. Version 1 files (no
// history, no orphan mark, no evidence) and version 2 files (a single note, no dismissals) are read
// into the same shape.
import type { FindingKind, TagStatus } from '../model';

export const SIDECAR_SCHEMA_VERSION = 3;

/** W3C Web Annotation TextQuoteSelector plus UTF-16 offsets into the source text. */
export interface TextQuoteTarget {
  readonly start: number;
  readonly end: number;
  readonly exact: string;
  readonly prefix: string;
  readonly suffix: string;
}

/** One step of a tag's history: when its status was set, and what it was before (absent at creation). */
export interface StatusChange {
  /** ISO 8601 date-time. */
  readonly at: string;
  readonly from?: TagStatus;
  readonly to: TagStatus;
}

/** What supports or contradicts a tag: another tag (in this or another source) or a web page. */
export type Evidence =
  | {
      readonly kind: 'annotation';
      /** Path of that source relative to this source's folder, forward slashes. */
      readonly source: string;
      readonly annotationId: string;
      readonly quote: string;
    }
  | UrlEvidence;

/** A web page the fact-checker checked the finding against. Only http and https URLs are kept. */
export interface UrlEvidence {
  readonly kind: 'url';
  readonly url: string;
  /** The page's title, as the user gave it. */
  readonly title?: string;
  /** When the page was read: YYYY-MM-DD. */
  readonly accessed?: string;
  /** The words of the page that matter. */
  readonly quote?: string;
}

/** One comment of a tag's note thread. */
export interface NoteComment {
  /** Unique within the tag: `c_` and 12 hex digits. */
  readonly id: string;
  readonly author: string;
  /** ISO 8601 date-time. */
  readonly createdAt: string;
  /** ISO 8601 date-time of the last edit, when there was one. */
  readonly editedAt?: string;
  readonly body: string;
}

/**
 * Why a finding is dismissed: `not-a-claim` (that claim), `ignore-name` (every mention of that name,
 * in this source or, in the workspace file, every source), `ignore-date` (that date).
 */
export type DismissalKind = 'not-a-claim' | 'ignore-name' | 'ignore-date';
export const DISMISSAL_KINDS: readonly DismissalKind[] = ['not-a-claim', 'ignore-name', 'ignore-date'];

export interface Annotation {
  readonly id: string;
  readonly kind: FindingKind;
  readonly status: TagStatus;
  readonly target: TextQuoteTarget;
  /** The note thread, oldest first (a version 2 note is its first comment). */
  readonly comments?: readonly NoteComment[];
  /** ISO 8601 date-time. */
  readonly createdAt: string;
  /** ISO 8601 date-time. */
  readonly updatedAt: string;
  /** Set while the tagged text cannot be found in the source: when that was first noticed. */
  readonly orphanedAt?: string;
  /** Status changes, oldest first, at most MAX_HISTORY. */
  readonly history?: readonly StatusChange[];
  readonly evidence?: readonly Evidence[];
  /**
   * Keys this version does not know (written by a newer Sourcemark or by hand).
   * Kept apart from the known fields so a typo in code is still a type error,
   * and written back on save so nothing the user or a newer version wrote is lost.
   */
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** A finding the user dismissed in this source, anchored by its quote like a tag. */
export interface Dismissal {
  /** `d_` and 12 hex digits, unique within the file. */
  readonly id: string;
  readonly kind: DismissalKind;
  readonly target: TextQuoteTarget;
  /** ignore-name: the name (the entity's canonical name) every mention of which is dismissed. */
  readonly name?: string;
  /** ISO 8601 date-time. */
  readonly createdAt: string;
  /** Set while its text cannot be found in the source. */
  readonly orphanedAt?: string;
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** The finding kind each dismissal applies to. */
export const DISMISSED_KIND: Readonly<Record<DismissalKind, FindingKind>> = {
  'not-a-claim': 'claim',
  'ignore-name': 'entity',
  'ignore-date': 'date',
};

export interface Sidecar {
  readonly schemaVersion: typeof SIDECAR_SCHEMA_VERSION;
  /** Base name of the source file. */
  readonly source: string;
  /** Lower-case hex SHA-256 of the source text as UTF-8. */
  readonly sourceSha256: string;
  readonly annotations: readonly Annotation[];
  /** Findings dismissed in this source (schema version 3). */
  readonly dismissals?: readonly Dismissal[];
  /** Unknown top-level keys, preserved on save (see Annotation.extra). */
  readonly extra?: Readonly<Record<string, unknown>>;
}
