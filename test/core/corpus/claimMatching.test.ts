import { describe, expect, it } from 'vitest';
import { ClaimRegistry, type GroupLookup } from '../../../src/core/corpus/claimMatching';
import type { ClaimDigest } from '../../../src/core/corpus/types';

let n = 0;
const claim = (terms: string[]): ClaimDigest => ({
  findingId: `c${n++}`, span: { start: 0, end: 10, line: 0, character: 0, endLine: 0, endCharacter: 10 },
  text: terms.join(' '), region: 'body', hedged: false, future: false, terms, entities: [], dates: [], figures: [],
});
const group: GroupLookup = (key) => ({ id: key, type: 'organisation', keys: [key] });

/** `count` claims, one source each, all with exactly `terms` (so any two of them match with a score of 1). */
function addMany(registry: ClaimRegistry, prefix: string, count: number, terms: (i: number) => string[]): void {
  for (let i = 0; i < count; i++) registry.add(`${prefix}${i}`, [claim(terms(i))]);
}

describe('claim matching: the candidate bound', () => {
  it('above 10,000 claims, a feature in more than 500 claims finds no candidates (5% of the claims would allow 650); one in 500 still does', () => {
    const registry = new ClaimRegistry();
    addMany(registry, 'filler', 12_000, (i) => [`f${i}`, `g${i}`]);
    addMany(registry, 'common', 501, () => ['alpha', 'beta']);
    addMany(registry, 'bounded', 499, () => ['gamma', 'delta']);
    expect(registry.size).toBe(13_000);
    expect(registry.matches('query', claim(['alpha', 'beta']), group)).toEqual([]);
    // 499 others plus the query's own claim in the registry: 500 ids per feature, at the bound.
    const own = claim(['gamma', 'delta']);
    registry.add('query', [own]);
    const found = registry.matches('query', own, group);
    expect(found).toHaveLength(50);
    expect(found.every((m) => m.ref.sourceId.startsWith('bounded') && m.score > 0.99)).toBe(true);
  });

  it('under 10,000 claims the bound is 5% of them, as before: a feature in 400 of 9,000 claims finds candidates', () => {
    const registry = new ClaimRegistry();
    addMany(registry, 'filler', 8_600, (i) => [`f${i}`, `g${i}`]);
    addMany(registry, 'common', 400, () => ['alpha', 'beta']);
    expect(registry.matches('query', claim(['alpha', 'beta']), group)).toHaveLength(50);
    // …and one in more than 5% (460 of 9,060) does not.
    addMany(registry, 'more', 60, () => ['alpha', 'beta']);
    expect(registry.matches('query', claim(['alpha', 'beta']), group)).toEqual([]);
  });
});
