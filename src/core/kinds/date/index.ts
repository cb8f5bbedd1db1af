// Dates: rules for what news writes (periods, quarters, vague references) plus chrono-node for
// calendar dates, normalised to TIMEX3 values against the source's publication date.
import type { Root } from 'nlcst';
import type { VFile } from 'vfile';
import { lastMade, madeAt, rememberMade } from '../../madeFindings';
import { finding, NO_CUES, type AnalysisResult } from '../../model';
import { sentencesOfFile } from '../../pipeline/plugins';
import type { AnalysedParagraph, FindingKindDefinition, ParagraphEdit } from '../kind';
import { keepAfter, keptBefore, paragraphList, pushMade, type ParagraphList } from '../keptByParagraph';
import { anchorValues, DateDetector, dateInfo, type AnchorState, type DateDetection } from './dateDetector';
import { describeDate } from './describe';
import { anchorQuarters, type QuarterState } from './quarterAnchors';

declare module 'vfile' {
  interface DataMap {
    dates: DateDetection[];
  }
}

/** Finds the dates of each sentence, resolving relative ones against the paragraph's reference date. */
function sourcemarkDates() {
  const detector = new DateDetector();
  return (_tree: Root, file: VFile) => {
    const out: DateDetection[] = [];
    for (const s of sentencesOfFile(file)) {
      // In the paragraph's offsets as found: no copy of each shifted.
      for (const d of detector.detect(s.text, file.data.sourcemark?.referenceDate, s.start)) out.push(d);
    }
    // "The next day" leans on a date of an earlier sentence of the paragraph.
    file.data.dates = anchorValues(out, String(file.value));
  };
}

/**
 * What the date kind carries from paragraph to paragraph ("a year earlier" leans on the latest quarter
 * named before it, "the following month" on the last date before it), packed per paragraph end:
 * the quarter as year × 4 + quarter (0: none), the date's year, month and day and its precision.
 */
const STATE_FIELDS = 5;

function packState(out: Float64Array, at: number, q: QuarterState, a: AnchorState): void {
  const o = at * STATE_FIELDS;
  out[o] = q.latest ? q.latest.year * 4 + q.latest.q : 0;
  out[o + 1] = a.last?.year ?? 0;
  out[o + 2] = a.last?.month ?? 0;
  out[o + 3] = a.last?.day ?? 0;
  out[o + 4] = a.last ? a.precision : -1;
}

function unpackState(from: Float64Array, at: number): { quarters: QuarterState; anchor: AnchorState } {
  if (at < 0) return { quarters: {}, anchor: { precision: 0 } };
  const o = at * STATE_FIELDS;
  const q = from[o]!;
  return {
    quarters: q ? { latest: { year: Math.floor((q - 1) / 4), q: ((q - 1) % 4) + 1 } } : {},
    anchor: from[o + 4]! >= 0 ? { last: { year: from[o + 1]!, month: from[o + 2]!, day: from[o + 3]! }, precision: from[o + 4]! } : { precision: 0 },
  };
}

/** Whether two packed states say the same. */
function sameState(a: Float64Array, i: number, b: Float64Array, j: number): boolean {
  for (let k = 0; k < STATE_FIELDS; k++) if (a[i * STATE_FIELDS + k] !== b[j * STATE_FIELDS + k]) return false;
  return true;
}

/** What the date kind keeps of its last collect (CollectContext.memo). */
interface DateMemo {
  analysis: number;
  reference: AnalysisResult['reference'];
  findings: ParagraphList;
  /** Per paragraph, the state at its end (STATE_FIELDS). */
  states: Float64Array;
}

/** Pushes paragraph `i`'s date findings, its hits anchored from `quarters` and `anchor` (both carried on), and fills in its end. */
function paragraphDates(p: AnalysedParagraph, i: number, quarters: QuarterState, anchor: AnchorState, reference: AnalysisResult['reference'], sameReference: boolean, list: ParagraphList): void {
  const hits = p.data.dates ?? [];
  for (const d of hits.length ? anchorValues(anchorQuarters(hits, quarters), '', 0, anchor) : hits) {
    if (d.hidden) continue;
    const start = d.start + p.start;
    // The hit (an anchored one is a copy made now) and the reference as the last analysis had them:
    // its finding is that one, or a copy of it where an edit before it moved it.
    const made = sameReference ? lastMade(d) : undefined;
    if (made && made.region === p.region) {
      pushMade(list, madeAt(d, made, start), d);
      continue;
    }
    const f = finding({
      id: '', kind: 'date', start, end: d.end + p.start, text: d.text, region: p.region,
      score: d.vague ? 0.5 : d.relative ? 0.7 : 0.9, cues: NO_CUES, date: dateInfo(d, reference),
    });
    rememberMade(d, f);
    pushMade(list, f, d);
  }
  list.ends[i] = list.items.length;
}

/**
 * The dates after `edit`, from the last collect under the same reference date: those before it kept,
 * its own found again, and those after it moved as they were once the edit leaves what they lean on
 * (the latest quarter, the last date) as it was; else found again too.
 */
function collectEdit(paragraphs: readonly AnalysedParagraph[], edit: ParagraphEdit, last: DateMemo, reference: AnalysisResult['reference'], analysis: number): DateMemo | undefined {
  if (last.analysis !== edit.since || last.reference.date !== reference.date || last.reference.from !== reference.from) return undefined;
  const was = last.findings.ends.length;
  const to = paragraphs.length - edit.suffix;
  const findings = keptBefore(last.findings, edit, paragraphs.length);
  const states = new Float64Array(paragraphs.length * STATE_FIELDS);
  states.set(last.states.subarray(0, edit.prefix * STATE_FIELDS));
  const { quarters, anchor } = unpackState(last.states, edit.prefix - 1);
  const collect = (i: number) => {
    paragraphDates(paragraphs[i]!, i, quarters, anchor, reference, true, findings);
    packState(states, i, quarters, anchor);
  };
  for (let i = edit.prefix; i < to; i++) collect(i);
  // What the paragraphs after the edit lean on, as before the edit: they are moved as they were.
  const before = was - edit.suffix - 1;
  const same = to === 0 || before < 0 ? to === 0 && before < 0 : sameState(states, to - 1, last.states, before);
  if (same) {
    keepAfter(findings, last.findings, edit);
    states.set(last.states.subarray((before + 1) * STATE_FIELDS), to * STATE_FIELDS);
  } else {
    for (let i = to; i < paragraphs.length; i++) collect(i);
  }
  return { analysis, reference, findings, states };
}

export const dateKind: FindingKindDefinition<'date'> = {
  kind: 'date',
  statement: false,
  needs: [],
  labels: ['date'],
  plugin: sourcemarkDates,
  collect({ paragraphs, reference, memo, edit, analysis = 0 }) {
    const kept = memo?.value as DateMemo | undefined;
    const taken = edit && kept ? collectEdit(paragraphs, edit, kept, reference, analysis) : undefined;
    if (taken) {
      memo!.value = taken;
      return { findings: taken.findings.items, fromEdit: true };
    }
    // "A year earlier" in a later paragraph leans on the quarter an earlier one reported, "the following
    // month" at a paragraph's start on the last date of the paragraph before: both read on from paragraph to paragraph.
    // A date's value in words reads the reference date: its finding is the last one only under the same.
    const sameReference = kept?.reference.date === reference.date && kept?.reference.from === reference.from;
    const findings = paragraphList(paragraphs.length);
    const states = new Float64Array(paragraphs.length * STATE_FIELDS);
    const quarters: QuarterState = {};
    const anchor: AnchorState = { precision: 0 };
    for (let i = 0; i < paragraphs.length; i++) {
      paragraphDates(paragraphs[i]!, i, quarters, anchor, reference, sameReference, findings);
      packState(states, i, quarters, anchor);
    }
    if (memo) memo.value = { analysis, reference, findings, states } satisfies DateMemo;
    return { findings: findings.items };
  },
  describe: describeDate,
};
