// parse-english 7's NLCST tree (parse-latin 7 with parse-english's plugins), built directly: every
// node, type and value as parse-english builds them, without positions.
//
// parse-latin cuts the text into tokens, then runs its plugins one after the other, each walking
// the children again (unist-util-modify-children) and splicing arrays at each merge. Every merge
// it makes only regroups neighbouring tokens: a word is a run of tokens, a sentence a run of words
// and tokens, a paragraph a run of sentences and white space. So this decides those runs on flat
// arrays of token classes and offsets, each plugin's rule re-expressed for the state it sees after
// the plugins before it, and then allocates the final tree once:
//
//   1. tokenize       code units → tokens (parse-latin's tokenize; a class table per code unit)
//   2. joinAffixes    the first three sentence plugins (elisions, `&`, final `-`), at the few
//                     tokens they can join (noted by tokenize)
//   3. joinWords      the other three (inner-word symbols, slashes, initialisms), the split at
//                     terminal marks and parse-english's abbreviations, in one walk of the words
//   4. sentenceStarts where sentences start: the paragraph plugins, one walk of the sentences
//   5. build          the nodes, with the last plugins (full stops between sentences merged,
//                     white space lifted to paragraph and root, sentences broken at blank lines,
//                     the text cut into paragraphs at line breaks)
//
// Each rule names the parse-latin or parse-english plugin it stands for (node_modules/parse-latin/
// lib/plugin/*.js, node_modules/parse-english/lib/index.js); test/core/pipeline/
// englishParser.property.test.ts holds the trees to parse-english's.
import type { Paragraph, Root, RootContent, Sentence, SentenceContent, WhiteSpace, WordContent } from 'nlcst';
import * as expressions from './latinExpressions';

const { abbreviationPrefix, abbreviations, abbreviationsSensitive, affixSymbol, elisionAffix, elisionPrefix } = expressions;

const WHITE_SPACE = 1;
const PUNCTUATION = 2;
const WORD = 3;
const SYMBOL = 4;
const TYPES = ['', 'WhiteSpaceNode', 'PunctuationNode', 'WordNode', 'SymbolNode'] as const;

const SLASH = 0x2f;
const FULL_STOP = 0x2e;
const HYPHEN = 0x2d;
const AMPERSAND = 0x26;
const APOSTROPHE = 0x27;
const RIGHT_QUOTE = 0x2019;
const COMMA = 0x2c;
const SEMICOLON = 0x3b;
const UNDERSCORE = 0x5f;

/** A token's flags: it is in the node of the token before it (the word's next child). */
const JOIN = 1;
/** A token's flags: it is a child of a word. */
const IN_WORD = 2;

// ---------------------------------------------------------------------------------------------
// Per code unit answers, each asked once per process

/** parse-latin's class of each code unit (0: not asked yet): its tokenize tests each character alone. */
const classOf = new Uint8Array(0x10000);

function classify(code: number): number {
  const character = String.fromCharCode(code);
  const type = expressions.whiteSpace.test(character)
    ? WHITE_SPACE
    : expressions.punctuation.test(character)
      ? PUNCTUATION
      : expressions.word.test(character)
        ? WORD
        : SYMBOL;
  classOf[code] = type;
  return type;
}

/** An expression's answer for a code unit alone, asked once per code unit. */
function perCodeUnit(expression: RegExp): (code: number) => boolean {
  const known = new Uint8Array(0x10000); // 0: not asked, 1: no, 2: yes
  return (code) => (known[code] ||= expression.test(String.fromCharCode(code)) ? 2 : 1) === 2;
}

/** A one-unit value inner to words (`wordSymbolInner`; its other form, a run of `_`, is tested apart). */
const innerSymbol = perCodeUnit(expressions.wordSymbolInner);
/**
 * `lowerInitial`, tested by parse-latin on a word's text: only its first code unit decides, as a
 * word never starts with a surrogate (surrogates are symbols; no plugin joins one into a word).
 */
const lowerInitial = perCodeUnit(expressions.lowerInitial);
/** `numerical`, tested on one-unit values only. */
const numerical = perCodeUnit(expressions.numerical);

const isSurrogate = (code: number) => code >= 0xd800 && code <= 0xdfff;

// ---------------------------------------------------------------------------------------------
// The tokens of the text being parsed, in arrays kept for the next parse (made anew when too
// small, or when a long text left them over REUSED long and this one needs under a quarter)

const REUSED = 1 << 16;
let kinds = new Uint8Array(1024);
let ends = new Int32Array(1024);
let flags = new Uint8Array(1024);
/** Where each sentence after the first starts (a token), and whether each sentence has a word. */
let starts = new Int32Array(1024);
let hasWord = new Uint8Array(1024);
/** The tokens the first sentence plugins may join: `/`, `'`, `’`, `&` and `-` alone. */
let marks = new Int32Array(1024);
let text = '';
let n = 0;
let markCount = 0;

function reserve(length: number): void {
  const size = length + 1;
  if (size <= kinds.length && (kinds.length <= REUSED || size > kinds.length >> 2)) return;
  const capacity = Math.max(1024, size);
  kinds = new Uint8Array(capacity);
  ends = new Int32Array(capacity);
  flags = new Uint8Array(capacity);
  starts = new Int32Array(capacity);
  hasWord = new Uint8Array(capacity);
  marks = new Int32Array(capacity);
}

const startOf = (t: number) => (t === 0 ? 0 : ends[t - 1]!);
/** The token's code unit if it is one code unit long, else -1. */
const single = (t: number) => (ends[t]! - startOf(t) === 1 ? text.charCodeAt(ends[t]! - 1) : -1);
const isWord = (t: number) => (flags[t]! & IN_WORD) !== 0;
const isApostrophe = (t: number) => kinds[t] === PUNCTUATION && (single(t) === APOSTROPHE || single(t) === RIGHT_QUOTE);
/** The value of tokens [from, to), lower-cased. */
const lower = (from: number, to: number) => text.slice(startOf(from), ends[to - 1]).toLowerCase();

// ---------------------------------------------------------------------------------------------
// 1. tokenize

/**
 * parse-latin's tokenize: words and white space run on; punctuation and symbols only as the same
 * character as the one before (or a surrogate). Notes in `marks` the tokens joinAffixes looks at.
 */
function tokenize(): void {
  const value = text;
  const length = value.length;
  const types = kinds;
  const offsets = ends;
  const states = flags;
  let count = 0;
  for (let from = 0, index = 0; from < length; from = index) {
    let previous = value.charCodeAt(from);
    const type = classOf[previous] || classify(previous);
    const runs = type === WORD || type === WHITE_SPACE;
    for (index = from + 1; index < length; index++) {
      const code = value.charCodeAt(index);
      if ((classOf[code] || classify(code)) !== type || !(runs || code === previous || isSurrogate(code))) break;
      previous = code;
    }
    types[count] = type;
    offsets[count] = index;
    states[count] = type === WORD ? IN_WORD : 0;
    if (index - from === 1 && !runs && (previous === SLASH || previous === APOSTROPHE || previous === RIGHT_QUOTE || previous === AMPERSAND || previous === HYPHEN)) {
      marks[markCount++] = count;
    }
    count++;
  }
  n = count;
}

// ---------------------------------------------------------------------------------------------
// 2. The first sentence plugins: each joins one token alone (`/`, an apostrophe, `&`, `-`) to its
// neighbours, deciding from them, so each goes only through the tokens tokenize marked, in
// parse-english's order (each plugin reads what the ones before it joined).

function joinAffixes(): void {
  for (let m = 0; m < markCount; m++) elision(marks[m]!);
  for (let m = 0; m < markCount; m++) initialAmpersand(marks[m]!);
  for (let m = 0; m < markCount; m++) finalHyphen(marks[m]!);
}

/**
 * parse-english's mergeEnglishElisionExceptions: `w/`; `o'` and `ol'` between white space; an
 * apostrophe before `'tis`, `'em`, `'90s`… or around `'n'`, where no word comes before it.
 */
function elision(i: number): void {
  const code = single(i);
  if (code === SLASH) {
    if (i > 0 && kinds[i - 1] === WORD && lower(i - 1, i) === 'w') flags[i] = JOIN | IN_WORD;
    return;
  }
  if (code !== APOSTROPHE && code !== RIGHT_QUOTE) return;
  // A word between white space before it (and at least one node before that) and white space after it.
  if (i > 2 && i + 1 < n && kinds[i - 1] === WORD && kinds[i - 2] === WHITE_SPACE && kinds[i + 1] === WHITE_SPACE) {
    if (elisionPrefix.test(lower(i - 1, i))) {
      flags[i] = JOIN | IN_WORD;
      return;
    }
  }
  if (i + 1 >= n || kinds[i + 1] !== WORD || (i > 0 && isWord(i - 1))) return;
  const next = lower(i + 1, i + 2);
  if (elisionAffix.test(next)) {
    flags[i] = IN_WORD;
    flags[i + 1] |= JOIN;
  } else if (next === 'n' && i + 2 < n && isApostrophe(i + 2)) {
    flags[i] = IN_WORD;
    flags[i + 1] |= JOIN;
    flags[i + 2] = JOIN | IN_WORD;
  }
}

/** parse-latin's mergeInitialWordSymbol: `&` joins the word after it when no word is before it. */
function initialAmpersand(i: number): void {
  if (single(i) !== AMPERSAND) return;
  if ((i > 0 && isWord(i - 1)) || i + 1 >= n || !isWord(i + 1)) return;
  flags[i] = IN_WORD;
  flags[i + 1] |= JOIN;
}

/** parse-latin's mergeFinalWordSymbol: `-` joins the word before it when no word is after it. */
function finalHyphen(i: number): void {
  if (single(i) !== HYPHEN || i === 0 || !isWord(i - 1)) return;
  if (i + 1 < n && isWord(i + 1)) return;
  flags[i] = JOIN | IN_WORD;
}

// ---------------------------------------------------------------------------------------------
// 3. The other sentence plugins and the split into sentences, in one walk of the words.

/** The end of the node starting at token t as the tokens' flags stand. */
function nodeEnd(t: number): number {
  let u = t + 1;
  while (u < n && flags[u]! & JOIN) u++;
  return u;
}

/** wordSymbolInner: one of `&'-.:=?@` and a few others, or a run of `_`. */
function isInnerSymbol(t: number): boolean {
  const kind = kinds[t];
  if (kind !== PUNCTUATION && kind !== SYMBOL) return false;
  const code = single(t);
  // Punctuation runs one character: a longer run matches only as underscores.
  return code >= 0 ? innerSymbol(code) : kind === PUNCTUATION && text.charCodeAt(startOf(t)) === UNDERSCORE;
}

/**
 * The end of the node starting at token t after mergeInnerWordSymbol: a word with the words after
 * it joined through inner-word symbols (`AT&T`, `e-mail`, `U.S`, `don't`). Its walk, from a symbol
 * after a word, takes every word and inner symbol up to the last word before anything else.
 */
function innerWordEnd(t: number): number {
  if (!isWord(t)) return t + 1;
  let end = nodeEnd(t);
  if (end >= n || isWord(end) || !isInnerSymbol(end)) return end;
  for (let u = end; u < n; ) {
    if (isWord(u)) end = u = nodeEnd(u);
    else if (isInnerSymbol(u)) u++;
    else break;
  }
  return end;
}

/** Tokens [from, to) become the rest of the word before them. */
function joinTo(from: number, to: number): void {
  for (let u = from; u < to; u++) flags[u] = JOIN | IN_WORD;
}

/** parse-latin's mergeInitialisms: the word's children read as `U.S` (one-unit values, full stops between), not all digits. */
function initialism(from: number, to: number): boolean {
  const count = to - from;
  if (count === 1 || count % 2 === 0) return false;
  let allDigits = true;
  for (let position = count - 1; position >= 0; position--) {
    const t = from + position;
    if (position % 2 === 0) {
      const code = single(t);
      if (code < 0) return false;
      if (!numerical(code)) allDigits = false;
    } else if (single(t) !== FULL_STOP) {
      if (position < count - 2) break;
      return false;
    }
  }
  return !allDigits;
}

/** parse-english's mergeEnglishPrefixExceptions: `Mr`, `Jan`, `St`, `Inc`… (nine units at most: lower-casing never shortens). */
function englishAbbreviation(from: number, to: number): boolean {
  if (ends[to - 1]! - startOf(from) > 9) return false;
  const value = text.slice(startOf(from), ends[to - 1]);
  return abbreviations.test(value.toLowerCase()) || abbreviationsSensitive.test(value);
}

const isTerminal = (t: number) => {
  // terminalMarker: runs of `.`, `!`, `?`, `…`, `‽`, all punctuation, whose runs are of one character.
  if (kinds[t] !== PUNCTUATION) return false;
  const code = text.charCodeAt(startOf(t));
  return code === FULL_STOP || code === 0x21 || code === 0x3f || code === 0x2026 || code === 0x203d;
};

/**
 * mergeInnerWordSymbol, mergeInnerWordSlash and mergeInitialisms, then the split after each
 * terminal mark (with parse-english's first paragraph plugin, which takes `Mr.` out of the
 * split). Each plugin's rule reads the nodes as the plugins before it left them: the walk goes
 * node by node as mergeInnerWordSymbol leaves them, and `slashWord` keeps what
 * mergeInnerWordSlash saw before it (a full stop joined after it is not there yet for it).
 * Returns the number of sentences.
 */
function joinWords(): number {
  let sentences = 0;
  let sentenceHasWord = false;
  let open = -1; // the node before: first token
  let openEnd = -1;
  let openWord = false;
  let slashWord = false; // mergeInnerWordSlash's node before is a word
  for (let t = 0; t < n; ) {
    const end = innerWordEnd(t);
    if (isWord(t)) {
      joinTo(t + 1, end);
      flags[t] = IN_WORD;
      open = t;
      openEnd = end;
      openWord = slashWord = sentenceHasWord = true;
      t = end;
      continue;
    }
    const code = single(t);
    // mergeInnerWordSlash: `/` joins a word of two units or less, with the word after it if it has two or less.
    if (code === SLASH && slashWord && ends[openEnd - 1]! - startOf(open) < 3) {
      const next = end < n && isWord(end) ? innerWordEnd(end) : end;
      if (next === end || ends[next - 1]! - startOf(end) < 3) {
        joinTo(t, next);
        openEnd = next;
        t = next;
        continue;
      }
    }
    slashWord = false;
    // mergeInitialisms: a full stop after `U.S` or `e.g`.
    if (code === FULL_STOP && openWord && initialism(open, openEnd)) {
      flags[t] = JOIN | IN_WORD;
      openEnd = ++t;
      continue;
    }
    if (code === FULL_STOP && openWord && englishAbbreviation(open, openEnd)) {
      flags[t] = JOIN | IN_WORD;
      openEnd = ++t;
      continue;
    }
    flags[t] = 0;
    open = t;
    openEnd = ++t;
    openWord = false;
    // splitNode: a sentence ends after each terminal mark.
    if (isTerminal(open) && t < n) {
      hasWord[sentences] = sentenceHasWord ? 1 : 0;
      starts[sentences++] = t;
      sentenceHasWord = false;
    }
  }
  hasWord[sentences] = sentenceHasWord ? 1 : 0;
  return sentences + 1;
}

// ---------------------------------------------------------------------------------------------
// 4. The paragraph plugins. Sentences are runs of tokens: each plugin only moves where one starts
// or removes it, and, as each decides from the sentence's own first or last nodes, one walk of
// the starts applies them in their order (each reading a start as those before it left it).

/** The first token from t on that is not white space. */
function firstNonWhiteSpace(t: number, end: number): number {
  while (t < end && kinds[t] === WHITE_SPACE) t++;
  return t;
}

/** parse-latin's mergePrefixExceptions: the sentence [from, to) ends in `5.`, `e.`, `etc.`, `cf.`… Joins the full stop if so. */
function prefixException(from: number, to: number): boolean {
  const stop = to - 1;
  if (stop <= from || isWord(stop) || single(stop) !== FULL_STOP || !isWord(stop - 1)) return false;
  let word = stop - 1;
  while (flags[word]! & JOIN) word--;
  if (ends[stop - 1]! - startOf(word) > 4 || !abbreviationPrefix.test(lower(word, stop))) return false;
  flags[stop] = JOIN | IN_WORD;
  return true;
}

/** The sentences' starts after the paragraph plugins, in `starts` (the first, 0, left out); returns their number. */
function sentenceStarts(count: number): number {
  let kept = 0;
  let sentence = 0; // mergePrefixExceptions' sentence so far
  for (let k = 1; k < count; k++) {
    let start = starts[k - 1]!;
    const next = k < count - 1 ? starts[k]! : n;
    // mergeNonWordSentences: a sentence without words joins the one before (the first, the one after).
    if (!hasWord[k] || (k === 1 && !hasWord[0])) continue;
    // mergeAffixSymbol: closing quotes, brackets and marks go to the sentence before.
    while (start < next && !isWord(start) && kinds[start] !== WHITE_SPACE && affixSymbol.test(valueOf(start))) start++;
    // mergeInitialLowerCaseLetterSentences: the first word, past white space, starts lower-case.
    const first = firstNonWhiteSpace(start, next);
    if (first < next && isWord(first) && lowerInitial(text.charCodeAt(startOf(first)))) continue;
    // mergeInitialDigitSentences: the sentence starts with a word starting with a digit.
    if (isWord(start) && isDigit(text.charCodeAt(startOf(start)))) continue;
    // mergePrefixExceptions: the sentence before ends in an abbreviation and its full stop.
    if (prefixException(sentence, start)) continue;
    sentence = start;
    // mergeAffixExceptions: the first node, past white space, is `,` or `;`.
    if (first < next && !isWord(first) && (single(first) === COMMA || single(first) === SEMICOLON)) continue;
    starts[kept++] = start;
  }
  // mergePrefixExceptions on the last sentence: its full stop joins the word, with nothing to merge.
  prefixException(sentence, n);
  return kept;
}

const isDigit = (code: number) => code >= 0x30 && code <= 0x39;

// ---------------------------------------------------------------------------------------------
// 5. The nodes

function valueOf(t: number): string {
  return text.slice(startOf(t), ends[t]);
}

function leaf(t: number): SentenceContent {
  return { type: TYPES[kinds[t]!], value: valueOf(t) } as SentenceContent;
}

function wordChild(t: number): WordContent {
  return kinds[t] === WORD ? { type: 'TextNode', value: valueOf(t) } : (leaf(t) as WordContent);
}

/** Whether white space holds two line breaks or more (a CR LF is one): parse-latin's `value.split(/\r\n|\r|\n/).length >= 3`. */
function twoLineBreaks(t: number): boolean {
  let breaks = 0;
  const end = ends[t]!;
  for (let i = startOf(t); i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (i + 1 < end && text.charCodeAt(i + 1) === 10) i++;
    } else if (c !== 10) continue;
    if (++breaks === 2) return true;
  }
  return false;
}

/** newLine: white space of spaces, tabs and line breaks, at least one line break. */
function isNewLine(t: number): boolean {
  let lineBreak = false;
  const end = ends[t]!;
  for (let i = startOf(t); i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) lineBreak = true;
    else if (c !== 32 && c !== 9) return false;
  }
  return lineBreak;
}

const isFullStop = (t: number) => !isWord(t) && single(t) === FULL_STOP;

const KEEP = 0;
const BACK = 1;
const FORWARD = 2;

/**
 * parse-latin's mergeRemainingFullStops at the full stop p of sentence [from, to), `last` being
 * the last word or terminal mark in it (the plugin walks back from the end and keeps the first
 * terminal mark it meets while it has met no word). A full stop joins the word before it, unless
 * white space and a full stop staying alone follow; or else the word after it.
 */
function remainingFullStop(p: number, from: number, to: number, last: number): number {
  if (p >= last) return KEEP;
  if (p > from && isWord(p - 1)) {
    // The full stop after the white space stays alone unless a word follows it (the plugin, walking back, joined it to that word already).
    const spacedStop = p + 2 < to && kinds[p + 1] === WHITE_SPACE && isFullStop(p + 2) && !(p + 3 < to && isWord(p + 3));
    return spacedStop ? KEEP : BACK;
  }
  return p + 1 < to && isWord(p + 1) ? FORWARD : KEEP;
}

/** The last token of sentence [from, to) that is in a word or a terminal mark, or -1. */
function lastMark(from: number, to: number): number {
  for (let t = to - 1; t >= from; t--) if (isWord(t) || isTerminal(t)) return t;
  return -1;
}

/**
 * The tree, from the tokens and the sentences' starts. In each sentence, after its remaining full
 * stops joined (mergeRemainingFullStops): white space starting or ending it goes up to the paragraph
 * (makeInitial/FinalWhiteSpaceSiblings); white space with two line breaks breaks it
 * (breakImplicitSentences); empty sentences go (removeEmptyNodes). The root then cuts the paragraph
 * after each white space of line breaks, lifting a paragraph's first and last white space to it.
 */
function build(startCount: number): Root {
  root = [];
  paragraph = [];
  for (let k = 0; k <= startCount; k++) {
    const from = k === 0 ? 0 : starts[k - 1]!;
    const to = k < startCount ? starts[k]! : n;
    if (from >= to) continue;
    const last = lastMark(from, to);
    let t = from;
    let end = to;
    if (kinds[t] === WHITE_SPACE) paragraphWhiteSpace(t++);
    const trailing = end > t && kinds[end - 1] === WHITE_SPACE;
    if (trailing) end--;
    let children: SentenceContent[] = [];
    while (t < end) {
      if (kinds[t] === WHITE_SPACE && twoLineBreaks(t)) {
        if (children.length) paragraph.push({ type: 'SentenceNode', children });
        children = [];
        paragraphWhiteSpace(t++);
        continue;
      }
      if (!isWord(t) && !(isFullStop(t) && remainingFullStop(t, from, to, last) === FORWARD)) {
        children.push(leaf(t++));
        continue;
      }
      const word: WordContent[] = [wordChild(t)];
      let u = t + 1;
      // A full stop joining the word after it: then that word's first token.
      if (!isWord(t)) word.push(wordChild(u++));
      for (; u < end; u++) {
        if (!(flags[u]! & JOIN) && !(isFullStop(u) && remainingFullStop(u, from, to, last) === BACK)) break;
        word.push(wordChild(u));
      }
      children.push({ type: 'WordNode', children: word });
      t = u;
    }
    if (children.length) paragraph.push({ type: 'SentenceNode', children });
    if (trailing) paragraphWhiteSpace(end);
  }
  if (paragraph.length) {
    const tail = paragraph[paragraph.length - 1]!;
    if (tail.type === 'WhiteSpaceNode') paragraph.pop();
    root.push({ type: 'ParagraphNode', children: paragraph } as Paragraph);
    if (tail.type === 'WhiteSpaceNode') root.push(tail);
  }
  const children = root;
  root = paragraph = [];
  return { type: 'RootNode', children };
}

/** The root and the paragraph being built. */
let root: RootContent[] = [];
let paragraph: (Sentence | WhiteSpace)[] = [];

/**
 * White space between sentences: the first of a paragraph goes to the root before it
 * (makeInitialWhiteSpaceSiblings); white space of line breaks ends the paragraph and goes to the
 * root after it (splitNode, makeFinalWhiteSpaceSiblings).
 */
function paragraphWhiteSpace(t: number): void {
  const node = leaf(t) as WhiteSpace;
  if (!paragraph.length) root.push(node);
  else if (isNewLine(t)) {
    root.push({ type: 'ParagraphNode', children: paragraph } as Paragraph, node);
    paragraph = [];
  } else paragraph.push(node);
}

// ---------------------------------------------------------------------------------------------

/** parse-english 7's `new ParseEnglish().parse(value)`, without positions. */
export function parseEnglish(value: string | null | undefined): Root {
  text = value ? String(value) : '';
  n = markCount = 0;
  reserve(text.length);
  tokenize();
  joinAffixes();
  const tree = build(sentenceStarts(joinWords()));
  text = '';
  return tree;
}
