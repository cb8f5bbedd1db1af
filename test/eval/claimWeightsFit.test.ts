import { describe, expect, it } from 'vitest';
import { CLAIM_MODEL, CLAIM_WEIGHTS, claimLogit, claimWords, type ClaimFeatures } from '../../src/core/kinds/claim/claimDetector';
import { evaluateClaims } from '../../src/eval/claimEval';
import { crossValidateClaimWeights, domainNeutralWords, fitClaimWeights, stratifiedFolds, type LabelledEvidence } from '../../src/eval/claimWeightsFit';
import type { GoldDoc } from '../../src/eval/gold';
import type { ClaimSystem } from '../../src/eval/systems';

const zero = () => Object.fromEntries(Object.keys(CLAIM_WEIGHTS).filter((k) => k !== 'bias').map((k) => [k, 0])) as unknown as ClaimFeatures;

/** Check-worthy sentences hold a figure (and most say "since"); the others mostly not. */
function synthetic(n: number): LabelledEvidence[] {
  return Array.from({ length: n }, (_, i) => {
    const positive = i % 3 === 0;
    const features = { ...zero(), quantity: positive !== (i % 10 === 1) ? 1 : 0, length: 0.5 };
    const text = positive && i % 2 ? `Prices rose since ${i} years ago` : `We talk about it ${i % 5 ? 'today' : 'since then'}`;
    return { id: `s${i}`, positive, rows: [{ text, features }] };
  });
}

describe('claim words', () => {
  it('reads each lower-case word once, curly apostrophes as straight, pairs only across spaces', () => {
    expect(claimWords('We didn’t cut taxes, we CUT spending.')).toEqual(['we', "didn't", 'cut', 'taxes', 'spending']);
    expect(claimWords('Taxes rose, then fell.', true)).toEqual(['taxes', 'rose', 'taxes rose', 'then', 'fell', 'then fell']);
  });

  it('adds each word weight once to the log-odds of the evidence', () => {
    const features = { ...zero(), quantity: 1 };
    const model = { ...CLAIM_MODEL, words: { since: 0.5, want: -0.25 } };
    const plain = claimLogit(features, [], model);
    expect(claimLogit(features, claimWords('Since 2010, since then: we want more'), model) - plain).toBeCloseTo(0.25, 10);
    expect(plain).toBeCloseTo(CLAIM_WEIGHTS.bias + CLAIM_WEIGHTS.quantity, 10);
  });
});

describe('fitting the claim weights', () => {
  it('deals stratified folds the same way every time', () => {
    const docs = synthetic(60);
    const folds = stratifiedFolds(docs, 5, 16);
    expect(stratifiedFolds(docs, 5, 16)).toEqual(folds);
    for (let f = 0; f < 5; f++) expect(docs.filter((d, i) => folds[i] === f && d.positive).length).toBe(4);
    expect(stratifiedFolds(docs, 5, 17)).not.toEqual(folds);
  });

  it('learns the evidence and words that tell the classes apart, holds the hand-set weights and scores held-out folds', () => {
    const docs = synthetic(120);
    const vocabulary = new Set(['since', 'prices', 'rose', 'we', 'talk', 'about', 'it', 'today', 'then', 'years', 'ago']);
    const options = { l2: 1e-4, wordL2: 1e-3, minWordDocs: 5, prune: 0.05, steps: 400, vocabulary };
    const w = fitClaimWeights(docs, 'synthetic', options);
    expect(w.fittedOn).toBe('synthetic');
    expect(w.features.quantity).toBeGreaterThan(1);
    expect(w.features.question).toBe(CLAIM_WEIGHTS.question);
    expect(w.features.plan).toBe(CLAIM_WEIGHTS.plan);
    expect(w.words.prices).toBeGreaterThan(0);
    expect(w.words.talk).toBeLessThan(0);
    const cv = crossValidateClaimWeights(docs, options);
    expect(cv.scores).toHaveLength(120);
    expect(cv.folds).toHaveLength(5);
    for (const f of cv.folds) expect(f.ap).toBeGreaterThan(0.8);
  });

  it('keeps names and words news does not write out of the vocabulary', () => {
    const row = (text: string) => ({ id: text, positive: true, rows: [{ text, features: zero() }] });
    const words = domainNeutralWords([row('We met Carter and the market fell.'), row('I said Carter voted against it.'), row('The carter said the market didn’t move.'), row('Zorblax market.')]);
    expect(words.has('market')).toBe(true);
    expect(words.has("didn't")).toBe(true);
    expect(words.has('carter')).toBe(false);
    expect(words.has('zorblax')).toBe(false);
  });
});

describe('the eval on the set the shipped weights were fitted on', () => {
  it('prints the figures of weights fitted again without each fold beside the in-sample ones, and targets those', () => {
    const docs = synthetic(60);
    const gold: GoldDoc[] = docs.map((d) => ({ id: d.id, text: d.rows[0].text, label: d.positive ? 'CFS' : 'NCS' }));
    const system: ClaimSystem = {
      name: 'fitted', threshold: 0.5, score: () => 0.99,
      claimEvidence: new Map(docs.map((d) => [d.id, d.rows])),
    };
    const r = evaluateClaims({ name: CLAIM_MODEL.fittedOn, kind: 'claims', docs: gold }, system, []);
    const systems = [...new Set(r.rows.map((x) => x.system))];
    expect(systems).toEqual(['fitted (weights fitted on this set: in-sample)', 'fitted (5-fold cross-validated: refitted without each fold)']);
    expect(r.targets.map((t) => t.measure)).toEqual(['CFS F1 (cross-validated)', 'average precision (cross-validated)']);
    // Scoring everything 0.99 in-sample is recall 1; the refitted weights do better than that.
    expect(r.targets[1].actual).toBeGreaterThan(0.8);
    const other = evaluateClaims({ name: 'another-set', kind: 'claims', docs: gold }, system, []);
    expect([...new Set(other.rows.map((x) => x.system))]).toEqual(['fitted']);
  });
});
