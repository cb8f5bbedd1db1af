// Vague time references (TIMEX3 PRESENT_REF / PAST_REF / FUTURE_REF) and frequencies (SET).
import { FREQUENCY_WORDS, REFERENCE_WORDS } from './dateWords';
import type { DateRule } from './dateRule';

const alternation = (words: string[]) => words.sort((a, b) => b.length - a.length).map((w) => w.replace(/ /g, '\\s+')).join('|');
const key = (s: string) => s.toLowerCase().replace(/\s+/g, ' ');

/** "twice a year", "$5 a month", "fifty thousand CDs a year": "a year" is a frequency only after a count or an amount. */
const COUNT_BEFORE = /(?:\d|\b(?:once|twice|times|dollars?|cents?|percent|hours?)|\b(?:hundred|thousand|million|billion)(?:[^\S\n]+\w+)?)[^\S\n]*$/i;

export const VAGUE_DATE_RULES: readonly DateRule[] = [
  {
    name: 'reference-word',
    // "right now": only "now" is the expression.
    pattern: new RegExp(`\\b(?:right\\s+)?(${alternation(Object.keys(REFERENCE_WORDS).filter((w) => w !== 'right now'))})\\b(?!\\s+(?:\\d|\\w+\\s+(?:years?|months?|weeks?|days?|decades?|centur(?:y|ies))\\b))`, 'gi'),
    group: 1,
    normalise: (m) => {
      // "Now, …" opening a sentence is a discourse marker ("Now, he says, it looks different"): not shown as a
      // date, but the claim score, fitted when it was one, still reads it until it is fitted again.
      const discourse = m[0] === 'Now' && /^[^\p{L}\d]*$/u.test(m.input.slice(0, m.index)) && m.input[m.index + 3] === ',';
      return { value: REFERENCE_WORDS[key(m[1])], timexType: 'DATE', relative: false, vague: true, ...(discourse ? { hidden: true } : {}) };
    },
  },
  {
    name: 'frequency',
    trigger: /daily|weekly|monthly|yearly|hourly|annually|every|each|\b(?:a|per)\s+(?:day|week|month|year)/i,
    pattern: new RegExp(`\\b(${alternation(Object.keys(FREQUENCY_WORDS))})\\b`, 'gi'),
    normalise: (m) => {
      const phrase = key(m[1]);
      // "the Party daily Granma": a newspaper.
      if (phrase === 'daily' && /\b(?:the|an?|party)\s+$/i.test(m.input.slice(Math.max(0, m.index - 8), m.index)) && /^\s+\p{Lu}/u.test(m.input.slice(m.index + 5, m.index + 8))) {
        return null;
      }
      if (/^(?:a|per) /.test(phrase) && !COUNT_BEFORE.test(m.input.slice(Math.max(0, m.index - 24), m.index))) return null;
      return { value: FREQUENCY_WORDS[phrase], timexType: 'SET', relative: false };
    },
  },
];
