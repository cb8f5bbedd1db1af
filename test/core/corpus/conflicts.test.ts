import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { titleConflicts, type RoleHolder } from '../../../src/core/corpus/conflicts';

const span = { start: 0, end: 7, line: 0, character: 0, endLine: 0, endCharacter: 7 };

/** Lei Jun given `titles` (at `org`, when named) in `sourceId`. */
function holder(sourceId: string, titles: string[], org?: string): RoleHolder {
  return {
    sourceId,
    ...(org ? { org } : {}),
    mention: {
      findingId: `entity:${sourceId}`, span, text: 'Lei Jun', type: 'person', key: 'lei jun', canonical: 'Lei Jun', region: 'body',
      role: { titles, phrase: `${titles.join(' and ')} Lei Jun`, span, ...(org ? { org } : {}) },
    },
  };
}

const pairs = (holders: RoleHolder[]) => titleConflicts('Lei Jun', holders).map((c) => c.sides.map((s) => `${s.sourceId}:${s.value}`).join(' / ')).sort();

describe('title conflicts', () => {
  it('sets two sources giving a person different offices against each other, once', () => {
    expect(pairs([holder('a', ['chairman']), holder('b', ['ceo']), holder('b', ['ceo'])])).toEqual(['a:chairman / b:ceo']);
    // One office in common, or two organisations: no conflict.
    expect(pairs([holder('a', ['chairman', 'ceo']), holder('b', ['ceo'])])).toEqual([]);
    expect(pairs([holder('a', ['chairman'], 'xiaomi'), holder('b', ['ceo'], 'huawei')])).toEqual([]);
    expect(pairs([holder('a', ['chairman'], 'xiaomi'), holder('b', ['ceo'])])).toEqual(['a:chairman / b:ceo']);
  });

  it('sets each source against one source of each other set of offices, taken in turn: n against m make at most n + m, not n × m', () => {
    expect(pairs([holder('a', ['chairman']), holder('b', ['chairman']), holder('c', ['ceo']), holder('d', ['ceo'])])).toEqual(['a:chairman / c:ceo', 'b:chairman / d:ceo']);
    expect(pairs([holder('a', ['chairman']), holder('b', ['ceo']), holder('c', ['ceo']), holder('d', ['president'])])).toEqual([
      'a:chairman / b:ceo', 'a:chairman / c:ceo', 'a:chairman / d:president', 'b:ceo / d:president', 'c:ceo / d:president',
    ]);
  });

  it('shows every source that disagrees with another a conflict of its own, and makes conflicts linear in the sources', () => {
    const offices = ['chairman', 'ceo', 'president'];
    const holders = fc.array(fc.record({ source: fc.nat(12), office: fc.nat(offices.length - 1) }), { maxLength: 40 }).map((xs) => xs.map((x) => holder(`s${String(x.source).padStart(2, '0')}`, [offices[x.office]!])));
    fc.assert(
      fc.property(holders, (hs) => {
        const conflicts = titleConflicts('Lei Jun', hs);
        const officesOf = new Map<string, Set<string>>();
        for (const h of hs) officesOf.set(h.sourceId, (officesOf.get(h.sourceId) ?? new Set()).add(h.mention.role!.titles[0]!));
        for (const [source, own] of officesOf) {
          for (const office of own) {
            // Another source gives another office: this source and office are a side of some conflict.
            const disagrees = [...officesOf].some(([other, theirs]) => other !== source && [...theirs].some((t) => t !== office));
            const sides = conflicts.filter((c) => c.sides.some((s) => s.sourceId === source && s.value === office));
            expect(sides.length > 0).toBe(disagrees);
            for (const c of sides) expect(c.sides[0]!.sourceId).not.toBe(c.sides[1]!.sourceId);
          }
        }
        // Linear, not quadratic: each source and office starts at most one conflict per other office.
        const limit = [...officesOf.values()].reduce((n, s) => n + s.size, 0) * (offices.length - 1);
        expect(conflicts.length).toBeLessThanOrEqual(limit);
      }),
      { numRuns: 300 },
    );
  });
});
