import { entityWith, type EntityInfo, type EntityType } from '../../model';
import { isClubName, TEAM_REASON } from './entityContext';
import { mention, type EntityMention } from './entityMention';
import { LEGAL_FORM_SOURCE } from './entityWords';

export interface ResolvedMention {
  mention: EntityMention;
  info: EntityInfo;
  /** Its index in the list resolved. */
  at: number;
}

/** Resolution as lists: the mentions kept, in the order of the source, as their indexes in the list resolved, and each one's entity. */
export interface ResolvedIndexes {
  at: Int32Array;
  infos: EntityInfo[];
}

interface Group {
  canonical: string;
  mentions: EntityMention[];
  /** Per entry of `mentions`, the mention it stands for (its index among those resolved); an entry that is not that mention itself is a copy given another type. */
  from: number[];
  fromGazetteer: boolean;
}

const words = (s: string) => s.split(/\s+/);

/**
 * What resolution reads of a name's text, worked out once per distinct text: a source writes the
 * same few hundred names again and again (18,000 mentions of 378 texts in the bench's 1 MB), where
 * a lower-cased copy, a key string and set entries per mention were made.
 */
interface NameText {
  text: string;
  words: string[];
  /** The key of the group the name makes. */
  lower: string;
  /** Holds a space (not any white space: as `includes(' ')` read it). */
  spaced: boolean;
  /** Set in capitals ("PARNEVIK"): its title-cased form, looked up as a part of a longer name; undefined otherwise. */
  titled: string | undefined;
  /** Written away from a sentence's start, or a word of a person's full name, in this source (standing). */
  confirmed: boolean;
}

/** Each distinct text's NameText, made when first asked for. */
class NameTexts {
  private readonly byText = new Map<string, NameText>();

  of(text: string): NameText {
    let t = this.byText.get(text);
    if (t === undefined) {
      t = { text, words: words(text), lower: text.toLowerCase(), spaced: text.includes(' '), titled: SHOUTED.test(text) ? titleCase(text) : undefined, confirmed: false };
      this.byText.set(text, t);
    }
    return t;
  }
}

/**
 * Links the mentions of one source into entities: the same name, a gazetteer alias ("US" and
 * "United States"), or part of a person's full name ("Jun" for "Lei Jun"). Each mention then
 * carries its entity's type, canonical name and mention count. `starts`: where each mention starts
 * in the source, when its own offsets are its paragraph's (the entity kind's). Offsets only order
 * the mentions, so none is copied to the source's offsets; a mention is told apart by its index, not
 * its identity (a repeated paragraph's mentions are the same objects).
 *
 * Each step is a method of its own: V8 compiles it apart, so a branch first taken after the
 * resolution was optimised (a place as a person's surname, a club's short name) compiles that step
 * again, not one function of every step (~100 ms each time, three or four times per thread;
 * README, "Then (base ce70c3a)").
 */
export function resolveEntities(all: readonly EntityMention[], starts?: ArrayLike<number>): ResolvedMention[] {
  const { at, infos } = resolveEntityIndexes(all, starts);
  return Array.from(at, (i, j) => ({ mention: all[i]!, info: infos[j]!, at: i }));
}

/** resolveEntities as lists, without an object per mention (the entity kind's, 18,000 for 1 MB). */
export function resolveEntityIndexes(all: readonly EntityMention[], starts?: ArrayLike<number>): ResolvedIndexes {
  const texts = new NameTexts();
  const names: NameText[] = new Array(all.length);
  for (let i = 0; i < all.length; i++) names[i] = texts.of(all[i]!.text);
  const indexes = standing(all, names, texts);
  const r = new Resolution(all, indexes, starts, names);
  r.group();
  r.teamsOverTowns();
  r.productLines();
  r.dropLoneFallbacks();
  r.mergeKnown();
  return r.resolved();
}

/**
 * The indexes of the mentions that stand. A capital at the start of a sentence proves nothing unless
 * the name recurs elsewhere: the tagger's reading of a lone word there stands if it is sure and the
 * word is not a common one ("Smartphone sales").
 */
function standing(all: readonly EntityMention[], names: readonly NameText[], texts: NameTexts): number[] {
  for (let i = 0; i < all.length; i++) {
    const m = all[i]!;
    const name = names[i]!;
    if (!m.sentenceInitial) name.confirmed = true;
    // "Lei made the remarks": a sentence-initial word that is part of a full name is that person.
    if (m.type === 'person' && name.spaced) for (const part of name.words) texts.of(part).confirmed = true;
  }
  const indexes: number[] = [];
  for (let i = 0; i < all.length; i++) if (stands(all[i]!, names[i]!)) indexes.push(i);
  return indexes;
}

function stands(m: EntityMention, name: NameText): boolean {
  if (!m.sentenceInitial || m.canonical || name.spaced || name.confirmed) return true;
  if (m.learned) return (m.type !== 'other' || m.confidence >= LEARNED_SURE) && !m.commonWord;
  return m.type !== 'other';
}

/** A group's entity, and its aliases as the mentions' NameTexts. */
interface Entity {
  info: EntityInfo;
  aliases: ReadonlySet<NameText>;
}

/** The mentions that stand grouped into entities, step by step; indexed by place among them. */
class Resolution {
  readonly mentions: EntityMention[] = [];
  readonly groups = new Map<string, Group>();
  /** Each mention stands in exactly one group at a time, as itself or as a copy; its entity is that group's. */
  readonly groupOf: Group[];
  /** Each mention's text as resolution reads it (NameText: one per distinct text, only read). */
  readonly textOf: NameText[];
  /** Group keys of canonical names, by canonical name. */
  private readonly canonicalKeys = new Map<string, string>();
  /** The mentions came in text order (their starts never fall): resolved() then need not sort. */
  private inOrder = false;
  /** By mention: given its entity's type as it is. A copy joined as another type keeps its own reading of its entity (typedAs) when its group is retyped too. */
  readonly retyped: Uint8Array;
  /** By mention: left out. */
  readonly dropped: Uint8Array;

  constructor(all: readonly EntityMention[], readonly indexes: readonly number[], private readonly starts: ArrayLike<number> | undefined, names: readonly NameText[]) {
    const n = indexes.length;
    this.textOf = new Array(n);
    for (let j = 0; j < n; j++) {
      this.mentions.push(all[indexes[j]!]!);
      this.textOf[j] = names[indexes[j]!]!;
    }
    this.groupOf = new Array(n);
    this.retyped = new Uint8Array(n);
    this.dropped = new Uint8Array(n);
  }

  /** Mention `k`, itself or a copy given another type, into `g`. */
  private join(g: Group, m: EntityMention, k: number): void {
    g.mentions.push(m);
    g.from.push(k);
    this.groupOf[k] = g;
  }

  private add(key: string, canonical: string, k: number, fromGazetteer: boolean): Group {
    let g = this.groups.get(key);
    if (!g) this.groups.set(key, (g = { canonical, mentions: [], from: [], fromGazetteer }));
    this.join(g, this.mentions[k]!, k);
    return g;
  }

  private isCopy(g: Group, e: number): boolean {
    return g.mentions[e] !== this.mentions[g.from[e]!];
  }

  /**
   * Longer names first, so shorter ones can attach to them as aliases; names of one length in text
   * order. Mentions that come in text order are placed by counting, not sorted (a sort of 18,000
   * names of 1 MB was ~20 % of a resolution); others are sorted on keys in typed arrays. No object
   * per name: another literal per name (a copy to place it) made the dear keystrokes dearer over
   * LSP, likely in the old generation's collector (README, base 67560de).
   */
  private order(): number[] {
    const { mentions, textOf, starts, indexes } = this;
    const n = mentions.length;
    const wordCounts = new Int32Array(n);
    const startOf = new Float64Array(n);
    let most = 0;
    let inOrder = true;
    for (let i = 0; i < n; i++) {
      const m = mentions[i]!;
      const count = (wordCounts[i] = textOf[i]!.words.length);
      if (count > most) most = count;
      startOf[i] = starts ? starts[indexes[i]!]! : m.start;
      if (i > 0 && !(startOf[i]! >= startOf[i - 1]!)) inOrder = false;
    }
    const order: number[] = new Array(n);
    this.inOrder = inOrder;
    if (inOrder && most <= MAX_BUCKETS) {
      // Mentions in text order (an analysis passes them so): by word count, most first, each count's
      // in their own order, as the stable sort below gives them, without its 250,000 comparisons.
      const at = new Int32Array(most + 2);
      for (let i = 0; i < n; i++) at[most - wordCounts[i]! + 1]++;
      for (let c = 1; c <= most + 1; c++) at[c] += at[c - 1]!;
      for (let i = 0; i < n; i++) order[at[most - wordCounts[i]!]!++] = i;
      return order;
    }
    for (let i = 0; i < n; i++) order[i] = i;
    // Array#sort is stable: ties keep the mentions' order, as sorting the mentions themselves did.
    order.sort((a, b) => wordCounts[b]! - wordCounts[a]! || startOf[a]! - startOf[b]!);
    return order;
  }

  /** The group key of a canonical name ("=united states"), made once per name. */
  private canonicalKey(canonical: string): string {
    let key = this.canonicalKeys.get(canonical);
    if (key === undefined) this.canonicalKeys.set(canonical, (key = `=${canonical.toLowerCase()}`));
    return key;
  }

  /** Every mention into a group: its name's, or that of a longer name it is part of. */
  group(): void {
    const { mentions, textOf, groups } = this;
    const order = this.order();
    // The shorter names a longer one contains, each pointing at the first group that has it: a lookup
    // per mention, where scanning every earlier name is quadratic in a source naming thousands of people.
    const personParts = new Map<string, Group>();
    // "Lebed Chechnya" in a headline beside "Alexander Lebed": a name opening with another's surname runs two names together, and lends its words to neither.
    const surnames = new Set<string>();
    for (let k = 0; k < mentions.length; k++) {
      const w = textOf[k]!.words;
      if (mentions[k]!.type === 'person' && w.length >= 2) surnames.add(w[w.length - 1]!);
    }
    const organisationStarts = new Map<string, Group>();
    for (let o = 0; o < order.length; o++) {
      const k = order[o]!;
      const m = mentions[k]!;
      const name = textOf[k]!;
      const w = name.words;
      const count = w.length;
      // "Xian" after "Wang Xian" is the person, though a city has the same name.
      const asPerson = !name.spaced && (m.generatedName || placeAsSurname(m, personParts)) ? personParts.get(m.text) : undefined;
      if (asPerson) {
        this.join(asPerson, mention(m, { type: 'person' }), k);
        continue;
      }
      if (m.canonical) {
        const g = this.add(this.canonicalKey(m.canonical), m.canonical, k, true);
        // "Real" after "Real Madrid": a known club's first words alone are the club.
        if (m.type === 'organisation' && isClubName(w)) addParts(organisationStarts, g, w, false);
        continue;
      }
      const exact = groups.get(name.lower);
      if (exact) {
        this.join(exact, m, k);
        continue;
      }
      // "PARNEVIK" in a headline is the "Parnevik" of "Jesper Parnevik".
      const part = (m.fallback || m.learned) && name.titled !== undefined ? name.titled : m.text;
      const person = (m.type === 'person' || m.type === 'other' || unsurePart(m)) && personParts.get(part);
      if (person) {
        // As the person: an unsure tagger's other type must not outvote the full name ("Parnevik" after "Jesper Parnevik").
        this.join(person, m.type === 'person' || m.type === 'other' ? m : mention(m, { type: 'person' }), k);
        continue;
      }
      // "Newmont" after "Newmont Mining Corp": a weakly typed name that opens an organisation's name is that organisation.
      const opened = organisationStarts.get(part);
      const organisation = opened && (m.confidence < 0.8 || COMPANY_END.test(opened.canonical) || isClubName(words(opened.canonical))) && opened;
      if (organisation) {
        // As the organisation: its short names ("Jones", "Jones Medical" of "Jones Medical Industries Inc") must not outvote the full one.
        this.join(organisation, mention(m, { type: 'organisation' }), k);
        continue;
      }
      const g = this.add(name.lower, m.text, k, false);
      if (m.type === 'person' && count > 1 && !(count === 2 && surnames.has(w[0]!))) addParts(personParts, g, w, true);
      if (m.type === 'organisation' && count > 1) addParts(organisationStarts, g, w, false);
    }
  }

  /** A town's name that is a team in this source's results ("Cagliari ( 16 ) v Reggiana") is the team in its prose too; a dateline or "at Cagliari" stays the town. */
  teamsOverTowns(): void {
    const { groups, retyped } = this;
    for (const [key, team] of groups) {
      if (team.fromGazetteer || !team.mentions.some((m) => m.reason === TEAM_REASON)) continue;
      const town = groups.get(`=${key}`);
      if (!town || town.mentions[0].type !== 'place') continue;
      const stays: EntityMention[] = [];
      const staysFrom: number[] = [];
      for (let e = 0; e < town.mentions.length; e++) {
        const m = town.mentions[e]!;
        const k = town.from[e]!;
        if (m.reason === 'dateline' || m.venue) {
          stays.push(m);
          staysFrom.push(k);
          continue;
        }
        if (!this.isCopy(town, e)) retyped[k] = 1;
        this.join(team, mention(m, { type: 'organisation' }), k);
      }
      town.mentions = stays;
      town.from = staysFrom;
      if (!town.mentions.length) groups.delete(`=${key}`);
    }
  }

  /** "The new Mix series" beside "Xiaomi Mi Mix 2": a lone word naming a product line of this source (a known product or a model with a number; "Max Marriner" is a person) is that product, whatever its capital suggested. */
  productLines(): void {
    const { mentions, textOf, retyped } = this;
    const productWords = new Set<string>();
    for (let k = 0; k < mentions.length; k++) {
      const m = mentions[k]!;
      if (m.type === 'product' && (m.canonical || /\d/.test(m.text))) for (const w of textOf[k]!.words.slice(1)) if (/^\p{Lu}\p{Ll}+$/u.test(w)) productWords.add(w);
    }
    if (!productWords.size) return;
    for (const g of this.groups.values()) {
      if (g.fromGazetteer || !productWords.has(g.canonical) || g.mentions.every((m) => m.type === 'product')) continue;
      // In place: a group's mentions stay one kind of array (a new one from `map` is not, once optimised).
      for (let i = 0; i < g.mentions.length; i++) {
        if (!this.isCopy(g, i)) retyped[g.from[i]!] = 1;
        g.mentions[i] = mention(g.mentions[i]!, { type: 'product' });
      }
    }
  }

  /** Fallback mentions only add to an entity that a surer mention found. */
  dropLoneFallbacks(): void {
    const { groups, dropped } = this;
    for (const [key, g] of groups) {
      if (!g.mentions.some((m) => m.fallback)) continue;
      if (g.mentions.every((m) => m.fallback)) {
        for (const k of g.from) dropped[k] = 1;
        groups.delete(key);
      }
    }
  }

  /** A name written plainly and the same name known to the gazetteer, of one type, are one entity (one key, one count). */
  mergeKnown(): void {
    const { groups } = this;
    for (const [key, g] of groups) {
      const known = key.startsWith('=') ? undefined : groups.get(`=${key}`);
      // Of another type it is another entity: a club named after its town stays the club.
      if (!known || groupType(known) !== groupType(g)) continue;
      for (let e = 0; e < g.mentions.length; e++) this.join(known, g.mentions[e]!, g.from[e]!);
      groups.delete(key);
    }
  }

  /** Each mention kept with its entity, in the order of the source. */
  resolved(): ResolvedIndexes {
    const { mentions, groupOf, retyped, dropped, indexes, starts, textOf } = this;
    const entities = new Map<Group, Entity>();
    for (const [key, g] of this.groups) {
      const type = groupType(g);
      // Its other names, each once: one NameText per text, so the set compares no strings (a group of 3,000 mentions is 3,000 texts).
      const names = new Set<NameText>();
      for (const k of g.from) if (textOf[k]!.text !== g.canonical) names.add(textOf[k]!);
      const aliases: string[] = [];
      for (const name of names) aliases.push(name.text);
      aliases.sort();
      entities.set(g, { info: { type, canonical: g.canonical, key: key.replace(/^=/, ''), mentions: g.mentions.length, aliases }, aliases: names });
    }
    const kept: number[] = [];
    for (let k = 0; k < mentions.length; k++) if (!dropped[k]) kept.push(k);
    // Array#sort is stable: mentions at one place keep their order.
    if (!this.inOrder) kept.sort((a, b) => (starts ? starts[indexes[a]!]! - starts[indexes[b]!]! : mentions[a]!.start - mentions[b]!.start));
    const at = new Int32Array(kept.length);
    const infos: EntityInfo[] = new Array(kept.length);
    for (let j = 0; j < kept.length; j++) {
      const k = kept[j]!;
      const entity = entities.get(groupOf[k]!)!;
      at[j] = indexes[k]!;
      infos[j] = retyped[k] ? entity.info : typedAs(entity, mentions[k]!, textOf[k]!);
    }
    return { at, infos };
  }
}

/**
 * A sure learned mention keeps its own type (the tagger read its context, the group's vote did not),
 * unless it is another name for the entity ("Xian" for "Wang Xian"): then the entity's, as for an
 * unsure one ("Somerset got a solid start", read a person, beside the county's other mentions).
 */
function typedAs({ info, aliases }: Entity, m: EntityMention, name: NameText): EntityInfo {
  return m.learned && m.confidence >= LEARNED_OWN_TYPE && m.type !== info.type && !aliases.has(name) ? entityWith(info, { type: m.type }) : info;
}

/** Tuned on testa: how sure the tagger must be of a person's full name for a place alone to be his surname. */
const SURNAME_SURE = 0.9;

/**
 * "Washington fell short" beside "MaliVai Washington": a place the gazetteer knows, alone, is the surname of
 * a person this source names in full, where the tagger was sure of the full name; not a place after "in"
 * or "at" nor a dateline's.
 */
function placeAsSurname(m: EntityMention, personParts: ReadonlyMap<string, Group>): boolean {
  if (m.type !== 'place' || m.venue || m.reason === 'dateline') return false;
  const person = personParts.get(m.text);
  if (!person) return false;
  const names = words(person.canonical);
  return names.length <= 3 && names[names.length - 1] === m.text && person.mentions.some((p) => p.type === 'person' && p.learned === true && p.confidence >= SURNAME_SURE);
}

/** Tuned on testa: a learned mention this sure keeps its type against its entity's. */
const LEARNED_OWN_TYPE = 0.9;

/** A company's legal form closing its name: its first words alone are the company, however sure the tagger is they are a person ("Magna" of "Magna International Inc"). */
const COMPANY_END = new RegExp(`\\s${LEGAL_FORM_SOURCE}$`);

/** Tuned on testa: below this the tagger's organisation or place for one word of a person's full name in the source gives way to the person. */
const UNSURE_PART = 0.9;

/** "Parnevik" after "Jesper Parnevik", tagged an organisation: not a place after "near", nor an acronym ("MT"). */
function unsurePart(m: EntityMention): boolean {
  return m.learned === true && m.confidence < UNSURE_PART && (m.type === 'organisation' || m.type === 'place') && !m.venue && /^\p{Lu}\p{Ll}/u.test(m.text) && !m.text.includes(' ');
}

/** A name set in capitals ("PARNEVIK", "O'BRIEN"). */
const SHOUTED = /^\p{Lu}[\p{Lu}'’ -]*\p{Lu}$/u;

function titleCase(s: string): string {
  return s.toLowerCase().replace(/(^|[\s'’-])(\p{L})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());
}

/** A learned name at a sentence's start needs this confidence to stand alone, as a capital there proves little. */
const LEARNED_SURE = 0.8;

/** Longest part of a name looked up as the name: a run of a thousand capitalised words is no name's part. */
const MAX_PART_WORDS = 8;

/** Names of up to this many words are ordered by counting them (Resolution.order); a longer one (a run of capitalised words in a hostile source) by sorting. */
const MAX_BUCKETS = 64;

/**
 * Registers the first k words of a name of n words (and its last k, with `ends`), for k < n, as
 * belonging to `group` unless an earlier name has them: "Lei" and "Jun" for "Lei Jun".
 */
function addParts(parts: Map<string, Group>, group: Group, words: readonly string[], ends: boolean): void {
  for (let k = 1; k < Math.min(words.length, MAX_PART_WORDS + 1); k++) {
    const first = words.slice(0, k).join(' ');
    if (!parts.has(first)) parts.set(first, group);
    if (!ends) continue;
    const last = words.slice(-k).join(' ');
    if (!parts.has(last)) parts.set(last, group);
  }
}

/** An organisation or a place its context proves ("Petofi general manager Laszlo Sebesvari", "firm Multico"): it outweighs the tagger's guesses at the name's other mentions. */
const CONTEXT_TYPED = /^(?:before|after) "/;
/** A place its context proves ("the town of Tavildara", "east of Tavildara"; see placesAfterOf): not one after "in" or "at", which people are too. */
const PLACE_CONTEXT = /^after "\S+ of"$/;
// Tuned on testa.
const CONTEXT_WEIGHT = 3;

function groupType(g: Group): EntityType {
  if (g.fromGazetteer) return g.mentions[0].type;
  const weight = new Map<EntityType, number>();
  for (const m of g.mentions) {
    const proved = m.type === 'organisation' ? CONTEXT_TYPED.test(m.reason) : m.type === 'place' && PLACE_CONTEXT.test(m.reason);
    weight.set(m.type, (weight.get(m.type) ?? 0) + (m.type === 'other' ? 0.1 : proved ? CONTEXT_WEIGHT * m.confidence : m.confidence));
  }
  return [...weight.entries()].sort((a, b) => b[1] - a[1])[0][0];
}
