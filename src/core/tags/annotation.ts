// In-memory shape of a sidecar file; mirrors schemas/sidecar-v1.schema.json.
import type { FindingKind, TagStatus } from '../model';

export const SIDECAR_SCHEMA_VERSION = 1;

/** W3C Web Annotation TextQuoteSelector plus UTF-16 offsets into the source text. */
export interface TextQuoteTarget {
  readonly start: number;
  readonly end: number;
  readonly exact: string;
  readonly prefix: string;
  readonly suffix: string;
}

/**
 * What a tag rests on: another source's tag (its quote kept, so it reads without that source), or a
 * URL. `source` is relative to this source's folder, with forward slashes.
 */
export type Evidence =
  | { readonly kind: 'annotation'; readonly source: string; readonly annotationId: string; readonly quote: string }
  | { readonly kind: 'url'; readonly url: string };

export interface Annotation {
  readonly id: string;
  readonly kind: FindingKind;
  readonly status: TagStatus;
  readonly target: TextQuoteTarget;
  readonly note?: string;
  /** Sorted and without duplicates when saved. */
  readonly evidence?: readonly Evidence[];
  /** ISO 8601 date-time. */
  readonly createdAt: string;
  /** ISO 8601 date-time. */
  readonly updatedAt: string;
  /**
   * Keys this version does not know (written by a newer Sourcemark or by hand).
   * Kept apart from the known fields so a typo in code is still a type error,
   * and written back on save so nothing the user or a newer version wrote is lost.
   */
  readonly extra?: Readonly<Record<string, unknown>>;
}

export interface Sidecar {
  readonly schemaVersion: typeof SIDECAR_SCHEMA_VERSION;
  /** Base name of the source file. */
  readonly source: string;
  /** Lower-case hex SHA-256 of the source text as UTF-8. */
  readonly sourceSha256: string;
  readonly annotations: readonly Annotation[];
  /** Unknown top-level keys, preserved on save (see Annotation.extra). */
  readonly extra?: Readonly<Record<string, unknown>>;
}
