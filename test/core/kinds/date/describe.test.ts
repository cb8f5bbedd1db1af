// describe().message of a date: the diagnostic row names its finding.
import { describe, expect, it } from 'vitest';
import { describeDate } from '../../../../src/core/kinds/date/describe';
import { toPlain } from '../../../../src/core/text/richText';
import { finding, tag } from '../describeFixtures';

describe('date messages', () => {
  const date = (text: string, value: string | null, mod?: 'END' | 'APPROX') =>
    finding('date', text, { date: { value, timexType: 'DATE', anchor: value ? 'document' : 'unresolved', referenceDate: '2021-03-10', ...(mod ? { mod } : {}) } });

  it('gives a resolved date its human value, never the raw one', () => {
    expect(toPlain(describeDate(date('February', 'XXXX-02')).message)).toBe('Date “February”: February, year unknown');
    expect(toPlain(describeDate(date('now', 'PRESENT_REF')).message)).toBe('Date “now”: now');
    expect(toPlain(describeDate(date('on 3 March 2021', '2021-03-03')).message)).toBe('Date “on 3 March 2021”: 3 March 2021');
  });

  it('says a date with a modifier in words', () => {
    expect(toPlain(describeDate(date('late 2018', '2018', 'END')).message)).toBe('Date “late 2018”: end of 2018');
  });

  it('says an unresolved date is not resolved', () => {
    expect(toPlain(describeDate(date('that day', null)).message)).toBe('Date “that day”: not resolved');
    expect(toPlain(describeDate(finding('date', 'someday')).message)).toBe('Date “someday”: not resolved');
  });

  it('adds the tag', () => {
    expect(toPlain(describeDate(tag(date('February', 'XXXX-02'))).message)).toBe('Date “February”: February, year unknown · tagged verified');
  });
});
