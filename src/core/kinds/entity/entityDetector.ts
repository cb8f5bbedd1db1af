import {
  ABSTRACT_TITLES, DOCUMENT_HEADS, EVENT_HEADS, FIRST_NAMES, MEASURE_UNITS, NAME_CONNECTORS, NOT_NAMES, ORGANISATION_HEADS, PERSON_TITLES, PLACE_HEADS, PRODUCT_TAILS,
  ROLE_NOUNS, SENTENCE_INITIAL_COMMON, SPEECH_VERBS, TITLE_MODIFIERS,
} from './entityWords';
import { ATTRIBUTION_VERBS, EVENT_CUES, PAST_TENSE_VERBS } from '../claim/claimCues';
import { token, withTokens, type Sentence, type Token } from '../../text/sentences';
import { spanOverlap } from '../../text/spanOverlap';
import { isClubName, LineContext } from './entityContext';
import { mention, type EntityMention } from './entityMention';
import type { EntityType } from '../../model';
import { Gazetteer } from './gazetteer';
import { abbreviationPeriods, joinInitials, ARTICLE_CUE, articleNames, pressByNoun, shipsByNoun, clubsBeforePlayers, clubsByResult, PARTICIPLE_CUE, placeAdjectives, COMPASS_REASON, combineMentions, currencies, teamsInResultsLines, isCommonWord, joinAmpersands, joinNameParticles, peopleInLists, organisationsByNoun, organisationsByRole, placesAfterOf, placesBeforeNoun, prefixedNames, quotedTitles, splitCompanyOfPlace, splitCoordinatedNames, splitNameAdjectives, taggedMentions, trimLowerTails, trimPossessives, teamsAfterCompetitor, teamsWithLetters } from './combine';
import { ruleHints, type DocumentCasing } from './tagger/features';
import { EntityTagger } from './tagger/tagger';
import { firstStartingAt, partitionPoint } from '../../text/sortedSearch';
import { isDigits, isPossessive, withoutPossessive as bare } from '../../text/wordTests';

export type { EntityMention } from './entityMention';

const CAPITALISED = /^\p{Lu}/u;
const CAMEL = /^\p{Ll}+\p{Lu}/u; // iPhone, eBay
const MODEL_NUMBER = /^(?:\d{1,3}[A-Za-z]{0,2}|[A-Z])$/; // 10, 2S, X
const ALNUM_NAME = /^(?=.*\d)(?=.*\p{Lu})[\p{L}\d]+$/u; // P10, Mi7, Mix2
const ORDINAL = /^\d+(?:st|nd|rd|th)$/i; // 85th: a minute or a rank, never a model
const INITIALS = /^(?:\p{Lu}\.){1,3}$/u; // C., K.J.
const COMPASS_INITIAL = /^[NSEW]\.$/; // N. Korea
const IN_CAPITALS = /^\p{Lu}[\p{Lu}'’-]*\p{Lu}$/u; // PARNEVIK, O'BRIEN

/** Most of the sentence's words are in capitals: a headline or a table line set in caps. */
function isShouting(sentence: Sentence): boolean {
  // Cheap first: a sentence with more than two words starting in lower case is not in capitals.
  let lowerStart = 0;
  for (const t of sentence.tokens) {
    const c = t.text.charCodeAt(0);
    if (t.kind === 'word' && c >= 97 && c <= 122 && ++lowerStart > 2) return false;
  }
  let upper = 0;
  let words = 0;
  for (const t of sentence.tokens) {
    if (t.kind !== 'word' || !/\p{L}{2}/u.test(t.text)) continue;
    words++;
    if (t.text === t.text.toUpperCase()) upper++;
  }
  return words >= 2 && upper / words >= 0.8;
}

/** `CAPITALISED.test(w)`: an ASCII first letter by its code, any other by the expression. */
function startsUpper(w: string): boolean {
  const c = w.charCodeAt(0);
  return c < 128 ? c >= 65 && c <= 90 : CAPITALISED.test(w);
}

/** `MODEL_NUMBER.test(w)`: only a word of one to five characters opening with a digit or a capital A–Z may match. */
function isModelWord(w: string): boolean {
  const c = w.charCodeAt(0);
  return w.length <= 5 && ((c >= 48 && c <= 57) || (c >= 65 && c <= 90)) && MODEL_NUMBER.test(w);
}

/** `text.split(/\s+/)` for a name's text (no whitespace at either end): split at single plain spaces where those are its only whitespace. */
function wordsOf(text: string): string[] {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Any other whitespace (ASCII controls, NBSP and the Unicode spaces are all 9–13, 32, or ≥ 0xa0), or two spaces running: the expression.
    if (c === 32 ? text.charCodeAt(i + 1) === 32 : (c >= 9 && c <= 13) || c >= 0xa0) return text.split(/\s+/);
  }
  return text.split(' ');
}

/** A word's `bare` form lower-cased: the token's own lower case unless a possessive comes off. */
function bareLower(t: Token): string {
  const word = bare(t.text);
  return word === t.text ? t.lower : word.toLowerCase();
}

/** "Pro." at the end of a sentence: the period ends the sentence, not the name. */
function withoutFinalPeriod(word: string): string {
  return word.charCodeAt(word.length - 1) === 46 && /^[^.]+\.$/.test(word) && !ABBREVIATIONS.has(word.toLowerCase()) ? word.slice(0, -1) : word;
}

const ABBREVIATIONS = new Set(['inc.', 'corp.', 'co.', 'ltd.', 'jr.', 'sr.', 'st.', 'bros.', 'no.']);

const HAS_UPPER = /[A-Z]/;
/** A quotation mark: most sentences have none, and skip the quoted titles' pass. */
const QUOTE_CUE = /["“”]/;
/** A prefix glued to a capital by a hyphen ("ex-England"): most sentences have none. */
const PREFIX_CUE = /\p{L}-\p{Lu}/u;

function isNameWord(token: Token): boolean {
  if (token.kind !== 'word') return false;
  // Most words start with a lower-case ASCII letter or a digit and have no capital: not names, decided cheaply.
  const first = token.text.charCodeAt(0);
  if (((first >= 97 && first <= 122) || (first >= 48 && first <= 57)) && !HAS_UPPER.test(token.text)) return false;
  const word = bare(token.text);
  const w = word.includes('’') ? word.replace(/’/g, "'") : word;
  // Both contractions' patterns need an apostrophe: most words have none.
  if (NOT_NAMES.has(w === token.text ? token.lower : w.toLowerCase()) || (w.includes("'") && /^I'|'(?:ve|re|ll|d|m)$/i.test(w))) return false;
  return startsUpper(w) || CAMEL.test(w) || ALNUM_NAME.test(w);
}

/** "of" and "the" join names only inside one ("Great Hall of the People"), never two names. */
function isConnector(t: Token, prev: Token, next: Token | undefined, afterNext: Token | undefined): boolean {
  const w = t.lower;
  if (!NAME_CONNECTORS.has(w) || !next) return false;
  if (w === 'the') return prev.lower === 'of' && isNameWord(next);
  if (w === 'of') {
    // "Sales of Xiaomi" is two things; "Bank of China" and "Great Hall of the People" are one.
    const head = bareLower(prev);
    if (!(ORGANISATION_HEADS.has(head) || PLACE_HEADS.has(head) || EVENT_HEADS.has(head) || DOCUMENT_HEADS.has(head) || OF_HEADS.has(head))) return false;
    if (next.lower === 'the') return afterNext !== undefined && isNameWord(afterNext);
  }
  return isNameWord(next);
}

/**
 * "Lens 0 Nantes 4", "Harris 2 3 1": a number followed by another number or by a new name is a score
 * in a table, not a model number ("Mate 10 Pro", "Mi Mix 2S" continue only with a model word).
 */
function isTableFigure(t: Token, next: Token | undefined, tableLine: boolean): boolean {
  if (!isDigits(t.text)) return false;
  // The last figure of a table row ("… Freiburg 0" then a line break).
  if (!next || next.lineBreakBefore) return tableLine;
  if (!next.spaceBefore) return false;
  if (next.kind === 'word' && /^\d/.test(next.text)) return true;
  return next.kind === 'word' && isNameWord(next) && !PRODUCT_TAILS.has(next.lower.replace(/\.$/, ''));
}

const HEADLINE_VERBS: ReadonlySet<string> = new Set([...PAST_TENSE_VERBS, ...EVENT_CUES.filter((c) => !c.includes(' ')), ...ATTRIBUTION_VERBS, 'wins', 'says', 'is', 'are', 'has', 'have', 'will', 'gets', 'makes', 'takes', 'shows', 'reveals']);


const TITLE_CASE = /^\p{Lu}\p{Ll}+$/u;
/** Words before a title that make it the office ("the King", "his Bishop"). */
const OFFICE_BEFORE = /^(?:the|a|an|his|her|its|their|former|new)$/i;

const OF_HEADS = new Set(['republic', 'kingdom', 'people', 'house', 'museum', 'church', 'statue', 'gulf', 'isle', 'cape']);

/**
 * "GOLF - PARNEVIK TAKES LEAD": in a line in capitals, a run of words that are no common ones may be a
 * name the source has elsewhere in plain case. A fallback, typed by nothing: resolution keeps it only
 * where the source names it so (see resolveEntities). `mentions` sorted by start.
 */
function namesInCapitals(mentions: EntityMention[], sentence: Sentence): EntityMention[] {
  const tokens = sentence.tokens;
  const found: EntityMention[] = [];
  const uncommon = (t: Token): boolean => {
    if (t.kind !== 'word' || !IN_CAPITALS.test(t.text)) return false;
    const lower = t.lower;
    return !isCommonWord(lower) && !SENTENCE_INITIAL_COMMON.has(lower) && !HEADLINE_VERBS.has(lower) && !NOT_NAMES.has(lower);
  };
  let k = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (!uncommon(tokens[i])) continue;
    let j = i + 1;
    while (j < tokens.length && tokens[j].spaceBefore && !tokens[j].lineBreakBefore && uncommon(tokens[j])) j++;
    const start = tokens[i].start;
    const end = tokens[j - 1].end;
    while (k < mentions.length && mentions[k].end <= start) k++;
    if (k >= mentions.length || mentions[k].start >= end) {
      found.push(mention({ start, end, text: sentence.text.slice(start - sentence.start, end - sentence.start), type: 'other', confidence: 0.4, sentenceInitial: false, reason: 'named elsewhere in the source', fallback: true }));
    }
    i = j - 1;
  }
  return found.length ? [...mentions, ...found].sort((a, b) => a.start - b.start) : mentions;
}

/** "Others said", "Newspapers said", "Eyewitnesses told": a common word or its plural opening a sentence is no speaker's name. */
function commonNoun(lower: string): boolean {
  if (isCommonWord(lower) || SENTENCE_INITIAL_COMMON.has(lower)) return true;
  if (!lower.endsWith('s')) return false;
  return isCommonWord(lower.slice(0, -1)) || (lower.endsWith('es') && isCommonWord(lower.slice(0, -2)));
}

/** How many tokens from `k` on are an event's head set in capitals ("OPEN", "GRAND PRIX"), on the same line; 0 if none. */
function eventHeadInCapitals(tokens: readonly Token[], k: number): number {
  const a = tokens[k];
  if (!a || a.kind !== 'word' || !a.spaceBefore || a.lineBreakBefore || a.text !== a.text.toUpperCase()) return 0;
  const b = tokens[k + 1];
  if (a.text === 'GRAND' && b?.text === 'PRIX' && b.spaceBefore && !b.lineBreakBefore) return 2;
  return EVENT_HEADS.has(a.text.toLowerCase()) && a.text !== 'WEEK' && a.text !== 'WAR' ? 1 : 0;
}

/** A mention typed by the rules. */
function mentionOf(start: number, end: number, text: string, sentenceInitial: boolean, type: EntityType, confidence: number, reason: string): EntityMention {
  return mention({ start, end, text, sentenceInitial, type, confidence, reason });
}

interface Run {
  tokens: Token[];
  sentenceInitial: boolean;
  /** A person title stood right before the run. */
  afterTitle: boolean;
}

/** "Libyans", "Koreans": a nationality's plural. */
const NATIONALS = /^\p{Lu}\p{Ll}+(?:ans|ians)$/u;

/** "Libyans are dressing up their capital", "if the Koreans start selling": a known nationality in the plural is a nationality (CoNLL's MISC), not an organisation or a person. */
function nationalsInPlural(mentions: EntityMention[], gazetteer: Gazetteer): EntityMention[] {
  let out: EntityMention[] | undefined;
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i]!;
    if (m.type === 'other' || m.type === 'place' || !NATIONALS.test(m.text) || !gazetteer.isOther(m.text.slice(0, -1))) continue;
    out ??= mentions.slice();
    out[i] = mention(m, { type: 'other', reason: 'a nationality in the plural' });
  }
  return out ?? mentions;
}

export class EntityDetector {
  private readonly context: LineContext;
  private readonly tagger: EntityTagger | undefined;

  /** `learned: false` leaves the tagger out: the rules alone, as before it. */
  constructor(private readonly gazetteer = new Gazetteer(), learned = true) {
    this.context = new LineContext(gazetteer);
    this.tagger = learned ? new EntityTagger(gazetteer) : undefined;
  }

  /**
   * `exclude` holds spans already taken (dates), whose words are never part of a name; `casing` is
   * how the source writes its words elsewhere (see documentCasing).
   */
  detect(sentence: Sentence, exclude: ReadonlyArray<{ start: number; end: number }> = [], casing?: DocumentCasing | (() => DocumentCasing)): EntityMention[] {
    const rules = this.detectByRules(sentence, exclude);
    if (!this.tagger) return rules;
    let firstWord = -1;
    for (const t of sentence.tokens) {
      if (t.kind !== 'word') continue;
      firstWord = t.start;
      break;
    }
    const excluded = spanOverlap(exclude, sentence.start, sentence.end);
    const spans = this.tagger.tag(sentence.tokens, casing, (tokens) => ruleHints(tokens, rules));
    const tagged = taggedMentions(spans, sentence, firstWord, excluded);
    // Numbers make a results or table line, which only matters to the rules' names.
    let numbers = 0;
    if (rules.length) for (const t of sentence.tokens) if (t.kind === 'word' && isDigits(t.text)) numbers++;
    let combined = splitCompanyOfPlace(trimLowerTails(trimPossessives(splitCoordinatedNames(splitNameAdjectives(combineMentions(tagged, rules, numbers >= 2), sentence, this.typeSpan)))), sentence, this.typeSpan);
    if (numbers >= 2) combined = teamsWithLetters(combined, sentence.text, sentence.start);
    if (numbers >= 2) combined = teamsInResultsLines(combined, sentence.tokens, sentence.text, sentence.start, this.isCountry);
    if (combined.length >= 3) combined = teamsAfterCompetitor(combined, sentence.tokens);
    if (combined.length >= 2) combined = joinInitials(combined, sentence.text, sentence.start, this.knownType);
    if (combined.length) combined = joinNameParticles(combined, sentence.text, sentence.start);
    if (combined.length >= 2) combined = peopleInLists(combined, sentence.tokens, sentence.text, sentence.start);
    let out = currencies(organisationsByRole(shipsByNoun(pressByNoun(organisationsByNoun(joinAmpersands(combined, sentence.text, sentence.start), sentence.tokens), sentence.tokens, this.knownType), sentence.tokens), sentence.tokens), sentence.text, sentence.start);
    // Three passes need a hyphen: a native search rules most sentences out before their regexes scan them (~27 → 7 ms of 1 MB).
    const hyphen = sentence.text.includes('-');
    if (hyphen && ARTICLE_CUE.test(sentence.text)) out = articleNames(out, sentence.tokens, sentence.text, sentence.start);
    if (out.length) out = placesBeforeNoun(placesAfterOf(out, sentence.tokens), sentence.tokens);
    if (hyphen && PREFIX_CUE.test(sentence.text)) out = prefixedNames(out, sentence.tokens, sentence.text, sentence.start, this.isNationality);
    if (hyphen && PARTICIPLE_CUE.test(sentence.text)) out = placeAdjectives(out, sentence.tokens, sentence.text, sentence.start, this.knownType);
    if (out.length) out = clubsByResult(clubsBeforePlayers(out, sentence.tokens, this.scopeOf), sentence.tokens, this.scopeOf);
    if (QUOTE_CUE.test(sentence.text)) out = quotedTitles(out, sentence.tokens, sentence.text, sentence.start);
    if (out.length) out = abbreviationPeriods(out, sentence.text, sentence.start);
    return isShouting(sentence) ? namesInCapitals(nationalsInPlural(this.withoutCommonInCapitals(out), this.gazetteer), sentence) : nationalsInPlural(out, this.gazetteer);
  }

  /**
   * "FRIDAY , AUGUST 30 SCHEDULE", "WORLD TRACK CHAMPIONSHIP": in a line set in capitals, a single word
   * the tagger took for a name that is a common English word and no name the gazetteer knows is the
   * word, not a name (the capitals prove nothing there); one opening a longer name the gazetteer
   * knows stays ("REAL" of Real Madrid).
   */
  private withoutCommonInCapitals(mentions: EntityMention[]): EntityMention[] {
    const common = (m: EntityMention) => {
      if (m.learned !== true || !IN_CAPITALS.test(m.text)) return false;
      const lower = m.text.toLowerCase();
      return isCommonWord(lower) && !this.gazetteer.lookupInCapitals(m.text) && !this.gazetteer.mayOpenLongerName(lower);
    };
    return mentions.some(common) ? mentions.filter((m) => !common(m)) : mentions;
  }

  private readonly scopeOf = (name: string) => this.gazetteer.placeScope(name);
  private readonly knownType = (name: string) => this.gazetteer.typeOf(name);
  private readonly isNationality = (word: string) => this.gazetteer.isOther(word);
  private readonly isCountry = (name: string) => this.gazetteer.typeOf(name) === 'place' && this.gazetteer.placeScope(name) === 'country';

  /** The rules' type for the words from `start` to `end` as one name. */
  private readonly typeSpan = (sentence: Sentence, start: number, end: number): EntityMention | undefined => {
    const tokens = sentence.tokens.slice(firstStartingAt(sentence.tokens, start), firstStartingAt(sentence.tokens, end));
    return tokens.length ? this.typeRun({ tokens, sentenceInitial: false, afterTitle: false }, sentence) : undefined;
  };

  /** The hand-written rules alone: the tagger's hints, and what it is combined with. */
  detectByRules(sentence: Sentence, exclude: ReadonlyArray<{ start: number; end: number }>): EntityMention[] {
    const mentions: EntityMention[] = [];
    const excluded = spanOverlap(exclude, sentence.start, sentence.end);
    let free = sentence;
    if (exclude.length) {
      const tokens: Token[] = [];
      for (const t of sentence.tokens) tokens.push(excluded(t.start, t.end) ? token(t.text, t.start, t.end, 'punct', t.spaceBefore, t.lineBreakBefore) : t);
      free = withTokens(sentence, tokens);
    }
    if (isShouting(free)) return this.context.apply(this.knownNamesInCapitals(free), sentence, exclude);
    for (const run of this.runs(free)) {
      const typed = this.typeRun(run, sentence);
      if (typed) mentions.push(typed);
    }
    return this.context.apply(mentions, sentence, exclude);
  }

  /** In a line set in capitals ("JAPAN GET LUCKY WIN") a capital proves nothing: only known names count. */
  private knownNamesInCapitals(sentence: Sentence): EntityMention[] {
    const mentions: EntityMention[] = [];
    const words = sentence.tokens;
    for (let i = 0; i < words.length; i++) {
      if (words[i].kind !== 'word') continue;
      // Words joined by single spaces on one line, from i on: only such spans can be names.
      const max = Math.min(this.gazetteer.longestNameWords, words.length - i);
      let run = 1;
      while (run < max && words[i + run].kind === 'word' && words[i + run].spaceBefore && !words[i + run].lineBreakBefore) run++;
      for (let n = run; n >= 1; n--) {
        const span = words.slice(i, i + n);
        const raw = sentence.text.slice(span[0].start - sentence.start, span[n - 1].end - sentence.start);
        const known = this.gazetteer.lookupInCapitals(raw);
        if (!known) continue;
        // "HONG KONG OPEN", "BERLIN GRAND PRIX": a known place, then an event's head in capitals, is the event.
        const head = known.type === 'place' ? eventHeadInCapitals(words, i + n) : 0;
        if (head) {
          const last = words[i + n + head - 1]!;
          // "THE U.S. OPEN": the article the gazetteer's lookup dropped stays outside the name.
          const first = n > 1 && span[0].text === 'THE' ? span[1]! : span[0];
          mentions.push(mention({ start: first.start, end: last.end, text: sentence.text.slice(first.start - sentence.start, last.end - sentence.start), type: 'event', confidence: 0.9, sentenceInitial: false, reason: 'a place and an event\'s head' }));
          i += n + head - 1;
          break;
        }
        mentions.push(mention({
          start: span[0].start, end: span[n - 1].end, text: raw, type: known.type, confidence: 0.9, canonical: known.canonical, sentenceInitial: false,
          reason: 'known name', generatedName: known.generated || undefined,
        }));
        i += n - 1;
        break;
      }
    }
    // A masthead such as "APD NEWS": a short line in capitals ending in an organisation's head word.
    const named = words.filter((t) => t.kind === 'word');
    if (!mentions.length && named.length >= 2 && named.length <= 4 && ORGANISATION_HEADS.has(named[named.length - 1].text.toLowerCase()) && !named.some((t, k) => k > 0 && t.lineBreakBefore)) {
      const first = named[0];
      const last = named[named.length - 1];
      const text = sentence.text.slice(first.start - sentence.start, last.end - sentence.start);
      mentions.push(mention({ start: first.start, end: last.end, text, type: 'organisation', confidence: 0.7, sentenceInitial: false, reason: `ends in "${last.text.toLowerCase()}"` }));
    }
    return mentions;
  }

  /**
   * Maximal runs of name words, split at titles ("CEO") and possessives ("Xiaomi's"). A list, not a
   * generator: flushing ran at nearly every word, and a generator per flush was a cost per word.
   */
  private runs(sentence: Sentence): Run[] {
    const runs: Run[] = [];
    const tokens = sentence.tokens;
    let run: Token[] = [];
    let runStartsSentence = false;
    let afterTitle = false;
    let firstWordIndex = 0;
    while (firstWordIndex < tokens.length && tokens[firstWordIndex].kind !== 'word') firstWordIndex++;
    if (firstWordIndex === tokens.length) firstWordIndex = -1;
    // Several bare numbers: a row of scores or standings.
    let numbers = 0;
    for (const t of tokens) if (t.kind === 'word' && isDigits(t.text)) numbers++;
    const tableLine = numbers >= 2;
    const flush = (): void => {
      while (run.length && run[run.length - 1].kind === 'word' && NAME_CONNECTORS.has(run[run.length - 1].lower)) run.pop();
      while (run.length && run[run.length - 1].text === '&') run.pop();
      if (run.length) {
        runs.push({ tokens: run, sentenceInitial: runStartsSentence, afterTitle });
        run = [];
      }
      afterTitle = false;
    };

    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t.lineBreakBefore) flush();
      const lower = t.kind === 'word' ? bareLower(t) : '';
      const isTitle =
        t.kind === 'word' &&
        ((PERSON_TITLES.has(lower.endsWith('.') ? lower.slice(0, -1) : lower) && (startsUpper(t.text) || /^[A-Z]{2,}$/.test(t.text) || run.length === 0)) ||
          (run.length === 0 && ROLE_NOUNS.has(lower) && tokens[i + 1] !== undefined && isNameWord(tokens[i + 1]) &&
            // "Defender Hassan Abbas", "All-rounder Greg Blewett": capitalised only where a sentence or line opens.
            (/^\p{Ll}/u.test(t.text) || ((i === firstWordIndex || t.lineBreakBefore === true) && this.personFollows(tokens, i + 1)))));
      // "said King .", "King will feel good": a capitalised title alone, neither after "the" nor before a name, is someone's surname ("Billie Jean King").
      if (isTitle && run.length === 0 && i !== firstWordIndex && TITLE_CASE.test(t.text) && !ABSTRACT_TITLES.has(lower) && !(tokens[i + 1] && tokens[i + 1].spaceBefore && isNameWord(tokens[i + 1])) && !OFFICE_BEFORE.test(tokens[i - 1]?.text ?? '')) {
        run.push(t);
        runStartsSentence = false;
        continue;
      }
      if (isTitle) {
        // "British Prime Minister": "Prime" belongs to the title, not to the name before it.
        while (run.length && TITLE_MODIFIERS.has(run[run.length - 1].lower)) run.pop();
        const titleFollowsName = run.length > 0;
        flush();
        afterTitle = !isPossessive(t.text) && (titleFollowsName || isNameWord(tokens[i + 1] ?? t) || lower === 'executive');
        continue;
      }
      // "Croat Alen Boksic", "Russian Igor Kolyvanov": a nationality before a person's name is a name of its own.
      if (run.length === 0 && t.kind === 'word' && startsUpper(t.text) && this.gazetteer.isOther(t.text) && this.personFollows(tokens, i + 1)) {
        run.push(t);
        runStartsSentence = i === firstWordIndex;
        flush();
        continue;
      }
      // "Jennifer Garner Won the Oscar": a capitalised verb in a Title Case headline is not part of a name.
      if (t.kind === 'word' && run.length > 0 && HEADLINE_VERBS.has(lower)) {
        flush();
        continue;
      }
      const continuesRun =
        run.length > 0 &&
        t.spaceBefore &&
        ((t.kind === 'word' && isModelWord(withoutFinalPeriod(t.text)) && !isPossessive(run[run.length - 1].text) && !isTableFigure(t, tokens[i + 1], tableLine) && this.isModelNumber(run, t, tokens[i + 1])) ||
          (t.kind === 'word' && isConnector(t, run[run.length - 1], tokens[i + 1], tokens[i + 2])) ||
          (t.text === '&' && tokens[i + 1] && isNameWord(tokens[i + 1])));
      if (isNameWord(t) || continuesRun) {
        if (run.length === 0) runStartsSentence = i === firstWordIndex || (i > 0 && /^["“'‘(]$/.test(tokens[i - 1].text) && i - 1 <= firstWordIndex);
        run.push(t);
        if (isPossessive(t.text)) flush();
        continue;
      }
      flush();
    }
    flush();
    return runs;
  }

  /** A person's name starts at `i`: a known given name, or two capitalised words that end the name ("Kennet Andersson"). */
  private personFollows(tokens: readonly Token[], i: number): boolean {
    const [a, b, c] = [tokens[i], tokens[i + 1], tokens[i + 2]];
    if (!a || a.kind !== 'word' || !a.spaceBefore || a.lineBreakBefore || !isNameWord(a)) return false;
    if (FIRST_NAMES.has(a.lower)) return true;
    const word = (t: Token | undefined) => t !== undefined && t.kind === 'word' && /^\p{Lu}\p{Ll}+$/u.test(t.text);
    return word(a) && word(b) && !b!.lineBreakBefore && !(c && c.spaceBefore && !c.lineBreakBefore && isNameWord(c)) &&
      !this.gazetteer.lookup(`${a.text} ${b!.text}`) && !this.gazetteer.lookup(a.text) && ![ORGANISATION_HEADS, PLACE_HEADS, EVENT_HEADS].some((h) => h.has(b!.lower));
  }

  /**
   * "Mate 10", "Windows 10 users": a bare number names a model after a known product line, before a
   * model word, or before a common word. "Hassan Abbas 84 )", "Vaughan 59", "Bode 85th" are scores and minutes.
   */
  private isModelNumber(run: readonly Token[], t: Token, next: Token | undefined): boolean {
    if (ORDINAL.test(t.text)) return false;
    if (!isDigits(t.text)) return true;
    if (run.some((w) => CAMEL.test(w.text) || ALNUM_NAME.test(w.text) || this.gazetteer.typeOf(bare(w.text)) === 'product')) return true;
    if (!next || !next.spaceBefore || next.lineBreakBefore || next.kind !== 'word') return false;
    if (PRODUCT_TAILS.has(next.lower.replace(/\.$/, ''))) return true;
    return /^\p{Ll}/u.test(next.text) && !MEASURE_UNITS.has(next.text) && !run.some((w) => FIRST_NAMES.has(w.lower) || this.gazetteer.lookup(bare(w.text)) !== undefined);
  }

  private knownRun(tokens: Token[], sentence: Sentence): boolean {
    // The gazetteer drops a leading "the"; here "The" must stay outside the name.
    if (tokens[0].lower === 'the') return false;
    const last = tokens[tokens.length - 1];
    return this.gazetteer.lookup(sentence.text.slice(tokens[0].start - sentence.start, last.start + withoutFinalPeriod(bare(last.text)).length - sentence.start)) !== undefined;
  }

  private typeRun(run: Run, sentence: Sentence): EntityMention | undefined {
    let tokens = run.tokens;
    let sentenceInitial = run.sentenceInitial;
    // "Currently Xiaomi": drop a common sentence-opening word, unless the whole run is a known name ("New York").
    if (sentenceInitial && SENTENCE_INITIAL_COMMON.has(bare(tokens[0].text).toLowerCase()) && !this.knownRun(tokens, sentence)) {
      tokens = tokens.slice(1);
      sentenceInitial = false;
      while (tokens.length && (tokens[0].kind !== 'word' || NAME_CONNECTORS.has(tokens[0].lower) || MODEL_NUMBER.test(tokens[0].text))) tokens = tokens.slice(1);
    }
    if (!tokens.length) return undefined;
    const start = tokens[0].start;
    const last = tokens[tokens.length - 1];
    const lastText = withoutFinalPeriod(bare(last.text));
    const end = last.start + lastText.length;
    const text = sentence.text.slice(start - sentence.start, end - sentence.start);
    const c0 = text.charCodeAt(0);
    if ((c0 >= 48 && c0 <= 57) || text.length < 2) return undefined;

    const known = this.gazetteer.lookup(text);
    if (known) {
      return mention({ start, end, text, sentenceInitial, type: known.type, confidence: 1, canonical: known.canonical, reason: 'known name', generatedName: known.generated || undefined });
    }
    if (run.afterTitle) return mentionOf(start, end, text, sentenceInitial, 'person', 0.9, 'follows a title');

    const words = wordsOf(text);
    // A lone common word ("Every", "With") is capitalised for reasons other than being a name.
    if (words.length === 1 && SENTENCE_INITIAL_COMMON.has(text.toLowerCase().replace(/’/g, "'"))) return undefined;
    // "Great Hall of the People": the head is the word before "of".
    const ofAt = words.indexOf('of');
    const head = bare(words[ofAt > 0 ? ofAt - 1 : words.length - 1]).toLowerCase();
    if (isClubName(words)) {
      return mentionOf(start, end, text, sentenceInitial, 'organisation', 0.8, 'club name');
    }
    // "African National Congress", "Indian National Congress": a national congress is a party, not a meeting.
    if (head === 'congress' && words.length > 1 && words[words.length - 2] === 'National') return mentionOf(start, end, text, sentenceInitial, 'organisation', 0.8, 'a national congress');
    if (words.length > 1 && EVENT_HEADS.has(head)) return mentionOf(start, end, text, sentenceInitial, 'event', 0.8, `ends in "${head}"`);
    if (words.length > 1 && DOCUMENT_HEADS.has(head)) {
      // "The Treaty of Baden" after "1714 -": the article stays outside the name.
      const from = words[0] === 'The' && words.length > 2 ? tokens[1]!.start : start;
      return mentionOf(from, end, sentence.text.slice(from - sentence.start, end - sentence.start), sentenceInitial && from === start, 'other', 0.8, `a law or treaty ("${head}")`);
    }
    if (words.length > 1 && ORGANISATION_HEADS.has(head)) return mentionOf(start, end, text, sentenceInitial, 'organisation', 0.8, `ends in "${head}"`);
    if (words.length > 1 && PLACE_HEADS.has(head)) return mentionOf(start, end, text, sentenceInitial, 'place', 0.7, `ends in "${head}"`);

    const firstKnown = this.gazetteer.lookup(words[0]);
    let hasModel = false;
    for (let k = 1; k < words.length && !hasModel; k++) hasModel = MODEL_NUMBER.test(words[k]) || PRODUCT_TAILS.has(words[k].toLowerCase());
    if ((words.length > 1 && (hasModel || ALNUM_NAME.test(words[words.length - 1]))) || (words.length === 1 && (ALNUM_NAME.test(text) || CAMEL.test(text)))) {
      return mentionOf(start, end, text, sentenceInitial, 'product', 0.7, 'model name');
    }
    if (firstKnown?.type === 'product') return mentionOf(start, end, text, sentenceInitial, 'product', 0.8, `a ${firstKnown.canonical} model`);
    // "Google Pixel", "Samsung Galaxy": a maker, then a product the gazetteer knows.
    const secondKnown = words.length === 2 && firstKnown?.type === 'organisation' ? this.gazetteer.lookup(words[1]) : undefined;
    if (secondKnown?.type === 'product') return mentionOf(start, end, text, sentenceInitial, 'product', 0.8, `a ${secondKnown.canonical} model`);

    // "N. Korea", "S. Africa", "S. Korean": a compass point's initial before a known place or nationality is that place or nationality.
    if (words.length >= 2 && COMPASS_INITIAL.test(words[0])) {
      const rest = this.gazetteer.lookup(words.slice(1).join(' '));
      if (rest && (rest.type === 'place' || rest.type === 'other')) return mentionOf(start, end, text, sentenceInitial, rest.type, 0.9, COMPASS_REASON);
    }
    // "C. Spearman", "K.J. Matthew", "A. Curts Cooke": initials before a surname.
    if (words.length >= 2 && INITIALS.test(words[0]) && !firstKnown && words.slice(1).every((w) => /^\p{Lu}[\p{Ll}'’-]/u.test(w))) {
      return mentionOf(start, end, text, sentenceInitial, 'person', 0.8, 'initials and a surname');
    }
    // Tokens are in text order: found by binary search, not a scan of the sentence per name.
    const all = sentence.tokens;
    let n = firstStartingAt(all, end);
    while (n < all.length && all[n]!.kind !== 'word') n++;
    const next = all[n];
    const prev = all[partitionPoint(all, (t) => t.end <= start) - 1];
    const speaks = next !== undefined && SPEECH_VERBS.has(next.lower);
    const saidBy = prev !== undefined && /^(?:said|says|told)$/i.test(prev.text);
    const personShape = words.length >= 2 && words.length <= 3 && words.every((w) => /^\p{Lu}\p{Ll}+(?:-\p{Lu}?\p{Ll}+)?$/u.test(w));
    if (words.length === 1 && /^\p{Lu}\p{Ll}+$/u.test(text) && speaks && !firstKnown && !(sentenceInitial && commonNoun(text.toLowerCase()))) return mentionOf(start, end, text, sentenceInitial, 'person', 0.6, 'speaker');
    if (personShape && (speaks || saidBy)) return mentionOf(start, end, text, sentenceInitial, 'person', 0.8, 'speaker');
    if (words.length >= 2 && words.length <= 4 && FIRST_NAMES.has(words[0].toLowerCase()) && /^\p{Lu}/u.test(words[words.length - 1])) {
      return mentionOf(start, end, text, sentenceInitial, 'person', 0.75, 'starts with a given name');
    }
    // "WTO", "FBI": an unknown acronym is most often an organisation.
    if (words.length === 1 && /^[A-Z]{2,5}$/.test(text)) return mentionOf(start, end, text, sentenceInitial, 'organisation', 0.5, 'acronym');
    if (personShape && !firstKnown) return mentionOf(start, end, text, sentenceInitial, 'person', 0.55, 'shape of a full name');
    return mentionOf(start, end, text, sentenceInitial, 'other', 0.4, 'capitalised name');
  }
}
