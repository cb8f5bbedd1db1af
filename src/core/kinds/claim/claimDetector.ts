import type { Attribution, Cue, Region } from '../../model';
import {
  ATTRIBUTION_PHRASES, ATTRIBUTION_VERBS, COMPARISON_CUES, EPISTEMIC_CUES, EVALUATIVE_CUES, EVENT_CUES, HEDGE_CUES, IMPERATIVE_VERBS, NORMATIVE_CUES, OPINION_CUES,
  PAST_TENSE_VERBS, PLAN_CUES, PROMISE_CUES, REPORTING_HEDGES, RHETORIC_CUES, STATISTIC_CUES, TOPIC_CUES,
} from './claimCues';
import { allMatches, someMatch } from '../../text/allMatches';
import type { Sentence } from '../../text/sentences';
import { CueScanner, type CueLexicon } from '../../text/cueMatcher';
import { spanOverlap, spanWithin } from '../../text/spanOverlap';
import weightsFile from './claimWeights.json';
import { sortInPlace } from '../../text/sortInPlace';

/**
 * A "sentence" longer than this is not prose (a line of numbers, a run without sentence ends): it is
 * not scored as a claim. The longest claim in the samples and gold data is 612 characters.
 */
export const MAX_CLAIM_LENGTH = 2_000;

export interface ClaimCandidate {
  start: number;
  end: number;
  text: string;
  score: number;
  cues: Cue[];
  hedges: string[];
  attribution?: Attribution;
  /** The rules' log-odds behind `score`, and the evidence they weighed: the claim ranker reads both. */
  logit: number;
  features: ClaimFeatures;
}

export interface ClaimContext {
  region: Region;
  commenter?: string;
  /** Names and dates found in the sentence (absolute offsets). */
  entities: ReadonlyArray<{ start: number; end: number; text: string }>;
  dates: ReadonlyArray<{ start: number; end: number }>;
}

/** A named party's prediction: "Xiaomi could launch". */
export const PREDICTION_MODALS = ['could', 'may', 'might', 'is likely to', 'are likely to', 'is poised to', 'are poised to'];

const LEXICONS = {
  attributionVerb: { kind: 'attribution', phrases: ATTRIBUTION_VERBS, caseSensitive: true },
  attributionPhrase: { kind: 'attribution', phrases: ATTRIBUTION_PHRASES },
  // Reporting hedges are hedges too; one pass finds both and the reporting ones are picked out by text.
  hedge: { kind: 'hedge', phrases: [...new Set([...HEDGE_CUES, ...REPORTING_HEDGES, ...EPISTEMIC_CUES])] },
  plan: { kind: 'plan', phrases: PLAN_CUES },
  event: { kind: 'event', phrases: [...new Set([...EVENT_CUES, ...PAST_TENSE_VERBS])] },
  comparison: { kind: 'comparison', phrases: COMPARISON_CUES },
  opinion: { kind: 'opinion', phrases: OPINION_CUES },
  normative: { kind: 'opinion', phrases: NORMATIVE_CUES },
  statistic: { kind: 'quantity', phrases: STATISTIC_CUES },
  evaluative: { kind: 'opinion', phrases: EVALUATIVE_CUES },
  rhetoric: { kind: 'opinion', phrases: RHETORIC_CUES },
  promise: { kind: 'first-person', phrases: PROMISE_CUES },
  // Not "would": about a named party it is mostly a hypothetical ("X would raise taxes if …").
  modal: { kind: 'prediction', phrases: PREDICTION_MODALS },
  topic: { kind: 'event', phrases: TOPIC_CUES },
} satisfies Record<string, CueLexicon>;
type LexiconName = keyof typeof LEXICONS;
const LEXICON_NAMES = Object.keys(LEXICONS) as LexiconName[];
const LEXICON_INDEX = Object.fromEntries(LEXICON_NAMES.map((name, i) => [name, i])) as Record<LexiconName, number>;
/** Every lexicon compiled into one trie: a sentence is walked once, not once per lexicon. */
const SCANNER = new CueScanner(LEXICON_NAMES.map((name) => LEXICONS[name]));

/** Each lexicon's cues in a sentence, by lexicon name. */
function lexiconCues(text: string, base: number): Record<LexiconName, Cue[]> {
  const found = SCANNER.scan(text, base);
  // One literal, not a store per name into an empty object (which made a new shape per sentence).
  const at = LEXICON_INDEX;
  return {
    attributionVerb: found[at.attributionVerb], attributionPhrase: found[at.attributionPhrase], hedge: found[at.hedge], plan: found[at.plan],
    event: found[at.event], comparison: found[at.comparison], opinion: found[at.opinion], normative: found[at.normative], statistic: found[at.statistic],
    evaluative: found[at.evaluative], rhetoric: found[at.rhetoric], promise: found[at.promise], modal: found[at.modal], topic: found[at.topic],
  };
}

const REPORTING = new Set(REPORTING_HEDGES);
/** Promises start with one of these; a sentence without them needs no promise search. */
const PROMISE_START = /\b(?:i|we|let|my|our)\b/i;

/** Regular past tense by shape ("voted", "closed"); not words that only end like one. */
const REGULAR_PAST = /\b[a-z]{3,}ed\b/g;
const NOT_PAST = new Set(['hundred', 'indeed', 'proceed', 'exceed', 'succeed', 'speed', 'breed', 'greed', 'kindred', 'sacred', 'naked', 'wicked', 'beloved', 'rugged', 'ragged', 'crooked', 'supposed', 'prepared', 'involved', 'suited', 'interested', 'concerned', 'tired', 'scared', 'excited', 'worried', 'married', 'limited', 'advanced', 'talented', 'sophisticated', 'complicated', 'dedicated']);

const NUMBER_WORD_PATTERN = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a few|several|a';
// Digit runs are bounded ({0,30}, {1,6}): on a run of comma-separated numbers an unbounded one
// backtracks across the rest of the run from every number in it. The lookahead first: every
// alternative opens with a currency sign or a digit, a cheap test at each offset before the `\b`
// of Unicode case-folding mode (same matches; 10,000 sentences with digits 5–10 ms to under 1 ms).
const QUANTITY = /(?=[$€£¥\d])(?:[$€£¥]\s?\d[\d,.]{0,30}(?:\s?(?:million|billion|trillion|[mbk]n?))?|\b\d[\d,.]{0,30}\s?(?:%|per\s?cent|percent|million|billion|trillion|thousand|hundred)|\b\d{1,3}(?:,\d{3}){1,6}\b|\b\d+(?:\.\d+)?\b)/giu;
const HAS_DIGIT = /\d/;
/** A word every WORD_QUANTITY match holds (its last alternatives' words, the tens, the multipliers). */
const WORD_QUANTITY_WORDS = /hundred|thousand|million|billion|trillion|percent|per cent|times|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|dozens|twice|half|third|quarter/i;
/** Figures in words: "two million", "seventy-two", "hundreds of", "twice as many", "a third". */
const WORD_QUANTITY = new RegExp(
  `\\b(?:(?:${NUMBER_WORD_PATTERN})(?:[- ](?:${NUMBER_WORD_PATTERN})){0,6}\\s+(?:hundred|thousand|million|billion|trillion|percent|per cent|times)|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|(?:hundreds|thousands|millions|billions|dozens|tens of thousands)\\s+of|twice as|half of|(?:a|one|two)[- ](?:third|quarter|half)s? of)\\b`,
  'gi',
);
// The lookahead first: every alternative opens with one of these letters, a cheap test at each offset
// before the Unicode letter class of the lookbehind (same matches).
const FIRST_PERSON = /(?=[Imwou])(?<![\p{L}])(?:I|I['’]m|I['’]ll|I['’]ve|I['’]d|my|me|we|our|us)(?![\p{L}])/gu;
const SECOND_PERSON = /\b(?:you|your|you['’](?:re|ve|ll|d))\b/gi;
const MONEY_WORDS = /\b(?:dollars?|cents|euros?|pounds sterling)\b/i;
/** Present perfect: an auxiliary, at most one adverb, then a past participle (not the copula "has been"). */
const PERFECT = /\b(?:has|have|had|['’]ve|['’]s)\s+(?:(?:already|just|now|never|not|also|actually|since|ever)\s+)?(?:been\s+[a-z]{3,}(?:ing|ed|en)|[a-z]{3,}ed|gone|grown|risen|fallen|lost|cut|made|taken|given|paid|spent|built|sent|sold|won|brought|kept|held|left|fought|gotten|got|done|come|heard|seen|said|told|put|run|become|begun|written|shown|known|led|met)\b/i;
const MODAL = /\b(?:would|could|can|might|may|['’]d)\b/gi;
const FUTURE = /\b(?:will|['’]ll|going to|gonna)\b/gi;
const THIRD_PERSON = /\b(?:he|she|they|his|her|their|him|them)\b/i;
/** A sentence that opens with a bare verb (after an optional "and", "so", "now"): an imperative. */
const IMPERATIVE_START = new RegExp(`^["“'‘(]*(?:(?:and|so|now|but|well|then),?\\s+)?(?:${IMPERATIVE_VERBS.join('|')})\\b`, 'i');

/** Evidence a sentence gives for or against being a check-worthy statement of fact. */
export interface ClaimFeatures {
  /** Sentence length: 0 under 3 words, then rising to 1 at 30 words. */
  length: number;
  short: number;
  attribution: number;
  reported: number;
  /** The attribution names its speaker ("Lei Jun said"): a checker can ask that speaker. */
  namedSpeaker: number;
  quantity: number;
  /** Money and percentages, the figures most often checked. */
  moneyOrPercent: number;
  /** Statistics vocabulary: "rate", "average", "per capita", "majority". */
  statistic: number;
  comparison: number;
  /** A named party's plan: "Xiaomi plans to enter …". */
  plan: number;
  prediction: number;
  event: number;
  /** Present perfect: "has increased", "have lost": a change that happened. */
  perfect: number;
  topic: number;
  secondTopic: number;
  entity: number;
  secondEntity: number;
  date: number;
  question: number;
  exclamation: number;
  opinion: number;
  normative: number;
  /** "I", "me", "my": the speaker's own view or story ("we" is as often a country's record). */
  firstSingular: number;
  secondPerson: number;
  promise: number;
  conditional: number;
  /** A hedge that is not a report ("maybe", "I believe … might"): speculation rather than fact. */
  hedge: number;
  /** "Look, …", "Let me …", "Imagine …": the speaker addresses the listener. */
  imperative: number;
  /** "would", "could", "can": what might be, not what is. */
  modal: number;
  /** "will", "going to": the future cannot be checked yet. */
  future: number;
  /** "he", "she", "they": a statement about someone else. */
  thirdPerson: number;
  /** Two or more past-tense verbs: a narrative of what happened. */
  secondEvent: number;
  /** Judging words: "good", "wrong", "important": a judgement rather than a fact. */
  evaluative: number;
  /** Ideals and aspirations: "freedom", "values", "dream". */
  rhetoric: number;
}

/**
 * Log-odds weights of the check-worthiness score; the score is the logistic of their sum, so it is
 * graded (few ties) and 0.5 means even odds. Fitted by scripts/trainClaimWeights.ts as an
 * L2-regularised logistic regression on the ClaimBuster sentences (spoken debates), with small weights
 * for domain-neutral words, the bias set so that the sample news sources are flagged in the share the
 * evidence alone flags them (see README, "Claims"). Four are set by hand for news, which debates hardly show, and held fixed by the
 * fit: a named party's plan and prediction ("Xiaomi plans to", "Xiaomi could launch") are worth
 * checking, and questions and exclamations weigh firmly against.
 */
export interface ClaimWeights {
  /** The labelled set the weights were fitted on: the eval prints cross-validated figures for it. */
  fittedOn: string;
  features: Record<keyof ClaimFeatures | 'bias', number>;
  /** Log-odds of lower-case words (each counted once a sentence); see claimWords. */
  words: Record<string, number>;
  /** Log-odds of two pieces of evidence together, keyed "a*b" (added to their own weights). */
  combinations?: Record<string, number>;
}

export const CLAIM_MODEL: ClaimWeights = weightsFile;
export const CLAIM_WEIGHTS = CLAIM_MODEL.features;

/** The highest log-odds a question can reach (a score of about 0.27). */
const QUESTION_CEILING = -1;

export interface ClaimEvidence {
  features: ClaimFeatures;
  cues: Cue[];
  hedgeCues: Cue[];
  attribution?: Attribution;
}

/** A report or a vow before "would": what follows is the reported future. */
const REPORTED_BEFORE = /\b(?:said|says|told|announced|vowed|vowing|promised|pledged|predicted|warned|added|insisted|agreed|decided|declared|indicated)\b/i;

const cueKey = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').replace(/’/g, "'");
const EPISTEMIC: ReadonlySet<string> = new Set(EPISTEMIC_CUES);

/**
 * Whether a hedge word is used as one: not the month or the name May (a date or a name there, or a
 * capital inside the sentence), not "as soon as possible", not the permission "you may", not
 * "appeared as a panelist", not "should" of an obligation ("we should").
 */
function epistemicUse(h: Cue, text: string, base: number, ctx: ClaimContext): boolean {
  const word = h.text.toLowerCase();
  // The words around it, read only for the words that look at them.
  if (word !== 'may' && word !== 'possible' && word !== 'should' && word !== 'would' && !word.startsWith('appear')) return true;
  const before = text.slice(Math.max(0, h.start - base - 24), h.start - base);
  const after = text.slice(h.end - base, h.end - base + 16);
  if (word === 'may') {
    if (h.text === 'May' && h.start > base) return false;
    if (ctx.dates.some((d) => d.start <= h.start && d.end >= h.end) || ctx.entities.some((e) => e.start <= h.start && e.end >= h.end)) return false;
    if (/\byou\s+$/i.test(before)) return false;
  }
  if (word === 'possible' && /\bas\s+\S+\s+as\s+$/i.test(before)) return false;
  if (/^appear/.test(word) && /^\s+(?:as|on|in|at|before|with|alongside|together|onstage)\b/i.test(after)) return false;
  if (word === 'should' && /\b(?:we|you|i|they)\s+$/i.test(before)) return false;
  // "said it would investigate", "would not comment": the future of a report, or a refusal, not a doubt.
  if (word === 'would' && (REPORTED_BEFORE.test(text.slice(0, h.start - base)) || /^\s+not\s+(?:comment|say|talk|discuss|disclose|elaborate|confirm|identify|reveal)\b/i.test(after))) return false;
  return true;
}

// Helpers of claimEvidence at module level: a closure per sentence for each was a cost per sentence.

/** 1 if the list has anything, else 0. */
function flag(xs: { length: number }): number {
  return xs.length ? 1 : 0;
}

/** Cue lists grow with the sentence: appended in a loop, never spread into a call's arguments. */
function appendAll(cues: Cue[], list: readonly Cue[]): void {
  for (const c of list) cues.push(c);
}

/** The cues not inside a quotation (see quoteMask). */
function outsideQuotes(list: readonly Cue[], quoted: Uint8Array, base: number): Cue[] {
  const out: Cue[] = [];
  for (const c of list) if (!quoted[c.start - base]) out.push(c);
  return out;
}

/** Whether `pattern` (global) matches anywhere outside a quotation. */
function matchesOutsideQuotes(text: string, pattern: RegExp, quoted: Uint8Array): boolean {
  return someMatch(pattern, text, (m) => !quoted[m.index]);
}

/** The figures `pattern` finds in the sentence, but for those `skip` says are not counts (a date's, a name's) and the "90" of "'90s". */
function addQuantities(quantities: Cue[], text: string, base: number, pattern: RegExp, skip: (s: number, e: number) => boolean): void {
  for (const m of allMatches(pattern, text)) {
    const before = text.charCodeAt(m.index - 1);
    if (before === 39 || before === 0x2019 || skip(base + m.index, base + m.index + m[0].length)) continue;
    quantities.push({ kind: 'quantity', text: m[0], start: base + m.index, end: base + m.index + m[0].length });
  }
}

/** Cues shared by sentences that have none of a kind: never pushed to (lists that grow are made anew). */
const NO_CUES: Cue[] = [];

/** `a` then `b`: one of them itself when the other is empty (the usual sentence has neither). */
function joined(a: Cue[], b: Cue[]): Cue[] {
  if (!b.length) return a;
  if (!a.length) return b;
  const out: Cue[] = [];
  appendAll(out, a);
  appendAll(out, b);
  return out;
}

/**
 * The lexicon's event cues, then the regular past forms that start elsewhere: one cue per offset.
 * Both lists are in text order and each has one cue per offset (a lexicon's cues never overlap), so
 * a walk along the lexicon's finds a repeated offset; no set, no joined copy.
 */
function lexiconThenPast(lexicon: Cue[], past: Cue[]): Cue[] {
  if (!past.length) return lexicon;
  if (!lexicon.length) return past;
  const out: Cue[] = [];
  appendAll(out, lexicon);
  let k = 0;
  for (const c of past) {
    while (k < lexicon.length && lexicon[k].start < c.start) k++;
    if (k < lexicon.length && lexicon[k].start === c.start) continue;
    out.push(c);
  }
  return out;
}

/** Whether one of `cues` starts at `start`. */
function startsAt(cues: readonly Cue[], start: number): boolean {
  for (const c of cues) if (c.start === start) return true;
  return false;
}

/** Whether `text` ends with the character `code` and then only closing marks: `/[?!]["”’)]*$/` without a scan from each such mark. */
function endsWith(text: string, code: number): boolean {
  let i = text.length - 1;
  for (let c = text.charCodeAt(i); c === 34 || c === 0x201d || c === 0x2019 || c === 41; c = text.charCodeAt(--i));
  return text.charCodeAt(i) === code;
}

/** By start, then end, as the cues' stable sort ordered them. */
const byStartThenEnd = (a: Cue, b: Cue) => a.start - b.start || a.end - b.end;

/**
 * A hedge of speculation: not quoted, not a report nor a condition, not a modal, not in a plan's cue
 * and not an epistemic word. (The plan test spanOverlap's, made only for a sentence with hedges.)
 */
function speculativeHedge(hedges: readonly Cue[], reported: readonly Cue[], conditional: readonly Cue[], plans: readonly Cue[], quoted: Uint8Array, base: number, length: number): boolean {
  const inPlan = spanOverlap(plans, base, base + length);
  return hedges.some((h) => !quoted[h.start - base] && !reported.includes(h) && !conditional.includes(h) && !/^(?:would|could|can|might|may)$/i.test(h.text) && !inPlan(h.start, h.end) && !EPISTEMIC.has(cueKey(h.text)));
}

/** The evidence of one sentence: feature values and the cues that show them. */
export function claimEvidence(sentence: Sentence, ctx: ClaimContext): ClaimEvidence {
  const text = sentence.text.trimEnd();
  const base = sentence.start;
  let words = 0;
  for (const t of sentence.tokens) if (t.kind === 'word') words++;
  const cues: Cue[] = [];
  // What a speaker is quoted as saying is theirs: its hedges and judgements do not lower the claim that it was said.
  const quoted = quoteMask(text);
  const found = lexiconCues(text, base);
  const attributions = joined(found.attributionPhrase, found.attributionVerb);
  appendAll(cues, attributions);
  const attribution = attributionOf(text, base, attributions, ctx);

  const quantities: Cue[] = [];
  // Every figure in digits holds a digit, every figure in words one of WORD_QUANTITY_WORDS: a sentence
  // without them needs no pass, nor the tests of what is not a figure (made only for a sentence that has one).
  const digits = HAS_DIGIT.test(text);
  const inWords = WORD_QUANTITY_WORDS.test(text);
  if (digits || inWords) {
    const inDate = spanOverlap(ctx.dates, base, base + text.length);
    // Figures in digits inside a name ("the Xiaomi Mi Mix 2", "Boeing 737", "U-2") are part of the name,
    // not a count. Not when the name is the figure alone, nor figures in words: "Forty-four Democrats"
    // and a sentence's opening "Seventy" are names only by the entity rules' mistake.
    if (digits) {
      const inName = spanWithin(ctx.entities, base, base + text.length);
      addQuantities(quantities, text, base, QUANTITY, (s, e) => inDate(s, e) || inName(s, e));
    }
    if (inWords) addQuantities(quantities, text, base, WORD_QUANTITY, inDate);
  }
  appendAll(cues, quantities);

  // The lexicon's cues first: most sentences have none, and then no promise search.
  const promises = found.promise.length && PROMISE_START.test(text) ? outsideQuotes(found.promise, quoted, base) : NO_CUES;
  appendAll(cues, promises);
  // Pushed, not spread: a spread array's kind differs with its source's, and each new kind cost a recompile.
  const comparisons: Cue[] = [];
  appendAll(comparisons, found.comparison);
  addShapeComparisons(comparisons, text, base);
  // A first-person promise is not a plan to check.
  const plans = promises.length ? NO_CUES : found.plan;
  // "Xiaomi could launch": a speculative prediction about a named party is worth checking.
  const predictions = !plans.length && ctx.entities.length && found.modal.length ? outsideQuotes(found.modal, quoted, base) : NO_CUES;
  appendAll(cues, predictions);
  // One event cue per offset (a lexicon verb that is also a regular past form).
  const events = lexiconThenPast(found.event, regularPast(text, base));
  appendAll(cues, comparisons);
  appendAll(cues, plans);
  appendAll(cues, events);
  // How many distinct topic words (only none, one or more is read): a set only for two cues or more.
  const topics = found.topic.length < 2 ? found.topic.length : new Set(found.topic.map((c) => c.text.toLowerCase())).size;

  // A quoted opinion is the speaker's; what a checker checks is that it was said.
  const opinions = outsideQuotes(found.opinion, quoted, base);
  const normative = outsideQuotes(found.normative, quoted, base);
  appendAll(cues, opinions);
  appendAll(cues, normative);
  const question = endsWith(text, 63); // ?
  if (question) cues.push({ kind: 'question', text: '?', start: base + text.lastIndexOf('?'), end: base + text.lastIndexOf('?') + 1 });
  const firstPerson: Cue[] = [];
  for (const m of allMatches(FIRST_PERSON, text)) {
    if (!quoted[m.index] && !startsAt(promises, base + m.index)) firstPerson.push({ kind: 'first-person', text: m[0], start: base + m.index, end: base + m.index + m[0].length });
  }
  appendAll(cues, firstPerson);

  // Lists, not sets: a few cues at most, most sentences none (a set each was a sentence's largest allocation).
  const hedgeCues = found.hedge.length ? found.hedge.filter((h) => epistemicUse(h, text, base, ctx)) : found.hedge;
  const reported = hedgeCues.length ? hedgeCues.filter((h) => REPORTING.has(h.text.toLowerCase().replace(/\s+/g, ' ').replace(/’/g, "'"))) : NO_CUES;
  const conditional = hedgeCues.length ? hedgeCues.filter((h) => /^(?:if|unless)$/i.test(h.text) && !quoted[h.start - base]) : NO_CUES;
  appendAll(cues, hedgeCues);
  sortInPlace(cues, byStartThenEnd);

  const namedPlan = isNamedPlan(plans, ctx);
  const features: ClaimFeatures = {
    length: words < 3 ? 0 : Math.min(1, words / 30),
    short: words < 5 ? 1 : 0,
    attribution: flag(attributions),
    reported: reported.length ? 1 : 0,
    // Not the commenter a comment is attributed to: that is who wrote it, not a source it cites.
    namedSpeaker: attributions.length && attribution?.speaker ? 1 : 0,
    quantity: flag(quantities),
    moneyOrPercent: quantities.some((q) => /[$€£¥%]|per\s?cent|percent/i.test(q.text)) || MONEY_WORDS.test(text) ? 1 : 0,
    statistic: flag(found.statistic),
    comparison: flag(comparisons),
    plan: namedPlan ? 1 : 0,
    prediction: flag(predictions),
    event: flag(events),
    perfect: PERFECT.test(text) ? 1 : 0,
    topic: topics ? 1 : 0,
    secondTopic: topics > 1 ? 1 : 0,
    entity: ctx.entities.length ? 1 : 0,
    secondEntity: ctx.entities.length > 1 ? 1 : 0,
    date: ctx.dates.length ? 1 : 0,
    question: question ? 1 : 0,
    exclamation: endsWith(text, 33) ? 1 : 0, // !
    opinion: Math.min(2, opinions.length),
    normative: flag(normative),
    firstSingular: firstPerson.some((c) => /^(?:i|me|my)\b/i.test(c.text)) ? 1 : 0,
    secondPerson: matchesOutsideQuotes(text, SECOND_PERSON, quoted) ? 1 : 0,
    promise: flag(promises),
    conditional: conditional.length ? 1 : 0,
    hedge: hedgeCues.length && speculativeHedge(hedgeCues, reported, conditional, plans, quoted, base, text.length) ? 1 : 0,
    imperative: IMPERATIVE_START.test(text) ? 1 : 0,
    // A modal about a named party is a prediction, counted above.
    modal: !predictions.length && matchesOutsideQuotes(text, MODAL, quoted) ? 1 : 0,
    // A named party's future is its plan, counted above.
    future: !namedPlan && matchesOutsideQuotes(text, FUTURE, quoted) ? 1 : 0,
    thirdPerson: THIRD_PERSON.test(text) ? 1 : 0,
    secondEvent: events.length > 1 ? 1 : 0,
    evaluative: flag(outsideQuotes(found.evaluative, quoted, base)),
    rhetoric: flag(outsideQuotes(found.rhetoric, quoted, base)),
  };
  return { features, cues, hedgeCues, attribution };
}

/** Each model's feature weights in the order claimEvidence writes them (its object literal's order), and its words. */
const prepared = new WeakMap<ClaimWeights, { order: number[]; words: Map<string, number>; combinations: [number, number, number][]; trie: WordTrie }>();

/** The symbols of a weighted word: a–z, and the apostrophe (' or ’, as weightedSpelling reads them). */
const WORD_SYMBOLS = 27;

/**
 * The weighted words spelled into a trie: claimTextLogit walks a sentence's lower-cased words along
 * it a character at a time and learns each word's weight (its index in `weights`) without slicing
 * the word out, respelling it or hashing it for a map (a string and a lookup per word, ~20 ms of
 * 10,000 sentences). Words the reading never yields ("’", capitals, digits) are left out.
 */
interface WordTrie {
  /** `next[node * WORD_SYMBOLS + symbol]`: the child, 0 for none (node 0 is the root). */
  next: Int32Array;
  /** Per node, the index in `weights` of the word ending there, or −1. */
  word: Int32Array;
  weights: number[];
}

function wordTrie(words: Record<string, number>): WordTrie {
  const next: number[] = new Array<number>(WORD_SYMBOLS).fill(0);
  const word: number[] = [-1];
  const weights: number[] = [];
  for (const [w, weight] of Object.entries(words)) {
    if (!/^[a-z]+(?:'[a-z]+)*$/.test(w)) continue;
    let node = 0;
    for (let i = 0; i < w.length; i++) {
      const at = node * WORD_SYMBOLS + (w.charCodeAt(i) === 39 ? 26 : w.charCodeAt(i) - 97);
      if (!next[at]) {
        next[at] = word.length;
        word.push(-1);
        for (let k = 0; k < WORD_SYMBOLS; k++) next.push(0);
      }
      node = next[at]!;
    }
    word[node] = weights.length;
    weights.push(weight);
  }
  return { next: Int32Array.from(next), word: Int32Array.from(word), weights };
}

function prepare(weights: ClaimWeights, features: ClaimFeatures) {
  let p = prepared.get(weights);
  if (!p) {
    const names = Object.keys(features);
    const combinations = Object.entries(weights.combinations ?? {}).map(([key, w]): [number, number, number] => {
      const [a, b] = key.split('*').map((k) => names.indexOf(k));
      return [a, b, w];
    });
    p = { order: names.map((name) => weights.features[name as keyof ClaimFeatures]), words: new Map(Object.entries(weights.words)), combinations, trie: wordTrie(weights.words) };
    prepared.set(weights, p);
  }
  return p;
}

const isAsciiLower = (c: number) => c >= 97 && c <= 122;
const isApostrophe = (c: number) => c === 39 || c === 0x2019;

/**
 * The end of the word starting at `i` of lower-case `text`, or `i` when none starts there. A word
 * is `[a-z]+(?:['’][a-z]+)*`, read a character at a time: no match object per word.
 */
function wordEnd(text: string, i: number): number {
  let j = i;
  while (isAsciiLower(text.charCodeAt(j))) j++;
  if (j === i) return i;
  while (isApostrophe(text.charCodeAt(j)) && isAsciiLower(text.charCodeAt(j + 1))) {
    j += 2;
    while (isAsciiLower(text.charCodeAt(j))) j++;
  }
  return j;
}

/** A word as the word weights spell it: "don’t" as "don't". */
const weightedSpelling = (word: string) => (word.includes('’') ? word.replace(/’/g, "'") : word);

/** Each word of `text` as the word weights spell it, with where it starts and ends. */
function forEachWord(text: string, visit: (word: string, start: number, end: number) => void): void {
  const lower = text.toLowerCase();
  for (let i = 0; i < lower.length; ) {
    const end = wordEnd(lower, i);
    if (end === i) {
      i++;
      continue;
    }
    visit(weightedSpelling(lower.slice(i, end)), i, end);
    i = end;
  }
}

/** The distinct lower-case words of a sentence, as the word weights read them ("don’t" as "don't"), and with `pairs` each two words in a row ("tax cut"). */
export function claimWords(text: string, pairs = false): string[] {
  const words = new Set<string>();
  let previous = '';
  let previousEnd = -1;
  forEachWord(text, (word, start, end) => {
    words.add(word);
    // A pair only across a space: not across a comma or a full stop.
    if (pairs && previousEnd >= 0 && /^\s+$/.test(text.slice(previousEnd, start))) words.add(`${previous} ${word}`);
    previous = word;
    previousEnd = end;
  });
  return [...words];
}

/** The log-odds of the evidence alone (bias, features, their combinations), summed as claimLogit sums them. */
function evidenceLogit(features: ClaimFeatures, weights: ClaimWeights, p: ReturnType<typeof prepare>): number {
  let logit = weights.features.bias;
  // In the features' own order, as Object.entries gave it: the sum's rounding stays the same.
  const values = Object.values(features);
  for (let k = 0; k < values.length; k++) logit += p.order[k] * values[k];
  for (const [a, b, w] of p.combinations) logit += w * values[a] * values[b];
  return logit;
}

/** A question asserts nothing, however many figures it holds: it stays below even odds. */
const questionCapped = (features: ClaimFeatures, logit: number) => (features.question ? Math.min(logit, QUESTION_CEILING) : logit);

/** The log-odds of a sentence's evidence and words under `weights`. */
export function claimLogit(features: ClaimFeatures, words: readonly string[], weights: ClaimWeights = CLAIM_MODEL): number {
  const p = prepare(weights, features);
  let logit = evidenceLogit(features, weights, p);
  for (const w of words) logit += p.words.get(w) ?? 0;
  return questionCapped(features, logit);
}

/** The weighted words claimTextLogit has counted in the sentence at hand (their indices), reused. */
const counted: number[] = [];

/**
 * `claimLogit(features, claimWords(text), weights)`, the same number, without listing the words: a
 * word without a weight adds nothing, so only the weighted ones are kept (to count each once), in
 * the order claimWords lists them. Listing them cost every sentence a set, an array and a
 * replacement per word. The words are read as forEachWord reads them, `[a-z]+(?:['’][a-z]+)*` in
 * the lower-cased text, each walked along the weighted words' trie as it is read.
 */
export function claimTextLogit(features: ClaimFeatures, text: string, weights: ClaimWeights = CLAIM_MODEL): number {
  const p = prepare(weights, features);
  let logit = evidenceLogit(features, weights, p);
  const { next, word, weights: wordWeights } = p.trie;
  const lower = text.toLowerCase();
  counted.length = 0;
  for (let i = 0; i < lower.length; ) {
    if (!isAsciiLower(lower.charCodeAt(i))) {
      i++;
      continue;
    }
    // The word's letters, and an apostrophe only with a letter after it; the node 0 once off the trie.
    let node = 0;
    let j = i;
    for (;;) {
      const c = lower.charCodeAt(j);
      if (isAsciiLower(c)) {
        if (node >= 0) node = next[node * WORD_SYMBOLS + c - 97]! || -1;
        j++;
      } else if (isApostrophe(c) && isAsciiLower(lower.charCodeAt(j + 1))) {
        if (node >= 0) node = next[node * WORD_SYMBOLS + 26]! || -1;
        j++;
      } else break;
    }
    i = j;
    const w = node > 0 ? word[node]! : -1;
    if (w < 0 || counted.includes(w)) continue;
    counted.push(w);
    logit += wordWeights[w]!;
  }
  return questionCapped(features, logit);
}

/** The score (0–1, three decimals) of log-odds. */
export const claimScore = (logit: number) => Math.round(1000 / (1 + Math.exp(-logit))) / 1000;

const MODEL_HAS_PAIRS = Object.keys(CLAIM_MODEL.words).some((w) => w.includes(' '));

/** Scores a sentence's check-worthiness (0–1) from its evidence: attributions, figures, plans, events, names, dates. */
export function scoreClaim(sentence: Sentence, ctx: ClaimContext): ClaimCandidate {
  const text = sentence.text.trimEnd();
  const base = sentence.start;
  const { features, cues, hedgeCues, attribution } = claimEvidence(sentence, ctx);
  const logit = MODEL_HAS_PAIRS ? claimLogit(features, claimWords(text, true)) : claimTextLogit(features, text);
  return {
    start: base,
    end: base + text.length,
    text,
    score: claimScore(logit),
    cues,
    hedges: hedgeCues.length ? [...new Set(hedgeCues.map((c) => c.text.toLowerCase()))] : [],
    attribution,
    logit,
    features,
  };
}

/** Comparatives and superlatives by shape: "cheaper than", "the fastest". */
const SHAPE_COMPARISON = /\b(?:[a-z]{2,}er\s+than|the\s+[a-z]{2,}est)\b/gi;

/** Every SHAPE_COMPARISON match holds "than" or a word ending in "est": most sentences hold neither. */
const SHAPE_COMPARISON_WORDS = /than|est\b/i;

function addShapeComparisons(cues: Cue[], text: string, base: number): void {
  if (!SHAPE_COMPARISON_WORDS.test(text)) return;
  for (const m of allMatches(SHAPE_COMPARISON, text)) cues.push({ kind: 'comparison', text: m[0], start: base + m.index, end: base + m.index + m[0].length });
}

/** A named party's stated plan ("Xiaomi plans to", "is set to"); a bare "will" is a prediction, not a plan. */
const isNamedPlan = (plans: Cue[], ctx: ClaimContext) => ctx.entities.length > 0 && plans.some((p) => !/^will$/i.test(p.text));

function regularPast(text: string, base: number): Cue[] {
  // Every match ends in "ed".
  if (!text.includes('ed')) return NO_CUES;
  const cues: Cue[] = [];
  for (const m of allMatches(REGULAR_PAST, text)) {
    if (!NOT_PAST.has(m[0])) cues.push({ kind: 'event', text: m[0], start: base + m.index, end: base + m.index + m[0].length });
  }
  return cues;
}

/** What may stand between a speaker and the verb: "Lei Jun said", "Lei Jun, who said", "Xiaomi also says". */
const SPEAKER_GAP = /^(?:[\s,]|who|which|has|have|had|also|then|later|reportedly|once|again|recently|previously|told\s+\w+)*$/i;

const NOTHING_QUOTED = new Uint8Array(0);

/**
 * 1 at each offset of `text` that is inside a quotation: after an odd number of straight quotes, or
 * after a “ not yet closed by ”. Worked out once per sentence, not once per cue.
 */
function quoteMask(text: string): Uint8Array {
  // No opening mark, nothing quoted: an empty mask reads as 0 (undefined) everywhere.
  if (!text.includes('"') && !text.includes('“')) return NOTHING_QUOTED;
  const mask = new Uint8Array(text.length + 1);
  let straight = 0;
  let open = -1;
  let close = -1;
  for (let i = 0; i <= text.length; i++) {
    mask[i] = straight % 2 === 1 || open > close ? 1 : 0;
    const c = text[i];
    if (c === '"') straight++;
    else if (c === '“') open = i;
    else if (c === '”') close = i;
  }
  return mask;
}

/** What a cited source's phrase does not end on once a date is cut from it ("users' feedback since"). */
const TRAILING_LINK_WORDS = /(?:\s+(?:since|in|on|at|from|by|for|during|until|till|as\s+of|of|the|a|an|and|or))+\s*$/i;

/** How telling an attribution cue is, least first: "according to" first, then the verbs in lexicon order. */
const attributionRank = (c: Cue) => (/\s/.test(c.text.trim()) ? -1 : ATTRIBUTION_VERBS.indexOf(c.text.toLowerCase()));

/** Who a sentence is attributed to: "according to X", "X said", "said X", or the commenter. */
function attributionOf(text: string, base: number, cues: Cue[], ctx: ClaimContext): Attribution | undefined {
  // The most telling cue speaks for the sentence, the earliest of equals: what a stable sort by
  // rank, then start, puts first, found in one pass (no copy, no sort, each rank worked out once).
  let first: Cue | undefined;
  let firstRank = 0;
  for (const c of cues) {
    const rank = attributionRank(c);
    if (!first || rank < firstRank || (rank === firstRank && c.start < first.start)) {
      first = c;
      firstRank = rank;
    }
  }
  if (first) {
    const isPhrase = /\s/.test(first.text.trim());
    const after = ctx.entities.find((e) => e.start >= first.end && e.start - first.end <= 6);
    const before = ctx.entities.findLast((e) => e.end <= first.start && SPEAKER_GAP.test(text.slice(e.end - base, first.start - base)));
    // '"…," said SquareMelon' names the speaker after the verb; 'Lei Jun said' before it.
    const quoteBefore = /["”’],?\s*$/.test(text.slice(0, first.start - base));
    let speaker = isPhrase || quoteBefore ? after?.text : before?.text;
    if (!speaker && /^(?:according to|as reported by)$/i.test(first.text.replace(/\s+/g, ' '))) {
      // "according to IDC data": a short noun phrase up to punctuation or a clause.
      const rest = text.slice(first.end - base).match(/^\s+((?:(?!that\b|who\b|which\b)[^\s,.;:!?"“”]+\s*){1,5})/);
      if (rest) {
        const from = first.end + rest[0].length - rest[1].length;
        let end = from + rest[1].length;
        // Not a date in it ("according to users' feedback since 2010" cites the feedback); a name it
        // reaches into, whole ("a report in the Financial Times", not "… the Financial").
        const date = ctx.dates.find((d) => d.start >= from && d.start < end);
        if (date) end = date.start;
        const name = ctx.entities.find((n) => n.start >= from && n.start < end && n.end > end);
        if (name) end = name.end;
        speaker = text.slice(from - base, end - base).replace(TRAILING_LINK_WORDS, '').trim() || undefined;
      }
    }
    const cue = isPhrase && speaker ? `${first.text} ${speaker}` : first.text;
    return { cue, ...(speaker ? { speaker } : {}) };
  }
  if (ctx.region === 'comment' && ctx.commenter) return { cue: 'reader comment', speaker: ctx.commenter };
  return undefined;
}
