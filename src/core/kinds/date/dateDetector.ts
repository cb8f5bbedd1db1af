import type { DateInfo } from '../../model';
import { createChronoCalendarParser, type CalendarParser } from './calendarParser';
import { dateDetection, withValue, type DateDetection, type DateHit } from './dateRule';
import { DATE_RULES } from './dateRules';
import { RuleTriggers } from './ruleTriggers';
import { cueAround, FUTURE_TENSE, tenseAround, yearOfMonthDayIn } from './tense';
import { addDays, isoDay, pad, parseIsoDay, shiftUnit, type DayParts } from './timex';
import { ANCHORED, anchoredKey } from './spanRules';

/** Where the calendar library is worth running: it is slow when run over everything. */
const CALENDAR_TRIGGER =
  /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)|\b\d{1,2}\/\d{1,2}\/\d{2,4}\b|\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|\b(?:today|yesterday|tomorrow|tonight)\b|\b\d{1,2}(?::\d{2})?\s*[ap]\.?m\b|\b(?:noon|midnight)\b|\b(?:this|last)\s+(?:morning|afternoon|evening|night)\b/gi;

/** A cue this close ("the year ended March 31", "payable Dec. 1") decides a day's year; else the library's nearest year stands. */
const DAY_CUE_DISTANCE = 24;

function yearOfDay(month: number, day: number, libraryYear: number | undefined, ref: DayParts, sentence: string, start: number, end: number): number | undefined {
  const cue = cueAround(sentence, start, end);
  return cue && cue.distance <= DAY_CUE_DISTANCE ? yearOfMonthDayIn(month, day, ref, cue.tense, sentence) : libraryYear;
}

const OWN_WORDS = /^(?:(?:right\s+)?now|(?:this|last|next)\s+(?:year|month|week|quarter))$/i;

const WEEKDAY_NAME = /\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b/i;

/** Cheap test for any of our own rules: no date expression lacks a digit or one of these words. */
const RULE_TRIGGER =
  /\d|\b(?:January|February|March|April|June|July|August|September|October|November|December|year|month|week|weekend|day|decade|century|quarter|hour|minute|period|now|currently|present|nowadays|recent|recently|lately|past|future|daily|weekly|monthly|yearly|hourly|spring|summer|fall|autumn|winter|year-ago|year-earlier|May|annually|centuries|time|morning|afternoon|evening|night|Thanksgiving|Christmas|Halloween|nineteen|thousand|every|each)s?\b/i;

export type { DateDetection } from './dateRule';

export class DateDetector {
  private readonly triggers = new RuleTriggers(DATE_RULES);

  constructor(private readonly calendar: CalendarParser = createChronoCalendarParser()) {}

  /**
   * Finds date expressions in `text` (a sentence or paragraph), resolving relative ones against
   * `referenceDate`; their offsets are `offset` (the sentence's place in its paragraph) past text's.
   * Each hit is one object (dateDetection), made once its place and words are known and shifted
   * in place after: a copy spread at each step was most of the detector's allocation.
   */
  detect(text: string, referenceDate: string | undefined, offset = 0): DateDetection[] {
    const ref = parseIsoDay(referenceDate);
    const hits: DateDetection[] = [];
    for (const w of calendarWindows(text)) this.calendarHits(text.slice(w.start, w.end), ref, text, w.start, hits);
    if (RULE_TRIGGER.test(text)) {
      const triggers = this.triggers;
      triggers.begin();
      for (let r = 0; r < DATE_RULES.length; r++) {
        if (!triggers.passes(r, text)) continue;
        const rule = DATE_RULES[r]!;
        rule.pattern.lastIndex = 0;
        for (let m = rule.pattern.exec(text); m; m = rule.pattern.exec(text)) {
          const hit = rule.normalise(m, ref);
          if (!hit) continue;
          const inner = rule.group ? m[rule.group]! : m[0];
          const start = m.index + (rule.group ? m[0].indexOf(inner) : 0);
          hits.push(dateDetection(hit, start, start + inner.length, rule.name, inner));
        }
      }
    }
    const detections: DateDetection[] = [];
    // Most sentences have no date: nothing to select or anchor.
    if (!hits.length) return detections;
    for (const d of anchorValues(selectNonOverlapping(hits), text)) {
      d.start += offset;
      d.end += offset;
      detections.push(d);
    }
    return detections;
  }

  /** `text` is a window of `sentence` starting at `offset`; the tense is read in the sentence. */
  private calendarHits(text: string, ref: ReturnType<typeof parseIsoDay>, sentence: string, offset: number, hits: DateDetection[]): void {
    const reference = ref ? new Date(Date.UTC(ref.year, ref.month - 1, ref.day, 12)) : undefined;
    // In the sentence's offsets: `text` is its window from `offset`.
    const hit = (c: { start: number; end: number }, value: string | null, timexType: DateHit['timexType'], relative: boolean) =>
      hits.push(dateDetection({ value, timexType, relative }, offset + c.start, offset + c.end, 'calendar', text.slice(c.start, c.end)));
    for (const c of this.calendar.parse(text, reference)) {
      // A month alone ("Jun", "May") is left to our rules, which only trust full month names; so are
      // "now" (a vague present, not noon) and "this year" (a year, not a day) when a range splits off them.
      if (c.day === undefined || OWN_WORDS.test(c.text)) continue;
      if (c.relative && !ref) {
        hit(c, null, 'DATE', true);
        continue;
      }
      if (c.weekday !== undefined && ref) {
        // News reports past events: a bare weekday is the most recent one on or before the reference
        // day, unless the words around it speak of the future ("will meet on Tuesday").
        const refWeekday = new Date(Date.UTC(ref.year, ref.month - 1, ref.day)).getUTCDay();
        const future = (tenseAround(sentence, offset + c.start, offset + c.end) ?? (FUTURE_TENSE.test(text) ? 'future' : 'past')) === 'future';
        const shift = future ? (c.weekday - refWeekday + 7) % 7 : -((refWeekday - c.weekday + 7) % 7);
        hit(c, isoDay(addDays(ref, shift)), 'DATE', true);
        continue;
      }
      // A day without its year ("Oct. 23") lies behind or ahead of the reference day as the words around it say.
      // A weekday beside it ("Saturday, April 25") has already told the library the year.
      const impliedYear = c.yearImplied && ref && c.month !== undefined && !c.relative && !WEEKDAY_NAME.test(c.text)
        ? yearOfDay(c.month, c.day, c.year, ref, sentence, offset + c.start, offset + c.end)
        : c.year;
      const year = c.yearImplied && !ref ? 'XXXX' : pad(impliedYear ?? 0, 4);
      const value = year === 'XXXX' ? `XXXX-${pad(c.month ?? 0)}-${pad(c.day)}` : isoDay({ year: +year, month: c.month ?? 1, day: c.day });
      const time = c.hour !== undefined ? `T${pad(c.hour)}:${pad(c.minute ?? 0)}` : c.partOfDay ? `T${c.partOfDay}` : '';
      hit(c, value + time, time ? 'TIME' : 'DATE', c.relative || c.yearImplied);
    }
  }
}

const WINDOW_BEFORE = 24;
const WINDOW_AFTER = 32;
/**
 * Windows stop merging at this length: the library's cost grows with the square of a window (its
 * refiners re-read the text before each result), and a line of dates would make one window of it all.
 * The next window then overlaps the last, so no expression is cut; a date found in both is kept once.
 */
const MAX_MERGED_WINDOW = 1_000;

/** Stretches of text around calendar triggers, merged where they overlap, cut at word boundaries. */
function calendarWindows(text: string): { start: number; end: number }[] {
  const windows: { start: number; end: number }[] = [];
  CALENDAR_TRIGGER.lastIndex = 0;
  for (let m = CALENDAR_TRIGGER.exec(text); m; m = CALENDAR_TRIGGER.exec(text)) {
    let start = Math.max(0, m.index - WINDOW_BEFORE);
    let end = Math.min(text.length, m.index + m[0].length + WINDOW_AFTER);
    while (start > 0 && /\S/.test(text[start - 1])) start--;
    while (end < text.length && /\S/.test(text[end])) end++;
    const last = windows[windows.length - 1];
    if (last && start <= last.end && end - last.start <= MAX_MERGED_WINDOW) last.end = Math.max(last.end, end);
    else windows.push({ start, end });
  }
  return windows;
}

/**
 * "That day", "the following year": the date before it in the text, shifted; with none, or one too
 * coarse ("that day" after "1998"), the value stays unresolved. Hits that carry their `text` are read from it.
 */
export function anchorValues<T extends DateHit>(
  hits: T[], text: string, offset = 0,
  /** Given: the date before these hits, and after them once they are read (hits read in parts). */
  state?: AnchorState,
): T[] {
  let last = state?.last;
  let precision = state?.precision ?? 0;
  // A loop, not `map`: once optimised, `map` returns another kind of array than before, and each
  // function handed one it had not seen was compiled again (the same below and in other detectors).
  const out: T[] = [];
  for (const h of hits) {
    if (h.rule === 'anchored') {
      const how = ANCHORED[anchoredKey((h as { text?: string }).text ?? text.slice(h.start - offset, h.end - offset))];
      const needs = how.unit === 'Y' ? 1 : how.unit === 'M' ? 2 : 3;
      out.push(last && how && precision >= needs ? withValue(h, shiftUnit(how.unit, how.shift, last)) : h);
      continue;
    }
    const m = h.value ? /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(h.value) : null;
    if (m && h.timexType === 'DATE') {
      last = { year: +m[1], month: m[2] ? +m[2] : 1, day: m[3] ? +m[3] : 1 };
      precision = m[3] ? 3 : m[2] ? 2 : 1;
    }
    out.push(h);
  }
  if (state) {
    state.last = last;
    state.precision = precision;
  }
  return out;
}

/** The last calendar date read so far and how precise it is (1: year, 2: month, 3: day), as anchorValues reads hits in order. */
export interface AnchorState {
  last?: DayParts;
  precision: number;
}

/**
 * Keeps the longest hit where hits overlap; ties go to the earlier rule. Taken offsets are marked
 * in a bitmap, so a sentence of thousands of dates costs the length of its hits, not their square.
 */
function selectNonOverlapping(hits: DateDetection[]): DateDetection[] {
  if (hits.length < 2) return hits;
  const order: { h: DateDetection; i: number }[] = [];
  for (let i = 0; i < hits.length; i++) order.push({ h: hits[i], i });
  order.sort((a, b) => b.h.end - b.h.start - (a.h.end - a.h.start) || a.i - b.i);
  let length = 0;
  for (const h of hits) length = Math.max(length, h.end);
  const used = new Uint8Array(length);
  const taken: DateDetection[] = [];
  for (const { h } of order) {
    let free = h.end > h.start;
    for (let k = h.start; k < h.end && free; k++) free = used[k] === 0;
    if (!free) continue;
    used.fill(1, h.start, h.end);
    taken.push(h);
  }
  return taken.sort((a, b) => a.start - b.start);
}

export function dateInfo(hit: DateHit, reference: { date?: string; from: 'document' | 'setting' | 'none' }): DateInfo {
  const info: DateInfo = {
    value: hit.value,
    timexType: hit.timexType,
    anchor: !hit.relative ? 'absolute' : hit.value === null || reference.from === 'none' ? 'unresolved' : reference.from,
  };
  if (hit.mod) info.mod = hit.mod;
  if (hit.relative && reference.date && info.anchor !== 'unresolved') info.referenceDate = reference.date;
  return info;
}
