// Linking a source's mentions into entities (entityResolution.ts) reads every mention of the
// source: ~50 ms and ~17 MB of garbage per keystroke on 1 MB. Most edits touch no name: the
// mentions are the last analysis's, some moved by the edit. Resolution reads offsets only to order
// mentions, so when every mention says the same as the last time, in the same order, each gets the
// entity it got then.
import type { EntityInfo } from '../../model';
import type { EntityMention } from './entityMention';
import { resolveEntities, type ResolvedMention } from './entityResolution';

/** The last resolution: its mentions and, per mention kept, its index among them and its entity. */
export interface ResolutionMemo {
  mentions: readonly EntityMention[];
  kept: Int32Array;
  infos: readonly EntityInfo[];
}

/** Whether two mentions say the same (every field but their offsets). */
function sameButPlace(a: EntityMention, b: EntityMention): boolean {
  const x = a as unknown as Record<string, unknown>;
  const y = b as unknown as Record<string, unknown>;
  let keys = 0;
  for (const k in x) {
    if (k === 'start' || k === 'end') continue;
    if (x[k] !== y[k]) return false;
    keys++;
  }
  for (const k in y) if (k !== 'start' && k !== 'end') keys--;
  return keys === 0;
}

/**
 * Whether `now` are `before` saying the same, in the same order by start. Both must run in text
 * order with ties in the same places: then any two compare alike, as the resolution's sorts see them.
 */
function sameMentions(before: readonly EntityMention[], now: readonly EntityMention[]): boolean {
  if (before.length !== now.length) return false;
  for (let i = 0; i < now.length; i++) {
    const a = now[i]!;
    const b = before[i]!;
    if (a.end - a.start !== b.end - b.start || !sameButPlace(a, b)) return false;
    if (i === 0) continue;
    const da = a.start - now[i - 1]!.start;
    const db = b.start - before[i - 1]!.start;
    if (da < 0 || db < 0 || (da === 0) !== (db === 0)) return false;
  }
  return true;
}

/**
 * resolveEntities(mentions), reusing `memo` (the last call's) when the mentions say the same as its
 * own; returns the resolution and the memo for the next call.
 */
export function resolveEntitiesReusing(mentions: EntityMention[], memo: ResolutionMemo | undefined): { resolved: ResolvedMention[]; memo: ResolutionMemo } {
  if (memo && sameMentions(memo.mentions, mentions)) {
    const resolved: ResolvedMention[] = new Array(memo.kept.length);
    for (let i = 0; i < memo.kept.length; i++) resolved[i] = { mention: mentions[memo.kept[i]!]!, info: memo.infos[i]! };
    return { resolved, memo: { ...memo, mentions } };
  }
  const resolved = resolveEntities(mentions);
  const indexOf = new Map<EntityMention, number>();
  for (let i = 0; i < mentions.length; i++) indexOf.set(mentions[i]!, i);
  return {
    resolved,
    memo: { mentions, kept: Int32Array.from(resolved, (r) => indexOf.get(r.mention)!), infos: resolved.map((r) => r.info) },
  };
}
