import { describe, expect, it, onTestFinished } from 'vitest';
import { Analyzer } from '../../../src/core/analyzer';
import { DEFAULT_MATCH_THRESHOLD } from '../../../src/core/corpus';
import { evaluateSplit, loadClaimPairs, loadPairSets, type PairCorpus } from '../../../src/eval/claimPairs';

// Floors at the figures reached (scripts/claimPairs.ts prints them): matching may get better, not worse.
describe('claim matching quality on hand-labelled pairs (test-fixtures/claim-pairs.json)', () => {
  const analyzer = new Analyzer();
  const corpora = new Map<string, PairCorpus>();

  it('labels at least 150 pairs, half of them in the held-back sets, every quote in its source', () => {
    const sets = loadPairSets();
    const late = new Set(sets.filter((s) => s.late).map((s) => s.name));
    const held = new Set(sets.filter((s) => s.heldBack).map((s) => s.name));
    const pairs = loadClaimPairs().filter((p) => p.label !== 'ambiguous' && !late.has(p.set));
    expect(pairs.length).toBeGreaterThanOrEqual(150);
    expect(pairs.filter((p) => held.has(p.set)).length / pairs.length).toBeGreaterThanOrEqual(0.4);
    // The evaluation throws on a quote its source does not hold (a typo would silently drop a pair).
    for (const split of ['tuning', 'held-back', 'late'] as const) expect(evaluateSplit(split, DEFAULT_MATCH_THRESHOLD, analyzer, corpora).sets.length).toBeGreaterThan(0);
  });

  it('held-back sets (the reported figure): precision and recall at the default threshold', () => {
    const e = evaluateSplit('held-back', DEFAULT_MATCH_THRESHOLD, analyzer, corpora);
    expect(e.precision).toBeGreaterThanOrEqual(0.95);
    expect(e.recall).toBeGreaterThanOrEqual(0.75);
    // Pairs with a sentence the detector does not flag count here as misses.
    expect(e.endToEndRecall).toBeGreaterThanOrEqual(0.53);
  });

  it('tuning sets: precision and recall at the default threshold', () => {
    const e = evaluateSplit('tuning', DEFAULT_MATCH_THRESHOLD, analyzer, corpora);
    expect(e.precision).toBeGreaterThanOrEqual(0.85);
    expect(e.recall).toBeGreaterThanOrEqual(0.8);
  });
});

describe('the claim-pair evaluation', () => {
  it('refuses a pair file whose quote is not in its source, and counts a pair with an undetected side apart', async () => {
    const { mkdtempSync, mkdirSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const root = mkdtempSync(path.join(tmpdir(), 'pairs-'));
    onTestFinished(() => rmSync(root, { recursive: true, force: true }));
    mkdirSync(path.join(root, 'sets/s'), { recursive: true });
    writeFileSync(path.join(root, 'sets/s/a.txt'), 'Acme said it will cut 400 jobs by March.\n\nThe weather was nice.\n');
    writeFileSync(path.join(root, 'sets/s/b.txt'), 'Acme will cut 400 jobs by March, the company said.\n\nIt rained.\n');
    mkdirSync(path.join(root, 'fixtures'));
    const file = path.join(root, 'fixtures/pairs.json');
    const write = (pairs: object[]) => writeFileSync(file, JSON.stringify({ heldBack: ['s'], sets: { s: { dir: 'sets/s', referenceDate: '2025-01-01' } }, pairs }));
    const pair = (qa: string, qb: string) => ({ set: 's', a: { source: 'a.txt', quote: qa }, b: { source: 'b.txt', quote: qb }, label: 'same', reason: 'test' });
    write([pair('Acme said it will cut 400 jobs', 'Acme will cut 400 jobs by March'), pair('The weather was nice', 'It rained')]);
    const e = evaluateSplit('held-back', DEFAULT_MATCH_THRESHOLD, new Analyzer(), new Map(), file);
    expect(e.undetected).toBe(1);
    expect(e.tp + e.fn).toBe(1);
    expect(e.endToEndRecall).toBeCloseTo(e.tp / 2, 9);
    write([pair('Acme said it will cut 500 jobs', 'Acme will cut 400 jobs by March')]);
    expect(() => evaluateSplit('held-back', DEFAULT_MATCH_THRESHOLD, new Analyzer(), new Map(), file)).toThrow(/not in a\.txt/);
  });
});
