// Linking a source's mentions into entities (entityResolution.ts) reads every mention of the
// source: ~50 ms and ~17 MB of garbage per keystroke on 1 MB. Most edits touch no name: the
// mentions are the last analysis's, some moved by the edit. Resolution reads offsets only to order
// mentions, so when every mention says the same as the last time, in the same order, each gets the
// entity it got then. The mentions come as their paragraphs hold them, with their starts in the
// source beside them: none is copied to the source's offsets, not even when resolution runs (a
// paragraph's own mention is the same object from one analysis to the next, which the comparison
// checks first).
import type { EntityInfo } from '../../model';
import type { EntityMention } from './entityMention';
import { resolveEntityIndexes } from './entityResolution';

/** Per mention kept, in the order of the source, its index among the mentions and its entity. */
export interface Resolution {
  kept: Int32Array;
  infos: readonly EntityInfo[];
}

/** The last resolution, its mentions as they were passed and their starts in the source. */
export interface ResolutionMemo extends Resolution {
  mentions: readonly EntityMention[];
  starts: Float64Array;
}

/** Whether two mentions say the same (every field but their offsets). */
export function sameButPlace(a: EntityMention, b: EntityMention): boolean {
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
 * Whether `now` (starting at `starts` in the source) say what the memo's mentions said, in the same
 * order by start. Both must run in text order with ties in the same places: then any two compare
 * alike, as the resolution's sorts see them.
 */
function sameMentions(before: ResolutionMemo, now: readonly EntityMention[], starts: Float64Array): boolean {
  if (before.mentions.length !== now.length) return false;
  for (let i = 0; i < now.length; i++) {
    const a = now[i]!;
    const b = before.mentions[i]!;
    if (a !== b && (a.end - a.start !== b.end - b.start || !sameButPlace(a, b))) return false;
    if (i === 0) continue;
    const da = starts[i]! - starts[i - 1]!;
    const db = before.starts[i]! - before.starts[i - 1]!;
    if (da < 0 || db < 0 || (da === 0) !== (db === 0)) return false;
  }
  return true;
}

/**
 * resolveEntities over `mentions`, each moved by its `bases` entry (its paragraph's start; none:
 * the mentions' own offsets), reusing `memo` (the last call's) when the mentions say the same as
 * its own. Returns which mentions were kept, in the order resolveEntities gives, with their
 * entities, and the memo for the next call.
 */
export function resolveEntitiesReusing(mentions: readonly EntityMention[], bases: ArrayLike<number> | undefined, memo: ResolutionMemo | undefined): Resolution & { memo: ResolutionMemo } {
  const starts = new Float64Array(mentions.length);
  for (let i = 0; i < mentions.length; i++) starts[i] = mentions[i]!.start + (bases ? bases[i]! : 0);
  if (memo && sameMentions(memo, mentions, starts)) return { kept: memo.kept, infos: memo.infos, memo: { ...memo, mentions, starts } };
  const { at: kept, infos: resolvedInfos } = resolveEntityIndexes(mentions, starts);
  const infos = sameInfos(resolvedInfos, memo?.infos);
  return { kept, infos, memo: { mentions, starts, kept, infos } };
}

/** An entity's type and key, as sameInfos groups entities. */
const kindOf = (info: EntityInfo) => `${info.type}\u0000${info.key}`;

/** Whether two entities say the same (an entity is data only: these are all its fields). */
function sameInfo(a: EntityInfo, b: EntityInfo): boolean {
  if (a.key !== b.key || a.type !== b.type || a.canonical !== b.canonical || a.mentions !== b.mentions || a.aliases.length !== b.aliases.length) return false;
  for (let i = 0; i < a.aliases.length; i++) if (a.aliases[i] !== b.aliases[i]) return false;
  return true;
}

/**
 * `infos` with each one that says what one of `before` said replaced by that one. An edit that
 * changes a name resolves the source again, and every entity came back a new object, equal or not:
 * each of its mentions' findings was then made anew (12,000 in 1 MB), where only the entities the
 * edit changed need to be (madeFindings.ts compares entities by identity). Looked up by key and
 * type, compared field by field: a batch analyser resolves each source after another, unrelated
 * one, and writing every entity of both as JSON cost it ~0.1 ms a source. Of entities that say the
 * same (a mention typed apart from its entity gets a copy of its own, typedAs), one is kept: the
 * last in `before`, as when they were keyed by their JSON.
 */
function sameInfos(infos: EntityInfo[], before: readonly EntityInfo[] | undefined): EntityInfo[] {
  if (!before?.length) return infos;
  // One per entity, not per mention (12,000 mentions of 300 entities in 1 MB); under a key and
  // type, one per content.
  const byKind = new Map<string, EntityInfo[]>();
  for (const info of new Set(before)) {
    const kind = kindOf(info);
    const known = byKind.get(kind);
    if (!known) {
      byKind.set(kind, [info]);
      continue;
    }
    const same = known.findIndex((b) => sameInfo(b, info));
    if (same >= 0) known[same] = info;
    else known.push(info);
  }
  const chosen = new Map<EntityInfo, EntityInfo>();
  const same: EntityInfo[] = [];
  for (const info of infos) {
    let c = chosen.get(info);
    if (!c) {
      c = byKind.get(kindOf(info))?.find((b) => sameInfo(b, info)) ?? info;
      chosen.set(info, c);
    }
    same.push(c);
  }
  return same;
}
