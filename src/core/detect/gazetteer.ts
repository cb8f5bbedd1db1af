import type { EntityType } from '../model';
import data from '../lexicons/gazetteer.json';

export interface GazetteerEntry {
  canonical: string;
  type: EntityType;
}

type GazetteerData = Partial<Record<EntityType, string[][]>>;

/** Known names, looked up by exact surface form, with "the" dropped. */
export class Gazetteer {
  private readonly byName = new Map<string, GazetteerEntry>();
  readonly longestNameWords: number;

  constructor(raw: GazetteerData = data as GazetteerData) {
    let longest = 1;
    for (const [type, groups] of Object.entries(raw)) {
      if (!Array.isArray(groups)) continue;
      for (const names of groups) {
        const entry = { canonical: names[0], type: type as EntityType };
        for (const name of names) {
          this.byName.set(name, entry);
          longest = Math.max(longest, name.split(' ').length);
        }
      }
    }
    this.longestNameWords = longest;
  }

  lookup(name: string): GazetteerEntry | undefined {
    return this.byName.get(name) ?? this.byName.get(name.replace(/^the /i, ''));
  }
}
