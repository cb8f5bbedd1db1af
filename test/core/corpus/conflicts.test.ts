import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { titleConflicts, type RoleHolder } from '../../../src/core/corpus/conflicts';

const span = { start: 0, end: 7 };

/** Lei Jun given `titles` (at `org`, when named) in `sourceId`. */
function holder(sourceId: string, titles: string[], org?: string): RoleHolder {
  return {
    sourceId,
    ...(org ? { org } : {}),
    mention: {
      findingId: `entity:${sourceId}`, ...span, text: 'Lei Jun', type: 'person', key: 'lei jun', canonical: 'Lei Jun', region: 'body',
      role: { titles, phrase: `${titles.join(' and ')} Lei Jun`, ...span, ...(org ? { org } : {}) },
    },
  };
}

const pairs = (holders: RoleHolder[]) => titleConflicts('Lei Jun', holders).map((c) => c.sides.map((s) => `${s.sourceId}:${s.value}`).join(' / ')).sort();

describe('title conflicts', () => {
  it('sets two sources giving a person offices no one holds at once against each other, once', () => {
    expect(pairs([holder('a', ['cfo']), holder('b', ['ceo']), holder('b', ['ceo'])])).toEqual(['a:cfo / b:ceo']);
    // One office in common, or two organisations: no conflict.
    expect(pairs([holder('a', ['cfo', 'vice president']), holder('b', ['cfo'])])).toEqual([]);
    expect(pairs([holder('a', ['cfo'], 'xiaomi'), holder('b', ['ceo'], 'huawei')])).toEqual([]);
    expect(pairs([holder('a', ['cfo'], 'xiaomi'), holder('b', ['ceo'])])).toEqual(['a:cfo / b:ceo']);
    // One office in common and two that cannot go together: the sources disagree on those.
    expect(pairs([holder('a', ['ceo', 'chairman']), holder('b', ['cfo', 'chairman'])])).toEqual(['a:ceo and chairman / b:cfo and chairman']);
  });

  it('sees no disagreement in offices one person often holds together', () => {
    // Xiaomi's chairman was its CEO too; a president is often CEO or COO; a CFO often a senior vice president.
    expect(pairs([holder('a', ['chairman']), holder('b', ['ceo']), holder('c', ['president']), holder('d', ['ceo', 'chairman'])])).toEqual([]);
    expect(pairs([holder('a', ['president']), holder('b', ['coo'])])).toEqual([]);
    expect(pairs([holder('a', ['vice president']), holder('b', ['cfo'])])).toEqual([]);
    expect(pairs([holder('a', ['ceo', 'chairman']), holder('b', ['managing director'])])).toEqual([]);
    // But not any two: a vice president is not the president, a CEO not the CFO, a chairman not the CTO.
    expect(pairs([holder('a', ['president']), holder('b', ['vice president'])])).toEqual(['a:president / b:vice president']);
    expect(pairs([holder('a', ['ceo', 'chairman']), holder('b', ['cto'])])).toEqual(['a:ceo and chairman / b:cto']);
  });

  it('sets each source against one source of each other set of offices, taken in turn: n against m make at most n + m, not n × m', () => {
    expect(pairs([holder('a', ['cfo']), holder('b', ['cfo']), holder('c', ['ceo']), holder('d', ['ceo'])])).toEqual(['a:cfo / c:ceo', 'b:cfo / d:ceo']);
    expect(pairs([holder('a', ['cfo']), holder('b', ['ceo']), holder('c', ['ceo']), holder('d', ['cto'])])).toEqual([
      'a:cfo / b:ceo', 'a:cfo / c:ceo', 'a:cfo / d:cto', 'b:ceo / d:cto', 'c:ceo / d:cto',
    ]);
  });

  it('shows every source that disagrees with another a conflict of its own, and makes conflicts linear in the sources', () => {
    // Chairman, CEO and president go together; the CFO goes with none of them.
    const offices = ['chairman', 'ceo', 'president', 'cfo'];
    const together = (a: string, b: string) => a === b || (a !== 'cfo' && b !== 'cfo');
    const holders = fc.array(fc.record({ source: fc.nat(12), office: fc.nat(offices.length - 1) }), { maxLength: 40 }).map((xs) => xs.map((x) => holder(`s${String(x.source).padStart(2, '0')}`, [offices[x.office]!])));
    fc.assert(
      fc.property(holders, (hs) => {
        const conflicts = titleConflicts('Lei Jun', hs);
        const officesOf = new Map<string, Set<string>>();
        for (const h of hs) officesOf.set(h.sourceId, (officesOf.get(h.sourceId) ?? new Set()).add(h.mention.role!.titles[0]!));
        for (const [source, own] of officesOf) {
          for (const office of own) {
            // Another source gives an office that cannot go with this one: this source and office are a side of some conflict.
            const disagrees = [...officesOf].some(([other, theirs]) => other !== source && [...theirs].some((t) => !together(t, office)));
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
