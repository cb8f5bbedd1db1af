// Pure edits of a sidecar. Each returns a new Sidecar and leaves its input untouched,
// so callers can compare before/after and undo by keeping the old value.
import { randomUUID } from 'node:crypto';
import type { FindingKind, TagStatus } from '../model';
import type { Annotation, Evidence, Sidecar, StatusChange, TextQuoteTarget } from './annotation';
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
    ...(input.note ? { note: input.note } : {}),
    history: [{ at: stamp, to: input.status }],
    ...(input.evidence?.length ? { evidence: normaliseEvidence(input.evidence) } : {}),
    createdAt: stamp,
    updatedAt: stamp,
  };
}

/** `existing` with the input's status, note and evidence; itself when nothing changes. */
function updatedAnnotation(existing: Annotation, input: SetTagInput, target: TextQuoteTarget, stamp: string): Annotation {
  let next: Annotation = { ...existing, status: input.status, target };
  if (input.note !== undefined) next = withNote(next, input.note);
  if (input.evidence?.length) next = { ...next, evidence: normaliseEvidence([...(existing.evidence ?? []), ...input.evidence]) };
  // Re-applying the same tag keeps updatedAt, so the saved file stays byte-identical
  // and the store can skip the write.
  const changed = next.status !== existing.status || next.note !== existing.note || !sameQuoteTarget(next.target, existing.target) ||
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
