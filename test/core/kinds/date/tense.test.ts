import { describe, expect, it } from 'vitest';
import { DateDetector } from '../../../../src/core/kinds/date/dateDetector';
import { tenseAround } from '../../../../src/core/kinds/date/tense';

const detector = new DateDetector();
/** The value of the date expression `what` in `text`. */
const valueOf = (text: string, what: string, ref: string) => detector.detect(text, ref).find((d) => d.text === what)?.value;
const tenseOf = (text: string, what: string) => {
  const i = text.indexOf(what);
  return tenseAround(text, i, i + what.length);
};

describe('the tense of the clause around a date', () => {
  it('the nearest cue wins', () => {
    expect(tenseOf('Since the decision was announced Wednesday, they have said they will appeal.', 'Wednesday')).toBe('past');
    expect(tenseOf('On Tuesday, the league plans to hold a news conference.', 'Tuesday')).toBe('future');
    expect(tenseOf('The group would be ready to leave as soon as Tuesday.', 'Tuesday')).toBe('future');
  });

  it('a participle after "the" or "be" is no past tense; "payable", "effective" are ahead', () => {
    expect(tenseOf('The reduced dividend is payable Jan. 2 to holders.', 'Jan. 2')).toBe('future');
    expect(tenseOf('The dividend will be paid Dec. 14.', 'Dec. 14')).toBe('future');
    expect(tenseOf('He will succeed the chairman Feb. 1.', 'Feb. 1')).toBe('future');
  });

  it('deadlines, the past perfect and a possessive weekday', () => {
    expect(tenseOf('The talks are supposed to conclude by May.', 'May')).toBe('future');
    expect(tenseOf('By March, sales had fallen.', 'March')).toBe('past');
    expect(tenseOf("They will look for ways around Wednesday's ruling.", 'Wednesday')).toBe('past');
  });

  it('a reporting verb after a comma is not the clause\'s tense', () => {
    expect(tenseOf('The group could leave as soon as Tuesday, Castro said.', 'Tuesday')).toBe('future');
  });

  it('no cue near: undefined', () => {
    expect(tenseOf('A rally in January.', 'January')).toBeUndefined();
  });
});

describe('years of months, weekdays and days named without one', () => {
  // 1989-10-30 is a Monday.
  const REF = '1989-10-30';
  it('a month alone follows the nearest cue, not a "will" elsewhere in the sentence', () => {
    expect(valueOf('In September, it announced plans to acquire the business.', 'September', REF)).toBe('1989-09');
    expect(valueOf('The loan is to be paid down by February.', 'February', REF)).toBe('1990-02');
    expect(valueOf('The carrier has been on patrol since March and was scheduled to return.', 'March', REF)).toBe('1989-03');
  });

  it('a weekday', () => {
    expect(valueOf('Protesters were planning to drive around the airport on Monday.', 'Monday', '2000-01-07')).toBe('2000-01-10');
    expect(valueOf('Since the decision was announced Wednesday, they said they will appeal.', 'Wednesday', '2000-01-07')).toBe('2000-01-05');
  });

  it('a day: a near cue decides, else the nearest year', () => {
    expect(valueOf('It had revenue of $76 million for the year ended March 31.', 'March 31', '1989-11-01')).toBe('1989-03-31');
    expect(valueOf('The dividend is payable Dec. 15 to holders.', 'Dec. 15', REF)).toBe('1989-12-15');
    // A weekday beside the day has told the year already.
    expect(valueOf('The paper said in an editorial on Saturday, April 25: the court erred.', 'Saturday, April 25', '1998-04-24')).toBe('1998-04-25');
  });
});

describe('a day close to the reference day', () => {
  it('stays in the reference year whatever the tense', () => {
    // A deadline passed yesterday is not next year's.
    expect(valueOf('They asked the service to return the child by Jan. 14.', 'Jan. 14', '2000-01-15')).toBe('2000-01-14');
  });
});
