import type { Root } from 'nlcst';
import type { VFile } from 'vfile';
import { MAX_CLAIM_LENGTH, scoreClaim } from '../detect/claimDetector';
import type { DateDetector } from '../detect/dateDetector';
import type { EntityDetector } from '../detect/entityDetector';
import { sentencesOf, type Sentence } from '../text/sentences';
import type { ParagraphFindings } from './paragraphData';

// Detector plugins in the unified style: each is a transformer that reads the NLCST tree and
// adds its findings to `file.data.findings`, the way retext plugins report messages.

function findings(file: VFile): ParagraphFindings {
  file.data.findings ??= { sentences: [], dates: [], entities: [], claims: [] };
  return file.data.findings;
}

/**
 * The items of each sentence, for items found sentence by sentence (so in text order, each within
 * its sentence): one pass over them, where a scan of all the paragraph's items for every sentence
 * is quadratic in a long paragraph.
 */
function perSentence<T extends { start: number; end: number }>(sentences: readonly Sentence[], items: readonly T[]): T[][] {
  let i = 0;
  return sentences.map((s) => {
    while (i < items.length && items[i].start < s.start) i++;
    const from = i;
    while (i < items.length && items[i].start < s.end) i++;
    return items.slice(from, i);
  });
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
    const dates = perSentence(out.sentences, out.dates);
    out.sentences.forEach((s, i) => {
      for (const e of options.detector.detect(s, dates[i])) out.entities.push(e);
    });
  };
}

export function sourcemarkClaims() {
  return (_tree: Root, file: VFile) => {
    const out = findings(file);
    const ctx = file.data.sourcemark;
    if (!ctx || ctx.region === 'comment-meta') return;
    const entities = perSentence(out.sentences, out.entities);
    const dates = perSentence(out.sentences, out.dates);
    out.sentences.forEach((s, i) => {
      if (s.text.length > MAX_CLAIM_LENGTH) out.unscored = (out.unscored ?? 0) + 1;
      else out.claims.push(scoreClaim(s, { region: ctx.region, commenter: ctx.commenter, entities: entities[i], dates: dates[i] }));
    });
  };
}
