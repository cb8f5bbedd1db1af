import { describe, expect, it } from 'vitest';
import { sentenceUnits } from '../../src/eval/sentenceUnits';

const texts = (t: string) => sentenceUnits(t).map((u) => t.slice(u.start, u.end));

describe('sentenceUnits', () => {
  it('splits at sentence ends followed by a capital, a digit or a quote', () => {
    expect(texts('The mill closed. Workers left! Why? "We lost," he said. 12 stayed.')).toEqual([
      'The mill closed.', 'Workers left!', 'Why?', '"We lost," he said.', '12 stayed.',
    ]);
  });

  it('does not split after titles, initials or dotted abbreviations', () => {
    expect(texts('Mr. Grey met Dr. Ames in the U.S. Army office. J. R. Smith agreed.')).toEqual([
      'Mr. Grey met Dr. Ames in the U.S. Army office.', 'J. R. Smith agreed.',
    ]);
  });

  it('splits at blank lines and trims space', () => {
    expect(texts('  Headline without stop\n\nBody text here.  ')).toEqual(['Headline without stop', 'Body text here.']);
  });
});
