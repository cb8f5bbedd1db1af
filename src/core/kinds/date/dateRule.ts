// The shape of a date rule and of what it finds; the rule files import it, the detector runs them.
import type { DateInfo, DateMod } from '../../model';
import type { DayParts } from './timex';

/** A date expression found by a rule, relative to the text the rule ran on. */
export interface DateHit {
  start: number;
  end: number;
  value: string | null;
  timexType: DateInfo['timexType'];
  mod?: DateMod;
  /** The value depends on the reference date. */
  relative: boolean;
  /** A vague reference ("now", "recently") rather than a point or span on the calendar. */
  vague?: boolean;
  /** Not a date ("Now, …" as a discourse marker): left out of the findings, still read by the claim score it was fitted with. */
  hidden?: boolean;
  rule: string;
}

/** A hit and its words, as the detector gives it. */
export interface DateDetection extends DateHit {
  text: string;
}

/**
 * A detection with every field present, in one order (the rules' and the calendar's partial hits
 * copied into it): V8 then gives every date one hidden class. The rules return literals of several
 * shapes, and the passes over a sentence's hits, compiled on some of them, were compiled again when
 * another came (`scripts/bench/recompiles.ts`). A field a hit does not have is `undefined`.
 */
export function dateDetection(h: Omit<DateHit, 'start' | 'end' | 'rule'>, start: number, end: number, rule: string, text: string): DateDetection {
  return { start, end, value: h.value, timexType: h.timexType, mod: h.mod, relative: h.relative, vague: h.vague, hidden: h.hidden, rule, text };
}

/** `h` with another value, of the same class as dateDetection's (a spread copy gets a class of its own). */
export function withValue<T extends DateHit>(h: T, value: string): T {
  const copy = dateDetection(h, h.start, h.end, h.rule, (h as Partial<DateDetection>).text as string);
  copy.value = value;
  return copy as DateHit as T;
}

export interface DateRule {
  name: string;
  pattern: RegExp;
  /**
   * Returns null to reject the match. `ref` is the reference day, when one is known. The detector
   * copies what it returns into a detection with the hit's place, rule and words (dateDetection).
   */
  normalise(m: RegExpExecArray, ref: DayParts | undefined): Omit<DateHit, 'start' | 'end' | 'rule'> | null;
  /** Index of the capture group that is the expression itself, when the match has context around it. */
  group?: number;
  /** Cheap test a sentence must pass before the pattern is run on it. */
  trigger?: RegExp;
}
