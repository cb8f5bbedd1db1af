import type { Root } from 'nlcst';
import { englishParser } from '../../../../src/core/pipeline/englishParser';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../../../src/core/analyzer';
import { CLAIM_MODEL, CLAIM_WEIGHTS, claimWords, scoreClaim, type ClaimContext } from '../../../../src/core/kinds/claim/claimDetector';
import { CueMatcher } from '../../../../src/core/text/cueMatcher';
import { cueSpan, type AnalysisOptions, type Finding } from '../../../../src/core/model';
import { sentencesOf, type Sentence } from '../../../../src/core/text/sentences';

const analyzer = new Analyzer();

/** A headline first, so the sentence under test sits in the body whatever its punctuation. */
const HEADLINE = 'Phone makers eye new markets';

function bodyClaims(sentences: string, options: Partial<AnalysisOptions> = {}): Finding[] {
  const text = `${HEADLINE}\n\n${sentences}`;
  const claims = analyzer.analyze(text, options).findings.filter((f) => f.kind === 'claim' && f.region === 'body');
  for (const c of claims) {
    expect(text.slice(c.start, c.end)).toBe(c.text);
    for (const cue of c.cues) {
      const { start, end } = cueSpan(c, cue);
      expect(text.slice(start, end)).toBe(cue.text);
    }
  }
  return claims;
}

/** The claim of a one-sentence body, whatever its score. */
function claimOf(sentence: string): Finding {
  const claims = bodyClaims(sentence, { claimThreshold: 0 });
  expect(claims.map((c) => c.text)).toEqual([sentence]);
  return claims[0];
}

function sentence(text: string): Sentence {
  const sentences = sentencesOf(unified().use(englishParser).parse(text) as Root, text);
  expect(sentences).toHaveLength(1);
  return sentences[0];
}

/** The log-odds of a score: where the claim weights add up. */
const logit = (p: number) => Math.log(p / (1 - p));
/** The word weights of the words `after` has and `before` has not. */
const wordsAdded = (before: string, after: string) => {
  const had = new Set(claimWords(before));
  return claimWords(after).filter((w) => !had.has(w)).reduce((s, w) => s + (CLAIM_MODEL.words[w] ?? 0), 0);
};

const bodyCtx = (over: Partial<ClaimContext> = {}): ClaimContext => ({ region: 'body', entities: [], dates: [], ...over });

describe('attribution', () => {
  it('"according to IDC data" attributes the claim to IDC', () => {
    const c = claimOf('Smartphone sales in China fell by 4.9 per cent in 2017, according to IDC data.');
    expect(c.claim!.attribution).toEqual({ cue: 'according to IDC', speaker: 'IDC' });
    expect(c.cues.filter((q) => q.kind === 'attribution').map((q) => q.text)).toEqual(['according to']);
  });

  it('a date after "according to" is not part of the source it cites', () => {
    const c = claimOf('The developers update the system weekly according to users\' feedback since 2010.');
    expect(c.claim!.attribution).toEqual({ cue: 'according to users\' feedback', speaker: 'users\' feedback' });
    // A name the phrase reaches into is taken whole.
    expect(claimOf('Sales fell by 4 per cent, according to a report in the Financial Times.').claim!.attribution?.speaker).toBe('a report in the Financial Times');
  });

  it('"According to Lei Jun, ..." at the start of a sentence', () => {
    const c = claimOf('According to Lei Jun, Xiaomi sold 10 million phones in 2017.');
    expect(c.claim!.attribution).toEqual({ cue: 'According to Lei Jun', speaker: 'Lei Jun' });
  });

  it('"Lei Jun said ..." names the speaker before the verb', () => {
    const c = claimOf('Lei Jun said the company will sell phones in the US.');
    expect(c.claim!.attribution).toEqual({ cue: 'said', speaker: 'Lei Jun' });
  });

  it('\'"...," said SquareMelon\' names the speaker after the verb', () => {
    const c = claimOf('"The phone is great," said SquareMelon.');
    expect(c.claim!.attribution).toEqual({ cue: 'said', speaker: 'SquareMelon' });
  });

  it('an attribution verb with no named speaker gives the cue only', () => {
    const c = claimOf('The company confirms that sales grew 20% in 2017.');
    expect(c.claim!.attribution).toEqual({ cue: 'confirms' });
  });

  it('"United States" is not the verb "states"', () => {
    const c = claimOf('Xiaomi will enter the United States in 2019 with 3 phones.');
    expect(c.claim!.attribution).toBeUndefined();
    expect(c.cues.some((q) => q.kind === 'attribution')).toBe(false);
    const matcher = new CueMatcher('attribution', ['states', 'says'], true);
    expect(matcher.match('The United States says no; it states yes.', 100)).toEqual([
      { kind: 'attribution', text: 'says', start: 118, end: 122 },
      { kind: 'attribution', text: 'states', start: 130, end: 136 },
    ]);
  });

  it('an attribution raises the score by its weight', () => {
    const plain = claimOf('The firm sold many phones in the region.');
    const said = claimOf('The firm said it sold many phones in the region.');
    // Scores are logistic: weights add on the log-odds scale (the extra words move the length a little, and have their own weights).
    expect(logit(said.score) - logit(plain.score)).toBeCloseTo(CLAIM_WEIGHTS.attribution + wordsAdded(plain.text, said.text), 1);
  });
});

describe('hedges', () => {
  it.each([
    ['Huawei is reportedly negotiating with carriers in the US.', 'reportedly'],
    ['Xiaomi could launch phones in the United States.', 'could'],
    ['Now, rumor has it that Xiaomi wants a piece of the pie.', 'rumor has it'],
    ['Xiaomi is believed to be preparing a launch in Europe.', 'is believed'],
    ['Xiaomi plans to open stores in Spain.', 'plans to'],
  ])('%s → hedge "%s", suggested speculative', (text, hedge) => {
    const c = claimOf(text);
    expect(c.claim!.hedges).toContain(hedge);
    expect(c.claim!.suggestedStatus).toBe('speculative');
    expect(c.cues.some((q) => q.kind === 'hedge' && q.text.toLowerCase() === hedge)).toBe(true);
  });

  it.each([
    ['Analysts believe Xiaomi sold 10 million phones in 2018.', 'believe'],
    ['The deal is considered the largest in the sector.', 'considered'],
    ['Xiaomi is widely seen as the leader in India.', 'seen as'],
    ['The phone is regarded as the best of 2018.', 'regarded as'],
    ['The price is thought to be 300 dollars.', 'is thought'],
    ['The alleged fraud cost investors 2 million dollars.', 'alleged'],
    ['The firm was accused of copying Apple.', 'accused'],
    ['A price cut would lift sales by 10 percent.', 'would'],
  ])('%s → hedge "%s" (belief, charge, conditional)', (text, hedge) => {
    expect(claimOf(text).claim!.hedges).toContain(hedge);
  });

  it.each([
    ['Xiaomi will ship phones as soon as possible to 10 countries.'],
    ['You may check the list of 10 countries online.'],
    ['Lei Jun appeared as a panelist at the 2018 forum.'],
    ['Xiaomi launched the phone in May in 10 countries.'],
    ['Theresa May said sales rose 10 percent.'],
    ['Huawei said it would open 10 stores in Spain.'],
    ['Huawei would not comment on the 10 stores.'],
  ])('%s → no hedge', (text) => {
    expect(claimOf(text).claim!.hedges).toEqual([]);
  });

  it('lists each hedge once, in lower case', () => {
    const c = claimOf('Xiaomi may sell 10 million phones in 2019, it is thought.');
    expect(c.claim!.hedges).toEqual(['may', 'it is thought']);
  });

  it('a hedged claim with figures is still reported at the default threshold', () => {
    const [c] = bodyClaims('Xiaomi may sell 10 million phones in 2019, it is thought.');
    expect(c.score).toBeGreaterThanOrEqual(0.5);
    expect(c.claim!.suggestedStatus).toBe('speculative');
  });

  it('a plain statement of fact has no hedges and no suggested status', () => {
    const c = claimOf('Xiaomi sold 10 million phones in India.');
    expect(c.claim).toEqual({ hedges: [] });
  });
});

describe('score', () => {
  it('quantities raise the score', () => {
    const plain = claimOf('Xiaomi sold phones in India.');
    const counted = claimOf('Xiaomi sold 10 million phones in India.');
    // "million" is statistics vocabulary too.
    // The two extra words lengthen the sentence by 2/30 of the length feature's range.
    expect(logit(counted.score) - logit(plain.score)).toBeCloseTo(CLAIM_WEIGHTS.quantity + CLAIM_WEIGHTS.statistic + (2 / 30) * CLAIM_WEIGHTS.length + wordsAdded(plain.text, counted.text), 1);
    expect(counted.cues.filter((q) => q.kind === 'quantity').map((q) => q.text)).toEqual(['10 million']);
  });

  it('reads money, percentages and thousands as quantities, but not a year', () => {
    const c = claimOf('Xiaomi earned $5 billion, up 20%, on 1,500,000 phones in 2017.');
    expect(c.cues.filter((q) => q.kind === 'quantity').map((q) => q.text)).toEqual(['$5 billion', '20%', '1,500,000']);
  });

  it('a statement with a figure, a name and a date is reported at the default threshold', () => {
    const claims = bodyClaims('Xiaomi sold 10 million phones in India in 2017.');
    expect(claims).toHaveLength(1);
    expect(claims[0].score).toBeGreaterThan(0.5);
  });

  it.each([
    ['a question', 'Did Xiaomi sell 10 million phones in 2017?'],
    ['a rhetorical question', 'How is Xiaomi different?'],
    ['a greeting', 'Hello everyone, thanks for reading!'],
    ['a greeting without a stop', 'Good morning everyone.'],
    ['a first-person opinion', 'I think this phone is awesome and I love it.'],
    ['a first-person opinion with a figure', 'I think the 6 inch screen is awesome.'],
    ['a first-person exclamation', 'We love Xiaomi and its 5 phones!'],
  ])('%s scores below the default threshold: %s', (_what, text) => {
    expect(claimOf(text).score).toBeLessThan(0.5);
    expect(bodyClaims(text)).toEqual([]);
  });

  it('a question gets a question cue on its "?"', () => {
    const c = claimOf('Did Xiaomi sell 10 million phones in 2017?');
    expect(c.cues.filter((q) => q.kind === 'question').map((q) => q.text)).toEqual(['?']);
  });

  it('first person inside a quotation does not lower the score', () => {
    const quoted = claimOf('Lei Jun said "we will sell 10 million phones" in 2019.');
    expect(quoted.cues.some((q) => q.kind === 'first-person')).toBe(false);
  });

  it('stays within 0..1', () => {
    const c = claimOf('According to IDC, Xiaomi sold 10 million phones in India in 2017, more than Samsung, and will launch the largest store.');
    expect(c.score).toBeGreaterThan(0.99);
    expect(c.score).toBeLessThanOrEqual(1);
    expect(claimOf('Oh well, lol.').score).toBeLessThan(0.05);
    expect(claimOf('Oh well, lol.').score).toBeGreaterThanOrEqual(0);
  });

  it('honours the claim threshold option', () => {
    const text = 'Xiaomi sold phones in India. Xiaomi sold 10 million phones in India in 2017.';
    const [low, high] = bodyClaims(text, { claimThreshold: 0 }).map((c) => c.score);
    expect(low).toBeLessThan(high);
    // A score equal to the threshold is flagged.
    expect(bodyClaims(text, { claimThreshold: low }).map((c) => c.score)).toEqual([low, high]);
    expect(bodyClaims(text, { claimThreshold: low + 0.001 }).map((c) => c.text)).toEqual(['Xiaomi sold 10 million phones in India in 2017.']);
    expect(bodyClaims('Xiaomi sold phones in India.', { claimThreshold: low + 0.001 })).toEqual([]);
  });
});

describe('scoreClaim', () => {
  it('scores the sentence it is given and keeps its offsets', () => {
    const s = sentence('Xiaomi sold 10 million phones in India.');
    const shifted = { ...s, start: s.start + 50, end: s.end + 50, tokens: s.tokens.map((t) => ({ ...t, start: t.start + 50, end: t.end + 50 })) };
    const c = scoreClaim(shifted, bodyCtx());
    expect(c).toMatchObject({ start: 50, end: 50 + s.text.length, text: s.text, hedges: [] });
    expect(c.cues.map((q) => [q.kind, q.text, q.start])).toEqual([
      ['event', 'sold', 57],
      ['quantity', '10 million', 62],
    ]);
    expect(c.score).toBe(scoreClaim(s, bodyCtx()).score);
    expect(c.score).toBeGreaterThan(0.5);
  });

  it('names and dates in the context add to the score', () => {
    const s = sentence('Xiaomi sold phones in India.');
    const bare = scoreClaim(s, bodyCtx()).score;
    const named = scoreClaim(s, bodyCtx({ entities: [{ start: 0, end: 6, text: 'Xiaomi' }] })).score;
    const two = scoreClaim(s, bodyCtx({ entities: [{ start: 0, end: 6, text: 'Xiaomi' }, { start: 22, end: 27, text: 'India' }] })).score;
    expect(logit(named) - logit(bare)).toBeCloseTo(CLAIM_WEIGHTS.entity, 2);
    expect(logit(two) - logit(bare)).toBeCloseTo(CLAIM_WEIGHTS.entity + CLAIM_WEIGHTS.secondEntity, 2);
  });

  it('a figure inside a date is not a quantity', () => {
    const s = sentence('Xiaomi opened a store on 3 March 2018.');
    const c = scoreClaim(s, bodyCtx({ dates: [{ start: 25, end: 37 }] }));
    expect(c.cues.some((q) => q.kind === 'quantity')).toBe(false);
  });

  it('a comment sentence with no attribution of its own is attributed to the commenter', () => {
    const s = sentence('Xiaomi sold 20 million phones in India.');
    expect(scoreClaim(s, bodyCtx({ region: 'comment', commenter: 'GreenMan' })).attribution).toEqual({ cue: 'reader comment', speaker: 'GreenMan' });
    expect(scoreClaim(s, bodyCtx()).attribution).toBeUndefined();
  });
});

describe('regions', () => {
  const thread = [
    'Xiaomi to enter the US market',
    '',
    'Xiaomi will sell 5 million phones in the United States in 2019.',
    '',
    '1. GreenMan',
    '',
    'Posts: 2697; Member since: Nov 09, 2015',
    '',
    'Xiaomi sold 20 million phones in India in 2017 and will do the same in the US.',
    '',
    'This copy is for your personal, non-commercial use only. Xiaomi sold 99 million phones in 2017.',
  ].join('\n');
  const findings = analyzer.analyze(thread).findings;

  it('attributes comment-region claims to the commenter', () => {
    const comment = findings.filter((f) => f.kind === 'claim' && f.region === 'comment');
    expect(comment.map((c) => c.text)).toEqual(['Xiaomi sold 20 million phones in India in 2017 and will do the same in the US.']);
    expect(comment[0].claim!.attribution).toEqual({ cue: 'reader comment', speaker: 'GreenMan' });
  });

  it('does not attribute body claims to a commenter', () => {
    const body = findings.filter((f) => f.kind === 'claim' && f.region === 'body');
    expect(body.map((c) => c.text)).toEqual(['Xiaomi will sell 5 million phones in the United States in 2019.']);
    expect(body[0].claim!.attribution).toBeUndefined();
  });

  it('comment-metadata lines yield a date but no claim and no name', () => {
    const meta = findings.filter((f) => f.region === 'comment-meta');
    expect(meta.map((f) => [f.kind, f.text])).toEqual([['date', 'Nov 09, 2015']]);
    expect(meta[0].date).toMatchObject({ value: '2015-11-09', anchor: 'absolute' });
  });

  it('boilerplate yields nothing', () => {
    const start = thread.indexOf('This copy');
    expect(findings.filter((f) => f.end > start)).toEqual([]);
    expect(findings.some((f) => f.region === 'boilerplate')).toBe(false);
    expect(analyzer.analyze('This copy is for your personal, non-commercial use only. Xiaomi sold 99 million phones in 2017.').findings).toEqual([]);
  });
});
