// Pure edits of a sidecar. Each returns a new Sidecar and leaves its input untouched,
// so callers can compare before/after and undo by keeping the old value.
import { randomUUID } from 'node:crypto';
import type { FindingKind, TagStatus } from '../model';
import type { Annotation, Dismissal, DismissalKind, Evidence, Sidecar, StatusChange, TextQuoteTarget, UrlEvidence } from './annotation';
import { makeQuoteTarget, sameQuoteTarget, sha256Hex } from './quoteSelector';
import { setFirstComment } from './noteThread';
import { MAX_HISTORY, normaliseEvidence, noteAsComment } from './sidecarFormat';
import { userInfo } from 'node:os';
import { formatCount } from '../text/count';

/** Who writes a note when nobody says: SOURCEMARK_AUTHOR, else the system user name. */
export function defaultAuthor(): string {
  const fromEnv = process.env.SOURCEMARK_AUTHOR?.trim();
  if (fromEnv) return fromEnv;
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

export interface TagKey {
  kind: FindingKind;
  start: number;
  end: number;
}

export interface SetTagInput extends TagKey {
  status: TagStatus;
  /** Current full text of the source; offsets refer to it. */
  sourceText: string;
  now: Date;
  /** Replaces the note (the thread's first comment) when given; an empty string removes it. */
  note?: string;
  /** Who writes the note; default defaultAuthor(). */
  author?: string;
  /** Added to the tag's evidence (duplicates dropped). */
  evidence?: readonly Evidence[];
}

export interface SetNoteInput extends TagKey {
  /** An empty string removes the note. */
  note: string;
  now: Date;
  author?: string;
}

/** `a_` + 12 random hex digits (48 bits): short enough to read in the file, unique in practice. */
export function newAnnotationId(): string {
  return 'a_' + randomUUID().replace(/-/g, '').slice(0, 12);
}

function sameKey(a: Annotation, key: TagKey): boolean {
  return a.kind === key.kind && a.target.start === key.start && a.target.end === key.end;
}

export function findAnnotation(sidecar: Sidecar, kind: FindingKind, start: number, end: number): Annotation | undefined {
  return sidecar.annotations.find((a) => sameKey(a, { kind, start, end }));
}

/** `a` whose note (its thread's first comment) is `note`; updatedAt is the caller's to set. */
function withNote(a: Annotation, note: string, author: string | undefined, now: Date): Annotation {
  // The first comment's id comes from the tag's, so tagging with a note gives the same file however it is applied.
  const next = setFirstComment(a, note, author ?? defaultAuthor(), now, () => noteAsComment(a.id, note, now.toISOString()).id);
  return next === a ? a : { ...next, updatedAt: a.updatedAt };
}

function withChange(history: readonly StatusChange[] | undefined, change: StatusChange): StatusChange[] {
  return [...(history ?? []), change].slice(-MAX_HISTORY);
}

function uniqueId(taken: ReadonlySet<string>, newId: () => string): string {
  // Bounded so a badly injected generator fails loudly instead of hanging.
  for (let i = 0; i < 100; i++) {
    const id = newId();
    if (!taken.has(id)) return id;
  }
  throw new Error('Could not generate an unused annotation id after 100 attempts.');
}

function newAnnotation(id: string, input: SetTagInput, target: TextQuoteTarget, stamp: string): Annotation {
  return {
    id,
    kind: input.kind,
    status: input.status,
    target,
    ...(input.note ? { comments: [{ ...noteAsComment(id, input.note, stamp), author: input.author ?? defaultAuthor() }] } : {}),
    history: [{ at: stamp, to: input.status }],
    ...(input.evidence?.length ? { evidence: normaliseEvidence(input.evidence) } : {}),
    createdAt: stamp,
    updatedAt: stamp,
  };
}

/** `existing` with the input's status, note and evidence; itself when nothing changes. */
function updatedAnnotation(existing: Annotation, input: SetTagInput, target: TextQuoteTarget, stamp: string): Annotation {
  let next: Annotation = { ...existing, status: input.status, target };
  if (input.note !== undefined) next = withNote(next, input.note, input.author, input.now);
  if (input.evidence?.length) next = { ...next, evidence: normaliseEvidence([...(existing.evidence ?? []), ...input.evidence]) };
  // Re-applying the same tag keeps updatedAt, so the saved file stays byte-identical
  // and the store can skip the write.
  const changed = next.status !== existing.status || next.comments !== existing.comments || !sameQuoteTarget(next.target, existing.target) ||
    JSON.stringify(next.evidence ?? []) !== JSON.stringify(normaliseEvidence(existing.evidence ?? []));
  if (!changed) return existing;
  next = { ...next, updatedAt: stamp };
  if (next.status !== existing.status) next = { ...next, history: withChange(existing.history, { at: stamp, from: existing.status, to: next.status }) };
  return next;
}

export function setTag(sidecar: Sidecar, input: SetTagInput, newId: () => string = newAnnotationId): Sidecar {
  return setTags(sidecar, [input], newId);
}

/**
 * setTag for many findings of one text at once (every mention of an entity): the same result as
 * applying them in turn, in one pass over the sidecar and one fingerprint of the text, where
 * applying them in turn re-hashes the text and re-scans every tag per finding.
 */
export function setTags(sidecar: Sidecar, inputs: readonly SetTagInput[], newId: () => string = newAnnotationId): Sidecar {
  if (!inputs.length) return sidecar;
  const text = inputs[0]!.sourceText;
  if (inputs.some((i) => i.sourceText !== text)) throw new RangeError('setTags: every input must refer to the same source text.');
  const annotations = [...sidecar.annotations];
  const keyOf = (k: TagKey) => `${k.kind}\u0000${k.start}\u0000${k.end}`;
  const at = new Map<string, number>();
  annotations.forEach((a, i) => {
    const key = keyOf({ kind: a.kind, start: a.target.start, end: a.target.end });
    if (!at.has(key)) at.set(key, i);
  });
  const taken = new Set(annotations.map((a) => a.id));
  for (const input of inputs) {
    const target = makeQuoteTarget(text, input.start, input.end);
    const stamp = input.now.toISOString();
    const i = at.get(keyOf(input));
    if (i !== undefined) {
      annotations[i] = updatedAnnotation(annotations[i]!, input, target, stamp);
      continue;
    }
    const id = uniqueId(taken, newId);
    taken.add(id);
    at.set(keyOf(input), annotations.length);
    annotations.push(newAnnotation(id, input, target, stamp));
  }
  return { ...sidecar, sourceSha256: sha256Hex(text), annotations };
}

export function clearTag(sidecar: Sidecar, key: TagKey): Sidecar {
  return { ...sidecar, annotations: sidecar.annotations.filter((a) => !sameKey(a, key)) };
}

/** Notes belong to tags: with no tag at `key`, the sidecar is returned unchanged (as a copy). */
export function setNote(sidecar: Sidecar, input: SetNoteInput): Sidecar {
  const stamp = input.now.toISOString();
  return {
    ...sidecar,
    annotations: sidecar.annotations.map((a) => {
      if (!sameKey(a, input)) return a;
      const next = withNote(a, input.note, input.author, input.now);
      return next === a ? a : { ...next, updatedAt: stamp };
    }),
  };
}

/** Removes the annotation with this id (a tag deleted on purpose, e.g. an orphan the user gave up on). */
export function deleteAnnotation(sidecar: Sidecar, id: string): Sidecar {
  return { ...sidecar, annotations: sidecar.annotations.filter((a) => a.id !== id) };
}

export interface ReattachInput {
  id: string;
  /** The text the tag now belongs to: `sourceText.slice(start, end)`. */
  start: number;
  end: number;
  sourceText: string;
  now: Date;
}

/**
 * Puts a tag (typically an orphan) on new text chosen by the user. Its status, note, history and
 * evidence stay; it stops being an orphan. Unchanged when there is no annotation with this id.
 */
export function reattachAnnotation(sidecar: Sidecar, input: ReattachInput): Sidecar {
  const target = makeQuoteTarget(input.sourceText, input.start, input.end);
  if (target.start === target.end) throw new RangeError('Select the text the tag belongs to; an empty selection cannot carry a tag.');
  return {
    ...sidecar,
    sourceSha256: sha256Hex(input.sourceText),
    annotations: sidecar.annotations.map((a) => {
      if (a.id !== input.id) return a;
      const { orphanedAt: _found, ...rest } = a;
      return { ...rest, target, updatedAt: input.now.toISOString() };
    }),
  };
}

/** `d_` + 12 random hex digits. */
export function newDismissalId(): string {
  return 'd_' + randomUUID().replace(/-/g, '').slice(0, 12);
}

export interface DismissInput {
  kind: DismissalKind;
  start: number;
  end: number;
  sourceText: string;
  now: Date;
  /** ignore-name: the name dismissed. */
  name?: string;
}

/**
 * Dismisses the finding at [start, end): a new dismissal with its quote selector, or the one already
 * there (same kind and place). Returns its id.
 */
export function addDismissal(sidecar: Sidecar, input: DismissInput, newId: () => string = newDismissalId): { sidecar: Sidecar; id: string } {
  // An empty quote is never found again: the dismissal would be an orphan from the moment it is saved.
  if (input.end <= input.start) throw new RangeError('An empty range cannot be dismissed: select the finding.');
  const dismissals = sidecar.dismissals ?? [];
  const same = dismissals.find((d) => d.kind === input.kind && d.target.start === input.start && d.target.end === input.end && d.orphanedAt === undefined);
  if (same) return { sidecar, id: same.id };
  const taken = new Set([...sidecar.annotations.map((a) => a.id), ...dismissals.map((d) => d.id)]);
  const id = uniqueId(taken, newId);
  const dismissal: Dismissal = {
    id, kind: input.kind, target: makeQuoteTarget(input.sourceText, input.start, input.end),
    ...(input.name ? { name: input.name } : {}), createdAt: input.now.toISOString(),
  };
  return { sidecar: { ...sidecar, sourceSha256: sha256Hex(input.sourceText), dismissals: [...dismissals, dismissal] }, id };
}

/** Removes the dismissal with this id (restored by the user). */
export function removeDismissal(sidecar: Sidecar, id: string): Sidecar {
  const dismissals = (sidecar.dismissals ?? []).filter((d) => d.id !== id);
  const { dismissals: _old, ...rest } = sidecar;
  return dismissals.length ? { ...rest, dismissals } : rest;
}

/** The sidecar with the annotation `id` replaced by `change(it)`; unchanged when there is none. */
export function updateAnnotation(sidecar: Sidecar, id: string, change: (a: Annotation) => Annotation): Sidecar {
  return { ...sidecar, annotations: sidecar.annotations.map((a) => (a.id === id ? change(a) : a)) };
}

/** Adds (or replaces, by URL) a cited web page. */
export function citeUrl(a: Annotation, evidence: UrlEvidence, now: Date): Annotation {
  const evidenceList = normaliseEvidence([...(a.evidence ?? []), evidence]);
  if (JSON.stringify(evidenceList) === JSON.stringify(normaliseEvidence(a.evidence ?? []))) return a;
  return { ...a, evidence: evidenceList, updatedAt: now.toISOString() };
}

/** Removes a cited web page; itself when it is not cited. */
export function removeUrl(a: Annotation, url: string, now: Date): Annotation {
  const evidence = (a.evidence ?? []).filter((e) => !(e.kind === 'url' && e.url === url));
  if (evidence.length === (a.evidence ?? []).length) return a;
  const { evidence: _old, ...rest } = a;
  return { ...rest, ...(evidence.length ? { evidence } : {}), updatedAt: now.toISOString() };
}

/** YYYY-MM-DD naming a day that exists: exports hand it on as a date (ClaimReview), so 2025-02-30 is refused. */
function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
}

/** Longest title and quote of a cited page, and URL, that are kept. */
export const URL_EVIDENCE_LIMITS = { url: 2048, title: 500, quote: 20_000 } as const;

/**
 * A web page as evidence, checked: http or https only (a `javascript:` or `file:` link in a report
 * must never be clickable), an accessed date YYYY-MM-DD (default: the day of `now`). The error says
 * what to change.
 */
export function makeUrlEvidence(
  input: { url: unknown; title?: unknown; accessed?: unknown; quote?: unknown }, now: Date,
): { ok: true; evidence: UrlEvidence } | { ok: false; error: string } {
  const url = typeof input.url === 'string' ? input.url.trim() : '';
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    return { ok: false, error: `"${url.slice(0, 80)}" is not a web address: give one starting with http:// or https://.` };
  }
  if (url.length > URL_EVIDENCE_LIMITS.url) return { ok: false, error: `The web address is longer than ${URL_EVIDENCE_LIMITS.url} characters.` };
  const text = (v: unknown, max: number, what: string): string | undefined | { error: string } => {
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v !== 'string') return { error: `The ${what} must be text.` };
    const t = v.trim();
    return t.length > max ? { error: `The ${what} is longer than ${formatCount(max)} characters: shorten it.` } : t || undefined;
  };
  const title = text(input.title, URL_EVIDENCE_LIMITS.title, 'title');
  const quote = text(input.quote, URL_EVIDENCE_LIMITS.quote, 'quote');
  if (typeof title === 'object') return { ok: false, error: title.error };
  if (typeof quote === 'object') return { ok: false, error: quote.error };
  const accessed = input.accessed === undefined || input.accessed === '' ? now.toISOString().slice(0, 10) : input.accessed;
  if (typeof accessed !== 'string' || !isCalendarDate(accessed)) {
    return { ok: false, error: 'The accessed date must be a day, written YYYY-MM-DD.' };
  }
  return { ok: true, evidence: { kind: 'url', url, ...(title ? { title } : {}), accessed, ...(quote ? { quote } : {}) } };
}
