import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DATE_RULES } from '../../../../src/core/kinds/date/dateRules';
import { plainWords, RuleTriggers } from '../../../../src/core/kinds/date/ruleTriggers';

// Words the triggers look for, in several cases, and others: sentences that pass some triggers and not others.
const WORDS = ['quarter', 'Quarter', 'FISCAL', 'period', 'year', 'years', 'Year-ago', 'month', 'weekend', 'spring', 'Fall', 'ago', 'Chicago',
  'May', 'may', 'March', 'march', 'Christmas', 'christmas', 'New Year', 'nineteen', 'two thousand', 'last', 'this', 'next', 'past', 'end',
  'every', 'each', 'at the time', 'century', 'centuries', 'daily', 'per day', '1998', '3-4', '12', 'the', 'said', 'ſ', 'K', ',', '.'];

describe('RuleTriggers', () => {
  it('passes a rule exactly when its trigger matches the sentence', () => {
    const triggers = new RuleTriggers(DATE_RULES);
    fc.assert(fc.property(fc.array(fc.constantFrom(...WORDS), { maxLength: 12 }), (words) => {
      const text = words.join(' ');
      triggers.begin();
      // Twice: a trigger shared by rules is tested once, and its answer kept for the next rule.
      for (let pass = 0; pass < 2; pass++) {
        DATE_RULES.forEach((rule, r) => expect(triggers.passes(r, text), `${rule.name} on "${text}"`).toBe(!rule.trigger || rule.trigger.test(text)));
      }
    }), { numRuns: 3000 });
  });

  it('forgets the last sentence when the next begins', () => {
    const triggers = new RuleTriggers([{ name: 'q', pattern: /quarter/g, trigger: /quarter/i, normalise: () => null }]);
    triggers.begin();
    expect(triggers.passes(0, 'the first quarter')).toBe(true);
    triggers.begin();
    expect(triggers.passes(0, 'the first half')).toBe(false);
  });

  it('reads plain words only from a plain alternation', () => {
    expect(plainWords(/quarter|period/i)).toEqual(['quarter', 'period']);
    expect(plainWords(/(January|May)/)).toEqual(['January', 'May']);
    expect(plainWords(/\byear\b/i)).toBeUndefined();
    expect(plainWords(/year[- ]/i)).toBeUndefined();
    expect(plainWords(/(a)|(b)/)).toBeUndefined();
    expect(plainWords(/quarter/gi)).toBeUndefined();
    expect(plainWords(/quarter/u)).toBeUndefined();
  });
});
