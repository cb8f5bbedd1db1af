import type { EntityType } from '../../model';
import data from './gazetteer.json';
import names from './names.generated.json';
import places from './places.generated.json';

export interface GazetteerEntry {
  canonical: string;
  type: EntityType;
  /** From the generated lexicons rather than the hand-kept list: a person's name part may share it ("Xian"). */
  generated?: boolean;
}

export type PlaceScope = 'country' | 'province' | 'city';

type GazetteerData = Partial<Record<EntityType, string[][]>>;

export interface GeneratedPlaces {
  countries: string[][];
  cities: string[];
  provinces: string[];
  /** "Chinese", "Kenyan": nationalities, typed other (CoNLL's MISC). */
  demonyms: string[];
}

/** The generated place names as gazetteer groups: each country with its other names, each city, province and nationality alone. */
export function placeGroups(generated: GeneratedPlaces): GazetteerData {
  return {
    place: [...generated.countries, ...[...generated.cities, ...generated.provinces].map((n) => [n])],
    other: generated.demonyms.map((n) => [n]),
  };
}

/** Cheap for ASCII, the common case; the Unicode test only for other letters. */
function startsUpperCase(name: string): boolean {
  const c = name.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return /^\p{Lu}/u.test(name);
}

/** Known names, looked up by exact surface form, with "the" dropped. Earlier sources win over later ones. */
export class Gazetteer {
  private readonly byName = new Map<string, GazetteerEntry>();
  /** Lower-case names from the generated lexicon, tried when the exact form is unknown. */
  private readonly byLowerName = new Map<string, GazetteerEntry>();
  readonly longestNameWords: number;
  /** First words of the names of more than one word, in lower case; "the" opens any name ("The Verge"). */
  private readonly firstWords = new Set<string>(['the']);
  /** Generated city and province names, to tell a city (which names clubs) from a country (which names national sides). */
  private readonly scopes = new Map<string, PlaceScope>();

  constructor(
    sources: GazetteerData[] = [data as GazetteerData, placeGroups(places as GeneratedPlaces)],
    lowerNames: { organisations: readonly string[]; places: readonly string[] } = names,
    generatedPlaces: Pick<GeneratedPlaces, 'cities' | 'provinces'> = places as GeneratedPlaces,
  ) {
    let longest = 1;
    for (const raw of sources) {
      for (const [type, groups] of Object.entries(raw)) {
        if (!Array.isArray(groups)) continue;
        for (const names of groups) {
          const entry: GazetteerEntry = { canonical: names[0], type: type as EntityType, ...(raw === sources[0] ? {} : { generated: true }) };
          for (const name of names) {
            if (this.byName.has(name)) continue;
            this.byName.set(name, entry);
            longest = Math.max(longest, name.split(' ').length);
          }
        }
      }
    }
    for (const [type, list] of [['organisation', lowerNames.organisations], ['place', lowerNames.places]] as const) {
      for (const name of list) {
        if (this.byLowerName.has(name)) continue;
        this.byLowerName.set(name, { canonical: name, type, generated: true });
        longest = Math.max(longest, name.split(' ').length);
      }
    }
    this.longestNameWords = longest;
    for (const name of [...this.byName.keys(), ...this.byLowerName.keys()]) {
      const space = name.indexOf(' ');
      if (space > 0) this.firstWords.add(name.slice(0, space).toLowerCase());
    }
    for (const name of generatedPlaces.provinces) this.scopes.set(name, 'province');
    for (const name of generatedPlaces.cities) this.scopes.set(name, 'city');
  }

  /** How big a known place is: a city, a province, or else a country or wider region. */
  placeScope(canonical: string): PlaceScope | undefined {
    const entry = this.byName.get(canonical);
    if (!entry) return this.byLowerName.get(canonical.toLowerCase())?.type === 'place' ? 'city' : undefined;
    if (entry.type !== 'place') return undefined;
    return this.scopes.get(entry.canonical) ?? this.scopes.get(canonical) ?? 'country';
  }

  /** Whether some known name of more than one word may start with the word `lower` (lower-cased, as tokens carry it): else only the word itself need be looked up. */
  mayOpenLongerName(lower: string): boolean {
    return this.firstWords.has(lower);
  }

  lookup(name: string): GazetteerEntry | undefined {
    const exact = this.written(name);
    if (exact) return exact;
    // Generated names are lower case; only a capitalised form is taken as one of them.
    if (!startsUpperCase(name)) return undefined;
    const hit = this.byLowerName.get(name.toLowerCase());
    return hit && { ...hit, canonical: name };
  }

  /** `lookup(name)?.type`, without the copy a generated name's entry is made into. */
  typeOf(name: string): EntityType | undefined {
    const exact = this.written(name);
    if (exact) return exact.type;
    return startsUpperCase(name) ? this.byLowerName.get(name.toLowerCase())?.type : undefined;
  }

  /**
   * `lookup(name)?.type === 'other'` (a nationality, a people): the lower-case generated names are
   * organisations and places only, so the name as written decides; asked of most capitalised words
   * that open a run, it spares them a lower-case copy and a second lookup.
   */
  isOther(name: string): boolean {
    return this.written(name)?.type === 'other';
  }

  /** A name known as it is written, or with its "the " dropped. */
  private written(name: string): GazetteerEntry | undefined {
    // Only a name opening with "t"/"T" can lose a "the ": no second lookup of the same name for the rest.
    const c = name.charCodeAt(0);
    return this.byName.get(name) ?? (c === 116 || c === 84 ? this.byName.get(name.replace(/^the /i, '')) : undefined);
  }

  /** Looks up a name that may be set in capitals ("NEW YORK"), trying its title-case form when the exact one is unknown. */
  lookupInCapitals(name: string): GazetteerEntry | undefined {
    return this.lookup(name) ?? this.lookup(titleCase(name));
  }
}

function titleCase(s: string): string {
  return s.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());
}
