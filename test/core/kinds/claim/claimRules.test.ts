import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../../../src/core/analyzer';
import type { Finding } from '../../../../src/core/model';

const analyzer = new Analyzer();

/** The claim of a one-sentence body (after a headline), whatever its score. */
function claim(sentence: string): Finding {
  const text = `Phone makers eye new markets\n\n${sentence}`;
  const claims = analyzer.analyze(text, { claimThreshold: 0 }).findings.filter((f) => f.kind === 'claim' && f.region === 'body');
  expect(claims).toHaveLength(1);
  return claims[0];
}
const cues = (f: Finding, kind: string) => f.cues.filter((c) => c.kind === kind).map((c) => c.text.toLowerCase());

describe('hedged claims about a named party are still claims', () => {
  it.each([
    'Xiaomi could launch the phone in the US.',
    'Xiaomi reportedly plans to enter the US.',
    'Rumor has it that Xiaomi wants a piece of the market.',
    'It is believed that Huawei will sell phones through carriers.',
    'Xiaomi plans to open stores in Spain.',
  ])('%s', (text) => {
    const c = claim(text);
    expect(c.score).toBeGreaterThanOrEqual(0.5);
    expect(c.claim!.suggestedStatus).toBe('speculative');
  });

  it('"reportedly" and "rumor has it" are hedges that raise the score', () => {
    expect(claim('The firm reportedly closed two stores.').score).toBeGreaterThan(claim('The firm closed two stores.').score);
    expect(claim('Rumor has it that the firm closed two stores.').claim!.hedges).toContain('rumor has it');
  });

  it('a modal about nobody in particular is not raised', () => {
    expect(cues(claim('It could rain on the day of the launch.'), 'prediction')).toEqual([]);
  });
});

describe('what the speaker promises, wishes or thinks scores low', () => {
  it.each([
    ['a promise', 'I will cut taxes for every family in this country.'],
    ['a wish', 'We want a government that works for everyone.'],
    ['an obligation', 'We must do better for our children and our schools.'],
    ['an opinion with a figure', 'I think the 6 inch screen is awesome.'],
    ['a greeting', 'Thank you all, and good evening.'],
    ['a question with figures', 'Did the firm sell 10 million phones in 2017?'],
  ])('%s: %s', (_what, text) => {
    expect(claim(text).score).toBeLessThan(0.5);
  });

  it('a promise is a first-person cue, not a plan', () => {
    const c = claim('I will cut taxes for every family.');
    expect(cues(c, 'first-person')).toContain('i will');
    expect(cues(c, 'plan')).toEqual([]);
  });

  it('an opinion inside a quotation is the speaker\'s and does not lower the claim', () => {
    const quoted = claim('"It is time for fresh blood," said Jane Smith on the BGR site.');
    expect(cues(quoted, 'opinion')).toEqual([]);
    expect(quoted.score).toBeGreaterThanOrEqual(0.5);
  });

  it('a conditional lowers the score', () => {
    expect(claim('If the firm sold its plant, workers lost their jobs.').score).toBeLessThan(claim('The firm sold its plant, and workers lost their jobs.').score);
  });
});

describe('statements of fact without digits', () => {
  it('reads figures written in words as quantities', () => {
    expect(cues(claim('The company hired two million workers last decade.'), 'quantity')).toContain('two million');
    expect(cues(claim('Seventy-two nations signed the treaty.'), 'quantity')).toContain('seventy-two');
    expect(cues(claim('Hundreds of stores closed in the region.'), 'quantity')).toContain('hundreds of');
  });

  it('a past-tense report of an event is a claim', () => {
    const c = claim('The senator voted against the budget bill.');
    expect(cues(c, 'event')).toContain('voted');
    expect(c.score).toBeGreaterThanOrEqual(0.5);
  });

  it('an abbreviated year after an apostrophe is not a quantity', () => {
    expect(cues(claim("The tax of '77 hit people hardest."), 'quantity')).toEqual([]);
  });

  it('"hundred" and "indeed" are not past tense', () => {
    expect(cues(claim('Indeed a hundred people are here.'), 'event')).toEqual([]);
  });
});
