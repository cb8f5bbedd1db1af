import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClaimRegistry, mostShared, type GroupLookup } from '../../../src/core/corpus/claimMatching';
import type { ClaimDigest } from '../../../src/core/corpus/types';

let n = 0;
const claim = (terms: string[]): ClaimDigest => ({
  findingId: `c${n++}`, start: 0, end: 10,
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

describe('claim matching: scores', () => {
  const base = (c: Partial<ClaimDigest>): ClaimDigest => ({ ...claim([]), ...c });
  const fig = (value: number, unit: string) => ({ value, unit, text: String(value), start: 0, end: 10 });
  const lookup: GroupLookup = (key) => ({ id: key, type: key.startsWith('org') ? 'organisation' : 'place', keys: [key] });
  /** Similarity of a and b in a registry that also holds `others` (for the IDF). */
  const sim = (a: ClaimDigest, b: ClaimDigest, others: ClaimDigest[] = []) => {
    const registry = new ClaimRegistry();
    registry.add('a', [a]);
    registry.add('b', [b]);
    others.forEach((o, i) => registry.add(`o${i}`, [o]));
    return registry.similarity(a, b, lookup);
  };
  const filler = [base({ terms: ['weather'] }), base({ terms: ['sport'] }), base({ terms: ['user', 'film'] })];

  it('a shared figure raises the score; two figures of one unit that differ take nothing away (a conflict, still linked)', () => {
    const words = { terms: ['system', 'user'], entities: ['orgmiui'] };
    const plain = sim(base(words), base(words), filler);
    const sameFigure = sim(base({ ...words, terms: [...words.terms, 'worldwid'], figures: [fig(3e8, 'user')] }), base({ ...words, figures: [fig(3e8, 'user')] }), filler);
    const withoutFigure = sim(base({ ...words, terms: [...words.terms, 'worldwid'] }), base(words), filler);
    expect(sameFigure).toBeGreaterThan(withoutFigure);
    const disputed = sim(base({ ...words, figures: [fig(3e8, 'user')] }), base({ ...words, figures: [fig(2e8, 'user')] }), filler);
    expect(disputed).toBeCloseTo(plain, 6);
    // A figure of another unit, which the other claim does not give at all, counts against.
    const unrelated = sim(base({ ...words, figures: [fig(3e8, 'user')] }), base({ ...words, figures: [fig(12, 'percent')] }), filler);
    expect(unrelated).toBeLessThan(plain);
  });

  it('claims about different companies score lower than the same words about one', () => {
    const one = sim(base({ terms: ['~buy', '~plane'], entities: ['orgskyline'] }), base({ terms: ['~buy', '~plane'], entities: ['orgskyline'] }), filler);
    const two = sim(base({ terms: ['~buy', '~plane', 'x'], entities: ['orgskyline'] }), base({ terms: ['~buy', '~plane', 'x'], entities: ['orgeastgate'] }), filler);
    const oneWithout = sim(base({ terms: ['~buy', '~plane', 'x'], entities: ['orgskyline'] }), base({ terms: ['~buy', '~plane', 'x'], entities: ['orgskyline'] }), filler);
    expect(one).toBeGreaterThan(0.99);
    expect(two).toBeLessThan(0.7 * oneWithout);
  });

  it('a forward duration counts as the year it ends in', () => {
    const span = { start: 0, end: 10 };
    const within3 = base({ terms: ['~save'], dates: [{ value: 'P3Y', timexType: 'DURATION', text: 'within three years', forward: true, referenceDate: '2025-06-10', ...span }] });
    const by2028 = base({ terms: ['~save'], dates: [{ value: '2028', timexType: 'DATE', text: '2028', ...span }] });
    const by2029 = base({ terms: ['~save'], dates: [{ value: '2029', timexType: 'DATE', text: '2029', ...span }] });
    const by2035 = base({ terms: ['~save'], dates: [{ value: '2035', timexType: 'DATE', text: '2035', ...span }] });
    expect(sim(within3, by2028, filler)).toBeGreaterThan(sim(within3, by2029, filler));
    expect(sim(within3, by2029, filler)).toBeCloseTo(sim(within3, by2035, filler), 6);
  });
});

describe('claim matching: sources removed and added again', () => {
  it('finds what a registry built afresh from the sources left finds, after any sequence of adds and removes', () => {
    const words = ['rise', 'sales', 'phone', 'market', 'share', 'profit', 'china', 'india', 'launch', 'price'];
    // Some claims list a feature twice, as digests do: a figure in words among the terms and as a
    // figure, an entity named and referred to (its id goes into each posting once).
    const claimsOf = (source: number, version: number) => Array.from({ length: 3 }, (_, i) => {
      const c = claim([0, 1, 2, 3].map((k) => words[(source * 7 + version * 3 + i * 5 + k * k) % words.length]!));
      const twice = (source + version + i) % 4;
      if (twice === 1) return { ...c, terms: [...c.terms, '=65000', '~entry'], figures: [{ value: 65000, unit: 'count', text: '65,000', start: 0, end: 6 }] };
      if (twice === 2) return { ...c, terms: [...c.terms, '~entry'], entities: ['acme'], refers: ['acme'] };
      return c;
    });
    // `split`: the source's claims added in two calls, another source's between them (its ids then
    // come in two runs, which a query skips as its own; the same words, so each finds the other).
    fc.assert(fc.property(fc.array(fc.record({ source: fc.nat(11), remove: fc.boolean(), split: fc.boolean() }), { minLength: 1, maxLength: 40 }), (steps) => {
      const registry = new ClaimRegistry();
      const held = new Map<string, ClaimDigest[]>();
      const replace = (id: string, claims: ClaimDigest[] | undefined, add: (claims: ClaimDigest[]) => void) => {
        const before = held.get(id);
        if (before) {
          registry.remove(before);
          held.delete(id);
        }
        if (!claims) return;
        add(claims);
        held.set(id, claims);
      };
      steps.forEach((step, version) => {
        const id = `s${step.source}`;
        if (step.remove) return replace(id, undefined, () => {});
        replace(id, claimsOf(step.source, version), (claims) => {
          if (!step.split) return registry.add(id, claims);
          registry.add(id, claims.slice(0, 1));
          replace(`f${step.source}`, claimsOf(step.source, version), (filler) => registry.add(`f${step.source}`, filler));
          registry.add(id, claims.slice(1));
        });
        // A query between changes: what it caches must not outlive them.
        for (const [source, claims] of held) registry.matches(source, claims[0]!, group, 0.1);
      });
      const fresh = new ClaimRegistry();
      // Ids in the order the registry holds them: the order their sources were last added.
      for (const [id, claims] of held) fresh.add(id, claims);
      const found = (r: ClaimRegistry) => [...held].flatMap(([id, claims]) => claims.map((c) => r.matches(id, c, group, 0.1).map((m) => [m.ref.claim.findingId, m.score.toFixed(9)])));
      expect(found(registry)).toEqual(found(fresh));
    }), { numRuns: 150, seed: 0xc1a1 });
  });
});

describe('claim matching: the most likely candidates', () => {
  it('keeps the ids that sorting by shared features (most first, then the lower id) and cutting would keep', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.nat(5_000), { minLength: 2, maxLength: 300 }), fc.array(fc.integer({ min: 2, max: 12 }), { minLength: 300, maxLength: 300 }), fc.nat(), (ids, counts, k) => {
      const hits = new Uint32Array(5_001);
      ids.forEach((id, i) => (hits[id] = counts[i]!));
      const keep = 1 + (k % (ids.length - 1));
      const sorted = [...ids].sort((a, b) => hits[b]! - hits[a]! || a - b).slice(0, keep);
      expect(mostShared(ids, hits, keep).sort((a, b) => a - b)).toEqual(sorted.sort((a, b) => a - b));
    }), { numRuns: 300, seed: 0x5ca1e });
  });
});

describe('claim matching: the same weights whatever was asked before', () => {
  it('scores under one group lookup are the same after queries under another (features are numbered per lookup)', () => {
    const apart: GroupLookup = (key) => ({ id: key, type: 'organisation', keys: [key] });
    const merged: GroupLookup = (key) => ({ id: 'one', type: 'organisation', keys: ['acme', 'globex'] });
    const claims = () => [
      { ...claim(['~rise', 'sales', '=20%']), entities: ['acme'], figures: [{ value: 20, unit: 'percent' }] },
      { ...claim(['~rise', 'sales', '=30%', 'quarter']), entities: ['globex'], figures: [{ value: 30, unit: 'percent' }] },
      { ...claim(['revenue', 'sales', 'quarter']), entities: ['acme'] },
    ] as ClaimDigest[];
    const fresh = new ClaimRegistry();
    const [a, b, c] = claims();
    fresh.add('s1', [a!, c!]);
    fresh.add('s2', [b!]);
    const expected = [fresh.similarity(a!, b!, merged), fresh.similarity(b!, c!, merged), fresh.similarity(a!, c!, merged)];
    const asked = new ClaimRegistry();
    const [a2, b2, c2] = claims();
    asked.add('s1', [a2!, c2!]);
    asked.add('s2', [b2!]);
    asked.matches('s1', a2!, apart, 0.01);
    asked.similarity(b2!, c2!, apart);
    expect([asked.similarity(a2!, b2!, merged), asked.similarity(b2!, c2!, merged), asked.similarity(a2!, c2!, merged)]).toEqual(expected);
    expect(expected[0]).toBeGreaterThan(0);
    expect(asked.similarity(a2!, b2!, apart)).not.toEqual(expected[0]);
  });
});
