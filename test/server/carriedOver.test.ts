// What an open source's cross-source view keeps after an edit, before a fresh view comes: the entries
// of findings still there (by id), and the view's own maps where nothing of theirs went.
import { describe, expect, it } from 'vitest';
import type { ClaimLink, EntityGroup } from '../../src/core/corpus';
import type { CrossSourceView } from '../../src/server/crossSource';
import { carriedOver } from '../../src/server/crossSourceFeatures';
import type { SourceState } from '../../src/server/sourceState';

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
