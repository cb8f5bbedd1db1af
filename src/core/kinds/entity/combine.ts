// The tagger's spans and the rules' mentions of one sentence, combined: the tagger finds and types
// names in news prose, the rules know the gazetteer's names, products, events and results tables.
import type { EntityType } from '../../model';
import type { Sentence, Token } from '../../text/sentences';
import { mention, type EntityMention } from './entityMention';
import type { TaggedSpan } from './tagger/tagger';
import type { TaggerType } from './tagger/model';
import commonWords from './tagger/commonWords.json';
import { FIRST_NAMES, isLegalForm, LEGAL_FORM_SOURCE, ORGANISATION_HEADS, ORGANISATION_NOUNS, PLAYER_POSITIONS, SENTENCE_INITIAL_COMMON } from './entityWords';
import type { PlaceScope } from './gazetteer';
import { TEAM_REASON } from './entityContext';
import { firstStartingAt, partitionPoint } from '../../text/sortedSearch';
import { sortInPlace } from '../../text/sortInPlace';

const TYPE_OF: Record<TaggerType, EntityType> = { PER: 'person', ORG: 'organisation', LOC: 'place', MISC: 'other' };

// Tuned on testa: the rules win where their confidence is this far ahead of the tagger's.
const RULES_AHEAD = 0.35;
// Tuned on testa: below this the tagger's shorter span gives way to the rules' longer person name.
const UNSURE_CUT = 0.7;

/** Why "N. Korea" is a place: the rules know it better than the tagger, which reads initials and a surname. */
export const COMPASS_REASON = 'a compass point\'s initial and a known name';

/** Products and events ("Mi Mix 2S", "World Cup"): the rules' model numbers and head words know them, CoNLL lumps them into MISC. */
function rulesKnowBetter(m: EntityMention): boolean {
  return m.type === 'product' || m.type === 'event';
}

/**
 * A product the rules are sure of: a known one, or a model name that does not end in a bare number
 * ("Mi Mix 2S", "Mate 10 Pro"; "Somerset 83" is a score).
 */
function sureProduct(m: EntityMention, tableLine: boolean): boolean {
  if (m.type !== 'product') return false;
  if (m.canonical !== undefined || /^a .+ model$/.test(m.reason)) return true;
  // Table headings, codes and quarters ("W D L G", "M1", "Q2") look like model names too; in a table a number is a score.
  if (m.reason !== 'model name' || (tableLine && /\s\d+$/.test(m.text)) || /(?:^|\s)\p{Lu}\d?$/u.test(m.text)) return false;
  return /\p{Ll}/u.test(m.text) || /^\p{Lu}{1,2}\d{2,}$/u.test(m.text);
}

/**
 * How often a tagged span with this margin is right: measured on testa, 0.45 near a margin of 0,
 * 0.86 at 20, 0.96 at 40 and over 0.98 beyond.
 */
export function marginConfidence(margin: number): number {
  return Math.round((1 - 0.6 * Math.exp(-margin / 12)) * 100) / 100;
}

/** "Croat Alen Boksic": a known nationality, then a person. */
function nationalityBeforePerson(first: EntityMention, second: EntityMention): boolean {
  return first.type === 'other' && first.canonical !== undefined && second.type === 'person';
}

const JOINING_WORDS = new Set(['of', 'the', 'and', 'for', 'de', 'del', 'da', 'di', 'van', 'von', 'der', 'den', 'la', 'le', 'du', 'des', 'al', 'el', 'bin', 'y', 'on', 'in', 'at', 'to', 'a', 'an', 'du']);

const LOWER_WORD = /(?:^| )\p{Ll}/u;

/** "Xiaomin Huawei CEO has": a lower-case word other than a joining one is not inside a name. */
function hasCommonWord(text: string): boolean {
  // Most names have no lower-case word at all: one test, not a split.
  if (!LOWER_WORD.test(text)) return false;
  for (const w of text.split(' ')) if (/^\p{Ll}/u.test(w) && !JOINING_WORDS.has(w) && !/^\p{Ll}+\p{Lu}/u.test(w)) return true;
  return false;
}

const COMMON_WORDS: ReadonlySet<string> = new Set(commonWords.words.split(' '));

/** A word (lower case) the news writes in lower case often enough: no name on its own. */
export function isCommonWord(lower: string): boolean {
  return COMMON_WORDS.has(lower);
}

/** Where a capital proves little: a sentence's first word, or the first after a quotation mark or a colon ('I'll be watching you" Lovely song', "The target is clear: Smartphone software enthusiasts"). */
function opensSentence(sentence: Sentence, start: number, firstWordStart: number): boolean {
  if (start === firstWordStart) return true;
  // The token before `start`, by binary search: a long sentence has thousands of tokens and names.
  const tokens = sentence.tokens;
  const lo = firstStartingAt(tokens, start);
  const before = tokens[lo - 1];
  return lo > 0 && lo < tokens.length && tokens[lo].start === start && before.kind === 'punct' && /^["“”:]$/.test(before.text);
}

const isCommonOrInitial = (lower: string) => COMMON_WORDS.has(lower) || SENTENCE_INITIAL_COMMON.has(lower);

/** Tagged spans as mentions, but for spans with a common word inside. */
export function taggedMentions(spans: readonly TaggedSpan[], sentence: Sentence, firstWordStart: number, excluded: (start: number, end: number) => boolean): EntityMention[] {
  const out: EntityMention[] = [];
  for (const s of spans) {
    const text = sentence.text.slice(s.start - sentence.start, s.end - sentence.start);
    if (hasCommonWord(text) || excluded(s.start, s.end)) continue;
    out.push(mention({
      start: s.start, end: s.end, text, type: TYPE_OF[s.type], confidence: marginConfidence(s.margin),
      sentenceInitial: opensSentence(sentence, s.start, firstWordStart), reason: 'learned tagger', learned: true,
      commonWord: isCommonOrInitial(text.toLowerCase()) || undefined,
    }));
  }
  return out;
}

/** By start, as the mentions' stable sort ordered them. */
const byStartOnly = (a: EntityMention, b: EntityMention) => a.start - b.start;

/** Appends `m` unless it is there already (`pushed` holds what `out` holds). A function, not a closure per sentence. */
function pushOnce(out: EntityMention[], pushed: Set<EntityMention>, m: EntityMention): void {
  if (pushed.has(m)) return;
  pushed.add(m);
  out.push(m);
}

/**
 * Each tagged span keeps the tagger's type, with the rules' canonical name and reason where they
 * agree on span and type; products and events stay the rules' (they are MISC to the tagger). A rule
 * mention the tagger missed is kept if it is a sure product, else marked a fallback (see EntityMention).
 */
export function combineMentions(tagged: readonly EntityMention[], rules: readonly EntityMention[], tableLine = false): EntityMention[] {
  // Most sentences: nothing to weigh against each other.
  if (!tagged.length) {
    const marked: EntityMention[] = [];
    for (const m of rules) marked.push(sureProduct(m, tableLine) || m.reason === 'speaker' ? m : mention(m, { fallback: true }));
    return sortInPlace(marked, byStartOnly);
  }
  if (!rules.length) return sortInPlace(tagged.slice(), byStartOnly);
  const out: EntityMention[] = [];
  let r = 0;
  const taken = new Set<EntityMention>();
  // Sets, not scans of `out`: a 1 MB run of names is one sentence with thousands of them.
  const pushed = new Set<EntityMention>();
  for (const t of tagged) {
    while (r < rules.length && rules[r].end <= t.start) r++;
    // The rules' mentions overlapping t are rules[r, to): read in place, not copied (nor filtered) per tagged mention.
    let to = r;
    while (to < rules.length && rules[to].start < t.end) to++;
    // Part of a name the rules already took whole ("Gadget Expo" of "Shenzhen Gadget Expo").
    let partOfTaken = false;
    // Those inside t: how many, whether one is no person, and the first two (nationalityBeforePerson).
    let inside = 0;
    let insideOther = false;
    let inside0: EntityMention | undefined;
    let inside1: EntityMention | undefined;
    let afterTitle = false;
    for (let k = r; k < to; k++) {
      const m = rules[k]!;
      if (taken.has(m) && m.start <= t.start && m.end >= t.end) partOfTaken = true;
      if (m.reason === 'follows a title') afterTitle = true;
      if (m.start >= t.start && m.end <= t.end) {
        if (inside === 0) inside0 = m;
        else if (inside === 1) inside1 = m;
        inside++;
        if (m.type !== 'person') insideOther = true;
      }
    }
    if (partOfTaken) continue;
    // A title, a nationality or a headline's verb splits a run the tagger took for one name ("Xiaomi CEO Lei Jun",
    // "Croat Alen Boksic", "Jennifer Garner Won the Oscar"); after a title, the rules know a person's name.
    if (afterTitle || (t.type === 'person' && inside >= 2 && insideOther) || (inside === 2 && nationalityBeforePerson(inside0!, inside1!))) {
      for (let k = r; k < to; k++) {
        const m = rules[k]!;
        if (taken.has(m)) continue;
        taken.add(m);
        pushOnce(out, pushed, mention(m, { learned: true }));
      }
      continue;
    }
    let chosen: EntityMention = t;
    let from: EntityMention | undefined;
    for (let k = r; k < to; k++) {
      const m = rules[k]!;
      if (taken.has(m)) continue;
      // Where the tagger is unsure and the rules are sure, the rules' name and type; also a full name the tagger cut short ("Lei" of "Lei Jun said").
      // An unsure tagger cuts a name short at a word it reads otherwise ("Lei" of "Lei Jun": "Jun" is a month to CoNLL); "Ontario-based Magna" is no name.
      // A given name alone is seldom a whole name: the rules' name that runs on from it is ("64 Bob Estes").
      const longerName = m.type === 'person' && m.start <= t.start && m.end > t.end && (m.reason === 'speaker' || (t.confidence < UNSURE_CUT && !/-\p{Ll}/u.test(m.text)) || (m.start === t.start && m.reason === 'starts with a given name' && t.type === 'person' && !t.text.includes(' ') && FIRST_NAMES.has(t.text.toLowerCase())));
      if ((m.confidence >= t.confidence + RULES_AHEAD || longerName) && !from) {
        chosen = mention(m, { learned: true });
        from = m;
        continue;
      }
      const same = m.start === t.start && m.end === t.end;
      const covers = m.start <= t.start && m.end >= t.end;
      // The same MISC span, a product or event to the rules, or a product or event the gazetteer knows ("MIUI's reputation", "Google Pixel phones"); a model name the tagger cut short ("Mi Mix" of "Mi Mix 2S"); a name that runs on to its head word ("APD NEWS", "Shenzhen Gadget Expo").
      if ((same && (t.type === 'other' || m.canonical !== undefined || sureProduct(m, tableLine)) && rulesKnowBetter(m)) || (!same && sureProduct(m, tableLine)) || (covers && (m.type === 'event' || m.reason.startsWith('a law or treaty') || m.reason === COMPASS_REASON || (m.type === t.type && m.reason.startsWith('ends in'))))) {
        chosen = mention(m, { learned: true });
        from = m;
      } else if (same && m.type === t.type) {
        chosen = mention(m, { confidence: Math.max(m.confidence, t.confidence), learned: true });
        from = m;
      }
    }
    if (from) taken.add(from);
    pushOnce(out, pushed, chosen);
  }
  // A rule name the tagger missed stays a candidate: it counts only as another mention of a name found elsewhere ("Lei" after "Lei Jun").
  // Whether a rule mention overlaps a chosen one: binary search over the chosen, sorted by start, with the furthest end so far.
  const chosen = sortInPlace(out.slice(), byStartOnly);
  const furthest: number[] = [];
  for (const o of chosen) furthest.push(Math.max(o.end, furthest[furthest.length - 1] ?? -1));
  for (const m of rules) {
    if (taken.has(m)) continue;
    const lo = firstStartingAt(chosen, m.end);
    if (lo > 0 && furthest[lo - 1] > m.start) continue;
    // A name before a speech verb ("Jun said") is a speaker whatever the tagger thought.
    out.push(sureProduct(m, tableLine) || m.reason === 'speaker' ? m : mention(m, { fallback: true }));
  }
  return sortInPlace(out, byStartOnly);
}

const INNER_AMPERSAND = /\p{L}[.]? ?& ?\p{Lu}/u;

/** " & " and the capitalised words after it ("& Co", "& Sons", "& Poor"), at most three. */
const AMPERSAND_TAIL = /^ ?& ?(\p{Lu}[\p{L}\p{M}.'’-]*(?: \p{Lu}[\p{L}\p{M}.'’-]*){0,2})/u;

/**
 * Names joined by an ampersand are one organisation ("Procter & Gamble", "Douglas & Lomason",
 * "Standard & Poor", "Bear Stearns & Co"): the tagger and the rules split them at the sign. The name
 * before it, the sign and the capitalised words after it (a mention there taken whole) become one
 * mention; `sentenceText` from `sentenceStart`, `mentions` sorted by start.
 */
export function joinAmpersands(mentions: EntityMention[], sentenceText: string, sentenceStart: number): EntityMention[] {
  // Most sentences have no ampersand: one test, and the list as it came.
  if (!sentenceText.includes('&')) return mentions;
  const out: EntityMention[] = [];
  for (let i = 0; i < mentions.length; i++) {
    const a = mentions[i]!;
    const tail = a.type === 'product' || a.type === 'event' ? null : AMPERSAND_TAIL.exec(sentenceText.slice(a.end - sentenceStart, a.end - sentenceStart + 80));
    if (!tail) {
      // A name with the sign inside is no person or place ("Edwards & Sons", tagged whole).
      out.push((a.type === 'person' || a.type === 'place') && INNER_AMPERSAND.test(a.text) ? mention(a, { type: 'organisation' }) : a);
      continue;
    }
    // Not a sentence's full stop nor a possessive ("Procter & Gamble's"), but an abbreviation's period ("& Co.").
    const words = tail[0].replace(/['’]s$/u, '').replace(/(?<!\b(?:Co|Cos|Inc|Corp|Ltd|Bros))\.$/u, '');
    let end = a.end + words.length;
    // A mention starting inside the tail is taken whole (its words run on past the three).
    let j = i + 1;
    while (j < mentions.length && mentions[j]!.start < end) end = Math.max(end, mentions[j++]!.end);
    const text = sentenceText.slice(a.start - sentenceStart, end - sentenceStart);
    const joined = mentions.slice(i, j);
    out.push(mention({
      start: a.start, end, text, type: 'organisation', confidence: Math.max(...joined.map((m) => m.confidence)),
      sentenceInitial: a.sentenceInitial, reason: 'names joined by "&"',
      learned: joined.some((m) => m.learned) || undefined,
    }));
    i = j - 1;
  }
  return out;
}

/**
 * A name right after a noun saying what kind of organisation it is ("firm Multico", "operator
 * Unicom", `ORGANISATION_NOUNS`) is that organisation, whatever its lone capital made the tagger
 * think; a product, an event or a name the gazetteer knows keeps its type.
 */
export function organisationsByNoun(mentions: EntityMention[], tokens: readonly Token[]): EntityMention[] {
  // Copied only when a mention is retyped: most sentences have none, and they run on every analysis.
  let out: EntityMention[] | undefined;
  let k = 0;
  mentions.forEach((m, i) => {
    while (k < tokens.length && tokens[k]!.start < m.start) k++;
    const prev = tokens[k - 1];
    if (!prev || prev.kind !== 'word' || m.type === 'organisation' || m.type === 'product' || m.type === 'event' || m.canonical !== undefined) return;
    if (!ORGANISATION_NOUNS.has(prev.text) || tokens[k]?.start !== m.start) return;
    out ??= mentions.slice();
    out[i] = mention(m, { type: 'organisation', reason: `after "${prev.text}"` });
  });
  return out ?? mentions;
}
/** Lower-case nouns naming a newspaper or a news agency, before or after its name ("the daily Le Monde", "Zycie Warszawy daily said"). */
const PRESS_NOUNS = new Set(['newspaper', 'newspapers', 'daily', 'weekly', 'tabloid', 'magazine', 'agency']);

/**
 * "the official newspaper Granma", "the daily El Mundo": a name right after a noun naming a newspaper
 * or an agency is that organisation, even one the gazetteer knows as a place (many a paper is named
 * after one). "Zycie Warszawy daily said", "Al-Akhbar newspapers": one right before such a noun is too,
 * unless the gazetteer knows it ("Israeli newspapers", "a Jakarta daily" stay what they are). Events
 * and products keep their type. `mentions` sorted by start, `tokens` the sentence's.
 */
export function pressByNoun(mentions: EntityMention[], tokens: readonly Token[], known: (name: string) => EntityType | undefined): EntityMention[] {
  let out: EntityMention[] | undefined;
  let k = 0;
  mentions.forEach((m, i) => {
    if (m.type === 'organisation' || m.type === 'event' || m.type === 'product') return;
    while (k < tokens.length && tokens[k]!.start < m.start) k++;
    const prev = tokens[k - 1];
    let noun: string | undefined;
    if (prev?.kind === 'word' && tokens[k]?.start === m.start && !tokens[k]!.lineBreakBefore && PRESS_NOUNS.has(prev.text)) noun = `after "${prev.text}"`;
    else if (m.canonical === undefined && known(m.text) === undefined) {
      const next = tokens[firstStartingAt(tokens, m.end)];
      if (next?.kind === 'word' && next.spaceBefore && !next.lineBreakBefore && next.text !== 'agency' && PRESS_NOUNS.has(next.text)) noun = `before "${next.text}"`;
    }
    if (noun === undefined) return;
    out ??= mentions.slice();
    out[i] = mention(m, { type: 'organisation', canonical: undefined, generatedName: undefined, reason: noun });
  });
  return out ?? mentions;
}

/** Lower-case nouns naming a ship before its name ("the tanker Exxon Valdez"); "carrier" only after "aircraft" (an airline is a carrier too). */
const VESSEL_NOUNS = new Set(['warship', 'warships', 'frigate', 'destroyer', 'submarine', 'battleship', 'tanker', 'freighter', 'liner', 'ferry', 'yacht', 'trawler', 'ship', 'vessel']);
const CARRIERS = new Set(['carrier', 'carriers']);

/**
 * "the aircraft carrier Enterprise", "the tanker Exxon Valdez", "the carriers Vinson and Enterprise":
 * a name right after a noun naming a ship, or joined to such a name by "and", is the ship (CoNLL's
 * MISC), whatever the tagger made of it. `mentions` sorted by start, `tokens` the sentence's.
 */
export function shipsByNoun(mentions: EntityMention[], tokens: readonly Token[]): EntityMention[] {
  let out: EntityMention[] | undefined;
  let k = 0;
  let shipEnd = -1;
  const split = new Map<number, EntityMention[]>();
  mentions.forEach((m, i) => {
    while (k < tokens.length && tokens[k]!.start < m.start) k++;
    if (tokens[k]?.start !== m.start || tokens[k]!.lineBreakBefore) return;
    const prev = tokens[k - 1];
    if (prev?.kind !== 'word') return;
    const afterShip = prev.text === 'and' && tokens[k - 2]?.end === shipEnd;
    const vessel = VESSEL_NOUNS.has(prev.text) || (CARRIERS.has(prev.text) && tokens[k - 2]?.text === 'aircraft');
    if (!vessel && !afterShip) return;
    shipEnd = m.end;
    const reason = afterShip ? 'a ship beside a ship' : `after "${prev.text}"`;
    // "the carriers Nimitz and Independence": two ships the tagger ran into one name.
    const and = prev.text.endsWith('s') ? m.text.indexOf(' and ') : -1;
    if (and > 0) {
      out ??= mentions.slice();
      const second = m.start + and + 5;
      split.set(i, [
        mention(m, { end: m.start + and, text: m.text.slice(0, and), type: 'other', canonical: undefined, generatedName: undefined, reason }),
        mention(m, { start: second, text: m.text.slice(and + 5), type: 'other', canonical: undefined, generatedName: undefined, sentenceInitial: false, reason: 'a ship beside a ship' }),
      ]);
      return;
    }
    if (m.type === 'other' || m.type === 'product') return;
    out ??= mentions.slice();
    out[i] = mention(m, { type: 'other', canonical: undefined, generatedName: undefined, reason });
  });
  if (!out || !split.size) return out ?? mentions;
  return out.flatMap((m, i) => split.get(i) ?? [m]);
}

/** Who runs an organisation, written after its name ("Deportivo chairman", "Petofi general manager"). */
const ORGANISATION_ROLES = new Set(['chairman', 'manager', 'spokesman', 'spokeswoman', 'director']);
// Tuned on testa: how sure a name before who runs it is an organisation, against its other mentions' vote.
const ROLE_SURE = 0.9;
const ROLE_MODIFIERS = new Set(['general', 'managing', 'executive', 'technical', 'finance', 'sales', 'marketing']);

/**
 * "Deportivo chairman Augusto Lendoiro", "Petofi general manager Laszlo Sebesvari": a lone name the
 * tagger took for a person, then who runs it and a person's name, is an organisation. Places keep
 * their type (CoNLL's "England manager Glenn Hoddle" is a place). `mentions` sorted by start.
 */
export function organisationsByRole(mentions: EntityMention[], tokens: readonly Token[]): EntityMention[] {
  let out: EntityMention[] | undefined;
  let k = 0;
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i]!;
    while (k < tokens.length && tokens[k]!.start < m.end) k++;
    if (m.type !== 'person' || m.canonical !== undefined) continue;
    let j = k;
    if (tokens[j]?.kind === 'word' && ROLE_MODIFIERS.has(tokens[j]!.text)) j++;
    const role = tokens[j];
    const next = mentions[i + 1];
    if (role?.kind !== 'word' || !ORGANISATION_ROLES.has(role.text) || !next || next.type !== 'person' || tokens[j + 1]?.start !== next.start) continue;
    out ??= mentions.slice();
    out[i] = mention(m, { type: 'organisation', confidence: Math.max(m.confidence, ROLE_SURE), reason: `before "${role.text}"` });
  }
  return out ?? mentions;
}

/** One to three capitals glued to "$": "C$", "HK$", "US$". */
const CURRENCY_PREFIX = /^[A-Z]{1,3}$/;

/**
 * "C$ 0.45", "HK$ 10 million": capitals right before "$" name a currency, not an organisation or a
 * country: the sign belongs to the name ("C$", CoNLL's MISC). `mentions` sorted by start.
 */
export function currencies(mentions: EntityMention[], sentenceText: string, sentenceStart: number): EntityMention[] {
  if (!sentenceText.includes('$')) return mentions;
  let out: EntityMention[] | undefined;
  mentions.forEach((m, i) => {
    if (sentenceText.charCodeAt(m.end - sentenceStart) !== 36 || !CURRENCY_PREFIX.test(m.text)) return; // "$"
    out ??= mentions.slice();
    out[i] = mention(m, { end: m.end + 1, text: `${m.text}$`, type: 'other', canonical: undefined, reason: 'currency' });
  });
  return out ?? mentions;
}

/** "Ontario-based", "British-ruled", "Brazilian-born", "Amman-bound": a name made an adjective by a participle. */
const NAME_PARTICIPLE = /^(\p{Lu}[\p{L}.]*)-(?:\p{Ll}+ed|born|bound|run|made|held|led)$/u;

/**
 * "Ontario-based Magna", "British-ruled Northern Ireland": the adjective made of a name is a name of
 * its own (CoNLL's MISC), not part of the one after it; made of a common word ("Family-controlled",
 * "Top-seeded") it is none. The rest keeps its type, or takes the one `typeRest` gives it by the rules
 * where the adjective gave it its type ("Brazilian-born Luis Oliveira" is no MISC). `mentions` sorted by start.
 */
export function splitNameAdjectives<S extends { text: string; start: number }>(mentions: EntityMention[], sentence: S, typeRest: (sentence: S, start: number, end: number) => EntityMention | undefined): EntityMention[] {
  // Copied only from the first split on: most sentences have none.
  let out: EntityMention[] | undefined;
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i]!;
    const space = m.text.indexOf(' ');
    // Only a first word with a hyphen is tested against the pattern.
    const hyphen = space > 0 ? m.text.indexOf('-') : -1;
    const adjective = hyphen > 0 && hyphen < space ? NAME_PARTICIPLE.exec(m.text.slice(0, space)) : null;
    if (!adjective) {
      out?.push(m);
      continue;
    }
    let at = space;
    while (m.text.charCodeAt(at) === 32) at++;
    const start = m.start + at;
    // A person, organisation or place stays one; another type may be the adjective's doing.
    const typed = m.type === 'other' || m.type === 'event' || m.type === 'product' ? typeRest(sentence, start, m.end) : undefined;
    out ??= mentions.slice(0, i);
    const end = m.start + space;
    // The rules may have taken the adjective alone too.
    if (out.length && out[out.length - 1]!.start === m.start && out[out.length - 1]!.end === end) out.pop();
    if (mentions[i + 1]?.start === m.start && mentions[i + 1]!.end === end) i++;
    if (!COMMON_WORDS.has(adjective[1]!.toLowerCase())) {
      out.push(mention(m, { end, text: m.text.slice(0, space), type: 'other', canonical: undefined, reason: 'adjective made of a name' }));
    }
    const text = sentence.text.slice(start - sentence.start, m.end - sentence.start);
    const retyped = typed !== undefined && typed.start === start && typed.end === m.end;
    out.push(mention(m, { start, text, ...(retyped ? { type: typed.type, confidence: typed.confidence, canonical: typed.canonical, reason: typed.reason } : {}) }));
  }
  return out ?? mentions;
}

/** " ( L ) 2", " (BJ) 0": a town's letters in parentheses, then a score. */
const TOWN_LETTERS = /^ ?\( ?\p{Lu}{1,2} ?\)(?= ?\d)/u;
/** A name the tagger ran into the letters' parenthesis ("Mladost ( L"). */
const OPEN_LETTERS = / ?\( ?\p{Lu}{1,2}$/u;

/**
 * "Mladost ( L ) 2", "Buducnost ( V ) 0": in results, letters in parentheses after a team tell it from
 * another of its name (the town's initials) and belong to the name; a mention of the letters alone goes.
 * `mentions` sorted by start.
 */
export function teamsWithLetters(mentions: EntityMention[], sentenceText: string, sentenceStart: number): EntityMention[] {
  if (!sentenceText.includes('(')) return mentions;
  let out: EntityMention[] | undefined;
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i]!;
    const open = OPEN_LETTERS.exec(m.text);
    const from = open ? m.end - open[0].length : m.end;
    // A slice only where a parenthesis follows.
    const at = from - sentenceStart;
    const tail = sentenceText.charCodeAt(at) === 40 || sentenceText.charCodeAt(at + 1) === 40 ? TOWN_LETTERS.exec(sentenceText.slice(at, at + 12)) : null;
    if (!tail) {
      out?.push(m);
      continue;
    }
    out ??= mentions.slice(0, i);
    const end = from + tail[0].length;
    while (mentions[i + 1] !== undefined && mentions[i + 1]!.start < end) i++;
    out.push(mention(m, { end, text: sentenceText.slice(m.start - sentenceStart, end - sentenceStart), type: 'organisation', canonical: undefined, reason: 'team with its town\'s letters' }));
  }
  return out ?? mentions;
}

/**
 * "1. Alex Zanardi ( Italy ) , Reynard Honda , 53.980", "Olaf Ludwig ( Germany ) Telekom": in results,
 * a name after a competitor and his country in parentheses, before his time, is his team, whatever its
 * shape made the tagger think; one before another name is the next player ("Dave Barr ( Canada ) ,
 * Mike Sullivan , Willie Wood"). `mentions` sorted by start, `tokens` the sentence's.
 */
export function teamsAfterCompetitor(mentions: EntityMention[], tokens: readonly Token[]): EntityMention[] {
  let out: EntityMention[] | undefined;
  for (let i = 2; i < mentions.length; i++) {
    const m = mentions[i]!;
    const country = mentions[i - 1]!;
    const competitor = mentions[i - 2]!;
    if (m.type !== 'person' || country.type !== 'place' || competitor.type !== 'person') continue;
    let k = firstStartingAt(tokens, m.start);
    if (tokens[k]?.start !== m.start || tokens[k]!.lineBreakBefore) continue;
    if (tokens[--k]?.text === ',' && !tokens[k]!.lineBreakBefore) k--;
    if (tokens[k]?.text !== ')' || tokens[k]!.lineBreakBefore || tokens[k - 1]?.end !== country.end) continue;
    const open = firstStartingAt(tokens, country.start) - 1;
    if (tokens[open]?.text !== '(' || tokens[open - 1]?.end !== competitor.end) continue;
    // A time or points after it, as a team's result runs on; a list of players goes on with names.
    let a = firstStartingAt(tokens, m.end);
    if (tokens[a]?.text === ',' && !tokens[a]!.lineBreakBefore) a++;
    if (!tokens[a] || tokens[a]!.lineBreakBefore || !/^\d/.test(tokens[a]!.text)) continue;
    out ??= mentions.slice();
    out[i] = mention(m, { type: 'organisation', reason: 'team after a competitor' });
  }
  return out ?? mentions;
}

/** Lower-case particles inside a person's name ("Joost van der Westhuizen", "Kengo wa Dondo", "Aravinda de Silva"). */
const JOINING_PARTICLES = 'van|von|der|den|de|del|della|di|da|du|des|le|la|dos|das|wa|bin|ibn|ben|y|ter|ten';
/** A run of them alone between two names. */
const NAME_PARTICLES = new RegExp(`^(?: (?:${JOINING_PARTICLES}))+ $`);

/**
 * "Joost van der Westhuizen", "Lex van Drooge": names the tagger split at the lower-case particles
 * between them are one person's, when one of them is a person, opens with a given name or both are
 * words nothing else is known of; the particles belong to it. `mentions` sorted by start.
 */
export function joinNameParticles(mentions: EntityMention[], sentenceText: string, sentenceStart: number): EntityMention[] {
  if (!mayHoldParticle(sentenceText) || !PARTICLE_CUE.test(sentenceText)) return mentions;
  let out: EntityMention[] | undefined;
  for (let i = 0; i < mentions.length; i++) {
    const a = mentions[i]!;
    const b = mentions[i + 1];
    const gap = b ? sentenceText.slice(a.end - sentenceStart, b.start - sentenceStart) : '';
    // The particles between the two, or opening the second ("Lex" "van Drooge").
    const joined = b !== undefined && !knownPlace(a) && !knownPlace(b) && (NAME_PARTICLES.test(gap) || (gap === ' ' && NAME_PARTICLES.test(` ${b.text.slice(0, b.text.lastIndexOf(' ') + 1)}`)));
    if (!joined || !(a.type === 'person' || b.type === 'person' || FIRST_NAMES.has(a.text.split(' ')[0]!.toLowerCase()) || (unknownWord(a) && unknownWord(b)))) {
      // "Bowling : Vass 7-0-29-0 , de Silva 4-0-25-0": particles opening a person's name after a comma or a line's start.
      const lead = a.type === 'person' ? LEADING_PARTICLES.exec(sentenceText.slice(Math.max(0, a.start - sentenceStart - 16), a.start - sentenceStart)) : null;
      if (lead) {
        out ??= mentions.slice(0, i);
        out.push(mention(a, { start: a.start - lead[1]!.length, text: lead[1]! + a.text, reason: 'name with particles' }));
      } else out?.push(a);
      continue;
    }
    out ??= mentions.slice(0, i);
    out.push(mention(a, { end: b.end, text: sentenceText.slice(a.start - sentenceStart, b.end - sentenceStart), type: 'person', canonical: undefined, reason: 'name with particles' }));
    i++;
  }
  return out ?? mentions;
}

/** "Charles de Gaulle airport", "Tour de France": a place the gazetteer knows stays out of a person's name. */
function knownPlace(m: EntityMention): boolean {
  return m.type === 'place' && m.canonical !== undefined;
}

/** A capitalised word the rules know nothing of ("Joost", "Westhuizen"). */
function unknownWord(m: EntityMention): boolean {
  return m.type === 'other' && m.canonical === undefined && !m.text.includes(' ');
}

/** Particles that open a surname ("de Silva"), after a list's comma or a line's start; "bin", "wa" only join two names. */
const LEADING_PARTICLES = /(?:^|[,;:(\n] )((?:(?:van|von|der|den|de|del|della|di|da|du|des|le|la|dos|das|ter|ten) )+)$/;
/** Most sentences have no particle at all: one test, and the list as it came. */
const PARTICLE_CUE = new RegExp(`(?:^|[\\p{L},;:(] )(?:${JOINING_PARTICLES}) `, 'mu');
// What PARTICLE_CUE needs, in tests irregexp runs ~5× faster (a literal space first; no Unicode
// class at every position): a particle between spaces, at the start, or a line break for `^` to follow.
const SPACED_PARTICLE = new RegExp(` (?:${JOINING_PARTICLES}) `);
const FIRST_PARTICLE = new RegExp(`^(?:${JOINING_PARTICLES}) `);
const LINE_BREAK = /[\n\r\u2028\u2029]/;
const mayHoldParticle = (text: string): boolean => SPACED_PARTICLE.test(text) || FIRST_PARTICLE.test(text) || LINE_BREAK.test(text);

const CAPITAL_START = /^\p{Lu}/u;

/**
 * "Given , Breen , Staunton , Irwin", "Wood , Loren Roberts , Steve Stricker": in a line listing people
 * by commas, mostly found as people, the other names are people too, though a common word ("Given",
 * "Green") or a town ("Houghton") is their name. `mentions` sorted by start, `tokens` the sentence's.
 */
export function peopleInLists(mentions: EntityMention[], tokens: readonly Token[], sentenceText: string, sentenceStart: number): EntityMention[] {
  let commas = 0;
  for (const t of tokens) if (t.text === ',') commas++;
  if (commas < 2) return mentions;
  const added: EntityMention[] = [];
  const retyped = new Map<EntityMention, EntityMention>();
  let from = 0;
  while (from < tokens.length) {
    // One line of the sentence: its items between commas, each one to three capitalised words.
    let to = from + 1;
    while (to < tokens.length && !tokens[to]!.lineBreakBefore) to++;
    const items: [number, number][] = [];
    let ok = true;
    let k = from;
    // A list may run on past the line's last comma ("Green , Jerry Kelly ,").
    while (k < to && ok) {
      let e = k;
      while (e < to && tokens[e]!.text !== ',' && tokens[e]!.text !== '.') e++;
      ok = e > k && e - k <= 3;
      for (let w = k; w < e && ok; w++) ok = tokens[w]!.kind === 'word' && CAPITAL_START.test(tokens[w]!.text);
      items.push([k, e]);
      k = e + 1;
      if (e < to && tokens[e]!.text === '.') ok &&= e === to - 1;
    }
    if (ok && items.length >= 3) {
      let people = 0;
      const found = items.map(([a, e]) => {
        const start = tokens[a]!.start;
        const end = tokens[e - 1]!.end;
        const i = firstStartingAt(mentions, start);
        const m = mentions[i];
        const exact = m !== undefined && m.start === start && m.end === end ? m : undefined;
        const partly = !exact && ((m !== undefined && m.start < end) || (i > 0 && mentions[i - 1]!.end > start));
        if (exact?.type === 'person') people++;
        return { start, end, exact, partly };
      });
      if (people >= Math.max(2, Math.ceil(items.length * 0.6))) {
        for (const f of found) {
          if (f.exact && f.exact.type !== 'person' && !(f.exact.canonical !== undefined && f.exact.type !== 'place')) retyped.set(f.exact, mention(f.exact, { type: 'person', canonical: undefined, fallback: undefined, commonWord: undefined, sentenceInitial: false, reason: 'listed with people' }));
          else if (!f.exact && !f.partly) added.push(mention({ start: f.start, end: f.end, text: sentenceText.slice(f.start - sentenceStart, f.end - sentenceStart), type: 'person', confidence: 0.6, sentenceInitial: false, reason: 'listed with people' }));
        }
      }
    }
    from = to;
  }
  if (!added.length && !retyped.size) return mentions;
  return [...mentions.map((m) => retyped.get(m) ?? m), ...added].sort((a, b) => a.start - b.start);
}

/** "Braves and Cubs", "KeyCorp and Banc One Corp.": one word, or a name ending in a company's suffix, then " and ", then a name. */
const COORDINATED = new RegExp(`^(\\p{Lu}[\\p{L}\\p{M}.'’-]*|(?:\\p{Lu}[\\p{L}\\p{M}.'’-]* )+${LEGAL_FORM_SOURCE}) and (\\p{Lu}[\\p{L}\\p{M}.'’-]*(?: \\p{Lu}[\\p{L}\\p{M}.'’-]*)*)$`, 'u');

/**
 * "the Braves and Cubs split", "Ohio-based KeyCorp and Banc One Corp.": the tagger runs two names
 * joined by "and" into one. They are two unless the name after "and" ends in an organisation's head
 * ("Securities and Exchange Commission", "Truth and Reconciliation Commission") or is a company's
 * suffix or a common word ("Morgan Stanley and Co", "... and Subsidiaries"); places are left whole
 * ("Trinidad and Tobago"). Each half keeps the whole's type; the document's other mentions may retype it.
 */
export function splitCoordinatedNames(mentions: EntityMention[]): EntityMention[] {
  let out: EntityMention[] | undefined;
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i]!;
    const parts = m.type !== 'place' && m.text.includes(' and ') ? COORDINATED.exec(m.text) : null;
    const second = parts?.[2];
    const words = second?.split(' ');
    const last = words?.[words.length - 1]!.toLowerCase();
    if (!parts || !words || !last || (ORGANISATION_HEADS.has(last) && !isLegalForm(last)) || isLegalForm(words[0]!) || (words.length === 1 && COMMON_WORDS.has(last))) {
      out?.push(m);
      continue;
    }
    out ??= mentions.slice(0, i);
    const firstEnd = m.start + parts[1]!.length;
    const secondStart = m.end - second!.length;
    for (const [start, end, text] of [[m.start, firstEnd, parts[1]!], [secondStart, m.end, second!]] as const) {
      out.push(mention(m, { start, end, text, canonical: undefined }));
    }
  }
  return out ?? mentions;
}

/** A name of two words or more, then a possessive the tagger ran into it ("Labour Department 's"). */
const TRAILING_POSSESSIVE = /^\S+ .*? 's$/u;

/**
 * "the Labour Department 's July report", "the University of Michigan 's index": the possessive after
 * a name of two words or more is no part of it. A one-word name keeps it, as CoNLL writes some ("Lloyd 's",
 * "Moody 's"); a name the gazetteer knows too. `mentions` sorted by start.
 */
export function trimPossessives(mentions: EntityMention[]): EntityMention[] {
  let out: EntityMention[] | undefined;
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i]!;
    if (m.canonical !== undefined || m.text.charCodeAt(m.text.length - 1) !== 115 || !TRAILING_POSSESSIVE.test(m.text)) { // "s"
      out?.push(m);
      continue;
    }
    out ??= mentions.slice(0, i);
    const text = m.text.slice(0, m.text.lastIndexOf(' '));
    out.push(mention(m, { end: m.start + text.length, text }));
  }
  return out ?? mentions;
}

/** A company's legal form, then "of" and where it is ("Kia Motor Corp of South Korea", "Bestop Inc of Boulder"). */
const COMPANY_OF = new RegExp(` ${LEGAL_FORM_SOURCE} of (?:the )?(?=\\p{Lu})`, 'u');

/**
 * "Kia Motor Corp of South Korea", "Oakley Inc of the United States": a legal form closes the company's
 * name; the place after "of" is a name of its own, typed by the rules (a place where they do not know it).
 * `mentions` sorted by start.
 */
export function splitCompanyOfPlace<S extends { text: string; start: number }>(mentions: EntityMention[], sentence: S, typeRest: (sentence: S, start: number, end: number) => EntityMention | undefined): EntityMention[] {
  let out: EntityMention[] | undefined;
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i]!;
    const at = m.type === 'organisation' && m.text.includes(' of ') ? COMPANY_OF.exec(m.text) : null;
    if (!at) {
      out?.push(m);
      continue;
    }
    out ??= mentions.slice(0, i);
    const firstEnd = m.start + at.index + at[0].indexOf(' of ');
    out.push(mention(m, { end: firstEnd, text: m.text.slice(0, firstEnd - m.start), canonical: undefined }));
    const start = m.start + at.index + at[0].length;
    const typed = typeRest(sentence, start, m.end);
    out.push(mention(m, { start, text: m.text.slice(start - m.start), type: typed && typed.start === start && typed.end === m.end ? typed.type : 'place', canonical: typed?.canonical, reason: 'after a company\'s "of"' }));
  }
  return out ?? mentions;
}

/** A lower-case word ("an", "of", "o'clock"). */
const LOWER_CASE_WORD = /^\p{Ll}[\p{Ll}'’-]*$/u;

/**
 * Where the lower-case words closing a name start (the space before the first of them), or −1: "an" of
 * "Nigel Wray an", "of" of "Duff and Phelps of". Read word by word from the end, so a long run of such
 * words costs its length once (a regular expression tried it again from each of its words).
 */
export function lowerTailStart(text: string): number {
  let at = -1;
  let end = text.length;
  for (let space = text.lastIndexOf(' ', end - 1); space >= 0; space = text.lastIndexOf(' ', end - 1)) {
    if (!LOWER_CASE_WORD.test(text.slice(space + 1, end))) break;
    at = end = space;
  }
  return at;
}

/** "Nigel Wray an", "Duff and Phelps of": no name ends in a lower-case word; the tagger ran it in. `mentions` sorted by start. */
export function trimLowerTails(mentions: EntityMention[]): EntityMention[] {
  let out: EntityMention[] | undefined;
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i]!;
    const code = m.text.charCodeAt(m.text.length - 1);
    const tail = code >= 97 && code <= 122 && m.text.includes(' ') ? lowerTailStart(m.text) : -1;
    if (tail <= 0 || m.canonical !== undefined) {
      out?.push(m);
      continue;
    }
    out ??= mentions.slice(0, i);
    const text = m.text.slice(0, tail);
    out.push(mention(m, { end: m.start + text.length, text }));
  }
  return out ?? mentions;
}

const QUOTE_MARKS = new Set(['"', '“', '”']);
/** Lower-case words inside a title ("Lawrence of Arabia", "Anne of a Thousand Days", "On the Waterfront"). */
const TITLE_JOINERS = new Set(['of', 'the', 'a', 'an', 'in', 'and', 'on', 'to', 'for', 'at', 'with', 'from', 'de', 'la', 'le', 'el', 'del', 'dello', 'della', 'di', 'du']);
/** A title's capitalised word ("Ice", "A", "Schindler's"); not one in capitals ("WIN"). */
const TITLE_WORD = /^\p{Lu}[\p{Ll}\p{M}'’-]*$/u;
/** Longest title read between quotation marks, in tokens: a quotation is longer. */
const MAX_TITLE_TOKENS = 10;

/** Whether tokens[k] may end a quoted title ('end'), be inside one ('inside'), or neither. */
function titleToken(tokens: readonly Token[], k: number): 'end' | 'inside' | undefined {
  const t = tokens[k]!;
  if (t.kind === 'punct') return (t.text === "'" || t.text === '’') && tokens[k + 1]?.text === 's' && !tokens[k + 1]!.spaceBefore ? 'inside' : undefined;
  if (TITLE_WORD.test(t.text) || (k > 0 && /^\d+$/.test(t.text))) return 'end';
  // The "s" of a possessive split from its word ("Schindler 's List").
  if (t.text === 's') return !t.spaceBefore && tokens[k - 1]?.kind === 'punct' ? 'inside' : undefined;
  return TITLE_JOINERS.has(t.text) ? 'inside' : undefined;
}

/**
 * `" Viva Zapata "`, `"Schindler's List"`, `" Lawrence of Arabia "`: two words or more in title case
 * (lower-case joining words inside) standing alone between quotation marks are the title of a work, a
 * campaign or a slogan (CoNLL's MISC), whatever the tagger made of the words inside; not a nickname
 * inside a person's name (`Hector " Macho " Camacho`, `Roberto " Hands of Stone " Duran`), nor a name the
 * gazetteer knows. `mentions` sorted by start and not overlapping, `tokens` the sentence's.
 */
export function quotedTitles(mentions: EntityMention[], tokens: readonly Token[], sentenceText: string, sentenceStart: number): EntityMention[] {
  const titles: EntityMention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!QUOTE_MARKS.has(tokens[i]!.text)) continue;
    let j = i + 1;
    let last = -1;
    let words = 0;
    while (j < tokens.length && j - i <= MAX_TITLE_TOKENS && !tokens[j]!.lineBreakBefore) {
      const kind = titleToken(tokens, j);
      if (!kind) break;
      if (kind === 'end') {
        last = j;
        words++;
      }
      j++;
    }
    // A comma or full stop the news sets inside the marks (`" The Knot , "`).
    let close = j;
    if (tokens[close]?.text === ',' || tokens[close]?.text === '.') close++;
    if (last !== j - 1 || tokens[close] === undefined || !QUOTE_MARKS.has(tokens[close]!.text) || tokens[close]!.lineBreakBefore) continue;
    const first = tokens[i + 1]!;
    const before = tokens[i - 1];
    const after = tokens[close + 1];
    const nickname = before?.kind === 'word' && TITLE_WORD.test(before.text) && after?.kind === 'word' && TITLE_WORD.test(after.text);
    const start = first.start;
    const end = tokens[last]!.end;
    const k = partitionPoint(mentions, (m) => m.end <= start);
    const known = mentions[k] !== undefined && mentions[k]!.start === start && mentions[k]!.end === end && mentions[k]!.canonical !== undefined;
    if (nickname) {
      // Roberto " Hands of Stone " Duran: the given name, the nickname and the surname are one person.
      const a = mentions[partitionPoint(mentions, (m) => m.end < before!.end)];
      const b = mentions[partitionPoint(mentions, (m) => m.start < after!.start)];
      const given = a !== undefined && a.end === before!.end && (a.type === 'person' || FIRST_NAMES.has(a.text.split(' ')[0]!.toLowerCase()) || (a.canonical === undefined && !a.text.includes(' ')));
      if (given && b !== undefined && b.start === after!.start && !b.text.includes(' ') && (titles.length === 0 || titles[titles.length - 1]!.end <= a.start)) {
        titles.push(mention({ start: a.start, end: b.end, text: sentenceText.slice(a.start - sentenceStart, b.end - sentenceStart), type: 'person', confidence: 0.9, sentenceInitial: a.sentenceInitial, reason: 'nickname inside a name', learned: true }));
      }
    } else if (words >= 2 && TITLE_WORD.test(first.text) && !known) {
      titles.push(mention({ start, end, text: sentenceText.slice(start - sentenceStart, end - sentenceStart), type: 'other', confidence: 0.9, sentenceInitial: false, reason: 'quoted title', learned: true }));
    }
    // The closing mark opens nothing.
    i = close;
  }
  return titles.length ? inPlaceOf(mentions, titles) : mentions;
}

/** `found` (sorted by start, none overlapping) in place of the mentions they overlap: one pass over both, in order. */
function inPlaceOf(mentions: readonly EntityMention[], found: readonly EntityMention[]): EntityMention[] {
  const out: EntityMention[] = [];
  let f = 0;
  for (const m of mentions) {
    while (f < found.length && found[f]!.end <= m.start) out.push(found[f++]!);
    if (f < found.length && found[f]!.start < m.end) continue;
    out.push(m);
  }
  while (f < found.length) out.push(found[f++]!);
  return out;
}


/**
 * Each place (not a venue) that `why` gives a reason for, and that the gazetteer knows as a town or a
 * region (or, `unknownToo`, does not know at all: a town the tagger found), as the club named after
 * it; a country is its national side and stays a place. The one loop of the rules below.
 */
function placesAsClubs(
  mentions: EntityMention[], scopeOf: (name: string) => PlaceScope | undefined,
  why: (m: EntityMention, i: number) => string | undefined, unknownToo: boolean,
): EntityMention[] {
  let out: EntityMention[] | undefined;
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i]!;
    if (m.type !== 'place' || m.venue) continue;
    const reason = why(m, i);
    if (reason === undefined) continue;
    const scope = scopeOf(m.canonical ?? m.text);
    if (scope !== 'city' && scope !== 'province' && !(unknownToo && scope === undefined && m.canonical === undefined)) continue;
    out ??= mentions.slice();
    out[i] = mention(m, { type: 'organisation', canonical: undefined, generatedName: undefined, reason });
  }
  return out ?? mentions;
}

/**
 * "Norwich striker Keith O'Neill", "Southampton skipper", "Baltimore 's Eddie Murray": a town or a
 * region before a player's position, or before "'s" and a person's full name, is the club named after
 * it; a country is its national side and stays a place ("England captain", "Jamaica 's Michael
 * Green"), as does a place after "in" or "at". `mentions` sorted by start, `tokens` the sentence's.
 */
export function clubsBeforePlayers(mentions: EntityMention[], tokens: readonly Token[], scopeOf: (name: string) => PlaceScope | undefined): EntityMention[] {
  return placesAsClubs(mentions, scopeOf, (m, i) => {
    const k = firstStartingAt(tokens, m.end);
    const next = tokens[k];
    if (next === undefined || next.lineBreakBefore) return undefined;
    if (next.kind === 'word' && PLAYER_POSITIONS.has(next.text)) return `before "${next.text}"`;
    // "'s" (one token, or two as CoNLL splits it), then a person's full name right after.
    const s = next.text === "'s" || next.text === '’s' ? k + 1 : (next.text === "'" || next.text === '’') && tokens[k + 1]?.text === 's' ? k + 2 : -1;
    const person = mentions[i + 1];
    return s > 0 && person?.type === 'person' && person.text.includes(' ') && tokens[s]?.start === person.start && !tokens[s]!.lineBreakBefore ? `before "'s"` : undefined;
  }, false);
}

/** Verbs of a match's result: the side before them won it, the side after them lost it ("Leeds beat Derby"). */
const RESULT_VERBS = new Set(['beat', 'beats', 'defeated', 'edged', 'routed', 'thrashed', 'blanked', 'downed', 'trounced', 'hammered', 'crushed', 'outclassed']);
/** Nouns of a result before "over" and the side that lost ("victory over Leeds", "lead over Seattle"). */
const RESULT_OVER = new Set(['victory', 'win', 'lead', 'winners', 'triumph']);

/**
 * "Seattle beat Oakland 5-3", "St Louis defeated Colorado", "a 4-2 win over Leeds": a town or a region
 * that beats or is beaten is the club named after it; a country is its national side and stays a
 * place ("Italy beat Wales"), as does a place after "in" or "at"; a place the gazetteer does not know
 * is no country it lists, so a town the tagger found counts too. `mentions` sorted by start, `tokens` the sentence's.
 */
export function clubsByResult(mentions: EntityMention[], tokens: readonly Token[], scopeOf: (name: string) => PlaceScope | undefined): EntityMention[] {
  return placesAsClubs(mentions, scopeOf, (m) => {
    const next = tokens[firstStartingAt(tokens, m.end)];
    const s = firstStartingAt(tokens, m.start);
    const prev = tokens[s - 1];
    let verb: string | undefined;
    if (next?.kind === 'word' && next.spaceBefore && !next.lineBreakBefore && RESULT_VERBS.has(next.text)) verb = next.text;
    else if (prev?.kind === 'word' && tokens[s]?.start === m.start && !tokens[s]!.lineBreakBefore) {
      if (RESULT_VERBS.has(prev.text)) verb = prev.text;
      else if (prev.text === 'over' && tokens[s - 2]?.kind === 'word' && RESULT_OVER.has(tokens[s - 2]!.text)) verb = `${tokens[s - 2]!.text} over`;
    }
    return verb === undefined ? undefined : `a side that "${verb}"`;
  }, true);
}

/** Lower-case words inside a team's name ("Queen of South"). */
const TEAM_JOINERS = new Set(['of', 'the', 'and', 'de', 'del', 'la', 'le']);
const SCORE = /^\d+$/;

/** The token after a team's name that starts at `k` on its line (a score where the line is a result), or -1 where the words are no name. */
function teamNameEnd(tokens: readonly Token[], k: number, lineEnd: number): number {
  if (tokens[k]?.kind !== 'word' || !CAPITAL_START.test(tokens[k]!.text)) return -1;
  let j = k + 1;
  while (j < lineEnd && !SCORE.test(tokens[j]!.text)) {
    const t = tokens[j]!;
    const ok = t.kind === 'word'
      ? CAPITAL_START.test(t.text) || TEAM_JOINERS.has(t.text) || (t.text === 's' && !t.spaceBefore && tokens[j - 1]!.kind === 'punct')
      : (t.text === "'" || t.text === '’') && tokens[j + 1]?.text === 's';
    if (!ok) return -1;
    j++;
  }
  // The name closes with a capitalised word ("Heriot 's F.P.", not "Queen of").
  return CAPITAL_START.test(tokens[j - 1]!.text) ? j : -1;
}

/**
 * "Sale 31 Wasps 33", "Clyde 0 Queen of South 2", "Currie 45 Heriot 's F.P. 5": on a result's line,
 * a name, a score, a name and a score and nothing else, the words before each score are one team, whatever the
 * tagger made of them ("Sale" a common word, "South" a place, "Heriot" a person); a country is its
 * national side (a place, as in LineContext); a name the tagger found whole keeps its type unless it
 * has none. A line alone is enough: the news sets each result on a line of its own. `mentions` sorted
 * by start, `tokens` the sentence's.
 */
export function teamsInResultsLines(mentions: EntityMention[], tokens: readonly Token[], sentenceText: string, sentenceStart: number, isCountry: (name: string) => boolean): EntityMention[] {
  const names: [number, number][] = [];
  let lines = 0;
  let from = 0;
  while (from < tokens.length) {
    let to = from + 1;
    while (to < tokens.length && !tokens[to]!.lineBreakBefore) to++;
    const a = teamNameEnd(tokens, from, to);
    const b = a > 0 && a + 1 < to ? teamNameEnd(tokens, a + 1, to) : -1;
    if (b > 0 && b === to - 1 && SCORE.test(tokens[b]!.text)) {
      lines++;
      names.push([tokens[from]!.start, tokens[a - 1]!.end], [tokens[a + 1]!.start, tokens[b - 1]!.end]);
    }
    from = to;
  }
  if (!lines) return mentions;
  const teams: EntityMention[] = [];
  const replaced = new Set<EntityMention>();
  for (const [start, end] of names) {
    const text = sentenceText.slice(start - sentenceStart, end - sentenceStart);
    let k = partitionPoint(mentions, (m) => m.end <= start);
    const inside: EntityMention[] = [];
    for (; k < mentions.length && mentions[k]!.start < end; k++) inside.push(mentions[k]!);
    const whole = inside.length === 1 && inside[0]!.start === start && inside[0]!.end === end ? inside[0] : undefined;
    // A name the tagger found whole keeps its type; the rules' alone was only a fallback, and "Sale" opening a line proved nothing.
    if ((whole && whole.type !== 'other' && !whole.fallback) || isCountry(text)) continue;
    // A name running past the team's words is another reading of the line: left alone.
    if (inside.some((m) => m.start < start || m.end > end)) continue;
    for (const m of inside) replaced.add(m);
    teams.push(mention({ start, end, text, type: 'organisation', confidence: 0.85, sentenceInitial: false, reason: TEAM_REASON, learned: inside.some((m) => m.learned) || undefined }));
  }
  if (!teams.length) return mentions;
  return [...mentions.filter((m) => !replaced.has(m)), ...teams].sort((x, y) => x.start - y.start);
}

/** Nouns and directions before "of" that make the name after it a place ("the town of Tavildara", "east of Tavildara"). */
const PLACE_BEFORE_OF = new Set([
  'town', 'towns', 'city', 'cities', 'village', 'villages', 'province', 'region', 'district', 'port', 'suburb', 'suburbs',
  'outskirts', 'north', 'south', 'east', 'west', 'northeast', 'northwest', 'southeast', 'southwest', 'north-east',
  'north-west', 'south-east', 'south-west',
]);

/**
 * "the strategically vital town of Tavildara", "three km east of Tavildara": a name right after a kind
 * of settlement or a direction and "of" is a place, whatever its unknown word made the tagger think; it
 * weighs in its entity's vote as a context does. A name the gazetteer knows keeps its type ("north of
 * England" is a place already). `mentions` sorted by start, `tokens` the sentence's.
 */
export function placesAfterOf(mentions: EntityMention[], tokens: readonly Token[]): EntityMention[] {
  let out: EntityMention[] | undefined;
  let k = 0;
  mentions.forEach((m, i) => {
    while (k < tokens.length && tokens[k]!.start < m.start) k++;
    const of = tokens[k - 1];
    const noun = tokens[k - 2];
    if (m.type === 'place' || m.canonical !== undefined || tokens[k]?.start !== m.start || of?.text !== 'of' || noun?.kind !== 'word' || !PLACE_BEFORE_OF.has(noun.lower)) return;
    out ??= mentions.slice();
    out[i] = mention(m, { type: 'place', reason: `after "${noun.lower} of"` });
  });
  return out ?? mentions;
}

/** "ex-England", "mainly-Moslem", "post-Games": a prefix, a hyphen and a name in plain case (not "PRE-SALE"). */
const PREFIXED_NAME = /^(?:[Ee]x|[Pp]re|[Pp]ost|[Nn]eo|[Pp]an|[Mm]ainly|[Ll]argely|[Pp]redominantly|[Mm]ostly)-\p{Lu}\p{Ll}[\p{Ll}.'’]*$/u;

/** Two capitalised words joined by a hyphen ("Arab-Israeli"). */
const NATIONALITY_PAIR = /^\p{Lu}\p{Ll}+-\p{Lu}\p{Ll}+$/u;

/**
 * "ex-England fast bowler", "the mainly-Moslem North Caucasus", "the pre-Castro government", "a
 * post-Games meeting": a word made of a prefix and a name, or of two nationalities ("Arab-Israeli"), is a
 * name of its own (CoNLL's MISC), whatever the tagger made of it; a mention inside it gives way. `mentions` sorted by start, `tokens` the sentence's.
 */
export function prefixedNames(mentions: EntityMention[], tokens: readonly Token[], sentenceText: string, sentenceStart: number, isNationality: (word: string) => boolean = () => false): EntityMention[] {
  const found: EntityMention[] = [];
  for (const t of tokens) {
    const hyphen = t.kind === 'word' ? t.text.indexOf('-') : -1;
    if (hyphen < 2) continue;
    // "Arab-Israeli peace talks", "German-Israeli relations": two nationalities are one name too.
    const pair = NATIONALITY_PAIR.test(t.text) && isNationality(t.text.slice(0, hyphen)) && isNationality(t.text.slice(hyphen + 1));
    if (!pair && !PREFIXED_NAME.test(t.text)) continue;
    found.push(mention({ start: t.start, end: t.end, text: sentenceText.slice(t.start - sentenceStart, t.end - sentenceStart), type: 'other', confidence: 0.8, sentenceInitial: false, reason: pair ? 'two nationalities' : 'a prefix and a name', learned: true }));
  }
  return found.length ? inPlaceOf(mentions, found) : mentions;
}

/** A word ending in a hyphen and a participle ("London-based", "Louis-based", "Ireland-born"); group 1 is what comes before. */
const PARTICIPLE_WORD = /^(\p{Lu}[\p{L}.'’]*)-(?:\p{Ll}+ed|born|bound|run|made|held|led)$/u;
/** A sentence that may hold such a word: tested once, before its words are. */
export const PARTICIPLE_CUE = /\p{L}\.?-(?:\p{Ll}+ed|born|bound|run|made|held|led)\b/u;
/** How many capitalised words before the hyphenated one may open the name ("St. Louis-based", "United Nations-sponsored"). */
const MAX_NAME_BEFORE = 2;

/**
 * "a London-based spokesman", "St. Louis-based Mercantile", "the Northern Ireland-born actor", "a
 * United Nations-sponsored ceasefire": a place or an organisation the gazetteer knows, made an
 * adjective by a hyphen and a participle, is a name of its own (CoNLL's MISC), the words before the
 * hyphen included when the name has several; a mention inside it gives way. A nationality so made
 * ("Brazilian-born") is left as it was: CoNLL mostly leaves it out. `mentions` sorted by start, `tokens` the sentence's.
 */
export function placeAdjectives(mentions: EntityMention[], tokens: readonly Token[], sentenceText: string, sentenceStart: number, known: (name: string) => EntityType | undefined): EntityMention[] {
  const found: EntityMention[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    const adjective = t.kind === 'word' ? PARTICIPLE_WORD.exec(t.text) : null;
    if (!adjective) continue;
    const nameEnd = t.start + adjective[1]!.length;
    // The longest run of capitalised words before it, on its line, that makes a known name with it.
    let first = k;
    for (let b = 1; b <= MAX_NAME_BEFORE; b++) {
      const w = tokens[k - b + 1]!;
      const before = tokens[k - b];
      if (!before || before.kind !== 'word' || !w.spaceBefore || w.lineBreakBefore || !CAPITAL_START.test(before.text)) break;
      const type = known(sentenceText.slice(before.start - sentenceStart, nameEnd - sentenceStart));
      if (type === 'place' || type === 'organisation') first = k - b;
    }
    if (first === k) {
      const type = known(adjective[1]!);
      if (type !== 'place' && type !== 'organisation') continue;
    }
    const start = tokens[first]!.start;
    found.push(mention({ start, end: t.end, text: sentenceText.slice(start - sentenceStart, t.end - sentenceStart), type: 'other', confidence: 0.8, sentenceInitial: false, reason: 'adjective made of a name', learned: true }));
  }
  return found.length ? inPlaceOf(mentions, found) : mentions;
}

/** A word of a name opening with the Arabic article ("al-Aqsa", "el-Sheikh"): lower case, yet a name. */
const ARTICLE_WORD = /^(?:al|el)-\p{Lu}/u;
/** A sentence that may hold such a word: tested once, before its words are. */
export const ARTICLE_CUE = /(?:^|[^\p{L}])(?:al|el)-\p{Lu}/u;
/** Words before a lone such name that make it a place ("pray at al-Aqsa"). */
const ARTICLE_PLACE_BEFORE = new Set(['in', 'at', 'near', 'outside', 'towards', 'to', 'from']);

/**
 * "Rami al-Saadani", "President Zine al-Abidine Ben Ali", "the Jebel al-Akhdar region": a word opening
 * with the Arabic article, lower-case though it is, goes on the name right before it, with the
 * capitalised words right after it; alone ("Jerusalem 's al-Aqsa mosque", "al-Tadamun said") it is a
 * name of its own, a place before a noun naming a kind of place or after "in" or "at", else an
 * organisation. A mention inside it gives way. `mentions` sorted by start, `tokens` the sentence's.
 */
export function articleNames(mentions: EntityMention[], tokens: readonly Token[], sentenceText: string, sentenceStart: number): EntityMention[] {
  const found: EntityMention[] = [];
  let i = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind !== 'word' || !ARTICLE_WORD.test(t.text)) continue;
    // The capitalised words and article words right after it, on its line.
    let last = k;
    while (tokens[last + 1]?.kind === 'word' && tokens[last + 1]!.spaceBefore && !tokens[last + 1]!.lineBreakBefore && (CAPITAL_START.test(tokens[last + 1]!.text) || ARTICLE_WORD.test(tokens[last + 1]!.text))) last++;
    while (i < mentions.length && mentions[i]!.end < t.start - 1) i++;
    const before = mentions[i];
    const joins = before !== undefined && before.end <= t.start && t.spaceBefore && !t.lineBreakBefore && tokens[k - 1]?.end === before.end;
    const start = joins ? before!.start : t.start;
    const end = tokens[last]!.end;
    let type: EntityType;
    if (joins) type = before!.type;
    else {
      const next = tokens[last + 1];
      const prev = tokens[k - 1];
      type = (next?.kind === 'word' && PLACE_AFTER.has(next.text)) || (prev?.kind === 'word' && ARTICLE_PLACE_BEFORE.has(prev.text)) ? 'place' : 'organisation';
    }
    found.push(mention({
      ...(joins ? before! : { confidence: 0.7, sentenceInitial: false, learned: true }),
      start, end, text: sentenceText.slice(start - sentenceStart, end - sentenceStart), type, canonical: undefined, generatedName: undefined,
      reason: joins ? 'a name going on with the Arabic article' : 'a name with the Arabic article',
    }));
    k = last;
  }
  return found.length ? inPlaceOf(mentions, found) : mentions;
}

/** A short title-case word: the shape of a state's abbreviation ("Calif", "Fla", "Ky"). */
const SHORT_WORD = /^\p{Lu}\p{Ll}{1,4}$/u;
/** After the abbreviation's period, what shows the period is not the sentence's end: a figure, a comma, a lower-case word. */
const GOES_ON = /^\. +(?:[\d,;:(\p{Ll}-])/u;

/**
 * "San Jose , Calif. , company", "Carlsbad , Calif. 1996-08-24": the period after a known place's
 * abbreviation is part of it where the sentence goes on after it. `mentions` sorted by start.
 */
export function abbreviationPeriods(mentions: EntityMention[], sentenceText: string, sentenceStart: number): EntityMention[] {
  let out: EntityMention[] | undefined;
  mentions.forEach((m, i) => {
    if (m.type !== 'place' || m.canonical === undefined || m.canonical === m.text || !SHORT_WORD.test(m.text)) return;
    const at = m.end - sentenceStart;
    if (sentenceText.charCodeAt(at) !== 46 || !GOES_ON.test(sentenceText.slice(at, at + 8))) return;
    out ??= mentions.slice();
    out[i] = mention(m, { end: m.end + 1, text: `${m.text}.` });
  });
  return out ?? mentions;
}

/** A person's initials alone ("C.", "K.J."). */
const INITIALS_ONLY = /^(?:\p{Lu}\.){1,3}$/u;
/** A surname in a scorecard, perhaps with the figure after it ("Lewis", "DeFreitas 4-70", "Kersey 63"): group 1 the surname. */
const SURNAME_AND_FIGURE = /^(\p{Lu}[\p{L}'’-]*\p{Ll}[\p{L}'’-]*)(?: \d{1,3}(?:-\d{1,3})?)?$/u;

/**
 * "( C. Lewis 80 not out", "; P. DeFreitas 4-70 )": initials the tagger took for a person alone, then a
 * surname it took apart (a person, or an organisation with the bowler's figures on it), are one
 * person; the figures stay outside the name. A surname the gazetteer knows as a place or a
 * nationality is left alone. `mentions` sorted by start.
 */
export function joinInitials(mentions: EntityMention[], sentenceText: string, sentenceStart: number, known: (name: string) => EntityType | undefined): EntityMention[] {
  let out: EntityMention[] | undefined;
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i]!;
    const next = mentions[i + 1];
    const surname = next !== undefined && m.type === 'person' && next.start === m.end + 1 && INITIALS_ONLY.test(m.text) && sentenceText.charCodeAt(m.end - sentenceStart) === 32 && (next.type === 'person' || next.type === 'organisation') ? SURNAME_AND_FIGURE.exec(next.text) : null;
    const type = surname ? known(surname[1]!) : undefined;
    if (!surname || type === 'place' || type === 'other') {
      out?.push(m);
      continue;
    }
    out ??= mentions.slice(0, i);
    const end = next!.start + surname[1]!.length;
    out.push(mention(m, { end, text: sentenceText.slice(m.start - sentenceStart, end - sentenceStart), type: 'person', confidence: Math.max(m.confidence, next!.confidence), canonical: undefined, reason: 'initials and a surname' }));
    i++;
  }
  return out ?? mentions;
}

/** Lower-case nouns after a name that make it a place ("Sharqiyah province", "Kosevo stadium", "Charles de Gaulle airport"). */
const PLACE_AFTER = new Set([
  'province', 'region', 'district', 'village', 'town', 'city', 'port', 'stadium', 'island', 'airport', 'valley', 'river',
  'mountains', 'prison', 'county', 'suburb', 'enclave', 'peninsula', 'checkpoint', 'mosque', 'church',
]);

/**
 * "the eastern Sharqiyah province", "Jakarta 's Tanjung Priok port", "at Charles de Gaulle airport": a
 * name the tagger took for a person or an organisation, right before a lower-case noun naming a kind of
 * place, is that place. `mentions` sorted by start, `tokens` the sentence's.
 */
export function placesBeforeNoun(mentions: EntityMention[], tokens: readonly Token[]): EntityMention[] {
  let out: EntityMention[] | undefined;
  let k = 0;
  mentions.forEach((m, i) => {
    if (m.type !== 'person' && m.type !== 'organisation') return;
    while (k < tokens.length && tokens[k]!.start < m.end) k++;
    const noun = tokens[k];
    if (noun?.kind !== 'word' || !noun.spaceBefore || noun.lineBreakBefore || !PLACE_AFTER.has(noun.text)) return;
    out ??= mentions.slice();
    out[i] = mention(m, { type: 'place', canonical: undefined, reason: `before "${noun.text}"` });
  });
  return out ?? mentions;
}
