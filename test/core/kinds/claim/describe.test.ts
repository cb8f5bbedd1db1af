// describe().message of a claim: the diagnostic row names its finding.
import { describe, expect, it } from 'vitest';
import { describeClaim } from '../../../../src/core/kinds/claim/describe';
import type { Finding } from '../../../../src/core/model';
import { toPlain } from '../../../../src/core/text/richText';
import { finding, tag } from '../describeFixtures';

const LONG = 'Xiaomi plans to enter the United States smartphone market within the next two years, its founder Lei Jun told investors on Tuesday.';

describe('claim messages', () => {
  const claim = (text = LONG, over: Partial<Finding> = {}) => finding('claim', text, { claim: { hedges: [] }, ...over });

  it('names an untagged claim by its first words, cut at a word with an ellipsis, and its score', () => {
    expect(toPlain(describeClaim(claim()).message)).toBe('Claim “Xiaomi plans to enter the United States smartphone market…” · untagged · check-worthiness 0.86');
  });

  it('quotes a short claim whole, on one line', () => {
    expect(toPlain(describeClaim(claim('Sales rose\n12% in 2020.')).message)).toBe('Claim “Sales rose 12% in 2020.” · untagged · check-worthiness 0.86');
  });

  it('says the status of a tagged claim instead of its score', () => {
    expect(toPlain(describeClaim(tag(claim(), 'contradicted')).message)).toBe('Claim “Xiaomi plans to enter the United States smartphone market…” · tagged contradicted');
  });

  it('names the speaker of an attributed claim, tagged or not', () => {
    const attributed = claim(LONG, { claim: { hedges: [], attribution: { speaker: 'Lei Jun', cue: 'told' } } });
    expect(toPlain(describeClaim(attributed).message)).toMatch(/· untagged · check-worthiness 0\.86 · attributed to Lei Jun$/);
    expect(toPlain(describeClaim(tag(attributed)).message)).toMatch(/· tagged verified · attributed to Lei Jun$/);
  });

  it('lists the hedges of an untagged claim', () => {
    const hedged = claim('Prices may rise, analysts suggest.', { claim: { hedges: ['may', 'suggest'] } });
    expect(toPlain(describeClaim(hedged).message)).toBe('Claim “Prices may rise, analysts suggest.” · untagged · check-worthiness 0.86 · hedged (may, suggest)');
  });

  it('keeps the claim words as source text (escaped by each output), not as markup', () => {
    const run = describeClaim(claim('<b>Bold</b> claim')).message.find((r) => typeof r !== 'string');
    expect(run).toEqual({ source: '<b>Bold</b> claim' });
  });
});
