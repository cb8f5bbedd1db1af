import type { Annotation, Sidecar } from '../../../src/core/tags/annotation';

export const SHA = 'a'.repeat(64);

export function ann(id: string, start: number, end: number, over: Partial<Annotation> = {}): Annotation {
  return {
    id,
    kind: 'claim',
    status: 'verified',
    target: { start, end, exact: 'x'.repeat(end - start), prefix: '', suffix: '' },
    createdAt: '2025-01-31T14:05:00.000Z',
    updatedAt: '2025-01-31T14:05:00.000Z',
    ...over,
  };
}

export function sidecar(annotations: Annotation[], over: Partial<Sidecar> = {}): Sidecar {
  return { schemaVersion: 3, source: 'a.txt', sourceSha256: SHA, annotations, ...over };
}

/** A valid sidecar as plain JSON data, for tests that break one field at a time. */
export function rawSidecar(): any {
  return {
    schemaVersion: 3,
    source: 'a.txt',
    sourceSha256: SHA,
    annotations: [
      {
        id: 'a_000000000001',
        kind: 'entity',
        status: 'speculative',
        target: { start: 0, end: 4, exact: 'Acme', prefix: '', suffix: ' said' },
        createdAt: '2025-01-31T14:05:00.000Z',
        updatedAt: '2025-01-31T14:05:00Z',
      },
    ],
  };
}

/** Freezes a value and everything in it: an operation that mutates its input throws. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
