import type { Literal, Parent, Root, Sentence as SentenceNode } from 'nlcst';
import type { Node } from 'unist';

export interface Token {
  text: string;
  start: number;
  end: number;
  /** Word (letters/digits) or punctuation/symbol between words. */
  kind: 'word' | 'punct';
  /** Whitespace precedes this token. */
  spaceBefore: boolean;
  /** That whitespace holds a line break: a name never runs across one. */
  lineBreakBefore: boolean;
  /** `text` lower-cased, made once: the kinds lower-cased a word anew for each word list they looked it up in. */
  lower: string;
}

export interface Sentence {
  start: number;
  end: number;
  text: string;
  tokens: Token[];
}

/**
 * Every token is made here, each field set: tokens of one shape (and arrays of one kind, pushed to,
 * not mapped), so code V8 has optimised for them is not thrown away and compiled again when a
 * token of another shape reaches it (a fresh index worker recompiled ~1.5 s of code in its first
 * 1,000 sources, README "Then (base 28cbe9a)").
 */
export function token(text: string, start: number, end: number, kind: Token['kind'], spaceBefore: boolean, lineBreakBefore: boolean): Token {
  return { text, start, end, kind, spaceBefore, lineBreakBefore, lower: text.toLowerCase() };
}

function sentence(start: number, end: number, text: string, tokens: Token[]): Sentence {
  return { start, end, text, tokens };
}

/** `sentence` with some of its tokens replaced, as one of the same shape. */
export function withTokens(s: Sentence, tokens: Token[]): Sentence {
  return sentence(s.start, s.end, s.text, tokens);
}

/** A node's length in UTF-16 units: its value's, or its children's together. */
function lengthOf(node: Node): number {
  if ('value' in node) return (node as Literal).value.length;
  let n = 0;
  for (const child of (node as Parent).children) n += lengthOf(child);
  return n;
}

/**
 * Flattens an NLCST tree of `source` into sentences of tokens with exact offsets (shifted by
 * `base`), a sentence split where the parser missed its end (splitMissedEnds).
 */
export function sentencesOf(tree: Root, source: string, base = 0): Sentence[] {
  const out: Sentence[] = [];
  for (const whole of parsedSentencesOf(tree, source, base)) for (const s of splitMissedEnds(whole, source, base)) out.push(s);
  return out;
}

/**
 * The sentences of an NLCST tree of `source` as the parser made them. The tree's nodes carry no
 * positions (pipeline/englishParser.ts): it covers the source exactly and in order, so each node
 * starts where the ones before it end.
 */
export function parsedSentencesOf(tree: Root, source: string, base = 0): Sentence[] {
  const out: Sentence[] = [];
  let offset = 0;
  for (const paragraph of tree.children) {
    if (paragraph.type !== 'ParagraphNode') {
      offset += lengthOf(paragraph);
      continue;
    }
    for (const node of paragraph.children) {
      if (node.type !== 'SentenceNode') {
        offset += lengthOf(node);
        continue;
      }
      const whole = toSentence(node, source, base, offset);
      offset = whole.end - base;
      out.push(whole);
    }
  }
  return out;
}

/** Words whose period does not end a sentence. */
export const ABBREVIATIONS: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'jr', 'sr', 'inc', 'corp', 'co', 'ltd', 'no', 'vs', 'etc', 'gen', 'gov', 'sen', 'rep',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'mt', 'ft', 'fig', 'approx', 'est',
]);

/**
 * The English parser keeps "the Mate 10 Pro. The phone…" and "version 10. The new…" as one
 * sentence; split after a period that follows a word or number and precedes a capitalised word,
 * unless the period closes an abbreviation or an initial ("Mr.", "J.", "U.S.").
 */
function splitMissedEnds(whole: Sentence, source: string, base: number): Sentence[] {
  const t = whole.tokens;
  const cuts: number[] = [];
  for (let i = 1; i < t.length - 1; i++) {
    // The parser keeps the period inside the word it takes for an abbreviation: "Pro.", "10.".
    if (t[i].kind !== 'word' || t[i].text.charCodeAt(t[i].text.length - 1) !== 46) continue;
    const m = /^([\p{L}\d]+)\.$/u.exec(t[i].text);
    if (!m || !t[i + 1].spaceBefore || t[i + 1].kind !== 'word' || !/^\p{Lu}/u.test(t[i + 1].text)) continue;
    if (ABBREVIATIONS.has(m[1].toLowerCase()) || /^\p{L}$/u.test(m[1])) continue;
    cuts.push(i + 1);
  }
  if (!cuts.length) return [whole];
  const parts: Sentence[] = [];
  cuts.push(t.length);
  let from = 0;
  for (let c = 0; c < cuts.length; c++) {
    const cut = cuts[c];
    const first = t[from];
    const tokens = [token(first.text, first.start, first.end, first.kind, false, false)];
    for (let i = from + 1; i < cut; i++) tokens.push(t[i]);
    const start = first.start;
    // The last part keeps the sentence's own end (trailing quotes or spaces the parser included).
    const end = c === cuts.length - 1 ? whole.end : t[cut - 1].end;
    parts.push(sentence(start, end, source.slice(start - base, end - base), tokens));
    from = cut;
  }
  return parts;
}

function toSentence(node: SentenceNode, source: string, base: number, start: number): Sentence {
  const tokens: Token[] = [];
  let spaceBefore = false;
  let lineBreakBefore = false;
  let s = start;
  for (const child of node.children) {
    const e = s + lengthOf(child);
    if (child.type === 'WhiteSpaceNode') {
      spaceBefore = true;
      if (/[\n\r]/.test(child.value)) lineBreakBefore = true;
    } else {
      // A word's children cover its offsets exactly: the slice is its text, without walking them.
      tokens.push(token(source.slice(s, e), s + base, e + base, child.type === 'WordNode' ? 'word' : 'punct', spaceBefore, lineBreakBefore));
      spaceBefore = false;
      lineBreakBefore = false;
    }
    s = e;
  }
  return sentence(start + base, s + base, source.slice(start, s), tokens);
}
