// The pipeline's parser before latinParse.ts (src/core/pipeline/englishParser.ts at 803e98a), kept
// for parseSpeed.ts to measure against: parse-english's ParseEnglish and its plugins, with a faster
// tokenize (a class per code unit, asked of parse-latin once) and breakImplicitSentences, nodes
// without positions.
import type { Paragraph, Sentence, SentenceContent, WhiteSpace } from 'nlcst';
import { ParseEnglish } from 'parse-english';

const WHITE_SPACE = 1;
const PUNCTUATION = 2;
const WORD = 3;
const SYMBOL = 4;
const TYPES = ['', 'WhiteSpaceNode', 'PunctuationNode', 'WordNode', 'SymbolNode'] as const;

/** Each code unit's class (0: not asked yet); 64 KB, filled as code units are first seen. */
const classOf = new Uint8Array(0x10000);
const original = ParseEnglish.prototype.tokenize;
const asker = new ParseEnglish();

function classify(code: number): number {
  const type = original.call(asker, String.fromCharCode(code))[0]!.type;
  const c = TYPES.indexOf(type as (typeof TYPES)[number]);
  classOf[code] = c;
  return c;
}

const isSurrogate = (code: number) => code >= 0xd800 && code <= 0xdfff;

/** Whether white space holds two line breaks or more (a CR LF is one): parse-latin's `value.split(/\r\n|\r|\n/).length >= 3`, with no array. */
function twoLineBreaks(value: string): boolean {
  let breaks = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 13) {
      if (value.charCodeAt(i + 1) === 10) i++;
    } else if (c !== 10) continue;
    if (++breaks === 2) return true;
  }
  return false;
}

/**
 * parse-latin's breakImplicitSentences (v7): a sentence is broken at white space with two line
 * breaks or more. Its test split every white-space node of the text into an array of lines: a
 * third of the 1 MB news text's parse allocations were those arrays (~33 MB).
 */
function breakImplicitSentences(paragraph: Paragraph): void {
  const siblings = paragraph.children;
  // Its list grows as sentences are broken: read anew at each step, as array-iterate does.
  for (let index = 0; index < siblings.length; index++) {
    const child = siblings[index]!;
    if (child.type !== 'SentenceNode') continue;
    const children = child.children;
    // The first and the last child are not looked at.
    for (let position = 1; position < children.length - 1; position++) {
      const node = children[position]!;
      if (node.type !== 'WhiteSpaceNode' || !twoLineBreaks((node as WhiteSpace).value)) continue;
      child.children = children.slice(0, position);
      const insertion: Sentence = { type: 'SentenceNode', children: children.slice(position + 1) };
      siblings.splice(index + 1, 0, node as WhiteSpace, insertion);
      // On from the white space (array-iterate's `return index + 1`): the sentence broken off is looked at next.
      break;
    }
  }
}

/** Where parse-english (v7) has parse-latin's breakImplicitSentences in its paragraph plugins. */
const BREAK_IMPLICIT_AT = 10;

export class EnglishParser extends ParseEnglish {
  /** parse-latin's `tokenize` (v7): the same nodes, without their positions (unist's are optional; parse-latin's plugins update them only where they are). */
  override tokenize(value: string | null | undefined): SentenceContent[] {
    const children: SentenceContent[] = [];
    if (!value) return children;
    let from = 0;
    let previousType = 0;
    let previous = -1;
    const node = (type: number, text: string): SentenceContent =>
      type === WORD ? { type: 'WordNode', children: [{ type: 'TextNode', value: text }] } : ({ type: TYPES[type], value: text } as SentenceContent);
    for (let index = 0; index < value.length; index++) {
      const code = value.charCodeAt(index);
      const type = classOf[code] || classify(code);
      // Words and white space run on; punctuation and symbols only as the same character (or surrogates).
      if (from < index && !(previousType === type && (type === WORD || type === WHITE_SPACE || code === previous || isSurrogate(code)))) {
        children.push(node(previousType, value.slice(from, index)));
        from = index;
      }
      previousType = type;
      previous = code;
    }
    if (from < value.length) children.push(node(previousType, value.slice(from)));
    return children;
  }
}

{
  const plugins = [...ParseEnglish.prototype.tokenizeParagraphPlugins];
  // Only in the list it was written against (parseSpeed.ts checks its trees are latinParse.ts's).
  if (plugins.length === 13) plugins[BREAK_IMPLICIT_AT] = breakImplicitSentences as (typeof plugins)[number];
  EnglishParser.prototype.tokenizeParagraphPlugins = plugins;
}
