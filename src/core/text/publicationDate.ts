import type { DateDetector } from '../kinds/date/dateDetector';
import type { Block } from './blocks';

/** "Published: March 10, 2018", "Posted on 2018-03-10", "Updated Mar 10, 2018 09:00". */
const PUBLICATION_LINE = /^(?:published|posted|updated|date|dated|first published)(?:\s+on)?\s*:?\s*/i;

/** How far into a source a stated publication date is looked for. */
const HEAD_BLOCKS = 6;
/** A dateline or a "Published:" line is short; a longer line is prose (or not text), never read whole here. */
const MAX_LINE = 200;

/** The publication date a source states near its top (a dateline or a "Published:" line), as YYYY-MM-DD. */
export function findPublicationDate(blocks: readonly Block[], dates: DateDetector): string | undefined {
  for (const block of blocks.slice(0, HEAD_BLOCKS)) {
    for (const line of firstLines(block.text, 3)) {
      const trimmed = line.trim();
      if (trimmed.length > MAX_LINE) continue;
      const prefix = PUBLICATION_LINE.exec(trimmed);
      const rest = prefix ? trimmed.slice(prefix[0].length) : trimmed;
      const hits = dates.detect(rest, undefined);
      const day = hits.find((h) => h.value && /^\d{4}-\d{2}-\d{2}(?:T|$)/.test(h.value));
      // A line that is only a date is a dateline; otherwise the line must say it is the publication date.
      const remainder = day ? rest.replace(day.text, '').replace(/[\s,.|·–—()-]+/g, '') : '';
      if (day && (prefix || /^(?:[\p{Lu}\d]{0,24}|By\p{L}{1,40})$/u.test(remainder))) return day.value!.slice(0, 10);
    }
  }
  return undefined;
}

/** The first `count` lines of `text` (split at LF, a CR before it dropped), without splitting the rest. */
function firstLines(text: string, count: number): string[] {
  const lines: string[] = [];
  for (let at = 0; lines.length < count; ) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 ? text.length : nl;
    lines.push(text.slice(at, text[end - 1] === '\r' && end > at ? end - 1 : end));
    if (nl < 0) break;
    at = nl + 1;
  }
  return lines;
}
