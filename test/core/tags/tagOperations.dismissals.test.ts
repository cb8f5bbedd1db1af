// Dismissals, note-thread comments and URL evidence as sidecar edits: what each writes, what it refuses.
import { describe, expect, it } from 'vitest';
import type { Annotation, Sidecar } from '../../../src/core/tags/annotation';
import { addComment, deleteComment, editComment } from '../../../src/core/tags/noteThread';
import { sha256Hex } from '../../../src/core/tags/quoteSelector';
import { emptySidecar, parseSidecar, serializeSidecar } from '../../../src/core/tags/sidecarFormat';
import {
  addDismissal, citeUrl, makeUrlEvidence, newDismissalId, removeDismissal, removeUrl, setTag, updateAnnotation, URL_EVIDENCE_LIMITS,
} from '../../../src/core/tags/tagOperations';
import { deepFreeze } from './fixtures';

const TEXT = 'Smartphone makers said on 3 March 2021 that sales rose.';
const T0 = new Date('2025-01-01T10:00:00.000Z');
const T1 = new Date('2025-01-02T11:30:00.000Z');

function counter(prefix: string) {
  let n = 0;
  return () => `${prefix}${String(++n).padStart(12, '0')}`;
}

const base = () => deepFreeze(emptySidecar('a.txt', '0'.repeat(64)));
const PHONE = { start: 0, end: 10 };
const DATE = { start: TEXT.indexOf('3 March 2021'), end: TEXT.indexOf('3 March 2021') + 12 };
const roundTrips = (s: Sidecar) => expect(parseSidecar(serializeSidecar(s))).toMatchObject({ ok: true, sidecar: s });

describe('addDismissal', () => {
  it('writes a dismissal with its quote selector, time and name, and the source fingerprint', () => {
    const { sidecar, id } = addDismissal(base(), { kind: 'ignore-name', ...PHONE, sourceText: TEXT, now: T0, name: 'Smartphone' }, counter('d_'));
    expect(id).toBe('d_000000000001');
    expect(sidecar.sourceSha256).toBe(sha256Hex(TEXT));
    expect(sidecar.annotations).toEqual([]);
    expect(sidecar.dismissals).toEqual([{
      id, kind: 'ignore-name', name: 'Smartphone', createdAt: '2025-01-01T10:00:00.000Z',
      target: { start: 0, end: 10, exact: 'Smartphone', prefix: '', suffix: ' makers said on 3 March 2021 tha' },
    }]);
    roundTrips(sidecar);
  });

  it('writes no name when none is given', () => {
    const { sidecar } = addDismissal(base(), { kind: 'ignore-date', ...DATE, sourceText: TEXT, now: T0 }, counter('d_'));
    expect(sidecar.dismissals![0]).not.toHaveProperty('name');
    expect(sidecar.dismissals![0]!.target.exact).toBe('3 March 2021');
  });

  it('returns the dismissal already there for the same kind and place, unchanged', () => {
    const first = deepFreeze(addDismissal(base(), { kind: 'ignore-date', ...DATE, sourceText: TEXT, now: T0 }, counter('d_')));
    const again = addDismissal(first.sidecar, { kind: 'ignore-date', ...DATE, sourceText: TEXT, now: T1 }, counter('x_'));
    expect(again).toEqual({ sidecar: first.sidecar, id: first.id });
    expect(again.sidecar).toBe(first.sidecar);
  });

  it('adds another dismissal for another kind at the same place', () => {
    const first = addDismissal(base(), { kind: 'ignore-date', ...DATE, sourceText: TEXT, now: T0 }, counter('d_'));
    const other = addDismissal(first.sidecar, { kind: 'not-a-claim', ...DATE, sourceText: TEXT, now: T0 }, counter('e_'));
    expect(other.id).not.toBe(first.id);
    expect(other.sidecar.dismissals).toHaveLength(2);
  });

  it('adds a fresh dismissal over an orphaned one at the same offsets', () => {
    const first = addDismissal(base(), { kind: 'ignore-date', ...DATE, sourceText: TEXT, now: T0 }, counter('d_'));
    const orphaned = { ...first.sidecar, dismissals: first.sidecar.dismissals!.map((d) => ({ ...d, orphanedAt: T0.toISOString() })) };
    const next = addDismissal(orphaned, { kind: 'ignore-date', ...DATE, sourceText: TEXT, now: T1 }, counter('e_'));
    expect(next.id).toBe('e_000000000001');
    expect(next.sidecar.dismissals).toHaveLength(2);
  });

  it('never reuses the id of a tag or another dismissal', () => {
    const tagged = setTag(base(), { kind: 'entity', ...PHONE, status: 'verified', sourceText: TEXT, now: T0 }, () => 'd_000000000001');
    const ids = ['d_000000000001', 'd_000000000001', 'd_000000000002'];
    const { id } = addDismissal(tagged, { kind: 'ignore-name', ...PHONE, sourceText: TEXT, now: T0 }, () => ids.shift()!);
    expect(id).toBe('d_000000000002');
  });

  it('fails loudly when the id generator keeps giving taken ids', () => {
    const first = addDismissal(base(), { kind: 'ignore-date', ...DATE, sourceText: TEXT, now: T0 }, () => 'd_1');
    expect(() => addDismissal(first.sidecar, { kind: 'not-a-claim', ...DATE, sourceText: TEXT, now: T0 }, () => 'd_1')).toThrow(/unused/);
  });

  it('refuses a range outside the text, or an empty one (it could never be found again)', () => {
    expect(() => addDismissal(base(), { kind: 'ignore-date', start: 5, end: TEXT.length + 1, sourceText: TEXT, now: T0 })).toThrow(RangeError);
    expect(() => addDismissal(base(), { kind: 'ignore-date', start: 5, end: 5, sourceText: TEXT, now: T0 })).toThrow(RangeError);
  });

  it('makes ids of the form d_ and 12 hex digits', () => {
    expect(newDismissalId()).toMatch(/^d_[0-9a-f]{12}$/);
    expect(newDismissalId()).not.toBe(newDismissalId());
  });
});

describe('removeDismissal', () => {
  it('removes the dismissal with that id and drops an empty list from the file', () => {
    const a = addDismissal(base(), { kind: 'ignore-date', ...DATE, sourceText: TEXT, now: T0 }, counter('d_'));
    const b = addDismissal(a.sidecar, { kind: 'ignore-name', ...PHONE, sourceText: TEXT, now: T0 }, counter('e_'));
    const one = removeDismissal(deepFreeze(b.sidecar), a.id);
    expect(one.dismissals!.map((d) => d.id)).toEqual([b.id]);
    const none = removeDismissal(one, b.id);
    expect(none).not.toHaveProperty('dismissals');
    expect(serializeSidecar(none)).toBe(serializeSidecar({ ...base(), sourceSha256: sha256Hex(TEXT) }));
  });

  it('changes nothing for an unknown id', () => {
    const a = addDismissal(base(), { kind: 'ignore-date', ...DATE, sourceText: TEXT, now: T0 }, counter('d_'));
    expect(removeDismissal(a.sidecar, 'd_nope')).toEqual(a.sidecar);
  });
});

const tagged = (): { sidecar: Sidecar; tag: Annotation } => {
  const sidecar = deepFreeze(setTag(base(), { kind: 'claim', start: 0, end: TEXT.length, status: 'speculative', sourceText: TEXT, now: T0 }, () => 'a_000000000001'));
  return { sidecar, tag: sidecar.annotations[0]! };
};

describe('note thread comments on a tag', () => {
  it('adds comments with author, time and a unique id, oldest first', () => {
    const { tag } = tagged();
    const ids = ['c_000000000001', 'c_000000000001', 'c_000000000002'];
    const one = addComment(tag, 'Checked the filing.', 'ana', T0, () => ids.shift()!);
    const two = addComment(one.annotation, 'Agreed.', 'ben', T1, () => ids.shift()!);
    expect([one.commentId, two.commentId]).toEqual(['c_000000000001', 'c_000000000002']);
    expect(two.annotation.comments).toEqual([
      { id: 'c_000000000001', author: 'ana', createdAt: T0.toISOString(), body: 'Checked the filing.' },
      { id: 'c_000000000002', author: 'ben', createdAt: T1.toISOString(), body: 'Agreed.' },
    ]);
    expect(two.annotation.updatedAt).toBe(T1.toISOString());
    const sidecar = updateAnnotation(tagged().sidecar, tag.id, () => two.annotation);
    roundTrips(sidecar);
  });

  it('edits a comment, marking when; the same body changes nothing', () => {
    const { tag } = tagged();
    const { annotation, commentId } = addComment(tag, 'first', 'ana', T0, () => 'c_000000000001');
    const edited = editComment(annotation, commentId, 'second', T1)!;
    expect(edited.comments![0]).toEqual({ id: commentId, author: 'ana', createdAt: T0.toISOString(), editedAt: T1.toISOString(), body: 'second' });
    expect(editComment(edited, commentId, 'second', new Date())).toBe(edited);
  });

  it('deletes a comment; deleting the last leaves no thread', () => {
    const { tag } = tagged();
    const { annotation, commentId } = addComment(tag, 'first', 'ana', T0, () => 'c_000000000001');
    const gone = deleteComment(annotation, commentId, T1)!;
    expect(gone).not.toHaveProperty('comments');
    expect(gone.updatedAt).toBe(T1.toISOString());
  });

  it('refuses (undefined) to edit or delete a comment that is not in the thread', () => {
    const { tag } = tagged();
    expect(editComment(tag, 'c_nope', 'x', T1)).toBeUndefined();
    expect(deleteComment(tag, 'c_nope', T1)).toBeUndefined();
  });

  it('updateAnnotation changes only that tag, and nothing for an unknown id', () => {
    const { sidecar } = tagged();
    expect(updateAnnotation(sidecar, 'a_nope', () => { throw new Error('not called'); })).toEqual(sidecar);
  });
});

describe('URL evidence', () => {
  const page = (over = {}) => ({ kind: 'url' as const, url: 'https://example.org/report', title: 'Report', accessed: '2025-01-01', ...over });

  it('cites a page, sorted and round-tripping', () => {
    const { tag } = tagged();
    const next = citeUrl(citeUrl(tag, page({ url: 'https://z.example/' }), T0), page(), T1);
    expect(next.evidence!.map((e) => (e.kind === 'url' ? e.url : ''))).toEqual(['https://example.org/report', 'https://z.example/']);
    expect(next.updatedAt).toBe(T1.toISOString());
    roundTrips(updateAnnotation(tagged().sidecar, tag.id, () => next));
  });

  it('replaces a page cited again by URL; the same citation changes nothing', () => {
    const { tag } = tagged();
    const once = citeUrl(tag, page(), T0);
    expect(citeUrl(once, page(), T1)).toBe(once);
    const replaced = citeUrl(once, page({ title: 'Annual report', quote: 'rose 4%' }), T1);
    expect(replaced.evidence).toEqual([page({ title: 'Annual report', quote: 'rose 4%' })]);
  });

  it('removes a cited page; removing one that is not cited changes nothing', () => {
    const { tag } = tagged();
    const once = citeUrl(tag, page(), T0);
    expect(removeUrl(once, 'https://other.example/', T1)).toBe(once);
    const removed = removeUrl(once, page().url, T1);
    expect(removed).not.toHaveProperty('evidence');
    expect(removed.updatedAt).toBe(T1.toISOString());
  });

  it('makeUrlEvidence keeps a real day as the accessed date, 29 February of a leap year too', () => {
    expect(makeUrlEvidence({ url: 'https://example.org', accessed: '2024-02-29' }, T0)).toMatchObject({ ok: true, evidence: { accessed: '2024-02-29' } });
  });

  it('makeUrlEvidence keeps http(s) pages, trimmed, accessed today by default', () => {
    expect(makeUrlEvidence({ url: ' https://example.org/a ', title: ' A ', quote: '' }, T1)).toEqual({
      ok: true, evidence: { kind: 'url', url: 'https://example.org/a', title: 'A', accessed: '2025-01-02' },
    });
  });

  it.each([
    [{ url: 'javascript:alert(1)' }, /not a web address/],
    [{ url: 'file:///etc/passwd' }, /not a web address/],
    [{ url: 'example.org' }, /not a web address/],
    [{ url: 42 }, /not a web address/],
    [{ url: `https://example.org/${'a'.repeat(URL_EVIDENCE_LIMITS.url)}` }, /longer than 2048/],
    [{ url: 'https://example.org', title: 'x'.repeat(URL_EVIDENCE_LIMITS.title + 1) }, /title is longer/],
    [{ url: 'https://example.org', quote: 7 }, /quote must be text/],
    [{ url: 'https://example.org', accessed: '1/2/2025' }, /YYYY-MM-DD/],
    [{ url: 'https://example.org', accessed: '2025-02-30' }, /YYYY-MM-DD/],
    [{ url: 'https://example.org', accessed: '2025-13-01' }, /YYYY-MM-DD/],
    [{ url: 'https://example.org', accessed: 20250101 }, /YYYY-MM-DD/],
  ])('makeUrlEvidence refuses %j', (input, error) => {
    const r = makeUrlEvidence(input, T0);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(error);
  });
});
