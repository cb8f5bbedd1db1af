// The NLCST parser of the pipeline: parse-english's, with its first step (cutting the text into
// words, white space, punctuation and symbols) done faster and to the same tree. parse-latin tests
// each character against up to four Unicode regular expressions and copies a point object per
// character class change; this classifies each UTF-16 code unit once per process (by asking
// parse-latin itself, so the classes are its own) and keeps the rest of its walk as it is.
import type { Root, SentenceContent } from 'nlcst';
import { ParseEnglish } from 'parse-english';
import type { Plugin, Processor } from 'unified';

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

interface Point {
  line: number;
  column: number;
  offset: number;
}

export class EnglishParser extends ParseEnglish {
  /** parse-latin's `tokenize` (v7): the same nodes, the same positions, the same sharing of a start point. */
  override tokenize(value: string | null | undefined): SentenceContent[] {
    const children: SentenceContent[] = [];
    if (!value) return children;
    let line = 1;
    let column = 1;
    let offset = 0;
    let from = 0;
    let start: Point = { line, column, offset };
    let previousType = 0;
    let previous = -1;
    const node = (type: number, text: string): SentenceContent =>
      type === WORD
        ? { type: 'WordNode', children: [{ type: 'TextNode', value: text, position: { start, end: { line, column, offset } } }], position: { start, end: { line, column, offset } } }
        : ({ type: TYPES[type], value: text, position: { start, end: { line, column, offset } } } as SentenceContent);
    for (let index = 0; index < value.length; index++) {
      const code = value.charCodeAt(index);
      const type = classOf[code] || classify(code);
      // Words and white space run on; punctuation and symbols only as the same character (or surrogates).
      if (from < index && !(previousType === type && (type === WORD || type === WHITE_SPACE || code === previous || isSurrogate(code)))) {
        children.push(node(previousType, value.slice(from, index)));
        from = index;
        start = { line, column, offset };
      }
      if (code === 13 || (code === 10 && previous !== 13)) {
        line++;
        column = 1;
      } else if (code !== 10) {
        column++;
      }
      offset++;
      previousType = type;
      previous = code;
    }
    if (from < value.length) children.push(node(previousType, value.slice(from)));
    return children;
  }
}

/** A unified plugin, as retext-english is, with EnglishParser. */
export const englishParser: Plugin<[], string, Root> = function (this: Processor) {
  this.parser = (value: string) => new EnglishParser().parse(value);
};
