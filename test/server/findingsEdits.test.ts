// How the main thread took a findings list in (findingsEdits.ts): as a delta against the one
// before, what went and what came. A record holds the list before it, so only the newest list keeps
// one: a chain would hold every list since the source was opened.
import { describe, expect, it } from 'vitest';
import type { TaggedFinding } from '../../src/core/taggedFindings';
import { editBetween, editOf, lastEditOf, recordEdit } from '../../src/server/findingsEdits';

const f = (id: string) => ({ id, kind: 'claim', start: 0, end: 1 }) as unknown as TaggedFinding;
const edit = (before: readonly TaggedFinding[], from: number[]) => ({ before, from: Int32Array.from(from), moved: new Uint8Array(from.length), prefix: 0 });

describe('findingsEdits', () => {
  it('tells what went and what came, for the list it was against only', () => {
    const l0 = [f('a'), f('b'), f('c')];
    const l1 = [l0[0]!, f('x'), l0[2]!];
    recordEdit(l1, edit(l0, [0, -1, 2]));
    expect(editBetween(l0, l1)).toEqual({ removed: [l0[1]], added: [l1[1]] });
    expect(editOf(l1, l0)?.before).toBe(l0);
    expect(editOf(l1, [...l0])).toBeUndefined();
    expect(editBetween([...l0], l1)).toBeUndefined();
  });

  it('keeps a record for the newest list only: no chain of lists back to the first', () => {
    const l0 = [f('a')];
    const l1 = [l0[0]!, f('b')];
    const l2 = [l1[0]!, l1[1]!, f('c')];
    recordEdit(l1, edit(l0, [0, -1]));
    recordEdit(l2, edit(l1, [0, 1, -1]));
    expect(lastEditOf(l2)?.before).toBe(l1);
    expect(lastEditOf(l1)).toBeUndefined();
    expect(editOf(l1, l0)).toBeUndefined();
  });

  it('records nothing for a delta that does not fit the list', () => {
    const l0 = [f('a')];
    const l1 = [f('b'), f('c')];
    recordEdit(l1, edit(l0, [-1]));
    expect(lastEditOf(l1)).toBeUndefined();
  });
});
