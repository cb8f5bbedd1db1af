// What of a source's findings is shown: the regions the user chose, minus what they dismissed (in
// the sidecar or the workspace's ignore file). A tagged finding is always shown, whatever its region
// or dismissal: nothing the user has tagged goes out of sight.
import { placeKey } from './findingIds';
import { entityWith, findingWith, type Region } from './model';
import type { Anchor } from './tags/anchoring';
import { DISMISSED_KIND, type Dismissal } from './tags/annotation';
import { anchorTargets, type Span, type TaggedFinding, type TaggedFindings } from './taggedFindings';

export interface VisibilityOptions {
  /** Regions shown; absent: every region. */
  regions?: ReadonlySet<Region>;
  /** Names dismissed in the whole workspace, lower-cased. */
  ignoredNames?: readonly string[];
}

export interface VisibleFindings extends TaggedFindings {
  /** The sidecar's dismissals whose text is still there, with where (their anchors are in `anchors` too). */
  dismissals: { dismissal: Dismissal; anchor: Anchor }[];
  /** Dismissals whose text cannot be found: they hide nothing and are listed, like orphaned tags. */
  dismissalOrphans: Dismissal[];
  /** Findings left out because they were dismissed. */
  dismissed: number;
  /** Untagged findings left out because their region is hidden. */
  hiddenByRegion: number;
}

/**
 * Applies the regions and dismissals to tagged findings. Linear in findings and dismissals. Entity
 * mention counts are recounted over the findings shown, so a hover does not count hidden comments.
 */
export function applyVisibility(
  text: string,
  tagged: TaggedFindings,
  dismissalList: readonly Dismissal[],
  options: VisibilityOptions,
  tracked?: ReadonlyMap<string, Span>,
): VisibleFindings {
  const anchored = anchorTargets(text, dismissalList, tracked);
  const anchors = new Map(tagged.anchors);
  const dismissals: VisibleFindings['dismissals'] = [];
  const dismissalOrphans: Dismissal[] = [];
  const hiddenPlaces = new Set<string>();
  const names = new Set(options.ignoredNames ?? []);
  for (const d of dismissalList) {
    const anchor = anchored.get(d.id);
    if (!anchor) {
      // Its name too: an orphan hides nothing until its text is found again.
      dismissalOrphans.push(d);
      continue;
    }
    if (d.kind === 'ignore-name' && d.name) names.add(d.name.toLowerCase());
    anchors.set(d.id, anchor);
    dismissals.push({ dismissal: d, anchor });
    hiddenPlaces.add(placeKey(DISMISSED_KIND[d.kind], anchor.start, anchor.end));
  }

  // Runs for every finding on every keystroke: a place key made only for a finding where a
  // dismissal starts (one per finding cost ~5 ms of a keystroke on 1 MB), a lower-cased text only
  // when names are dismissed.
  const hiddenStarts = new Set<number>();
  for (const d of dismissals) hiddenStarts.add(d.anchor.start);
  const isDismissed = (f: TaggedFinding) =>
    (hiddenStarts.has(f.start) && hiddenPlaces.has(placeKey(f.kind, f.start, f.end)))
    || (names.size > 0 && f.kind === 'entity' && (names.has(f.text.toLowerCase()) || (f.entity !== undefined && names.has(f.entity.key))));
  let dismissed = 0;
  let hiddenByRegion = 0;
  const findings: TaggedFinding[] = [];
  for (const f of tagged.findings) {
    if (f.annotation) findings.push(f);
    else if (isDismissed(f)) dismissed++;
    else if (options.regions && !options.regions.has(f.region)) hiddenByRegion++;
    else findings.push(f);
  }
  return {
    ...tagged,
    findings: recountMentions(findings),
    anchors,
    dismissals,
    dismissalOrphans,
    dismissed,
    hiddenByRegion,
  };
}

/**
 * Per finding, its copy with the mentions last counted. After an edit of a long source most findings
 * are the last analysis's (madeFindings.ts), and so are their counts: the copy is the last one, not
 * made again, and the worker's delta knows it at a glance. Held beside the finding, not on it (a
 * property added to a spread copy gives it a hidden class of its own, madeFindings.ts).
 */
const recounted = new WeakMap<TaggedFinding, TaggedFinding>();

/** Entity mentions counted over the findings shown, per entity key. */
function recountMentions(findings: TaggedFinding[]): TaggedFinding[] {
  const counts = new Map<string, number>();
  for (const f of findings) if (f.entity) counts.set(f.entity.key, (counts.get(f.entity.key) ?? 0) + 1);
  return findings.map((f) => {
    if (!f.entity) return f;
    const mentions = counts.get(f.entity.key)!;
    if (mentions === f.entity.mentions) return f;
    const last = recounted.get(f);
    if (last?.entity!.mentions === mentions) return last;
    const copy = findingWith(f, { entity: entityWith(f.entity, { mentions }) });
    recounted.set(f, copy);
    return copy;
  });
}
