import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../../../src/core/analyzer';
import { describe as describeFinding } from '../../../../src/core/kinds';
import { findQuoteMarks } from '../../../../src/core/kinds/quotation/quoteMarks';
import type { Finding } from '../../../../src/core/model';
import { toPlain } from '../../../../src/core/text/richText';

const analyzer = new Analyzer();
const quotations = (text: string) => analyzer.analyze(text, { kinds: ['quotation'] }).findings;
const sample = (name: string) => readFileSync(path.resolve(__dirname, '../../../../test-fixtures/sources', name), 'utf8');
/** What the reviewer reads: the words, who said them (the entity, else the words naming them) and how. */
const said = (f: Finding) => ({ words: f.quotation!.words, speaker: f.quotation!.speaker?.entity?.canonical ?? f.quotation!.speaker?.text, form: f.quotation!.form });

describe('quotation marks', () => {
  const quotes = (t: string) => findQuoteMarks(t).map((q) => t.slice(q.start, q.end));
  it('pairs curly and straight double quotes, and curly single ones that cannot be apostrophes', () => {
    expect(quotes('He said “it is done” and "so is this" today.')).toEqual(['“it is done”', '"so is this"']);
    expect(quotes('Xiaomi’s phones don’t ship; a ‘beta test only’ they said.')).toEqual(['‘beta test only’']);
    expect(quotes("It's the 'straight single' quotes that stay apostrophes")).toEqual([]);
  });

  it('keeps a quote inside a quote in the outer one', () => {
    expect(quotes('She wrote: “He told me ‘never again’ and left.” Then nothing.')).toEqual(['“He told me ‘never again’ and left.”']);
    expect(quotes('“A \"straight\" one inside a curly one.”')).toEqual(['“A "straight" one inside a curly one.”']);
  });

  it('opens nothing with a mark that never closes, and finds the quotes after it', () => {
    expect(quotes('A stray “ mark, then "a real quote here" ends.')).toEqual(['"a real quote here"']);
    expect(quotes('Unclosed “here and "there and more')).toEqual([]);
  });

  it('finds a quote across a line break', () => {
    expect(quotes('He said "this runs\nonto the next line" today.')).toEqual(['"this runs\nonto the next line"']);
  });
});

describe('quotations on made-up text', () => {
  it('takes a direct quote with its speaker after it, curly or straight', () => {
    expect(quotations('“We will enter the US market next year,” said Lei Jun at the launch.').map(said)).toEqual([
      { words: 'We will enter the US market next year,', speaker: 'Lei Jun', form: 'direct' },
    ]);
    expect(quotations('"We will enter the US market next year," Lei Jun said.').map(said)).toEqual([
      { words: 'We will enter the US market next year,', speaker: 'Lei Jun', form: 'direct' },
    ]);
  });

  it('takes a quote across a line break', () => {
    const [q] = quotations('Lei Jun said: "the phones will reach\nthe US by the end of the year."');
    expect(said(q!)).toEqual({ words: 'the phones will reach\nthe US by the end of the year.', speaker: 'Lei Jun', form: 'direct' });
  });

  it('takes nested quotes as one quotation of the outer speaker', () => {
    const found = quotations('Wang Xian said: “The carriers told us ‘not this year’ again and again.”');
    expect(found.map(said)).toEqual([{ words: 'The carriers told us ‘not this year’ again and again.', speaker: 'Wang Xian', form: 'direct' }]);
  });

  it('resolves a pronoun to the nearest person or organisation before it', () => {
    const person = quotations('Lei Jun spoke in Beijing on Monday. He said that Xiaomi will open ten stores in the US this year.');
    expect(person.map(said)).toEqual([{ words: 'Xiaomi will open ten stores in the US this year', speaker: 'Lei Jun', form: 'reported' }]);
    expect(person[0]!.quotation!.speaker).toMatchObject({ text: 'He', via: 'pronoun', entity: { type: 'person' } });
    const organisation = quotations('Xiaomi opened a store in Madrid. It said the next one would open in Paris within weeks.');
    expect(organisation.map(said)).toEqual([{ words: 'the next one would open in Paris within weeks', speaker: 'Xiaomi', form: 'reported' }]);
  });

  it('gives no speaker when the text names none', () => {
    const [q] = quotations('The slogan "a phone for everyone in the world" was everywhere.');
    expect(q!.quotation!.speaker).toBeUndefined();
    expect(toPlain(describeFinding(q!).message)).toBe('Quotation, no speaker named: “a phone for everyone in the world”');
  });

  it('keeps unnamed speakers as the text names them', () => {
    expect(quotations('Huawei will sell the Mate 10 online, the people said.').map(said)).toEqual([
      { words: 'Huawei will sell the Mate 10 online', speaker: 'the people', form: 'reported' },
    ]);
  });

  it('reads "according to" on either side, and only with a named source', () => {
    expect(quotations('Sales fell by five per cent last year, according to IDC data.').map(said)).toEqual([
      { words: 'Sales fell by five per cent last year', speaker: 'IDC', form: 'reported' },
    ]);
    expect(quotations('The developers update the system weekly according to users\' feedback.')).toEqual([]);
  });

  it('is not fooled by scare quotes, objects of "said", or a reporting verb inside a quote', () => {
    expect(quotations('The "smart" phones sold well.')).toEqual([]);
    expect(quotations('They have said this since 2013.')).toEqual([]);
    expect(quotations('The sign read "Apple said no" and nothing more.').map((f) => f.quotation!.form)).toEqual(['direct']);
  });

  it('ends a reported clause at the comma of the sentence it is part of', () => {
    expect(quotations('While both companies said the parting was mutual, the decision came after blowback.').map(said)).toEqual([
      { words: 'the parting was mutual', speaker: 'both companies', form: 'reported' },
    ]);
  });

  it('describes the speaker, the words and the attribution', () => {
    const [q] = quotations('Xiaomi CEO Lei Jun said: “We are ready for the US market.”');
    const d = describeFinding(q!);
    expect(d.title).toBe('Quotation');
    expect(d.speaker).toBe('Lei Jun');
    expect(d.label).toBe('quotation');
    expect(d.details.map(toPlain)).toEqual([
      'Speaker: Lei Jun (person), named as “Xiaomi CEO Lei Jun”',
      'Words: “We are ready for the US market.”',
      'Attribution: said',
    ]);
  });
});

describe('quotations on the sample sources', () => {
  it('gives Lei Jun the quote his company plans, through the relative pronoun (000)', () => {
    const found = quotations(sample('000_10788ba24ea37e24.txt')).map(said);
    expect(found).toContainEqual({ words: 'to start entering the market by end 2018, or by early 2019.', speaker: 'Lei Jun', form: 'direct' });
  });

  it('reads the reported speech of 001: IDC, Jun, Xiaomi', () => {
    const found = quotations(sample('001_f4f712fbaee730b4.txt')).map(said);
    expect(found).toContainEqual({ words: 'Smartphone sales in China fell by 4.9 per cent in 2017, the first time growth has slowed in eight years', speaker: 'IDC', form: 'reported' });
    expect(found).toContainEqual({ words: 'Xiaomi has always been considering entering the United States market', speaker: 'Jun', form: 'reported' });
    expect(found).toContainEqual({ words: 'it plans to enter the USA smartphone market in late 2018 or 2019', speaker: 'Xiaomi', form: 'reported' });
  });

  it('attributes the headline and the readers’ quotes of 002', () => {
    const found = quotations(sample('002_3b3f9ef10a23df2c.txt')).map(said);
    expect(found).toContainEqual({ words: 'Xiaomi to enter US by end of 2018', speaker: 'Lei Jun', form: 'reported' });
    expect(found).toContainEqual({ words: 'his company will sell smartphones in the US', speaker: 'Lei Jun', form: 'reported' });
    // A long description of the source after "according to": its first person.
    expect(found).toContainEqual({ words: 'The system has more than 300 million users worldwide in late 2017', speaker: 'Lei Jun', form: 'reported' });
    expect(found).toContainEqual({ words: 'the US is actively trying to stop its people buying Chinese smartphones', speaker: 'Some', form: 'reported' });
    expect(found).toContainEqual({ words: 'If Huawei couldn\'t crack the US market, I doubt Xiaomi will fare much better,', speaker: 'SquareMelon', form: 'direct' });
    // A handle in quotation marks is the speaker, not a quote.
    expect(found).toContainEqual({ words: 'It\'s time for some fresh blood here,', speaker: 'meh...', form: 'direct' });
  });

  it('gives a reader’s unattributed quote the speaker the article quoted with the same words (003)', () => {
    const found = quotations(sample('003_ec377d852a875d58.txt'));
    const comment = found.find((f) => f.region === 'comment' && f.quotation!.words.startsWith('going through'))!;
    expect(comment.quotation!.speaker).toMatchObject({ entity: { canonical: 'Wang Xian', type: 'person' }, via: 'earlier-quote' });
    expect(found.map(said)).toContainEqual({ words: 'his company plans to introduce high-end smartphones in the United States within two years', speaker: 'Wang Xian', form: 'reported' });
  });
});
