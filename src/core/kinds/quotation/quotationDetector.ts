// Quotations in one paragraph: direct quotes (words in quotation marks) and reported speech
// ("X said that …", "…, the people said", "according to X, …"), each with the words that name its
// speaker, if any. Which entity a speaker is gets decided over the whole source (speakers.ts).
import type { Sentence, Token } from '../../text/sentences';
import { findQuoteMarks, type QuoteMarks } from './quoteMarks';
import {
  ACCORDING_TO, AUXILIARIES, BETWEEN_SPEAKER_AND_VERB, CLAUSE_OPENERS, CLAUSE_STARTS, CLAUSE_WITHOUT_THAT, REPORTING_VERBS, SPEAKER_PRONOUNS,
} from './speechWords';
import { lastStartingBefore } from '../../text/sortedSearch';

export interface SpeakerPhrase {
  start: number;
  end: number;
  text: string;
  /** Which entity in the phrase is the speaker: the one it ends with (its head), the first one ("according to Lei Jun's speech"), or the one it is. */
  pick: 'head' | 'first' | 'exact';
  /** The phrase is a pronoun standing for a person or organisation named before it. */
  pronoun?: 'person' | 'organisation' | 'either';
}

/** A quotation found in a paragraph; offsets are relative to the paragraph. */
export interface QuoteCandidate {
  form: 'direct' | 'reported';
  /** The finding: the quote with its marks, or the reported clause. */
  start: number;
  end: number;
  /** The text of the finding and the words said (inside the marks). */
  text: string;
  words: string;
  wordsStart: number;
  wordsEnd: number;
  cue?: { text: string; start: number; end: number };
  speaker?: SpeakerPhrase;
}

/** Fewer words than this in quotation marks is a scare quote, a title or a handle, not a quotation. */
const MIN_QUOTED_WORDS = 3;
/** A reported clause shorter than this is an object ("said this"), not what was said. */
const MIN_REPORTED_WORDS = 4;
/** Speaker phrases longer than this are a clause of their own. */
const MAX_SPEAKER_WORDS = 12;
/** What follows "according to" may describe the source at length ("Lei Jun's speech at the World Internet Conference in …"). */
const MAX_SOURCE_WORDS = 20;

const VERBS = new Set(REPORTING_VERBS);
const VERB_ALTERNATION = REPORTING_VERBS.join('|');
const NAME_RUN = String.raw`\p{Lu}[\p{L}\p{N}'’.&-]*(?:\s+\p{Lu}[\p{L}\p{N}'’.&-]*){0,3}`;
const HANDLE = String.raw`"[^"\n]{1,40}"|“[^”\n]{1,40}”`;
const PRONOUN = String.raw`(?:he|she|they|it)\b`;
/** After a quote that ends in a comma: `”, said SquareMelon`, `” said "meh..."`. */
const VERB_THEN_SPEAKER = new RegExp(String.raw`^\s*[,.!?]?\s*(${VERB_ALTERNATION})\s+(${HANDLE}|${NAME_RUN}|${PRONOUN}|the\s+[\p{Ll}]+(?:\s+[\p{Ll}]+)?)`, 'u');
/** After a quote that ends in a comma: `,” Lei said`, `,” the company said`. */
const SPEAKER_THEN_VERB = new RegExp(String.raw`^\s*[,.!?]?\s*(${NAME_RUN}|${PRONOUN}|the\s+[\p{Ll}]+(?:\s+[\p{Ll}]+)?)\s+(?:${[...BETWEEN_SPEAKER_AND_VERB].join('|')}\s+)?(${VERB_ALTERNATION})\b`, 'u');

/** Words that open an adverbial after a reporting verb ("said on Friday", "said in a statement"), not a speaker. */
const ADVERBIAL_STARTS = new Set(['on', 'in', 'at', 'during', 'last', 'this', 'yesterday', 'today', 'tonight', 'earlier', 'later', 'recently', 'previously', 'via', 'through', 'after', 'before', 'when', 'while']);

/** Words that make "X said …" a subordinate clause, which ends at the next comma. */
const SUBORDINATORS = new Set(['while', 'although', 'though', 'whereas', 'because', 'since', 'as', 'if', 'when', 'after', 'before']);

/** A reporting verb further back than this many tokens from a quote does not introduce it. */
const VERB_REACH = 40;

const WORD = /[\p{L}\p{N}]+/gu;

/** Words in text[from, to), counted up to `enough`: a long sentence is not scanned to its end for each verb. */
function wordsIn(text: string, from: number, to: number, enough: number): number {
  WORD.lastIndex = from;
  let n = 0;
  for (let m = WORD.exec(text); m && m.index < to && n < enough; m = WORD.exec(text)) if (m.index + m[0].length <= to) n++;
  return n;
}

/** The offset of the last non-space character before `at` (searching back over whitespace only), or -1. */
function lastCharBefore(text: string, at: number, floor: number): number {
  let i = at - 1;
  while (i >= floor && /\s/.test(text[i])) i--;
  return i >= floor ? i : -1;
}
const isWord = (t: Token): boolean => t.kind === 'word';


export function detectQuotations(text: string, sentences: readonly Sentence[]): QuoteCandidate[] {
  // Outermost quotes: sorted and apart, so one binary search finds the quote around an offset.
  const marks = findQuoteMarks(text);
  const quoteAt = (offset: number) => marks[lastStartingBefore(marks, offset)];
  // A reporting verb inside quotation marks is quoted, not used.
  const quoted = (offset: number) => (quoteAt(offset)?.end ?? 0) > offset;
  // Loops, not flatMap/filter/spread: see token() in text/sentences.ts.
  const direct: QuoteCandidate[] = [];
  for (const q of marks) {
    const found = directQuote(text, sentences, q, quoted);
    if (found) direct.push(withText(text, found));
  }
  const all = direct.slice();
  for (const s of sentences) {
    for (const r of reportedSpeech(text, s, quoted)) {
      // Where a reported clause holds a direct quote ("who said his company plans “…”"), the quote is the finding.
      if ((direct[lastStartingBefore(direct, r.end)]?.end ?? 0) <= r.start) all.push(withText(text, r));
    }
  }
  return all.sort((a, b) => a.start - b.start || b.end - a.end);
}

type Found = Omit<QuoteCandidate, 'text' | 'words'>;

/** Fills in the candidate's text and words from the paragraph. */
function withText(text: string, q: Found): QuoteCandidate {
  return { ...q, text: text.slice(q.start, q.end), words: text.slice(q.wordsStart, q.wordsEnd).trim() };
}

function sentenceAt(sentences: readonly Sentence[], offset: number): Sentence | undefined {
  return sentences[lastStartingBefore(sentences, offset + 1)];
}

function directQuote(text: string, sentences: readonly Sentence[], q: QuoteMarks, quoted: (offset: number) => boolean): Found | undefined {
  const wordsStart = q.start + 1;
  const wordsEnd = q.end - 1;
  if (wordsIn(text, wordsStart, wordsEnd, MIN_QUOTED_WORDS) < MIN_QUOTED_WORDS) return undefined;
  const words = text.slice(wordsStart, wordsEnd);
  const quote: Found = { form: 'direct', start: q.start, end: q.end, wordsStart, wordsEnd };
  const attribution = attributionAfter(text, q, words) ?? attributionBefore(text, sentenceAt(sentences, q.start), q, quoted);
  return attribution ? { ...quote, ...attribution } : quote;
}

/** `"…," said X` or `"…," X said`: only when the quoted words end in a comma, ! or ?, so the sentence goes on. */
function attributionAfter(text: string, q: QuoteMarks, words: string): Pick<QuoteCandidate, 'cue' | 'speaker'> | undefined {
  const rest = text.slice(q.end, q.end + 120);
  if (!/[,!?]\s*$/.test(words) && !/^,/.test(rest)) return undefined;
  const verbFirst = VERB_THEN_SPEAKER.exec(rest);
  if (verbFirst) {
    const cueStart = q.end + verbFirst.index + verbFirst[0].indexOf(verbFirst[1]);
    const name = verbFirst[2];
    const nameStart = q.end + verbFirst[0].length - name.length;
    // A handle in quotation marks names the speaker without them.
    const bare = /^["“]/.test(name) ? { text: name.slice(1, -1), start: nameStart + 1, end: nameStart + name.length - 1 } : { text: name, start: nameStart, end: nameStart + name.length };
    return { cue: { text: verbFirst[1], start: cueStart, end: cueStart + verbFirst[1].length }, speaker: speakerPhrase(bare.text, bare.start, 'exact') };
  }
  const speakerFirst = SPEAKER_THEN_VERB.exec(rest);
  if (speakerFirst) {
    const nameStart = q.end + speakerFirst.index + speakerFirst[0].indexOf(speakerFirst[1]);
    const verb = speakerFirst[2];
    const cueStart = q.end + speakerFirst[0].length - verb.length;
    return { cue: { text: verb, start: cueStart, end: cueStart + verb.length }, speaker: speakerPhrase(speakerFirst[1], nameStart, 'head') };
  }
  return undefined;
}

/**
 * `X said: "…"`, `X said his company plans “…”` (the last reporting verb before the quote in its
 * sentence), or `X are humming: "…"` (a colon after a clause: its subject).
 */
function attributionBefore(
  text: string, sentence: Sentence | undefined, q: QuoteMarks, quoted: (offset: number) => boolean,
): Pick<QuoteCandidate, 'cue' | 'speaker'> | undefined {
  if (!sentence) return undefined;
  const tokens = sentence.tokens;
  const last = lastStartingBefore(tokens, q.start);
  for (let i = last; i >= 0 && i > last - VERB_REACH; i--) {
    const t = tokens[i];
    if (t.end <= q.start && isWord(t) && VERBS.has(t.text) && !quoted(t.start)) {
      const speaker = speakerBefore(text, tokens, i);
      return { cue: { text: t.text, start: t.start, end: t.end }, ...(speaker ? { speaker } : {}) };
    }
  }
  // A colon right before the quote: the clause before it says who ("Apple lawyers are humming:").
  const colon = lastCharBefore(text, q.start, sentence.start);
  if (colon < 0 || text[colon] !== ':') return undefined;
  // The clause: the tokens back from the colon to a semicolon, at most VERB_REACH of them.
  const clauseTokens: Token[] = [];
  for (let i = lastStartingBefore(tokens, colon); i >= 0 && clauseTokens.length < VERB_REACH && tokens[i].text !== ';'; i--) {
    if (tokens[i].end <= colon) clauseTokens.unshift(tokens[i]);
  }
  const verbAt = clauseTokens.findIndex((t, i) => i > 0 && isWord(t) && (AUXILIARIES.has(t.text.toLowerCase()) || /ing$/.test(t.text)));
  if (verbAt <= 0) return undefined;
  const subject = clauseTokens.slice(0, verbAt);
  const start = subject[0].start;
  const end = subject.at(-1)!.end;
  const cueEnd = clauseTokens.at(-1)!.end;
  return {
    cue: { text: text.slice(clauseTokens[verbAt].start, cueEnd), start: clauseTokens[verbAt].start, end: cueEnd },
    speaker: speakerPhrase(text.slice(start, end), start, 'head'),
  };
}

/** The noun phrase before the verb at `verbIndex` of `tokens`, back to a comma, a clause word or the sentence start. */
function speakerBefore(text: string, tokens: readonly Token[], verbIndex: number): SpeakerPhrase | undefined {
  let i = verbIndex - 1;
  while (i >= 0 && isWord(tokens[i]) && BETWEEN_SPEAKER_AND_VERB.has(tokens[i].lower)) i--;
  // "They've said": the auxiliary is part of the word.
  const end = i;
  let words = 0;
  while (i >= 0) {
    const t = tokens[i];
    if (!isWord(t)) {
      // Apostrophes, hyphens and the period of an abbreviation belong to the phrase ("Xiaomi's", "co-founder").
      if (/^['’.&-]$/.test(t.text) && !t.spaceBefore) {
        i--;
        continue;
      }
      break;
    }
    if (CLAUSE_OPENERS.has(t.lower) && i !== end) break;
    if (++words > MAX_SPEAKER_WORDS) return undefined;
    i--;
  }
  if (end < 0 || i + 1 > end) return undefined;
  const start = tokens[i + 1].start;
  const stop = tokens[end].end;
  return speakerPhrase(text.slice(start, stop), start, 'head');
}

function speakerPhrase(phrase: string, start: number, pick: SpeakerPhrase['pick']): SpeakerPhrase {
  const pronoun = SPEAKER_PRONOUNS[phrase.toLowerCase()];
  return { start, end: start + phrase.length, text: phrase, pick, ...(pronoun ? { pronoun } : {}) };
}

/** "X said (that) …", "…, X said.", "according to X, …" and "…, according to X." in one sentence. */
function reportedSpeech(text: string, sentence: Sentence, quoted: (offset: number) => boolean): Found[] {
  const out: Found[] = [];
  const end = clauseEnd(text, sentence);
  const tokens = sentence.tokens;
  /** The words from the sentence's start to a comma that only whitespace separates from `at`. */
  const wordsBefore = (at: number): { start: number; end: number } | undefined => {
    const comma = lastCharBefore(text, at, sentence.start);
    if (comma < 0 || text[comma] !== ',' || wordsIn(text, sentence.start, comma, MIN_REPORTED_WORDS) < MIN_REPORTED_WORDS) return undefined;
    return { start: sentence.start, end: comma };
  };
  // A loop, not forEach: no closure per sentence.
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!isWord(t) || !VERBS.has(t.text) || quoted(t.start)) continue;
    const cue = { text: t.text, start: t.start, end: t.end };
    const clauseFrom = clauseAfter(tokens, i);
    if (clauseFrom !== undefined) {
      // "X said (that) …": the words run to the end of the sentence, or of the clause when "while X
      // said …, …" makes the saying a clause of its own.
      const from = tokens[clauseFrom].start;
      const speaker = speakerBefore(text, tokens, i);
      if (!speaker) continue;
      const opener = tokens.slice(Math.max(0, i - MAX_SPEAKER_WORDS - 8), i).findLast((x) => x.end <= speaker.start && isWord(x));
      const comma = opener && SUBORDINATORS.has(opener.lower) ? text.indexOf(',', from) : -1;
      const to = comma > from && comma < end ? comma : end;
      if (wordsIn(text, from, to, MIN_REPORTED_WORDS) < MIN_REPORTED_WORDS) continue;
      out.push({ form: 'reported', start: from, end: to, wordsStart: from, wordsEnd: to, cue, speaker });
      continue;
    }
    // At most a few words after the verb can still be a speaker or an adverbial: look no further.
    const after: Token[] = [];
    for (let k = i + 1; k < tokens.length && after.length <= 6; k++) if (isWord(tokens[k])) after.push(tokens[k]);
    if (!after.length || (after.length <= 6 && ADVERBIAL_STARTS.has(after[0].lower))) {
      // "…, the people said (on Friday).": the words are the sentence before the speaker's comma.
      const speaker = speakerBefore(text, tokens, i);
      const words = speaker && wordsBefore(speaker.start);
      if (speaker && words) out.push({ form: 'reported', ...words, wordsStart: words.start, wordsEnd: words.end, cue, speaker });
    } else if (after.length <= 4 && !after.some((w) => VERBS.has(w.text))) {
      // "…, said the company.": the speaker follows the verb.
      const speaker = speakerPhrase(text.slice(after[0].start, after.at(-1)!.end), after[0].start, 'head');
      const words = wordsBefore(t.start);
      if (words) out.push({ form: 'reported', ...words, wordsStart: words.start, wordsEnd: words.end, cue, speaker });
    }
  }

  const sentenceText = text.slice(sentence.start, end);
  ACCORDING_TO.lastIndex = 0;
  for (let m = ACCORDING_TO.exec(sentenceText); m; m = ACCORDING_TO.exec(sentenceText)) {
    const cueStart = sentence.start + m.index;
    if (quoted(cueStart)) continue;
    const sourceStart = cueStart + m[0].length;
    // The source runs to the next punctuation; one described at more length is not a source.
    const sourceEnd = sourceStart + (/^[^,;:.!?]*/.exec(text.slice(sourceStart, Math.min(end, sourceStart + 400)))?.[0].trimEnd().length ?? 0);
    if (sourceEnd <= sourceStart || wordsIn(text, sourceStart, sourceEnd, MAX_SOURCE_WORDS + 1) > MAX_SOURCE_WORDS) continue;
    const cue = { text: m[0].trim().replace(/\s+/g, ' '), start: cueStart, end: cueStart + m[0].trimEnd().length };
    const speaker = speakerPhrase(text.slice(sourceStart, sourceEnd), sourceStart, 'first');
    const before = wordsBefore(cueStart);
    if (before) {
      out.push({ form: 'reported', ...before, wordsStart: before.start, wordsEnd: before.end, cue, speaker });
      continue;
    }
    const afterComma = /^\s*,\s*/.exec(text.slice(sourceEnd, Math.min(end, sourceEnd + 40)));
    if (afterComma && wordsIn(text, sourceEnd + afterComma[0].length, end, MIN_REPORTED_WORDS) >= MIN_REPORTED_WORDS) {
      const from = sourceEnd + afterComma[0].length;
      out.push({ form: 'reported', start: from, end, wordsStart: from, wordsEnd: end, cue, speaker });
    }
  }
  return out;
}

/**
 * Where the words after a reporting verb start (a token index), or undefined when none follow:
 * after "that" (within a few words: "told reporters on Friday that"), or right after the verb when
 * it may go without "that" and a clause opens there ("said his company will …").
 */
function clauseAfter(tokens: readonly Token[], verbIndex: number): number | undefined {
  const verb = tokens[verbIndex].text;
  for (let i = verbIndex + 1, words = 0; i < tokens.length && words < 6; i++) {
    const t = tokens[i];
    if (!isWord(t)) {
      if (t.text !== ',') return undefined;
      continue;
    }
    if (t.lower === 'that') return i + 1 < tokens.length ? i + 1 : undefined;
    if (words === 0 && CLAUSE_WITHOUT_THAT.has(verb) && (CLAUSE_STARTS.has(t.lower) || /^\p{Lu}/u.test(t.text))) return i;
    words++;
  }
  return undefined;
}

/** The sentence's end without its final punctuation and closing marks. */
function clauseEnd(text: string, sentence: Sentence): number {
  let end = sentence.start + sentence.text.trimEnd().length;
  while (end > sentence.start && /[.!?"”’)\s]/.test(text[end - 1])) end--;
  return end;
}
