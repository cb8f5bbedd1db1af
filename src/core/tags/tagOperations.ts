// Pure edits of a sidecar. Each returns a new Sidecar and leaves its input untouched,
// so callers can compare before/after and undo by keeping the old value.
import { randomUUID } from 'node:crypto';
import type { FindingKind, TagStatus } from '../model';
import type { Annotation, Evidence, Sidecar, StatusChange } from './annotation';
import { makeQuoteTarget, sameQuoteTarget, sha256Hex } from './quoteSelector';
import { MAX_HISTORY, normaliseEvidence } from './sidecarFormat';

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
  /** Replaces the note when given; an empty string removes it. */
  note?: string;
  /** Added to the tag's evidence (duplicates dropped). */
  evidence?: readonly Evidence[];
}

export interface SetNoteInput extends TagKey {
  /** An empty string removes the note. */
  note: string;
  now: Date;
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

function withNote(a: Annotation, note: string): Annotation {
  if (note !== '') return { ...a, note };
  const { note: _removed, ...rest } = a;
  return rest;
}

function withChange(history: readonly StatusChange[] | undefined, change: StatusChange): StatusChange[] {
  return [...(history ?? []), change].slice(-MAX_HISTORY);
}

function uniqueId(sidecar: Sidecar, newId: () => string): string {
  const taken = new Set(sidecar.annotations.map((a) => a.id));
  // Bounded so a badly injected generator fails loudly instead of hanging.
  for (let i = 0; i < 100; i++) {
    const id = newId();
    if (!taken.has(id)) return id;
  }
  throw new Error('Could not generate an unused annotation id after 100 attempts.');
}

export function setTag(sidecar: Sidecar, input: SetTagInput, newId: () => string = newAnnotationId): Sidecar {
  const target = makeQuoteTarget(input.sourceText, input.start, input.end);
  const sourceSha256 = sha256Hex(input.sourceText);
  const stamp = input.now.toISOString();
  const existing = sidecar.annotations.find((a) => sameKey(a, input));

  if (!existing) {
    const added: Annotation = {
      id: uniqueId(sidecar, newId),
      kind: input.kind,
      status: input.status,
      target,
      ...(input.note ? { note: input.note } : {}),
      history: [{ at: stamp, to: input.status }],
      ...(input.evidence?.length ? { evidence: normaliseEvidence(input.evidence) } : {}),
      createdAt: stamp,
      updatedAt: stamp,
    };
    return { ...sidecar, sourceSha256, annotations: [...sidecar.annotations, added] };
  }

  let next: Annotation = { ...existing, status: input.status, target };
  if (input.note !== undefined) next = withNote(next, input.note);
  if (input.evidence?.length) next = { ...next, evidence: normaliseEvidence([...(existing.evidence ?? []), ...input.evidence]) };
  // Re-applying the same tag keeps updatedAt, so the saved file stays byte-identical
  // and the store can skip the write.
  const changed = next.status !== existing.status || next.note !== existing.note || !sameQuoteTarget(next.target, existing.target) ||
    JSON.stringify(next.evidence ?? []) !== JSON.stringify(normaliseEvidence(existing.evidence ?? []));
  if (changed) {
    next = { ...next, updatedAt: stamp };
    if (next.status !== existing.status) next = { ...next, history: withChange(existing.history, { at: stamp, from: existing.status, to: next.status }) };
  } else next = existing;

  return {
    ...sidecar,
    sourceSha256,
    annotations: sidecar.annotations.map((a) => (a === existing ? next : a)),
  };
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
      if (!sameKey(a, input) || (a.note ?? '') === input.note) return a;
      return { ...withNote(a, input.note), updatedAt: stamp };
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
