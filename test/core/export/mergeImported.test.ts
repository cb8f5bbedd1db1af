import { describe, expect, it } from 'vitest';
import { mergeImported, type ImportedTag } from '../../../src/core/export/mergeImported';
import { NOW, tagSidecar } from './exportFixtures';

const TEXT = 'Alpha said one. Beta said two. Alpha said one. Gamma said three.';
const LATER = new Date('2021-01-01T00:00:00.000Z');

const tag = (over: Partial<ImportedTag>): ImportedTag => ({ origin: 'x', kind: 'claim', status: 'verified', exact: 'Beta said two.', ...over });

describe('mergeImported', () => {
  it('adds new tags, leaves agreeing ones unchanged and keeps differing ones unless overwriting', () => {
    const sidecar = tagSidecar(TEXT, [{ kind: 'claim', quote: 'Beta said two.', status: 'verified', note: 'ok' }]);
    const incoming = [tag({ origin: 'same' }), tag({ origin: 'differs', status: 'contradicted' }), tag({ origin: 'new', exact: 'Gamma said three.', note: 'n' })];
    // 'same' and 'differs' target the same text: the first is unchanged, the second is kept out.
    const kept = mergeImported(sidecar, TEXT, incoming, { now: LATER });
    expect(kept.outcomes.map((o) => [o.origin, o.result])).toEqual([['same', 'unchanged'], ['differs', 'kept'], ['new', 'added']]);
    expect(kept.sidecar.annotations.find((a) => a.target.exact === 'Beta said two.')!.status).toBe('verified');
    const over = mergeImported(sidecar, TEXT, incoming.slice(1), { now: LATER, overwrite: true });
    expect(over.outcomes.map((o) => o.result)).toEqual(['updated', 'added']);
    const updated = over.sidecar.annotations.find((a) => a.target.exact === 'Beta said two.')!;
    expect(updated).toMatchObject({ status: 'contradicted', comments: [{ body: 'ok' }], updatedAt: LATER.toISOString(), createdAt: NOW.toISOString() });
  });

  it('reports a quote that is not in the text, and changes nothing for it', () => {
    const r = mergeImported(tagSidecar(TEXT, []), TEXT, [tag({ exact: 'Delta said four.' })], { now: LATER });
    expect(r.outcomes).toEqual([{ origin: 'x', result: 'not-found', exact: 'Delta said four.' }]);
    expect(r.changed).toBe(false);
  });

  it('chooses between repeats of a quote by position and context', () => {
    const second = TEXT.lastIndexOf('Alpha said one.');
    const r = mergeImported(tagSidecar(TEXT, []), TEXT, [tag({ exact: 'Alpha said one.', prefix: 'two. ', start: second, end: second + 15 })], { now: LATER });
    expect(r.outcomes[0]).toMatchObject({ result: 'added', start: second });
  });

  it('recognises an existing tag after the source was edited, instead of adding a duplicate', () => {
    const sidecar = tagSidecar(TEXT, [{ kind: 'claim', quote: 'Gamma said three.', status: 'verified' }]);
    const edited = `Preface. ${TEXT}`;
    const r = mergeImported(sidecar, edited, [tag({ exact: 'Gamma said three.' })], { now: LATER });
    expect(r.outcomes[0]!.result).toBe('unchanged');
    expect(r.sidecar.annotations).toHaveLength(1);
    expect(r.sidecar.annotations[0]!.target.start).toBe(edited.indexOf('Gamma'));
  });

  it('marks a tag whose quote is gone as orphaned at the given time, not the wall clock', () => {
    const sidecar = tagSidecar(`${TEXT} Delta said four.`, [{ kind: 'claim', quote: 'Delta said four.', status: 'verified' }]);
    const r = mergeImported(sidecar, TEXT, [], { now: LATER });
    expect(r.sidecar.annotations[0]!.orphanedAt).toBe(LATER.toISOString());
  });

  it('adds evidence to an existing tag without duplicating it', () => {
    const sidecar = tagSidecar(TEXT, [{ kind: 'claim', quote: 'Beta said two.', status: 'verified', evidence: [{ kind: 'url', url: 'https://a.example' }] }]);
    const r = mergeImported(sidecar, TEXT, [tag({ evidence: [{ kind: 'url', url: 'https://a.example' }, { kind: 'url', url: 'https://b.example' }] })], { now: LATER });
    expect(r.outcomes[0]!.result).toBe('updated');
    expect((r.sidecar.annotations[0]!.evidence ?? []).map((e) => (e.kind === 'url' ? e.url : ''))).toEqual(['https://a.example', 'https://b.example']);
  });
});
