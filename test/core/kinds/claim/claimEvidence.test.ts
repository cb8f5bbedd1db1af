import type { Root } from 'nlcst';
import { englishParser } from '../../../../src/core/pipeline/englishParser';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { claimEvidence, scoreClaim, type ClaimContext, type ClaimFeatures } from '../../../../src/core/kinds/claim/claimDetector';
import { sentencesOf } from '../../../../src/core/text/sentences';

const ctx = (over: Partial<ClaimContext> = {}): ClaimContext => ({ region: 'body', entities: [], dates: [], ...over });

function features(text: string, over: Partial<ClaimContext> = {}): ClaimFeatures {
  const [s] = sentencesOf(unified().use(englishParser).parse(text) as Root, text);
  return claimEvidence(s, ctx(over)).features;
}
const score = (text: string) => {
  const [s] = sentencesOf(unified().use(englishParser).parse(text) as Root, text);
  return scoreClaim(s, ctx()).score;
};
/** A named party at the start of the sentence. */
const named = (name: string) => ({ entities: [{ start: 0, end: name.length, text: name }] });

describe('claim evidence: each feature fires on its cue and not without it', () => {
  it.each<[keyof ClaimFeatures, string, string, Partial<ClaimContext>?]>([
    ['moneyOrPercent', 'Prices rose 20% last spring.', 'Prices rose 20 points last spring.'],
    ['moneyOrPercent', 'The plan costs two billion dollars.', 'The plan costs two billion votes.'],
    ['statistic', 'The unemployment rate went up.', 'The unemployment office went up.'],
    ['comparison', 'Our schools are cheaper than theirs.', 'Our schools are cheap.'],
    ['comparison', 'It is the fastest growing state.', 'It is a growing state.'],
    ['perfect', 'Wages have fallen for years.', 'Wages fall for years.'],
    ['perfect', 'They have been buying patents.', 'They have been good.'],
    ['secondEvent', 'He voted for it and then opposed it.', 'He voted for it.'],
    ['thirdPerson', 'She opposed the bill.', 'We opposed the bill.'],
    ['firstSingular', 'I opposed the bill.', 'We opposed the bill.'],
    ['secondPerson', 'You opposed the bill.', 'They opposed the bill.'],
    ['normative', 'We must cut the deficit.', 'We cut the deficit.'],
    ['evaluative', 'That was a terrible mistake.', 'That was a long session.'],
    ['rhetoric', 'This election is about freedom.', 'This election is about taxes.'],
    ['imperative', 'Look at the record of this administration.', 'The record of this administration is long.'],
    ['imperative', 'And remember what happened then.', 'And what happened then was odd.'],
    ['future', 'Taxes will go up.', 'Taxes went up.'],
    ['modal', 'Taxes would go up.', 'Taxes went up.'],
    ['question', 'Did taxes go up?', 'Taxes went up.'],
    ['exclamation', 'Taxes went up!', 'Taxes went up.'],
  ])('%s: "%s" but not "%s"', (feature, yes, no, over = {}) => {
    expect(features(yes, over)[feature]).toBeGreaterThan(0);
    expect(features(no, over)[feature]).toBe(0);
  });

  it('a figure in digits inside a name is part of the name, not a count', () => {
    const name = (text: string, n: string) => ({ entities: [{ start: text.indexOf(n), end: text.indexOf(n) + n.length, text: n }] });
    const caption = 'The Xiaomi Mi Mix 2.';
    expect(features(caption, name(caption, 'Xiaomi Mi Mix 2')).quantity).toBe(0);
    const sold = 'Xiaomi sold 2 million phones.';
    expect(features(sold, name(sold, 'Xiaomi')).quantity).toBe(1);
    // A "name" that is the figure alone, or a figure in words, is the entity rules' mistake: still a count.
    const alone = 'He said 737 were sold.';
    expect(features(alone, name(alone, '737')).quantity).toBe(1);
    const words = 'Forty-four Democrats voted for it.';
    expect(features(words, name(words, 'Forty-four Democrats')).quantity).toBe(1);
  });

  it('a named party\'s stated plan is a plan; a bare "will" is the future', () => {
    expect(features('Xiaomi plans to open stores.', named('Xiaomi'))).toMatchObject({ plan: 1, future: 0 });
    expect(features('Xiaomi will open stores.', named('Xiaomi'))).toMatchObject({ plan: 0, future: 1 });
    expect(features('The firm plans to open stores.')).toMatchObject({ plan: 0 });
  });

  it('a modal about a named party is a prediction, not a hypothetical; "would" stays hypothetical', () => {
    expect(features('Xiaomi could open stores.', named('Xiaomi'))).toMatchObject({ prediction: 1, modal: 0 });
    expect(features('Xiaomi would open stores.', named('Xiaomi'))).toMatchObject({ prediction: 0, modal: 1 });
  });

  it('hedges, modals and the future inside a quotation are the speaker\'s', () => {
    const quoted = features('"Prices might rise if sales will fall," said the analyst.');
    expect(quoted).toMatchObject({ modal: 0, future: 0, conditional: 0, hedge: 0, attribution: 1 });
    expect(features('Prices might rise if sales fall, said the analyst.')).toMatchObject({ modal: 1, conditional: 1 });
  });

  it('a named speaker counts, the commenter a comment is attributed to does not', () => {
    const said = 'Lei Jun said sales rose.';
    expect(features(said, named('Lei Jun')).namedSpeaker).toBe(1);
    expect(features('Sales rose.', { region: 'comment', commenter: 'GreenMan' }).namedSpeaker).toBe(0);
  });

  it('length grows with the sentence and is capped', () => {
    expect(features('Taxes went up.').length).toBeLessThan(features('Taxes went up for every family in the state last year.').length);
    expect(features(`Taxes went up ${'and up '.repeat(30)}again.`).length).toBe(1);
  });
});

describe('claim score', () => {
  it('is graded: sentences with different evidence get different scores', () => {
    const scores = [
      'Taxes went up.',
      'Taxes went up by 20%.',
      'Taxes went up by 20% in every state, more than anywhere else.',
      'I think taxes went up.',
    ].map(score);
    expect(new Set(scores).size).toBe(scores.length);
    expect(scores[1]).toBeGreaterThan(scores[0]);
    expect(scores[2]).toBeGreaterThan(scores[1]);
    expect(scores[3]).toBeLessThan(scores[0]);
  });

  it('a question is not a claim however many figures it holds', () => {
    expect(score('Did taxes go up by 20% in 2017, more than the $5 billion the state said?')).toBeLessThan(0.5);
  });

  it('an exhortation about values is not a claim', () => {
    expect(score('We must fight for the freedom and the dignity of every family.')).toBeLessThan(0.5);
  });

  it('a count of what happened is a claim', () => {
    expect(score('Since then the state has lost 40,000 jobs and the unemployment rate rose to 9 percent.')).toBeGreaterThanOrEqual(0.5);
  });
});
