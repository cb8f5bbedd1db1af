import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../../src/core/analyzer';
import { DateDetector } from '../../../src/core/kinds/date/dateDetector';
import { segmentBlocks } from '../../../src/core/text/blocks';
import { findPublicationDate } from '../../../src/core/text/publicationDate';

const dates = new DateDetector();
const analyzer = new Analyzer();
const publicationDate = (text: string) => findPublicationDate(segmentBlocks(text), dates);

const BODY = 'Xiaomi said last week that it will enter the US market.';

describe('findPublicationDate', () => {
  it.each([
    ['Published: March 10, 2018', '2018-03-10'],
    ['Published on March 10, 2018', '2018-03-10'],
    ['Posted: Mar 10, 2018', '2018-03-10'],
    ['Updated Mar 10, 2018 09:00', '2018-03-10'],
    ['First published: 10 March 2018', '2018-03-10'],
    ['March 10, 2018', '2018-03-10'],
    ['By John Smith | March 10, 2018', '2018-03-10'],
  ])('"%s" near the top → %s', (line, day) => {
    expect(publicationDate(`Xiaomi to enter the US\n\n${line}\n\n${BODY}`)).toBe(day);
  });

  it('finds a date line inside the first lines of a block', () => {
    expect(publicationDate(`Xiaomi to enter the US\nPublished: March 10, 2018\n\n${BODY}`)).toBe('2018-03-10');
  });

  it('needs a full day: a month and year is not a publication date', () => {
    expect(publicationDate(`Xiaomi to enter the US\n\nPublished: March 2018\n\n${BODY}`)).toBeUndefined();
  });

  it('a day inside a sentence near the top is not a publication date', () => {
    expect(publicationDate(`Title\n\nXiaomi first sold phones on March 10, 2011, in Beijing, and has grown since.\n\n${BODY}`)).toBeUndefined();
    expect(publicationDate(`Title\n\nXiaomi launched the Mi 1 on August 16, 2011.\n\n${BODY}`)).toBeUndefined();
  });

  it('a date deep in the body is not a publication date', () => {
    const filler = ['One.', 'Two.', 'Three.', 'Four.', 'Five.', 'Six.'].join('\n\n');
    expect(publicationDate(`Title\n\n${filler}\n\nPublished: March 10, 2018\n\n${BODY}`)).toBeUndefined();
  });

  it('a source without dates has none', () => {
    expect(publicationDate(`Xiaomi to enter the US\n\n${BODY}`)).toBeUndefined();
    expect(publicationDate('')).toBeUndefined();
  });
});

describe('publication date as the reference of an analysis', () => {
  const text = `Xiaomi to enter the US\n\nPublished: March 10, 2018\n\n${BODY}`;

  it('is reported and used as the reference, over the setting', () => {
    for (const options of [{}, { referenceDate: '2018-06-01' }]) {
      const result = analyzer.analyze(text, options);
      expect(result.publicationDate).toBe('2018-03-10');
      expect(result.reference).toEqual({ date: '2018-03-10', from: 'document' });
    }
  });

  it('resolves relative dates against it', () => {
    const lastWeek = analyzer.analyze(text).findings.find((f) => f.text === 'last week')!;
    expect(lastWeek.kind).toBe('date');
    expect(lastWeek.date).toEqual({ value: '2018-W09', timexType: 'DATE', anchor: 'document', referenceDate: '2018-03-10' });
    expect(lastWeek.score).toBe(0.7);
  });

  it('the publication line itself is an absolute date finding', () => {
    const stated = analyzer.analyze(text).findings.find((f) => f.kind === 'date' && f.text === 'March 10, 2018')!;
    expect(stated.date).toEqual({ value: '2018-03-10', timexType: 'DATE', anchor: 'absolute' });
    expect(stated.score).toBe(0.9);
  });

  it('falls back to the reference date setting', () => {
    const result = analyzer.analyze(`Xiaomi to enter the US\n\n${BODY}`, { referenceDate: '2018-06-01' });
    expect(result.publicationDate).toBeUndefined();
    expect(result.reference).toEqual({ date: '2018-06-01', from: 'setting' });
    const lastWeek = result.findings.find((f) => f.text === 'last week')!;
    expect(lastWeek.date).toEqual({ value: '2018-W21', timexType: 'DATE', anchor: 'setting', referenceDate: '2018-06-01' });
  });

  it('leaves relative dates unresolved with neither', () => {
    const result = analyzer.analyze(`Xiaomi to enter the US\n\n${BODY}`);
    expect(result.reference).toEqual({ from: 'none' });
    const lastWeek = result.findings.find((f) => f.text === 'last week')!;
    expect(lastWeek.date).toEqual({ value: null, timexType: 'DATE', anchor: 'unresolved' });
  });

  it('a date deep in the body does not become the reference', () => {
    const filler = ['One.', 'Two.', 'Three.', 'Four.', 'Five.', 'Six.'].join('\n\n');
    const result = analyzer.analyze(`Title\n\n${filler}\n\nMarch 10, 2018\n\n${BODY}`);
    expect(result.publicationDate).toBeUndefined();
    expect(result.reference.from).toBe('none');
  });
});
