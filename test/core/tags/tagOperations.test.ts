import { noteOf } from '../../../src/core/tags/noteThread';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TagStatus } from '../../../src/core/model';
import type { Sidecar } from '../../../src/core/tags/annotation';
import { sha256Hex } from '../../../src/core/tags/quoteSelector';
import { parseSidecar, serializeSidecar, emptySidecar } from '../../../src/core/tags/sidecarFormat';
import { MAX_HISTORY } from '../../../src/core/tags/sidecarFormat';
import { clearTag, deleteAnnotation, findAnnotation, newAnnotationId, reattachAnnotation, setNote, setTag, setTags } from '../../../src/core/tags/tagOperations';
import { deepFreeze } from './fixtures';

const TEXT = 'Acme Corp said on 3 March 2021 that revenue rose 12% to $4bn.';
const ACME = { kind: 'entity' as const, start: 0, end: 9 };
const CLAIM = { kind: 'claim' as const, start: 0, end: TEXT.length };
const T0 = new Date('2025-01-01T10:00:00.000Z');
const T1 = new Date('2025-01-02T11:30:00.000Z');

function counter(prefix = 'id') {
  let n = 0;
  return () => `${prefix}${++n}`;
}

const base = () => deepFreeze(emptySidecar('a.txt', '0'.repeat(64)));

describe('setTag', () => {
  it('adds a new annotation with a quote target, timestamps and the source hash', () => {
    const s = setTag(base(), { ...ACME, status: 'verified', sourceText: TEXT, now: T0 }, counter());
    expect(s.sourceSha256).toBe(sha256Hex(TEXT));
    expect(s.annotations).toEqual([
      {
        id: 'id1',
        kind: 'entity',
        status: 'verified',
        target: { start: 0, end: 9, exact: 'Acme Corp', prefix: '', suffix: ' said on 3 March 2021 that reven' },
        history: [{ at: '2025-01-01T10:00:00.000Z', to: 'verified' }],
        createdAt: '2025-01-01T10:00:00.000Z',
        updatedAt: '2025-01-01T10:00:00.000Z',
      },
    ]);
    expect(parseSidecar(serializeSidecar(s)).ok).toBe(true);
  });

  it('adds the note when given, and none for an empty note', () => {
    const withNote = setTag(base(), { ...ACME, status: 'speculative', sourceText: TEXT, now: T0, note: 'ask PR' });
    expect(noteOf(withNote.annotations[0])).toBe('ask PR');
    const empty = setTag(base(), { ...ACME, status: 'speculative', sourceText: TEXT, now: T0, note: '' });
    expect('note' in empty.annotations[0]!).toBe(false);
  });

  it('updates status, note and updatedAt of the annotation with the same kind and range', () => {
    const first = deepFreeze(setTag(base(), { ...ACME, status: 'verified', sourceText: TEXT, now: T0, note: 'n1' }, counter()));
    const next = setTag(first, { ...ACME, status: 'contradicted', sourceText: TEXT, now: T1 }, counter('other'));
    expect(next.annotations).toHaveLength(1);
    expect(next.annotations[0]).toMatchObject({
      id: 'id1',
      status: 'contradicted',
      comments: [{ body: 'n1' }],
      createdAt: T0.toISOString(),
      updatedAt: T1.toISOString(),
    });
    const noted = setTag(next, { ...ACME, status: 'contradicted', sourceText: TEXT, now: T1, note: '' });
    expect('comments' in noted.annotations[0]!).toBe(false);
  });

  it('treats a different kind on the same range as a different annotation', () => {
    const s1 = setTag(base(), { ...ACME, status: 'verified', sourceText: TEXT, now: T0 }, counter());
    const s2 = setTag(s1, { ...ACME, kind: 'claim', status: 'speculative', sourceText: TEXT, now: T0 }, counter('c'));
    expect(s2.annotations.map((a) => [a.id, a.kind, a.status])).toEqual([
      ['id1', 'entity', 'verified'],
      ['c1', 'claim', 'speculative'],
    ]);
  });

  it('keeps updatedAt when nothing changes, so the saved bytes stay the same', () => {
    const s1 = setTag(base(), { ...ACME, status: 'verified', sourceText: TEXT, now: T0 });
    const s2 = setTag(s1, { ...ACME, status: 'verified', sourceText: TEXT, now: T1 });
    expect(serializeSidecar(s2)).toBe(serializeSidecar(s1));
  });

  it('refreshes the quote target and the hash from the current text', () => {
    const s1 = setTag(base(), { ...ACME, status: 'verified', sourceText: TEXT, now: T0 });
    const edited = 'Acme Corp announced';
    const s2 = setTag(s1, { ...ACME, status: 'verified', sourceText: edited, now: T1 });
    expect(s2.sourceSha256).toBe(sha256Hex(edited));
    expect(s2.annotations[0]!.target.suffix).toBe(' announced');
    expect(s2.annotations[0]!.updatedAt).toBe(T1.toISOString());
  });

  it('never reuses an id that is already taken', () => {
    const ids = ['dup', 'dup', 'fresh'];
    const s1 = setTag(base(), { ...ACME, status: 'verified', sourceText: TEXT, now: T0 }, () => 'dup');
    const s2 = setTag(s1, { ...CLAIM, status: 'verified', sourceText: TEXT, now: T0 }, () => ids.shift()!);
    expect(s2.annotations.map((a) => a.id)).toEqual(['dup', 'fresh']);
    expect(() => setTag(s2, { ...CLAIM, kind: 'date', status: 'verified', sourceText: TEXT, now: T0 }, () => 'dup')).toThrow(
      /unused annotation id/,
    );
  });

  it('rejects offsets outside the source text', () => {
    expect(() => setTag(base(), { ...ACME, end: 999, status: 'verified', sourceText: TEXT, now: T0 })).toThrow(RangeError);
  });

  it('keeps unknown keys of an updated annotation', () => {
    const s: Sidecar = setTag(base(), { ...ACME, status: 'verified', sourceText: TEXT, now: T0 });
    const withExtra: Sidecar = { ...s, annotations: [{ ...s.annotations[0]!, extra: { reviewer: 'Kim' } }] };
    const updated = setTag(deepFreeze(withExtra), { ...ACME, status: 'speculative', sourceText: TEXT, now: T1 });
    expect(updated.annotations[0]!.extra).toEqual({ reviewer: 'Kim' });
  });
});

describe('newAnnotationId', () => {
  it('is a_ plus 12 hex digits and differs between calls', () => {
    const ids = new Set(Array.from({ length: 200 }, newAnnotationId));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^a_[0-9a-f]{12}$/);
  });
});

describe('clearTag, setNote, findAnnotation', () => {
  const tagged = () =>
    deepFreeze(
      setTag(
        setTag(base(), { ...ACME, status: 'verified', sourceText: TEXT, now: T0 }, () => 'e'),
        { ...CLAIM, status: 'speculative', sourceText: TEXT, now: T0 },
        () => 'c',
      ),
    );

  it('finds an annotation by kind and range only', () => {
    const s = tagged();
    expect(findAnnotation(s, 'entity', 0, 9)?.id).toBe('e');
    expect(findAnnotation(s, 'claim', 0, 9)).toBeUndefined();
    expect(findAnnotation(s, 'entity', 0, 8)).toBeUndefined();
  });

  it('clearTag removes only the matching annotation', () => {
    const s = clearTag(tagged(), ACME);
    expect(s.annotations.map((a) => a.id)).toEqual(['c']);
    expect(clearTag(s, ACME).annotations.map((a) => a.id)).toEqual(['c']);
  });

  it('setNote sets, replaces and (with an empty string) removes the note', () => {
    const s1 = setNote(tagged(), { ...ACME, note: 'source: annual report', now: T1 });
    expect(findAnnotation(s1, 'entity', 0, 9)).toMatchObject({ comments: [{ body: 'source: annual report' }], updatedAt: T1.toISOString() });
    expect(findAnnotation(s1, 'claim', 0, TEXT.length)?.comments).toBeUndefined();
    const s2 = setNote(deepFreeze(s1), { ...ACME, note: '', now: T1 });
    expect('note' in findAnnotation(s2, 'entity', 0, 9)!).toBe(false);
    expect(serializeSidecar(s2)).not.toContain('"note"');
  });

  it('setNote leaves the sidecar alone when there is no such tag or the note is unchanged', () => {
    const s = tagged();
    expect(setNote(s, { kind: 'date', start: 1, end: 2, note: 'x', now: T1 })).toEqual(s);
    expect(setNote(s, { ...ACME, note: '', now: T1 })).toEqual(s);
  });

  it('never mutates its input (all inputs are deep-frozen) and returns a new object', () => {
    const s = tagged();
    const before = serializeSidecar(s);
    const results = [
      setTag(s, { ...ACME, status: 'contradicted', sourceText: TEXT, now: T1 }),
      clearTag(s, ACME),
      setNote(s, { ...CLAIM, note: 'n', now: T1 }),
    ];
    for (const r of results) {
      expect(r).not.toBe(s);
      expect(r.annotations).not.toBe(s.annotations);
    }
    expect(serializeSidecar(s)).toBe(before);
  });
});

describe('status history', () => {
  it('records when the status changed and from what; a note or a re-apply adds nothing', () => {
    let s = setTag(base(), { ...ACME, status: 'speculative', sourceText: TEXT, now: T0 }, counter());
    s = setTag(s, { ...ACME, status: 'speculative', sourceText: TEXT, now: T1, note: 'called PR' });
    s = setTag(s, { ...ACME, status: 'verified', sourceText: TEXT, now: new Date('2025-01-03T00:00:00.000Z') });
    s = setNote(s, { ...ACME, note: 'PR confirmed', now: new Date('2025-01-04T00:00:00.000Z') });
    expect(s.annotations[0]!.history).toEqual([
      { at: T0.toISOString(), to: 'speculative' },
      { at: '2025-01-03T00:00:00.000Z', from: 'speculative', to: 'verified' },
    ]);
  });

  it('keeps the last MAX_HISTORY changes', () => {
    let s = setTag(base(), { ...ACME, status: 'speculative', sourceText: TEXT, now: T0 }, counter());
    for (let i = 0; i < MAX_HISTORY + 3; i++) {
      s = setTag(s, { ...ACME, status: i % 2 ? 'speculative' : 'verified', sourceText: TEXT, now: new Date(T1.getTime() + i * 1000) });
    }
    const history = s.annotations[0]!.history!;
    expect(history).toHaveLength(MAX_HISTORY);
    expect(history.at(-1)).toMatchObject({ from: 'speculative', to: 'verified' });
  });
});

describe('orphan handling', () => {
  const orphaned = () => {
    const s = setTag(base(), { ...ACME, status: 'contradicted', sourceText: TEXT, now: T0, note: 'n' }, counter());
    return deepFreeze({ ...s, annotations: [{ ...s.annotations[0]!, orphanedAt: T0.toISOString() }] });
  };

  it('reattachAnnotation moves the tag onto the selection, keeps its verdict and clears the orphan mark', () => {
    const text = 'Acme Corporation said on 3 March 2021 that revenue rose.';
    const s = reattachAnnotation(orphaned(), { id: 'id1', start: 0, end: 16, sourceText: text, now: T1 });
    const [a] = s.annotations;
    expect(a!.target).toMatchObject({ start: 0, end: 16, exact: 'Acme Corporation' });
    expect(a).toMatchObject({ status: 'contradicted', comments: [{ body: 'n' }], updatedAt: T1.toISOString(), createdAt: T0.toISOString() });
    expect('orphanedAt' in a!).toBe(false);
    expect(s.sourceSha256).toBe(sha256Hex(text));
    expect(() => reattachAnnotation(orphaned(), { id: 'id1', start: 3, end: 3, sourceText: text, now: T1 })).toThrow(/empty selection/);
  });

  it('deleteAnnotation removes exactly that tag', () => {
    const s = setTag(orphaned(), { ...CLAIM, status: 'verified', sourceText: TEXT, now: T1 }, counter('c'));
    expect(deleteAnnotation(s, 'id1').annotations.map((a) => a.id)).toEqual(['c1']);
    expect(deleteAnnotation(s, 'nope').annotations).toHaveLength(2);
  });
});

describe('setTags', () => {
  it('gives what setTag one after another gives, repeats and existing tags included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ start: fc.integer({ min: 0, max: 8 }), len: fc.integer({ min: 1, max: 5 }), status: fc.constantFrom('verified', 'speculative', 'contradicted') as fc.Arbitrary<TagStatus>, note: fc.option(fc.constantFrom('', 'n1', 'n2'), { nil: undefined }) }), { maxLength: 12 }),
        fc.integer({ min: 0, max: 4 }),
        (raw, seeded) => {
          const inputs = raw.map((r, i) => ({ kind: 'entity' as const, start: r.start, end: r.start + r.len, status: r.status, sourceText: TEXT, now: i % 2 ? T1 : T0, ...(r.note === undefined ? {} : { note: r.note }) }));
          const seed = counter('s');
          const start = inputs.slice(0, seeded).reduce((s, input) => setTag(s, input, seed), base());
          const [a, b] = [counter('x'), counter('x')];
          expect(setTags(start, inputs, a)).toEqual(inputs.reduce((s, input) => setTag(s, input, b), start));
        },
      ),
    );
  });
});
