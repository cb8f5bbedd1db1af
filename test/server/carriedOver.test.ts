// What an open source's cross-source view keeps after an edit, before a fresh view comes: the entries
// of findings still there (by id), and the view's own maps where nothing of theirs went.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClaimLink, EntityGroup } from '../../src/core/corpus';
import type { CrossSourceView } from '../../src/server/crossSource';
import { carriedOver } from '../../src/server/crossSourceFeatures';
import type { SourceState } from '../../src/server/sourceState';
import type { TaggedFinding } from '../../src/core/taggedFindings';
import { recordEdit } from '../../src/server/findingsEdits';

const URI = 'file:///w/a.txt';
const finding = (id: string) => ({ id, kind: id.split(':')[0], start: 0, end: 1, text: 'x', region: 'body', score: 1, cues: [] });
const view = (): CrossSourceView => ({
  links: new Map([['claim:a', [] as ClaimLink[]], ['claim:b', [] as ClaimLink[]]]),
  conflicts: [],
  entities: new Map([['entity:x', {} as EntityGroup]]),
  speakers: new Map(),
  labels: new Map(),
  lines: new Map(),
  indexed: 2,
  indexing: false,
});
const state = (ids: string[]) => ({ uri: URI, text: 'x', tagged: { findings: ids.map(finding) } }) as unknown as SourceState;

describe('carriedOver', () => {
  it('keeps the view\'s own maps when every finding they name is still there', () => {
    const v = view();
    const kept = carriedOver(v, state(['claim:a', 'date:d', 'claim:b', 'entity:x']))!;
    expect(kept.links).toBe(v.links);
    expect(kept.entities).toBe(v.entities);
  });

  it('drops the entries of findings that went, from a copy', () => {
    const v = view();
    const kept = carriedOver(v, state(['claim:b', 'entity:y']))!;
    expect([...kept.links.keys()]).toEqual(['claim:b']);
    expect(kept.entities.size).toBe(0);
    // The last view is left as it was.
    expect(v.links.size).toBe(2);
    expect(v.entities.size).toBe(1);
  });
});

describe('carriedOver across an edit taken in as a delta', () => {
  // Findings of a source: ids by kind, unique; a view naming some of them (and ids of no finding).
  const ids = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}:${i}`);
  const viewOf = (named: string[], sides: string[]): CrossSourceView => ({
    ...view(),
    links: new Map(named.filter((id) => id.startsWith('claim:')).map((id) => [id, [] as ClaimLink[]])),
    entities: new Map(named.filter((id) => id.startsWith('entity:')).map((id) => [id, {} as EntityGroup])),
    conflicts: sides.map((id, k) => ({
      id: `c${k}`, kind: 'figure', sides: [{ sourceId: URI, findingId: id, focus: { start: 0, end: 1 }, focusText: 'x' }, { sourceId: 'file:///w/b.txt', findingId: 'claim:z', focus: { start: 0, end: 1 }, focusText: 'y' }],
    })) as unknown as CrossSourceView['conflicts'],
  });
  const shape = (v: CrossSourceView) => ({ links: [...v.links.keys()], entities: [...v.entities.keys()], speakers: [...v.speakers.keys()], conflicts: v.conflicts.map((c) => c.id) });

  it('keeps what a scan of the findings keeps, after any edits', () => {
    const all = [...ids(12, 'claim'), ...ids(12, 'entity'), ...ids(4, 'date')];
    const edit = fc.record({ drop: fc.array(fc.nat({ max: 40 }), { maxLength: 4 }), add: fc.array(fc.constantFrom(...all, 'claim:new', 'entity:new'), { maxLength: 4 }), again: fc.boolean() });
    fc.assert(fc.property(fc.subarray(all, { minLength: 1 }), fc.subarray(all), fc.subarray(all.filter((id) => id.startsWith('claim:')), { maxLength: 3 }), fc.array(edit, { minLength: 1, maxLength: 5 }), (start, named, sides, edits) => {
      let before = state(start);
      // A fresh view may name ids no finding has: checked by a scan, then carried over edit by edit.
      let carried = carriedOver(viewOf(named, sides), before)!;
      for (const e of edits) {
        const from: number[] = [];
        const list: TaggedFinding[] = [];
        const old = before.tagged.findings;
        old.forEach((f, j) => {
          if (e.drop.includes(j)) return;
          list.push(f);
          from.push(j);
        });
        // Findings that came: new ids, or ids just dropped coming back changed (a finding's score, say).
        for (const id of e.add) {
          if (list.some((f) => f.id === id) || (!e.again && old.some((f) => f.id === id))) continue;
          list.push(finding(id) as unknown as TaggedFinding);
          from.push(-1);
        }
        const now = { ...before, tagged: { ...before.tagged, findings: list } } as SourceState;
        recordEdit(list, { before: old, from: Int32Array.from(from), moved: new Uint8Array(from.length), prefix: 0 });
        const across = carriedOver(carried, now, old)!;
        expect(shape(across)).toEqual(shape(carriedOver(carried, now)!));
        carried = across;
        before = now;
      }
    }), { numRuns: 400, seed: 0xca221e });
  });

  it('reads only what the edit changed: a map the edit took nothing from is the view\'s own', () => {
    const before = state(['claim:a', 'claim:b', 'entity:x']);
    const carried = carriedOver(view(), before)!;
    const list = [...before.tagged.findings.slice(0, 2), finding('date:new') as unknown as TaggedFinding];
    recordEdit(list, { before: before.tagged.findings, from: Int32Array.from([0, 1, -1]), moved: new Uint8Array(3), prefix: 0 });
    const now = { ...before, tagged: { findings: list } } as unknown as SourceState;
    const across = carriedOver(carried, now, before.tagged.findings)!;
    expect(across.links).toBe(carried.links);
    expect(across.entities.size).toBe(0);
  });
});
