// How the Sourcemark view orders and groups a source's findings into a review queue, and where
// "next untagged claim" goes. Pure (no vscode), so it is tested on its own.
import * as l10n from '@vscode/l10n';
import type { FindingItem } from '../shared/protocol';
import { entityGroupKey, inComment } from '../shared/viewSections';

/** The Claims section's order: most check-worthy first, or as they appear in the source. */
export type ClaimOrder = 'worthiness' | 'position';

const byPosition = (a: FindingItem, b: FindingItem) => a.start - b.start || a.end - b.end;
const byWorthiness = (a: FindingItem, b: FindingItem) => b.score - a.score || byPosition(a, b);

export { inComment };

/**
 * The claims in queue order: the article's first, then the comments' (each part in `order`), so
 * the queue a reviewer walks is the one the view shows.
 */
export function claimQueue(findings: readonly FindingItem[], order: ClaimOrder): FindingItem[] {
  const compare = order === 'worthiness' ? byWorthiness : byPosition;
  const claims = findings.filter((f) => f.kind === 'claim');
  return [...claims.filter((f) => !inComment(f)).sort(compare), ...claims.filter(inComment).sort(compare)];
}

/** "7 of 18 reviewed": a claim is reviewed once it carries a tag. */
export function progressText(claims: readonly FindingItem[]): string {
  return l10n.t('{0} of {1} reviewed', claims.filter((f) => f.status).length, claims.length);
}

/**
 * The next (or previous) untagged claim in queue order from the claim at `offset`, wrapping
 * around. Away from every claim: in position order the next one after (before) the cursor; in
 * worthiness order the queue's first (last) untagged claim.
 */
export function nextInQueue(queue: readonly FindingItem[], offset: number, direction: 1 | -1, order: ClaimOrder): FindingItem | undefined {
  const untagged = queue.filter((f) => !f.status);
  if (!untagged.length) return undefined;
  const here = queue.findIndex((f) => f.start <= offset && offset < f.end);
  if (here < 0) {
    if (order === 'position') {
      const sorted = [...untagged].sort(byPosition);
      return direction === 1 ? (sorted.find((f) => f.start > offset) ?? sorted[0]) : (sorted.findLast((f) => f.start < offset) ?? sorted[sorted.length - 1]);
    }
    return direction === 1 ? untagged[0] : untagged[untagged.length - 1];
  }
  for (let step = 1; step <= queue.length; step++) {
    const f = queue[(((here + direction * step) % queue.length) + queue.length) % queue.length];
    if (!f.status) return f;
  }
  return undefined;
}

/** Every mention of one entity in a source. */
export interface EntityGroup {
  key: string;
  /** The name most mentions use (the first of them on a tie). */
  name: string;
  entityType?: string;
  mentions: FindingItem[];
}

/** One group per entity, most mentioned first, then by name. */
export function entityGroups(findings: readonly FindingItem[]): EntityGroup[] {
  const groups = new Map<string, FindingItem[]>();
  for (const f of findings) {
    if (f.kind !== 'entity') continue;
    const key = entityGroupKey(f);
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  return [...groups].map(([key, mentions]) => ({ key, name: commonestText(mentions), entityType: mentions[0].entityType, mentions }))
    .sort((a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name));
}

function commonestText(mentions: readonly FindingItem[]): string {
  const counts = new Map<string, number>();
  let best = mentions[0].text;
  for (const m of mentions) {
    const n = (counts.get(m.text) ?? 0) + 1;
    counts.set(m.text, n);
    if (n > (counts.get(best) ?? 0)) best = m.text;
  }
  return best;
}

/** A commenter and what their comments say, in the order they first commented. */
export interface CommenterGroup {
  /** Undefined when the comment names no one (the view says "Unnamed commenter"). */
  commenter: string | undefined;
  findings: FindingItem[];
}


export function commenterGroups(findings: readonly FindingItem[]): CommenterGroup[] {
  const groups = new Map<string | undefined, FindingItem[]>();
  for (const f of findings) {
    if (!inComment(f)) continue;
    const who = f.commenter;
    const list = groups.get(who);
    if (list) list.push(f);
    else groups.set(who, [f]);
  }
  return [...groups].map(([commenter, list]) => ({ commenter, findings: list }));
}
