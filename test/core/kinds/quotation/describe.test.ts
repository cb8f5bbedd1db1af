// describe().message of a quotation: the diagnostic row names its finding.
import { describe, expect, it } from 'vitest';
import { describeQuotation } from '../../../../src/core/kinds/quotation/describe';
import { toPlain } from '../../../../src/core/text/richText';
import { finding, tag } from '../describeFixtures';

describe('quotation messages', () => {
  const WORDS = 'We will enter the US market when the time is right';
  const quote = (speaker?: { text: string; entity?: { canonical: string; key: string; type: 'person' } }) =>
    finding('quotation', `“${WORDS},” he said.`, { quotation: { form: 'direct', words: WORDS, cue: 'said', ...(speaker ? { speaker: { ...speaker, start: 0, end: 2 } } : {}) } });

  it('names who is quoted, by entity when the text names one', () => {
    expect(toPlain(describeQuotation(quote({ text: 'he', entity: { canonical: 'Lei Jun', key: 'lei jun', type: 'person' } })).message))
      .toBe(`Quotation of Lei Jun: “${WORDS}”`);
    expect(toPlain(describeQuotation(quote({ text: 'the people' })).message)).toBe(`Quotation of the people: “${WORDS}”`);
  });

  it('says when no speaker is named, and adds the tag', () => {
    expect(toPlain(describeQuotation(quote()).message)).toBe(`Quotation, no speaker named: “${WORDS}”`);
    expect(toPlain(describeQuotation(tag(quote(), 'contradicted')).message)).toBe(`Quotation, no speaker named: “${WORDS}” · tagged contradicted`);
  });

  it('cuts long quoted words to one line', () => {
    const long = 'word '.repeat(40).trim();
    const f = finding('quotation', long, { quotation: { form: 'reported', words: `${long}\n${long}` } });
    const message = toPlain(describeQuotation(f).message);
    expect(message).toMatch(/^Quotation, no speaker named: “(word ?)+…”$/);
    expect(message).not.toContain('\n');
  });
});
