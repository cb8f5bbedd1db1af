// Dates: rules for what news writes (periods, quarters, vague references) plus chrono-node for
// calendar dates, normalised to TIMEX3 values against the source's publication date.
import type { Root } from 'nlcst';
import type { VFile } from 'vfile';
import { lastMade, madeAt, rememberMade } from '../../madeFindings';
import { finding, NO_CUES, type AnalysisResult, type Finding } from '../../model';
import { sentencesOfFile } from '../../pipeline/plugins';
import type { AnalysedParagraph, FindingKindDefinition } from '../kind';
import { anchorValues, DateDetector, dateInfo, type DateDetection } from './dateDetector';
import { describeDate } from './describe';
import { anchorQuarters } from './quarterAnchors';

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

export const dateKind: FindingKindDefinition<'date'> = {
  kind: 'date',
  statement: false,
  needs: [],
  labels: ['date'],
  plugin: sourcemarkDates,
  collect({ paragraphs, reference, memo }) {
    const findings: Finding[] = [];
    // "A year earlier" in a later paragraph leans on the quarter an earlier one reported, "the following
    // month" at a paragraph's start on the last date of the paragraph before.
    // Each hit beside its paragraph, not copied with it: this runs over the whole source on every edit.
    const hits: DateDetection[] = [];
    const owners: AnalysedParagraph[] = [];
    for (const p of paragraphs) {
      for (const d of p.data.dates ?? []) {
        hits.push(d);
        owners.push(p);
      }
    }
    // Both anchor passes give one hit for each, in order.
    const anchored = anchorValues(anchorQuarters(hits), '');
    // A date's value in words reads the reference date: its finding is the last one only under the same.
    const last = memo?.value as AnalysisResult['reference'] | undefined;
    const sameReference = last?.date === reference.date && last?.from === reference.from;
    if (memo) memo.value = reference;
    for (let i = 0; i < anchored.length; i++) {
      const d = anchored[i]!;
      const p = owners[i]!;
      if (d.hidden) continue;
      const start = d.start + p.start;
      // The hit (an anchored one is a copy made now) and the reference as the last analysis had them:
      // its finding is that one, or a copy of it where an edit before it moved it.
      const made = sameReference ? lastMade(d) : undefined;
      if (made && made.region === p.region) {
        findings.push(madeAt(d, made, start));
        continue;
      }
      const f = finding({
        id: '', kind: 'date', start, end: d.end + p.start, text: d.text, region: p.region,
        score: d.vague ? 0.5 : d.relative ? 0.7 : 0.9, cues: NO_CUES, date: dateInfo(d, reference),
      });
      rememberMade(d, f);
      findings.push(f);
    }
    return { findings };
  },
  describe: describeDate,
};
