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

export interface DateRule {
  name: string;
  pattern: RegExp;
  /**
   * Returns null to reject the match. `ref` is the reference day, when one is known. A new object
   * each call, never one kept and returned again: the detector adds the hit's place and rule to it.
   */
  normalise(m: RegExpExecArray, ref: DayParts | undefined): Omit<DateHit, 'start' | 'end' | 'rule'> | null;
  /** Index of the capture group that is the expression itself, when the match has context around it. */
  group?: number;
  /** Cheap test a sentence must pass before the pattern is run on it. */
  trigger?: RegExp;
}
