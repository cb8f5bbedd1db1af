import type { ErrorObject } from 'ajv';
import {
  SIDECAR_SCHEMA_VERSION, type Annotation, type Dismissal, type Evidence, type NoteComment, type Sidecar, type StatusChange, type TextQuoteTarget,
} from './annotation';
import { sha256Hex } from './quoteSelector';
import { cut } from '../text/shorten';
import { MAX_NOTE_LENGTH } from '../model';
import { formatCount } from '../text/count';
import { validatorFor } from './sidecarValidators';

export type SidecarProblemCode = 'invalid-json' | 'schema' | 'future-version' | 'duplicate-id' | 'offsets' | 'limit' | 'not-a-file';

export interface SidecarProblem {
  code: SidecarProblemCode;
  /** Shown to users: says what is wrong and what to do about it. */
  message: string;
  /** What is wrong, without the advice (for a write that was refused rather than a file that was read). */
  detail?: string;
}

/**
 * What one sidecar may hold. A file past these is not read (its tags are not loaded, it is never
 * overwritten) and a change that would pass them is not saved: a 5,000-deep file overflowed the
 * stack on every save, a 200,000-tag file froze the editor, a 10 MB note took 10 s to save.
 * The tag count and the note length are in the schema too, so VS Code flags them in a hand edit.
 */
export const SIDECAR_LIMITS = {
  /** File size in bytes (a tag with a full history is about 1 KB). */
  bytes: 32 * 1024 * 1024,
  /** Nesting of objects and arrays; Sourcemark's own files nest 5 deep. */
  depth: 64,
  tags: 50_000,
  /** Characters in one note. */
  noteLength: MAX_NOTE_LENGTH,
} as const;

/** `fromVersion`: the schema version of the file as read; a version 1 file is upgraded in memory. */
export type SchemaVersion = 1 | 2 | 3;
export type ParsedSidecar = { ok: true; sidecar: Sidecar; fromVersion: SchemaVersion } | { ok: false; problem: SidecarProblem };

/** How many status changes a tag keeps: enough to see how a verdict evolved, not a log. */
export const MAX_HISTORY = 20;

const TOP_KEYS = ['schemaVersion', 'source', 'sourceSha256', 'annotations', 'dismissals'] as const;
const ANNOTATION_KEYS = [
  // `note` is version 2's single note, read into `comments`.
  'id', 'kind', 'status', 'target', 'note', 'comments', 'orphanedAt', 'evidence', 'history', 'createdAt', 'updatedAt',
] as const;
const DISMISSAL_KEYS = ['id', 'kind', 'target', 'name', 'createdAt', 'orphanedAt'] as const;

const NOT_OVERWRITTEN = 'Sourcemark will not overwrite it until it is fixed.';

export function emptySidecar(source: string, sourceSha256: string): Sidecar {
  return { schemaVersion: SIDECAR_SCHEMA_VERSION, source, sourceSha256, annotations: [] };
}

// Plain code-unit order, not localeCompare: the output must not depend on the machine's locale.
const compareStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * File order: by id, which never changes. Offsets change whenever the source is edited above a tag;
 * ordering by them would reorder blocks after a paragraph move and turn a small change into a big diff.
 */
export function compareAnnotations(a: Annotation, b: Annotation): number {
  return compareStrings(a.id, b.id);
}

const evidenceKey = (e: Evidence) => (e.kind === 'url' ? `url\u0000${e.url}` : `annotation\u0000${e.source}\u0000${e.annotationId}`);

/** Evidence sorted, one entry per linked tag or URL (the latest wins: it was read last), with a fixed key order. */
export function normaliseEvidence(evidence: readonly Evidence[]): Evidence[] {
  const byKey = new Map<string, Evidence>();
  for (const e of evidence) byKey.set(evidenceKey(e), e);
  return [...byKey.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([, e]) =>
      e.kind === 'url'
        ? {
            kind: 'url', url: e.url,
            ...(e.title !== undefined ? { title: e.title } : {}),
            ...(e.accessed !== undefined ? { accessed: e.accessed } : {}),
            ...(e.quote !== undefined ? { quote: e.quote } : {}),
          }
        : { kind: 'annotation', source: e.source, annotationId: e.annotationId, quote: e.quote },
    );
}

function orderedComment(c: NoteComment): NoteComment {
  return { id: c.id, author: c.author, createdAt: c.createdAt, ...(c.editedAt !== undefined ? { editedAt: c.editedAt } : {}), body: c.body };
}

/** A version 2 note as the first comment of a thread: its id is derived from the tag, so reading twice gives the same file. */
export function noteAsComment(annotationId: string, note: string, at: string): NoteComment {
  return { id: `c_${sha256Hex(`${annotationId}\u0000${note}`).slice(0, 12)}`, author: 'unknown', createdAt: at, body: note };
}

/** File order of dismissals: by id, like tags. */
export function compareDismissals(a: Dismissal, b: Dismissal): number {
  return compareStrings(a.id, b.id);
}

function orderedDismissal(d: Dismissal) {
  const entries: [string, unknown][] = [['id', d.id], ['kind', d.kind], ['target', orderedTarget(d.target)]];
  if (d.name !== undefined) entries.push(['name', d.name]);
  entries.push(['createdAt', d.createdAt]);
  if (d.orphanedAt !== undefined) entries.push(['orphanedAt', d.orphanedAt]);
  return Object.fromEntries([...entries, ...extraEntries(d.extra, DISMISSAL_KEYS)]);
}

function orderedChange(c: StatusChange): StatusChange {
  return c.from === undefined ? { at: c.at, to: c.to } : { at: c.at, from: c.from, to: c.to };
}

function extraEntries(extra: Readonly<Record<string, unknown>> | undefined, known: readonly string[]) {
  // Known keys are skipped so a stray `extra.id` can never shadow the real one.
  return Object.entries(extra ?? {})
    .filter(([k, v]) => !known.includes(k) && v !== undefined)
    .sort(([a], [b]) => compareStrings(a, b));
}

function orderedTarget(t: TextQuoteTarget) {
  return { start: t.start, end: t.end, exact: t.exact, prefix: t.prefix, suffix: t.suffix };
}

function orderedAnnotation(a: Annotation) {
  const entries: [string, unknown][] = [
    ['id', a.id],
    ['kind', a.kind],
    ['status', a.status],
    ['target', orderedTarget(a.target)],
  ];
  if (a.comments?.length) entries.push(['comments', a.comments.map(orderedComment)]);
  if (a.orphanedAt !== undefined) entries.push(['orphanedAt', a.orphanedAt]);
  if (a.evidence?.length) entries.push(['evidence', normaliseEvidence(a.evidence)]);
  if (a.history?.length) entries.push(['history', a.history.slice(-MAX_HISTORY).map(orderedChange)]);
  entries.push(['createdAt', a.createdAt], ['updatedAt', a.updatedAt]);
  // fromEntries defines own properties, so even a key named "__proto__" round-trips.
  return Object.fromEntries([...entries, ...extraEntries(a.extra, ANNOTATION_KEYS)]);
}

/** Deterministic: the same sidecar always gives the same bytes, whatever the annotation order. */
export function serializeSidecar(s: Sidecar): string {
  const annotations = [...s.annotations].sort(compareAnnotations).map(orderedAnnotation);
  const top = Object.fromEntries([
    ['schemaVersion', s.schemaVersion],
    ['source', s.source],
    ['sourceSha256', s.sourceSha256],
    ['annotations', annotations],
    ...(s.dismissals?.length ? [['dismissals', [...s.dismissals].sort(compareDismissals).map(orderedDismissal)]] : []),
    ...extraEntries(s.extra, TOP_KEYS),
  ]);
  return JSON.stringify(top, null, 2) + '\n';
}

function validate(data: unknown, version: SchemaVersion): ErrorObject | undefined {
  const validator = validatorFor(version);
  return validator(data) ? undefined : (validator.errors?.[0] ?? undefined);
}

function describeAjvError(e: ErrorObject): string {
  const where = e.instancePath === '' ? 'at the top level' : `at ${e.instancePath}`;
  let what = e.message ?? 'is invalid';
  const params = e.params as Record<string, unknown>;
  if (Array.isArray(params.allowedValues)) what += ` (${params.allowedValues.join(', ')})`;
  if (typeof params.additionalProperty === 'string') what += ` ("${params.additionalProperty}")`;
  if ('allowedValue' in params) what += ` (${JSON.stringify(params.allowedValue)})`;
  return `${where}: ${what}`;
}

function schemaProblem(detail: string): ParsedSidecar {
  return {
    ok: false,
    problem: {
      code: 'schema',
      detail: `it does not match the Sourcemark tag format: ${detail}`,
      message:
        `The sidecar does not match the Sourcemark tag format: ${detail}. ` +
        `Correct that value by hand or restore the file from version control; ${NOT_OVERWRITTEN}`,
    },
  };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function splitExtra(obj: Record<string, unknown>, known: readonly string[]) {
  const entries = Object.entries(obj).filter(([k]) => !known.includes(k));
  return entries.length > 0 ? { extra: Object.fromEntries(entries) } : {};
}

const count = formatCount;

function limitProblem(detail: string, todo: string): ParsedSidecar {
  return { ok: false, problem: { code: 'limit', detail, message: `${detail}. ${todo}; ${NOT_OVERWRITTEN}` } };
}

/** True when objects and arrays in `json` nest deeper than `max`: a scan, no recursion, before anything parses it. */
export function nestsDeeperThan(json: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: the next character is escaped
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}

/** The first limit a parsed sidecar passes (tags, note length), checked before the schema so the message is plain. */
function overLimit(data: unknown): ParsedSidecar | undefined {
  if (!isObject(data) || !Array.isArray(data.annotations)) return undefined;
  const tags = data.annotations.length;
  if (tags > SIDECAR_LIMITS.tags) {
    return limitProblem(
      `The sidecar holds ${count(tags)} tags, more than the ${count(SIDECAR_LIMITS.tags)} Sourcemark reads from one file`,
      'Delete the tags you no longer need (by hand) or restore the file from version control',
    );
  }
  for (const [i, a] of data.annotations.entries()) {
    if (!isObject(a)) continue;
    const notes: [string, unknown][] = [[`/annotations/${i}/note`, a.note]];
    if (Array.isArray(a.comments)) a.comments.forEach((c, j) => notes.push([`/annotations/${i}/comments/${j}/body`, isObject(c) ? c.body : undefined]));
    for (const [where, note] of notes) {
      if (typeof note === 'string' && note.length > SIDECAR_LIMITS.noteLength) {
        return limitProblem(
          `The note of tag "${typeof a.id === 'string' ? a.id.slice(0, 40) : i}" (${where}) has ${count(note.length)} characters, more than the ${count(SIDECAR_LIMITS.noteLength)} a note may have`,
          'Shorten it by hand or restore the file from version control',
        );
      }
    }
  }
  return undefined;
}

export function parseSidecar(json: string): ParsedSidecar {
  if (json.length > SIDECAR_LIMITS.bytes) {
    return limitProblem(
      `The sidecar has ${count(json.length)} characters, more than the ${count(SIDECAR_LIMITS.bytes)} bytes Sourcemark reads`,
      'Delete the tags you no longer need (by hand) or restore the file from version control',
    );
  }
  if (nestsDeeperThan(json, SIDECAR_LIMITS.depth)) {
    return limitProblem(
      `The sidecar nests values more than ${SIDECAR_LIMITS.depth} levels deep (Sourcemark's own files nest 5)`,
      'Remove the deeply nested value by hand or restore the file from version control',
    );
  }
  // Editors on Windows like to prepend a BOM; it is not part of the JSON.
  const text = json.charCodeAt(0) === 0xfeff ? json.slice(1) : json;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return {
      ok: false,
      problem: {
        code: 'invalid-json',
        message:
          `The sidecar is not valid JSON (${reason}). Fix the file by hand, restore it from version control, ` +
          `or delete it to start again with no tags; Sourcemark will not overwrite it until it parses.`,
      },
    };
  }

  // Checked before the schema: a newer file is expected to fail this version's schema,
  // and "update Sourcemark" is the useful advice, not a list of unknown values.
  if (isObject(data) && typeof data.schemaVersion === 'number' && data.schemaVersion > SIDECAR_SCHEMA_VERSION) {
    return {
      ok: false,
      problem: {
        code: 'future-version',
        message:
          `The sidecar was written by a newer Sourcemark (schema version ${data.schemaVersion}); ` +
          `update Sourcemark to edit its tags. This version leaves the file untouched.`,
      },
    };
  }

  const tooMuch = overLimit(data);
  if (tooMuch) return tooMuch;

  const fromVersion: SchemaVersion = isObject(data) && data.schemaVersion === 1 ? 1 : isObject(data) && data.schemaVersion === 2 ? 2 : 3;
  const error = validate(data, fromVersion);
  if (error) return schemaProblem(describeAjvError(error));

  // The schema has vouched for the shapes below.
  const raw = data as Record<string, unknown> & { annotations: Record<string, unknown>[]; dismissals?: Record<string, unknown>[] };
  const seen = new Map<string, string>();
  /** A problem with one tag's or dismissal's target or id, if any. */
  const checkItem = (where: string, what: string, item: Record<string, unknown>): ParsedSidecar | undefined => {
    const target = item.target as TextQuoteTarget;
    if (target.end < target.start) return schemaProblem(`at ${where}/target: end (${target.end}) is before start (${target.start})`);
    if (target.end - target.start !== target.exact.length) {
      return {
        ok: false,
        problem: {
          code: 'offsets',
          message:
            `The offsets of ${what} "${String(item.id)}" (${where}/target: ${target.start}..${target.end}) do not span its quoted text ` +
            `(${target.exact.length} characters). Correct start/end by hand or restore the file from version control; ${NOT_OVERWRITTEN}`,
        },
      };
    }
    const id = item.id as string;
    const first = seen.get(id);
    if (first !== undefined) {
      return {
        ok: false,
        problem: {
          code: 'duplicate-id',
          message:
            `Two entries in the sidecar have the same id "${id}" (${first} and ${where}). ` +
            `Give one of them a different id by hand or restore the file from version control; ${NOT_OVERWRITTEN}`,
        },
      };
    }
    seen.set(id, where);
    return undefined;
  };
  const annotations: Annotation[] = [];
  for (const [i, a] of raw.annotations.entries()) {
    const problem = checkItem(`/annotations/${i}`, 'tag', a);
    if (problem) return problem;
    const id = a.id as string;
    const comments = Array.isArray(a.comments)
      ? (a.comments as NoteComment[]).map(orderedComment)
      : typeof a.note === 'string' && a.note !== ''
        ? [noteAsComment(id, a.note, a.updatedAt as string)]
        : [];
    annotations.push({
      id,
      kind: a.kind as Annotation['kind'],
      status: a.status as Annotation['status'],
      target: orderedTarget(a.target as TextQuoteTarget),
      ...(comments.length ? { comments } : {}),
      ...(a.orphanedAt !== undefined ? { orphanedAt: a.orphanedAt as string } : {}),
      ...(Array.isArray(a.evidence) && a.evidence.length ? { evidence: normaliseEvidence(a.evidence as Evidence[]) } : {}),
      ...(Array.isArray(a.history) && a.history.length ? { history: (a.history as StatusChange[]).map(orderedChange) } : {}),
      createdAt: a.createdAt as string,
      updatedAt: a.updatedAt as string,
      ...splitExtra(a, ANNOTATION_KEYS),
    });
  }
  const dismissals: Dismissal[] = [];
  // Only version 3 has dismissals, and only its schema checked their shape: in an older file the key is someone else's.
  for (const [i, d] of (fromVersion === 3 ? (raw.dismissals ?? []) : []).entries()) {
    const problem = checkItem(`/dismissals/${i}`, 'dismissal', d);
    if (problem) return problem;
    dismissals.push({
      id: d.id as string,
      kind: d.kind as Dismissal['kind'],
      target: orderedTarget(d.target as TextQuoteTarget),
      ...(d.name !== undefined ? { name: d.name as string } : {}),
      createdAt: d.createdAt as string,
      ...(d.orphanedAt !== undefined ? { orphanedAt: d.orphanedAt as string } : {}),
      ...splitExtra(d, DISMISSAL_KEYS),
    });
  }

  return {
    ok: true,
    fromVersion,
    sidecar: {
      schemaVersion: SIDECAR_SCHEMA_VERSION,
      source: raw.source as string,
      sourceSha256: raw.sourceSha256 as string,
      annotations,
      ...(dismissals.length ? { dismissals } : {}),
      ...splitExtra(raw, fromVersion === 3 ? TOP_KEYS : TOP_KEYS.filter((k) => k !== 'dismissals')),
    },
  };
}

/**
 * A sidecar whose fingerprint says it belongs to exactly this text must have its offsets inside the
 * text and its quotes at them; otherwise the file was edited by hand or by another tool, and its
 * offsets cannot be trusted to rewrite.
 */
export function checkAgainstSource(sidecar: Sidecar, text: string, sourceSha256: string): SidecarProblem | undefined {
  if (sidecar.sourceSha256 !== sourceSha256) return undefined; // the source changed since: offsets are only hints
  for (const a of [...sidecar.annotations, ...(sidecar.dismissals ?? [])]) {
    if (a.orphanedAt !== undefined) continue; // an orphan keeps the target it had when its text was lost
    const { start, end, exact } = a.target;
    const reason =
      end > text.length
        ? `offsets ${start}..${end} are beyond the end of the source (${text.length} characters)`
        : text.slice(start, end) !== exact
          ? `the text at offsets ${start}..${end} is not its quote "${cut(exact, 60)}"`
          : undefined;
    if (reason) {
      return {
        code: 'offsets',
        message:
          `Tag "${a.id}" does not fit the source its fingerprint (sourceSha256) names: ${reason}. ` +
          'If the source was edited, set "sourceSha256" to 64 zeros and Sourcemark will re-find every tag by its quote; ' +
          `otherwise restore the file from version control. ${NOT_OVERWRITTEN}`,
      };
    }
  }
  return undefined;
}
