import type { Root, Sentence as SentenceNode } from 'nlcst';

export interface Token {
  text: string;
  start: number;
  end: number;
  /** Word (letters/digits) or punctuation/symbol between words. */
  kind: 'word' | 'punct';
  /** Whitespace precedes this token. */
  spaceBefore: boolean;
  /** That whitespace holds a line break: a name never runs across one. */
  lineBreakBefore?: boolean;
}

export interface Sentence {
  start: number;
  end: number;
  text: string;
  tokens: Token[];
}

/** Flattens an NLCST tree into sentences of tokens with exact offsets (shifted by `base`). */
export function sentencesOf(tree: Root, source: string, base = 0): Sentence[] {
  const out: Sentence[] = [];
  for (const paragraph of tree.children) {
    if (paragraph.type !== 'ParagraphNode') continue;
    for (const node of paragraph.children) {
      if (node.type === 'SentenceNode') for (const s of splitMissedEnds(toSentence(node, source, base), source, base)) out.push(s);
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
function splitMissedEnds(sentence: Sentence, source: string, base: number): Sentence[] {
  const t = sentence.tokens;
  const cuts: number[] = [];
  for (let i = 1; i < t.length - 1; i++) {
    // The parser keeps the period inside the word it takes for an abbreviation: "Pro.", "10.".
    if (t[i].kind !== 'word' || t[i].text.charCodeAt(t[i].text.length - 1) !== 46) continue;
    const m = /^([\p{L}\d]+)\.$/u.exec(t[i].text);
    if (!m || !t[i + 1].spaceBefore || t[i + 1].kind !== 'word' || !/^\p{Lu}/u.test(t[i + 1].text)) continue;
    if (ABBREVIATIONS.has(m[1].toLowerCase()) || /^\p{L}$/u.test(m[1])) continue;
    cuts.push(i + 1);
  }
  if (!cuts.length) return [sentence];
  const parts: Sentence[] = [];
  let from = 0;
  for (const cut of [...cuts, t.length]) {
    const tokens = t.slice(from, cut);
    const start = tokens[0].start;
    const end = tokens[tokens.length - 1].end;
    parts.push({ start, end, text: source.slice(start - base, end - base), tokens: [{ ...tokens[0], spaceBefore: false, lineBreakBefore: undefined }, ...tokens.slice(1)] });
    from = cut;
  }
  // The last part keeps the sentence's own end (trailing quotes or spaces the parser included).
  const last = parts[parts.length - 1];
  last.end = sentence.end;
  last.text = source.slice(last.start - base, sentence.end - base);
  return parts;
}

function toSentence(node: SentenceNode, source: string, base: number): Sentence {
  const start = node.position!.start.offset!;
  const end = node.position!.end.offset!;
  const tokens: Token[] = [];
  let spaceBefore = false;
  let lineBreakBefore = false;
  for (const child of node.children) {
    if (child.type === 'WhiteSpaceNode') {
      spaceBefore = true;
      if (/[\n\r]/.test(child.value)) lineBreakBefore = true;
      continue;
    }
    const s = child.position!.start.offset!;
    const e = child.position!.end.offset!;
    const token: Token = {
      // A word's children cover its offsets exactly: the slice is its text, without walking them.
      text: source.slice(s, e),
      start: s + base,
      end: e + base,
      kind: child.type === 'WordNode' ? 'word' : 'punct',
      spaceBefore,
    };
    // Set only when true, as before; no object spread per token.
    if (lineBreakBefore) token.lineBreakBefore = true;
    tokens.push(token);
    spaceBefore = false;
    lineBreakBefore = false;
  }
  return { start: start + base, end: end + base, text: source.slice(start, end), tokens };
}
