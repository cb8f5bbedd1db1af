import { memoLast } from '../../text/memoLast';
import type { DayParts } from './timex';

// The tense of the clause around a date expression: a month, weekday or day named without a year
// lies ahead of the reference day in a clause about the future, behind it in one about the past.
// The nearest cue wins, so "announced Wednesday that it will appeal" puts Wednesday in the past.

/**
 * Words that put a clause in the future; "until June" names a deadline still to come, "payable Dec. 1",
 * "effective Feb. 1", "extended to Nov. 20" a day still ahead.
 */
const FUTURE_CUE =
  /\b(?:(?:was|were|is|are|am)\s+(?:planning|going|expected|scheduled|due|set|about)\s+to|will|won['’]t|shall|would|going\s+to|plans?\s+to|planning\s+to|planned|expects?\s+to|expected\s+to|scheduled|due|set\s+to|is\s+to|are\s+to|as\s+(?:soon|early)\s+as|until|till|next|upcoming|payable|effective|expires?|(?:extended|postponed|delayed|moved)\s+to)\b|['’]ll\b/gi;
/** Past-tense cues: auxiliaries, "since", "ago", regular past forms and common irregular ones. */
const PAST_CUE =
  /\b(?:was|were|had|did|said|told|ago|since|last|earlier|began|came|went|took|made|gave|met|won|lost|left|sold|bought|paid|rose|fell|saw|held|found|became|brought|spoke|wrote|struck|shot|sent|spent|led|fled|(?!(?:succeed|proceed|exceed|need|feed|speed|breed|seed|indeed|hundred|kindred)\b)\w{3,}ed)\b/gi;
/** Before a participle these make it an adjective or a passive still to come: "the reduced dividend", "will be paid". */
const NOT_PAST_BEFORE = /\b(?:the|a|an|be|been|being|to)\s+$/i;
/** The past perfect puts the clause in the past whatever else it holds ("Until Thursday, they had not…"). */
const PAST_PERFECT = /\bhad\b/i;
/** "by May" right before the expression is a deadline. */
const DEADLINE_BEFORE = /\bby\s+(?:(?:early|mid|late|the\s+end\s+of)[-\s]+)?$/i;

/** At most two words (and quotes or a dash) before the expression: it opens its sentence. */
const FRONT = 24;
const FRONTED = /^[^\w]*(?:[A-Za-z]+\s+){0,2}$/;

/** How far either side of the expression a cue is looked for (a clause, not the whole sentence). */
const BEFORE = 80;
const AFTER = 50;

export type Tense = 'future' | 'past';

/** The tense of the cue nearest to `text[start, end)` in its clause, undefined when none is near. */
export function tenseAround(text: string, start: number, end: number): Tense | undefined {
  return cueAround(text, start, end)?.tense;
}

/** The nearest tense cue and how many characters lie between it and the expression. */
export function cueAround(text: string, start: number, end: number): { tense: Tense; distance: number } | undefined {
  // The clause only: a reporting verb after a comma ("…on Tuesday, Castro said") is not its tense.
  const before = text.slice(Math.max(0, start - BEFORE), start).replace(/^[^]*[,;:(]/, (m) => ' '.repeat(m.length));
  // Fronted ("On Tuesday, the league plans…") the expression takes the tense of the clause after its comma.
  const fronted = start <= FRONT && FRONTED.test(text.slice(0, start));
  const rest = text.slice(end, Math.min(text.length, end + AFTER));
  const after = fronted ? rest.replace(/^\s*,/, ' ').replace(/[,;:)][^]*$/, '') : rest.replace(/[,;:)][^]*$/, '');
  if (PAST_PERFECT.test(before) || PAST_PERFECT.test(after)) return { tense: 'past', distance: 0 };
  // "Wednesday's ruling": an event already named.
  if (/^['’]s\b/.test(after)) return { tense: 'past', distance: 0 };
  if (DEADLINE_BEFORE.test(before)) return { tense: 'future', distance: 0 };
  let best: { tense: Tense; distance: number } | undefined;
  const consider = (tense: Tense, distance: number) => {
    if (!best || distance < best.distance) best = { tense, distance };
  };
  // "scheduled", "planned" are future cues although they end in -ed: the future list is read first and wins ties.
  for (const [re, tense] of [[FUTURE_CUE, 'future'], [PAST_CUE, 'past']] as const) {
    re.lastIndex = 0;
    for (let m = re.exec(before); m; m = re.exec(before)) {
      if (tense === 'past' && NOT_PAST_BEFORE.test(before.slice(Math.max(0, m.index - 8), m.index))) continue;
      consider(tense, before.length - (m.index + m[0].length));
    }
    re.lastIndex = 0;
    for (let m = re.exec(after); m; m = re.exec(after)) {
      if (tense === 'past' && NOT_PAST_BEFORE.test(after.slice(Math.max(0, m.index - 8), m.index))) continue;
      consider(tense, m.index);
      break;
    }
  }
  return best;
}

/** Verbs that put a sentence in the future ("will", "plans to"): a bare month or weekday then lies ahead. */
export const FUTURE_TENSE = /\b(?:will|won['’]t|shall|['’]ll|going to|plans? to|planned|expects? to|expected to|scheduled|due to|set to|is to|are to|next)\b/i;
/** Past-tense cues: a bare month or weekday then lies behind. */
const PAST_TENSE = /\b(?:was|were|had|did|said|ago|last)\b|\b\w{3,}ed\b/i;

/** The tense of a whole sentence, when no cue is near the expression. */
const tenseOf = memoLast((sentence) => {
  const future = FUTURE_TENSE.test(sentence);
  return { future, past: !future && PAST_TENSE.test(sentence) };
});

/** Days either side of the reference day that are taken as this year's whatever the tense. */
const NEAR_DAYS = 14;

/** The year of a month named alone ("in April"). */
export function nearestYearOfMonth(month: number, ref: DayParts, sentence: string, start: number, end: number): number {
  return yearOfMonthDay(month, 0, ref, sentence, start, end);
}

/**
 * The year of a month (and day, 0 for the whole month) named without one: the tense of the words
 * nearest to it, else of the sentence, says whether it lies ahead or behind; with neither, the nearest.
 */
export function yearOfMonthDay(month: number, day: number, ref: DayParts, sentence: string, start: number, end: number): number {
  const local = tenseAround(sentence, start, end);
  return yearOfMonthDayIn(month, day, ref, local, sentence);
}

/** As above, with the local tense already read. */
export function yearOfMonthDayIn(month: number, day: number, ref: DayParts, local: Tense | undefined, sentence: string): number {
  const { future, past } = local ? { future: local === 'future', past: local === 'past' } : tenseOf(sentence);
  const cmp = month - ref.month || (day ? day - ref.day : 0);
  // A deadline passed last week ("by Jan. 14", read on Jan. 15) is still this year's, and so is a day just ahead in a past clause.
  const near = day ? Math.abs(Date.UTC(ref.year, month - 1, day) - Date.UTC(ref.year, ref.month - 1, ref.day)) <= NEAR_DAYS * 86_400_000 : month === ref.month;
  if (near) return ref.year;
  if (future) return cmp >= 0 ? ref.year : ref.year + 1;
  if (past) return cmp <= 0 ? ref.year : ref.year - 1;
  const diff = month - ref.month;
  return diff > 6 ? ref.year - 1 : diff < -6 ? ref.year + 1 : ref.year;
}

