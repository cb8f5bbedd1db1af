// Which entity mentions, across sources, are one entity: the same canonical name ("Lei Jun" in
// two sources), a gazetteer alias already resolved per source ("USA" → "United States"), or a
// one-word name that is part of exactly one full name of a person in the workspace ("Jun" in a
// source that never writes "Lei Jun").
import type { EntityType } from '../model';
import { runSteps, STEP_ITEMS, StepCounter, type Steps } from './steps';
import type { EntityMentionDigest } from './types';

export interface EntityGroup {
  /** Stable id: the representative's key with its type, e.g. `person:lei jun`. */
  id: string;
  canonical: string;
  type: EntityType;
  /** Source-local keys that belong to this entity. */
  keys: string[];
  /** Every surface form used for it, canonical included, sorted. */
  names: string[];
  /** Descriptive phrases with a title ("Xiaomi's Chairman Lei Jun"), sorted. */
  descriptions: string[];
  mentions: number;
  sources: number;
}

interface KeyStats {
  mentions: number;
  sources: Map<string, number>;
  types: Map<EntityType, number>;
  names: Map<string, number>;
  canonicals: Map<string, number>;
  descriptions: Map<string, number>;
}

const words = (s: string) => s.split(/\s+/).filter(Boolean);
const CORPORATE_SUFFIX = /\s+(?:co|co\.|corp|corp\.|corporation|inc|inc\.|ltd|ltd\.|llc|plc|group|holdings|limited)$/i;

function top<K>(m: Map<K, number>): K {
  let best: K | undefined;
  let n = -1;
  for (const [k, c] of m) if (c > n) [best, n] = [k, c];
  return best!;
}

const bump = <K>(m: Map<K, number>, k: K, d: number) => {
  const n = (m.get(k) ?? 0) + d;
  if (n <= 0) m.delete(k);
  else m.set(k, n);
};

interface Grouping {
  byKey: Map<string, EntityGroup>;
  all: EntityGroup[];
}

/** Kept up to date source by source; the grouping itself is recomputed lazily from the per-key counts. */
export class EntityRegistry {
  private readonly stats = new Map<string, KeyStats>();
  private groupsCache?: Grouping;
  /** Bumped on every change: a grouping built in steps across one is not kept. */
  private generation = 0;

  add(sourceId: string, mentions: readonly EntityMentionDigest[], sign: 1 | -1 = 1): void {
    this.groupsCache = undefined;
    this.generation++;
    for (const m of mentions) {
      let s = this.stats.get(m.key);
      if (!s) {
        if (sign < 0) continue;
        this.stats.set(m.key, (s = { mentions: 0, sources: new Map(), types: new Map(), names: new Map(), canonicals: new Map(), descriptions: new Map() }));
      }
      s.mentions += sign;
      bump(s.sources, sourceId, sign);
      bump(s.types, m.type, sign);
      bump(s.names, m.text, sign);
      bump(s.canonicals, m.canonical, sign);
      if (m.role) bump(s.descriptions, m.role.phrase.replace(/\s+/g, ' '), sign);
      if (s.mentions <= 0) this.stats.delete(m.key);
    }
  }

  remove(sourceId: string, mentions: readonly EntityMentionDigest[]): void {
    this.add(sourceId, mentions, -1);
  }

  groupOf(key: string): EntityGroup | undefined {
    return this.groups().byKey.get(key);
  }

  all(): EntityGroup[] {
    return this.groups().all;
  }

  private groups(): Grouping {
    return this.groupsCache ?? runSteps(this.groupsInSteps());
  }

  /** Whether the grouping is built (after a change it is rebuilt on the first question, or by groupsInSteps). */
  get grouped(): boolean {
    return this.groupsCache !== undefined;
  }

  /** Builds the grouping in steps of about `size` keys (see steps.ts); the same result as building it at once. */
  *groupsInSteps(size = STEP_ITEMS): Steps<Grouping> {
    if (this.groupsCache) return this.groupsCache;
    const generation = this.generation;
    const step = new StepCounter(size);
    const typeOf = new Map<string, EntityType>();
    // Words of each key, split once (the representative's choice compares them again and again).
    const wordsOf = new Map<string, string[]>();
    for (const [key, s] of this.stats) {
      typeOf.set(key, top(s.types));
      wordsOf.set(key, words(key));
      if (step.tick()) yield;
    }

    // Union-find over keys.
    const parent = new Map<string, string>();
    const find = (k: string): string => {
      let r = k;
      while (parent.get(r) !== undefined && parent.get(r) !== r) r = parent.get(r)!;
      parent.set(k, r);
      return r;
    };
    const union = (a: string, b: string) => {
      const [ra, rb] = [find(a), find(b)];
      if (ra !== rb) parent.set(rb, ra);
    };

    // One-word names to the one full person name they are part of (first or last word).
    const fullByPart = new Map<string, Set<string>>();
    for (const [key, type] of typeOf) {
      if (step.tick()) yield;
      if (type !== 'person') continue;
      const w = wordsOf.get(key)!;
      if (w.length < 2) continue;
      for (const part of [w[0], w[w.length - 1]]) {
        let set = fullByPart.get(part);
        if (!set) fullByPart.set(part, (set = new Set()));
        set.add(key);
      }
    }
    for (const [key, type] of typeOf) {
      if (step.tick()) yield;
      if (wordsOf.get(key)!.length !== 1 || (type !== 'person' && type !== 'other')) continue;
      const full = fullByPart.get(key);
      if (full?.size === 1) union([...full][0], key);
    }
    // "Samsung Electronics Co." and "Samsung Electronics".
    const byStripped = new Map<string, string>();
    for (const [key, type] of typeOf) {
      if (step.tick()) yield;
      if (type !== 'organisation') continue;
      const stripped = key.replace(CORPORATE_SUFFIX, '');
      const other = byStripped.get(stripped);
      if (other) union(other, key);
      else byStripped.set(stripped, key);
    }

    const members = new Map<string, string[]>();
    for (const key of this.stats.keys()) {
      const r = find(key);
      let list = members.get(r);
      if (!list) members.set(r, (list = []));
      list.push(key);
      if (step.tick()) yield;
    }

    const byKey = new Map<string, EntityGroup>();
    const all: EntityGroup[] = [];
    for (const keys of members.values()) {
      keys.sort();
      // The representative: the key with the most words, then the most mentions.
      const rep = keys.reduce((a, b) => {
        const d = wordsOf.get(b)!.length - wordsOf.get(a)!.length || this.stats.get(b)!.mentions - this.stats.get(a)!.mentions || (b < a ? 1 : -1);
        return d > 0 ? b : a;
      });
      const types = new Map<EntityType, number>();
      const names = new Set<string>();
      const descriptions = new Set<string>();
      let mentions = 0;
      for (const k of keys) {
        const s = this.stats.get(k)!;
        mentions += s.mentions;
        for (const [t, n] of s.types) bump(types, t, n);
        for (const n of s.names.keys()) names.add(n);
        for (const d of s.descriptions.keys()) descriptions.add(d);
      }
      // Most groups have one key: count its sources without building a set.
      let sourceCount = this.stats.get(keys[0])!.sources.size;
      if (keys.length > 1) {
        const sources = new Set<string>();
        for (const k of keys) for (const src of this.stats.get(k)!.sources.keys()) sources.add(src);
        sourceCount = sources.size;
      }
      const canonical = top(this.stats.get(rep)!.canonicals);
      names.add(canonical);
      const type = rep === keys[0] || typeOf.get(rep) !== 'other' ? typeOf.get(rep)! : top(types);
      const group: EntityGroup = {
        id: `${type}:${rep}`, canonical, type, keys,
        names: [...names].sort(), descriptions: [...descriptions].sort(), mentions, sources: sourceCount,
      };
      all.push(group);
      for (const k of keys) byKey.set(k, group);
      if (step.tick(keys.length)) yield;
    }
    all.sort((a, b) => b.sources - a.sources || b.mentions - a.mentions || (a.id < b.id ? -1 : 1));
    // Changed while this was paused between steps: what was built is out of date.
    if (generation !== this.generation) return runSteps(this.groupsInSteps());
    this.groupsCache = { byKey, all };
    return this.groupsCache;
  }
}
