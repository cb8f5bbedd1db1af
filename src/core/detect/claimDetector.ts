import type { Attribution, Cue, Region } from '../model';
import {
  ATTRIBUTION_PHRASES, ATTRIBUTION_VERBS, COMPARISON_CUES, EVENT_CUES, HEDGE_CUES, NORMATIVE_CUES, OPINION_CUES, PAST_TENSE_VERBS,
  PLAN_CUES, PROMISE_CUES, REPORTING_HEDGES, TOPIC_CUES,
} from '../lexicons/claimCues';
import type { Sentence } from '../text/sentences';
import { CueMatcher } from './cueMatcher';

export interface ClaimCandidate {
  start: number;
  end: number;
  text: string;
  score: number;
  cues: Cue[];
  hedges: string[];
  attribution?: Attribution;
}

export interface ClaimContext {
  region: Region;
  commenter?: string;
  /** Names and dates found in the sentence (absolute offsets). */
  entities: ReadonlyArray<{ start: number; end: number; text: string }>;
  dates: ReadonlyArray<{ start: number; end: number }>;
}

const matchers = {
  attributionVerb: new CueMatcher('attribution', ATTRIBUTION_VERBS, true),
  attributionPhrase: new CueMatcher('attribution', ATTRIBUTION_PHRASES),
  // Reporting hedges are hedges too; one pass finds both and the reporting ones are picked out by text.
  hedge: new CueMatcher('hedge', [...new Set([...HEDGE_CUES, ...REPORTING_HEDGES])]),
  plan: new CueMatcher('plan', PLAN_CUES),
  event: new CueMatcher('event', [...new Set([...EVENT_CUES, ...PAST_TENSE_VERBS])]),
  comparison: new CueMatcher('comparison', COMPARISON_CUES),
  opinion: new CueMatcher('opinion', [...OPINION_CUES, ...NORMATIVE_CUES]),
  promise: new CueMatcher('first-person', PROMISE_CUES),
  modal: new CueMatcher('prediction', ['could', 'may', 'might', 'would', 'is likely to', 'are likely to', 'is poised to', 'are poised to']),
  topic: new CueMatcher('event', TOPIC_CUES),
};

const REPORTING = new Set(REPORTING_HEDGES);
/** Promises start with one of these; a sentence without them needs no promise search. */
const PROMISE_START = /\b(?:i|we|let|my|our)\b/i;

/** Regular past tense by shape ("voted", "closed"); not words that only end like one. */
const REGULAR_PAST = /\b[a-z]{3,}ed\b/g;
const NOT_PAST = new Set(['hundred', 'indeed', 'proceed', 'exceed', 'succeed', 'speed', 'breed', 'greed', 'kindred', 'sacred', 'naked', 'wicked', 'beloved', 'rugged', 'ragged', 'crooked', 'supposed', 'prepared', 'involved', 'suited', 'interested', 'concerned', 'tired', 'scared', 'excited', 'worried', 'married', 'limited', 'advanced', 'talented', 'sophisticated', 'complicated', 'dedicated']);

const NUMBER_WORD_PATTERN = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a few|several|a';
const QUANTITY = /(?:[$€£¥]\s?\d[\d,.]*(?:\s?(?:million|billion|trillion|[mbk]n?))?|\b\d[\d,.]*\s?(?:%|per\s?cent|percent|million|billion|trillion|thousand|hundred)|\b\d{1,3}(?:,\d{3})+\b|\b\d+(?:\.\d+)?\b)/giu;
/** Figures in words: "two million", "seventy-two", "hundreds of", "twice as many", "a third". */
const WORD_QUANTITY = new RegExp(
  `\\b(?:(?:${NUMBER_WORD_PATTERN})(?:[- ](?:${NUMBER_WORD_PATTERN}))*\\s+(?:hundred|thousand|million|billion|trillion|percent|per cent|times)|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|(?:hundreds|thousands|millions|billions|dozens|tens of thousands)\\s+of|twice as|half of|(?:a|one|two)[- ](?:third|quarter|half)s? of)\\b`,
  'gi',
);
const FIRST_PERSON = /(?<![\p{L}])(?:I|I['’]m|I['’]ll|I['’]ve|I['’]d|my|me|we|our|us)(?![\p{L}])/gu;

/** Weights of the check-worthiness score. Kept together so they can be tuned against gold data. */
export const CLAIM_WEIGHTS = {
  base: 0.25,
  attribution: 0.2,
  /** "reportedly", "rumor has it": a claim relayed from someone else. */
  reported: 0.15,
  quantity: 0.3,
  comparison: 0.1,
  plan: 0.15,
  /** A modal about a named party: "Xiaomi could launch …". */
  prediction: 0.15,
  event: 0.15,
  /** Check-worthy subject matter (economy, law, security, health, business). */
  topic: 0.1,
  entity: 0.1,
  secondEntity: 0.05,
  date: 0.15,
  question: -0.6,
  opinion: -0.3,
  firstPerson: -0.05,
  /** "I will", "we want": the speaker's own promise or wish. */
  promise: -0.2,
  /** "If you reduce …": a hypothetical, not a statement of what is. */
  conditional: -0.1,
  exclamation: -0.2,
  shortSentence: -0.3,
};

/** Scores a sentence's check-worthiness (0–1) from its cues: attributions, figures, plans, events, names, dates. */
export function scoreClaim(sentence: Sentence, ctx: ClaimContext): ClaimCandidate {
  const text = sentence.text.trimEnd();
  const base = sentence.start;
  const w = CLAIM_WEIGHTS;
  const words = sentence.tokens.filter((t) => t.kind === 'word').length;
  const cues: Cue[] = [];
  let score = words >= 5 ? w.base : words >= 3 ? 0 : w.shortSentence;

  const attributions = [...matchers.attributionPhrase.match(text, base), ...matchers.attributionVerb.match(text, base)];
  if (attributions.length) score += w.attribution;
  cues.push(...attributions);

  const inDate = (s: number, e: number) => ctx.dates.some((d) => s < d.end && e > d.start);
  const quantities = [...text.matchAll(QUANTITY), ...text.matchAll(WORD_QUANTITY)]
    .map((m): Cue => ({ kind: 'quantity', text: m[0], start: base + m.index, end: base + m.index + m[0].length }))
    .filter((c) => !inDate(c.start, c.end) && !/['’]$/.test(text.slice(0, c.start - base)));
  if (quantities.length) score += w.quantity;
  cues.push(...quantities);

  const promises = PROMISE_START.test(text) ? matchers.promise.match(text, base).filter((c) => !isInsideQuote(text, c.start - base)) : [];
  if (promises.length) score += w.promise;
  cues.push(...promises);
  const comparisons = matchers.comparison.match(text, base);
  if (comparisons.length) score += w.comparison;
  // A first-person promise is not a plan to check.
  const plans = promises.length ? [] : matchers.plan.match(text, base);
  if (plans.length) score += w.plan;
  // "Xiaomi could launch": a speculative prediction about a named party is worth checking.
  const predictions = !plans.length && ctx.entities.length ? matchers.modal.match(text, base).filter((c) => !isInsideQuote(text, c.start - base)) : [];
  if (predictions.length) score += w.prediction;
  cues.push(...predictions);
  const events = [...matchers.event.match(text, base), ...regularPast(text, base)].filter((c, i, all) => all.findIndex((o) => o.start === c.start) === i);
  if (events.length) score += w.event;
  cues.push(...comparisons, ...plans, ...events);
  if (matchers.topic.match(text, base).length) score += w.topic;
  if (ctx.entities.length) score += w.entity + (ctx.entities.length > 1 ? w.secondEntity : 0);
  if (ctx.dates.length) score += w.date;

  // A quoted opinion is the speaker's; what a checker checks is that it was said.
  const opinions = matchers.opinion.match(text, base).filter((c) => !isInsideQuote(text, c.start - base));
  if (opinions.length) score += w.opinion * Math.min(2, opinions.length);
  cues.push(...opinions);
  if (/\?["”’)]*$/.test(text)) {
    score += w.question;
    cues.push({ kind: 'question', text: '?', start: base + text.lastIndexOf('?'), end: base + text.lastIndexOf('?') + 1 });
  }
  if (/!["”’)]*$/.test(text)) score += w.exclamation;
  const firstPerson = [...text.matchAll(FIRST_PERSON)].filter((m) => !isInsideQuote(text, m.index) && !promises.some((p) => p.start - base === m.index));
  if (firstPerson.length) {
    score += w.firstPerson;
    cues.push(...firstPerson.map((m): Cue => ({ kind: 'first-person', text: m[0], start: base + m.index, end: base + m.index + m[0].length })));
  }

  const hedgeCues = matchers.hedge.match(text, base);
  if (hedgeCues.some((h) => REPORTING.has(h.text.toLowerCase().replace(/\s+/g, ' ').replace(/’/g, "'")))) score += w.reported;
  if (hedgeCues.some((h) => /^(?:if|unless)$/i.test(h.text))) score += w.conditional;
  cues.push(...hedgeCues);
  cues.sort((a, b) => a.start - b.start || a.end - b.end);

  return {
    start: base,
    end: base + text.length,
    text,
    score: Math.round(Math.max(0, Math.min(1, score)) * 100) / 100,
    cues,
    hedges: [...new Set(hedgeCues.map((c) => c.text.toLowerCase()))],
    attribution: attributionOf(text, base, attributions, ctx),
  };
}

function regularPast(text: string, base: number): Cue[] {
  const cues: Cue[] = [];
  for (const m of text.matchAll(REGULAR_PAST)) {
    if (!NOT_PAST.has(m[0])) cues.push({ kind: 'event', text: m[0], start: base + m.index, end: base + m.index + m[0].length });
  }
  return cues;
}

/** What may stand between a speaker and the verb: "Lei Jun said", "Lei Jun, who said", "Xiaomi also says". */
const SPEAKER_GAP = /^(?:[\s,]|who|which|has|have|had|also|then|later|reportedly|once|again|recently|previously|told\s+\w+)*$/i;

function isInsideQuote(text: string, index: number): boolean {
  const before = text.slice(0, index);
  const straight = (before.match(/"/g) ?? []).length;
  return straight % 2 === 1 || before.lastIndexOf('“') > before.lastIndexOf('”');
}

/** Who a sentence is attributed to: "according to X", "X said", "said X", or the commenter. */
function attributionOf(text: string, base: number, cues: Cue[], ctx: ClaimContext): Attribution | undefined {
  // The most telling cue speaks for the sentence: "according to" first, then the verbs in lexicon order.
  const rank = (c: Cue) => (/\s/.test(c.text.trim()) ? -1 : ATTRIBUTION_VERBS.indexOf(c.text.toLowerCase()));
  const first = [...cues].sort((a, b) => rank(a) - rank(b) || a.start - b.start)[0];
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
      speaker = rest?.[1].trim();
    }
    const cue = isPhrase && speaker ? `${first.text} ${speaker}` : first.text;
    return { cue, ...(speaker ? { speaker } : {}) };
  }
  if (ctx.region === 'comment' && ctx.commenter) return { cue: 'reader comment', speaker: ctx.commenter };
  return undefined;
}
