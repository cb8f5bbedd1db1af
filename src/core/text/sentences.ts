import type { Root, Sentence as SentenceNode, Word as WordNode } from 'nlcst';
import { toString } from 'nlcst-to-string';

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
      if (node.type === 'SentenceNode') out.push(toSentence(node, source, base));
    }
  }
  return out;
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
    tokens.push({
      text: child.type === 'WordNode' ? toString(child as WordNode) : source.slice(s, e),
      start: s + base,
      end: e + base,
      kind: child.type === 'WordNode' ? 'word' : 'punct',
      spaceBefore,
      ...(lineBreakBefore ? { lineBreakBefore } : {}),
    });
    spaceBefore = false;
    lineBreakBefore = false;
  }
  return { start: start + base, end: end + base, text: source.slice(start, end), tokens };
}
