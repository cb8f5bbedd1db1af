import type { Root } from 'nlcst';
import type { VFile } from 'vfile';
import { scoreClaim } from '../detect/claimDetector';
import type { DateDetector } from '../detect/dateDetector';
import type { EntityDetector } from '../detect/entityDetector';
import { sentencesOf } from '../text/sentences';
import type { ParagraphFindings } from './paragraphData';

// Detector plugins in the unified style: each is a transformer that reads the NLCST tree and
// adds its findings to `file.data.findings`, the way retext plugins report messages.

function findings(file: VFile): ParagraphFindings {
  file.data.findings ??= { sentences: [], dates: [], entities: [], claims: [] };
  return file.data.findings;
}

export function sourcemarkSentences() {
  return (tree: Root, file: VFile) => {
    findings(file).sentences = sentencesOf(tree, String(file.value));
  };
}

export function sourcemarkDates(options: { detector: DateDetector }) {
  return (_tree: Root, file: VFile) => {
    const out = findings(file);
    for (const s of out.sentences) {
      for (const d of options.detector.detect(s.text, file.data.sourcemark?.referenceDate)) {
        out.dates.push({ ...d, start: d.start + s.start, end: d.end + s.start });
      }
    }
  };
}

export function sourcemarkEntities(options: { detector: EntityDetector }) {
  return (_tree: Root, file: VFile) => {
    const out = findings(file);
    // Reader handles and metadata lines are not names worth flagging.
    if (file.data.sourcemark?.region === 'comment-meta') return;
    for (const s of out.sentences) {
      const dates = out.dates.filter((d) => d.start < s.end && d.end > s.start);
      out.entities.push(...options.detector.detect(s, dates));
    }
  };
}

export function sourcemarkClaims() {
  return (_tree: Root, file: VFile) => {
    const out = findings(file);
    const ctx = file.data.sourcemark;
    if (!ctx || ctx.region === 'comment-meta') return;
    for (const s of out.sentences) {
      const within = <T extends { start: number; end: number }>(list: T[]) => list.filter((x) => x.start >= s.start && x.end <= s.end);
      out.claims.push(scoreClaim(s, { region: ctx.region, commenter: ctx.commenter, entities: within(out.entities), dates: within(out.dates) }));
    }
  };
}
