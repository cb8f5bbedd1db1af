// Brings tags from another tool into a sidecar. Tags are matched by quote, the way the editor
// re-anchors its own tags, so an import never duplicates a tag that is already there.
import type { FindingKind, TagStatus } from '../model';
import { noteOf } from '../tags/noteThread';
import { attachTags, rebaseSidecar } from '../taggedFindings';
import { QuoteAnchorer } from '../tags/anchoring';
import type { Evidence, Sidecar } from '../tags/annotation';
import { findAnnotation, newAnnotationId, setTag } from '../tags/tagOperations';

/** A tag read from an export file, before it is placed in a source. */
export interface ImportedTag {
  /** Where it came from in the import file (`T3`, an annotation id), for messages. */
  origin: string;
  kind: FindingKind;
  status: TagStatus;
  note?: string;
  evidence?: Evidence[];
  exact: string;
  prefix?: string;
  suffix?: string;
  /** UTF-16 offsets the file gave, used to choose between repeats of the quote. */
  start?: number;
  end?: number;
}

export type MergeOutcome =
  | { origin: string; result: 'added' | 'updated' | 'unchanged'; start: number; end: number }
  /** An existing tag says something else and `overwrite` was not set; the existing one is kept. */
  | { origin: string; result: 'kept'; start: number; end: number; existing: string; incoming: string }
  | { origin: string; result: 'not-found'; exact: string };

export interface MergeOptions {
  now: Date;
  /** Replace a differing status or note instead of keeping what the sidecar has. */
  overwrite?: boolean;
  newId?: () => string;
}

function describe(status: string, note: string | undefined) {
  return note ? `${status} ("${note}")` : status;
}

/**
 * Merges `tags` into `sidecar` for the source `text`. Existing tags are first brought up to date
 * with the text, so a tag on the same quote is recognised even after the source was edited.
 */
export function mergeImported(
  sidecar: Sidecar,
  text: string,
  tags: readonly ImportedTag[],
  options: MergeOptions,
): { sidecar: Sidecar; outcomes: MergeOutcome[]; changed: boolean } {
  let current = rebaseSidecar(sidecar, text, attachTags(text, [], sidecar), options.now);
  // One anchorer for the whole import: it keeps what it learns about the text between quotes.
  const anchorer = new QuoteAnchorer(text);
  const outcomes: MergeOutcome[] = [];
  let changed = false;
  for (const tag of tags) {
    const known = tag.start !== undefined && tag.end !== undefined;
    const target = { start: tag.start ?? 0, end: tag.end ?? 0, exact: tag.exact, prefix: tag.prefix ?? '', suffix: tag.suffix ?? '' };
    const anchor = anchorer.anchor(target, { positionUnknown: !known });
    if (!anchor) {
      outcomes.push({ origin: tag.origin, result: 'not-found', exact: tag.exact });
      continue;
    }
    const { start, end } = anchor;
    const existing = findAnnotation(current, tag.kind, start, end);
    const note = tag.note?.trim() ? tag.note : undefined;
    // setTag merges the evidence too (deduplicated, sorted) and stamps the tag when anything changed.
    const evidence = tag.evidence?.length ? { evidence: tag.evidence } : {};
    let result: 'added' | 'updated' | 'unchanged';
    if (!existing) {
      current = setTag(current, { kind: tag.kind, start, end, status: tag.status, sourceText: text, now: options.now, ...(note ? { note } : {}), ...evidence }, options.newId ?? newAnnotationId);
      result = 'added';
    } else {
      const statusDiffers = existing.status !== tag.status;
      const existingNote = noteOf(existing);
      const noteDiffers = note !== undefined && existingNote !== undefined && existingNote !== note;
      if ((statusDiffers || noteDiffers) && !options.overwrite) {
        outcomes.push({ origin: tag.origin, result: 'kept', start, end, existing: describe(existing.status, existingNote), incoming: describe(tag.status, note) });
        continue;
      }
      // A note only fills an empty one unless overwriting; an absent note never removes one.
      const setNote = note !== undefined && (existingNote === undefined || options.overwrite) ? { note } : {};
      current = setTag(current, { kind: tag.kind, start, end, status: tag.status, sourceText: text, now: options.now, ...setNote, ...evidence });
      result = findAnnotation(current, tag.kind, start, end) === existing ? 'unchanged' : 'updated';
    }
    if (result !== 'unchanged') changed = true;
    outcomes.push({ origin: tag.origin, result, start, end });
  }
  return { sidecar: current, outcomes, changed };
}

