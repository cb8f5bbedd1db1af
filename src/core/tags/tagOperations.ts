// Pure edits of a sidecar. Each returns a new Sidecar and leaves its input untouched,
// so callers can compare before/after and undo by keeping the old value.
import { randomUUID } from 'node:crypto';
import type { FindingKind, TagStatus } from '../model';
import type { Annotation, Evidence, Sidecar, TextQuoteTarget } from './annotation';
import { normaliseEvidence } from './sidecarFormat';
import { makeQuoteTarget, sha256Hex } from './quoteSelector';

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

function sameTarget(a: TextQuoteTarget, b: TextQuoteTarget): boolean {
  return a.start === b.start && a.end === b.end && a.exact === b.exact && a.prefix === b.prefix && a.suffix === b.suffix;
}

function withNote(a: Annotation, note: string): Annotation {
  if (note !== '') return { ...a, note };
  const { note: _removed, ...rest } = a;
  return rest;
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
  const changed = next.status !== existing.status || next.note !== existing.note || !sameTarget(next.target, existing.target) ||
    JSON.stringify(next.evidence ?? []) !== JSON.stringify(normaliseEvidence(existing.evidence ?? []));
  next = changed ? { ...next, updatedAt: stamp } : existing;

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
