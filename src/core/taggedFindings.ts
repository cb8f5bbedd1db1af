import search from 'approx-string-match';
import { regionAt } from './regions';
import type { Finding, RegionSpan } from './model';
import type { Annotation, Sidecar, TextQuoteTarget } from './tags/annotation';
import { QuoteAnchorer, type Anchor } from './tags/anchoring';
import { makeQuoteTarget, sameQuoteTarget, sha256Hex } from './tags/quoteSelector';
import { compareFindings, finding as oneShape } from './model';
import { placeKey, taggedOnlyId } from './findingIds';
import { placeLookup } from './text/placeLookup';

export interface TaggedFinding extends Finding {
  annotation?: Annotation;
  /** How the annotation was found in the current text (absent on untagged findings). */
  anchor?: Anchor;
}

export interface TaggedFindings {
  findings: TaggedFinding[];
  /** Tags whose quoted text cannot be found in the source any more. They are kept, and shown to the user. */
  orphans: Annotation[];
  /** Where each anchored annotation is in the text, by annotation id. */
  anchors: Map<string, Anchor>;
  /**
   * Tags that landed on a finding another tag already holds (two people tagged the same claim on
   * different branches, then merged). Kept in step like the others, and shown so one can be deleted.
   */
  duplicates: { annotation: Annotation; finding: TaggedFinding }[];
}

export interface Span {
  start: number;
  end: number;
}

/**
 * A range the editor kept in step with edits still holds the tag if it is not empty and its text is
 * at least half like the quote; typing over the whole tagged text, or the editor reloading the file
 * from disk as one replacement, makes it a guess, and the quote decides instead.
 */
export function trackedStillHolds(text: string, span: Span, exact: string): boolean {
  if (span.end <= span.start || span.end > text.length) return false;
  const now = text.slice(span.start, span.end);
  if (now === exact) return true;
  if (!exact || Math.abs(now.length - exact.length) > exact.length / 2) return false;
  const [m] = search(now, exact, Math.floor(exact.length / 2));
  return m !== undefined && m.start === 0 && m.end === now.length;
}

/**
 * Where each item (a tag, a dismissal) is in `text`, by id: the editor's tracked range when it still
 * holds, else re-found by its quote. Tags and dismissals both anchor here, so they behave alike.
 */
export function anchorTargets<T extends { id: string; target: TextQuoteTarget }>(
  text: string, items: readonly T[], tracked?: ReadonlyMap<string, Span>,
): Map<string, Anchor> {
  const anchors = new Map<string, Anchor>();
  const toAnchor: T[] = [];
  for (const item of items) {
    const span = tracked?.get(item.id);
    if (span && trackedStillHolds(text, span, item.target.exact)) anchors.set(item.id, { ...span, method: 'tracked', confidence: 1 });
    else toAnchor.push(item);
  }
  new QuoteAnchorer(text).anchorAll(toAnchor.map((a) => a.target)).forEach((anchor, i) => {
    if (anchor) anchors.set(toAnchor[i]!.id, anchor);
  });
  return anchors;
}

/** `findings` in compareFindings order, as a new list: an analysis's are in that order already, and a sort of them was ~0.5 ms of a keystroke on 1 MB. */
function inOrder(findings: readonly Finding[]): Finding[] {
  for (let i = 1; i < findings.length; i++) if (compareFindings(findings[i - 1]!, findings[i]!) > 0) return [...findings].sort(compareFindings);
  return findings.slice();
}

/**
 * Puts each tag from the sidecar on the finding it belongs to. `tracked` gives ranges the editor kept
 * in step with edits, by annotation id; every other tag is re-anchored by its quote. A tag whose text
 * is still there but is no longer detected (a higher threshold, a detector change) becomes a finding
 * of its own, so a tag never disappears from view.
 */
export function attachTags(
  text: string,
  findings: readonly Finding[],
  sidecar: Sidecar | undefined,
  tracked?: ReadonlyMap<string, Span>,
  /** Findings not flagged on their own (repeated claims) that a tag can still land on. */
  unflagged: readonly Finding[] = [],
  /** The source's regions, for tags on text no finding covers. */
  regions?: readonly RegionSpan[],
  /** The tags' anchors (anchorTargets of the sidecar's annotations), when the caller found them already: taken, not copied. */
  anchored?: Map<string, Anchor>,
): TaggedFindings {
  const annotations = sidecar?.annotations ?? [];
  // No tags (every keystroke in an untagged source): no key per finding, which cost ~40 ms on 1 MB.
  if (!annotations.length) return { findings: inOrder(findings), orphans: [], anchors: new Map(), duplicates: [] };
  // By place: a tag is matched to the first finding where it is anchored, found by a binary search
  // (a key per finding cost ~35 ms of each keystroke in a tagged 1 MB source). Findings are shared
  // with the analysis until a tag lands on one (then copied): copying all 50,000 findings of a 1 MB
  // source cost every keystroke ~30 ms.
  const findingAt = placeLookup(findings);
  const spareAt = placeLookup(unflagged);
  const out: TaggedFinding[] = findings.slice();
  const added: TaggedFinding[] = [];
  /** What each place a tag landed on holds now: a second tag there is a duplicate. */
  const taken = new Map<string, TaggedFinding>();
  const orphans: Annotation[] = [];
  const duplicates: TaggedFindings['duplicates'] = [];
  const anchors = anchored ?? anchorTargets(text, annotations, tracked);

  for (const annotation of annotations) {
    const anchor = anchors.get(annotation.id);
    if (!anchor) {
      orphans.push(annotation);
      continue;
    }
    const place = placeKey(annotation.kind, anchor.start, anchor.end);
    const i = taken.has(place) ? undefined : findingAt(anchor.start, anchor.end, annotation.kind);
    const held = taken.get(place) ?? (i === undefined ? undefined : out[i]);
    if (held?.annotation) {
      duplicates.push({ annotation, finding: held });
      continue;
    }
    let finding: TaggedFinding;
    if (i !== undefined) {
      finding = out[i] = { ...out[i]!, annotation, anchor };
    } else {
      const j = spareAt(anchor.start, anchor.end, annotation.kind);
      if (j !== undefined) {
        finding = { ...unflagged[j]!, annotation, anchor };
      } else {
        // A tag on text the analysis did not flag: it takes its block's region.
        const block = regions ? regionAt(regions, anchor.start) : undefined;
        const words = text.slice(anchor.start, anchor.end);
        finding = {
          ...oneShape({
            id: taggedOnlyId(annotation.kind, words, annotation.id), kind: annotation.kind, start: anchor.start, end: anchor.end, text: words, region: block?.region ?? 'body',
            commenter: block?.commenter || undefined, score: 0, cues: [],
          }),
          annotation, anchor,
        };
      }
      added.push(finding);
    }
    taken.set(place, finding);
  }
  for (const f of added) out.push(f);
  return { findings: out.sort(compareFindings), orphans, anchors, duplicates };
}

/**
 * The sidecar with every anchored tag's offsets and quote brought up to date with `text`, and every
 * tag that could not be anchored marked as an orphan (since `now`, unless it already was), so that
 * saving keeps the file in step with the source. Orphans keep their last known target. Annotations
 * `tagged` does not know (another writer added them meanwhile) are left as they are.
 */
export function rebaseSidecar(
  sidecar: Sidecar, text: string, tagged: TaggedFindings & { dismissalOrphans?: readonly { id: string }[] }, now: Date = new Date(),
): Sidecar {
  const orphaned = new Set([...tagged.orphans, ...(tagged.dismissalOrphans ?? [])].map((a) => a.id));
  // Tags and dismissals are brought up to date alike.
  const rebase = <T extends { id: string; target: TextQuoteTarget; orphanedAt?: string }>(a: T): T => {
    const anchor = tagged.anchors.get(a.id);
    if (!anchor) {
      return orphaned.has(a.id) && a.orphanedAt === undefined ? { ...a, orphanedAt: now.toISOString() } : a;
    }
    const target = makeQuoteTarget(text, anchor.start, anchor.end);
    if (sameQuoteTarget(target, a.target) && a.orphanedAt === undefined) return a;
    const { orphanedAt: _found, ...rest } = a;
    return { ...rest, target } as T;
  };
  const annotations = sidecar.annotations.map(rebase);
  return {
    ...sidecar, sourceSha256: sha256Hex(text), annotations,
    ...(sidecar.dismissals ? { dismissals: sidecar.dismissals.map(rebase) } : {}),
  };
}
