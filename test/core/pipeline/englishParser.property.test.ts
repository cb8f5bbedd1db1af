// parseEnglish (latinParse.ts, the pipeline's parser) builds the tree parse-english builds, every
// node and value, without positions; and the sentences read from it (offsets from the lengths of
// the nodes before each one) are those read before from parse-english's positions. For the sample
// sources, generated news text, cases of each parse-latin and parse-english plugin, and random text
// of every character class (line breaks of each kind, runs of punctuation, symbols, emoji, lone
// surrogates, non-Latin letters, a BOM) and of the pieces each plugin merges.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { Root, Sentence as SentenceNode } from 'nlcst';
import { ParseEnglish } from 'parse-english';
import { describe, expect, it } from 'vitest';
import { poolsFrom, SourceGenerator } from '../../../scripts/bench/generate';
import { parseEnglish } from '../../../src/core/pipeline/latinParse';
import { parsedSentencesOf, token, type Sentence, type Token } from '../../../src/core/text/sentences';

const dir = path.join(__dirname, '../../../test-fixtures/sources');
const samples = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(path.join(dir, f), 'utf8'));

const PIECES = [
  'Xiaomi', 'said', 'Mr.', 'U.S.', "don't", 'Xiaomi’s', 'e-mail', 'and/or', '10.5', '1,000', '20%', '$5bn', 'C++', '#1', '@handle',
  'http://example.com/a?b=c', ' ', '  ', '\t', '\n', '\r\n', '\r', '\n\n', '\r\n\r\n', '\u00a0', '\u2028', '.', '...', '…', '!?', '?!',
  ',', ';', ':', '"', '“', '”', '‘', '’', "'", '(', ')', '[', ']', '—', '–', '-', '--', '&', '*', '/', '\\', '😀', '👍🏽', '\ud83d', '\ude00',
  'Привет', 'мир', '北京', '日本語', 'مرحبا', 'naïve', 'café', 'İstanbul', 'ß', '\ufeff', 'A.', 'J.', 'Jan.', 'etc.', 'No.', '9.',
  // Each plugin's pieces. mergeInitialisms: `U.S.A.`, `e.g.`, not all digits (`1.2.`).
  'U.S.A.', 'e.g.', 'i.e. the', 'p.m. on', 'a.b.', '1.2.', 'x.y', 'ab.c',
  // mergeAffixSymbol: closing marks after a terminal mark.
  '."', '.)', '?”', '!’', '.’', '»', '›', '」', '}', '\u0f3b',
  // mergeInitialLowerCaseLetterSentences, mergeInitialDigitSentences, mergeAffixExceptions.
  '5. 6', 'the', 'a', 'µ', 'ǅ', '5', '12',
  // mergeEnglishPrefixExceptions, mergePrefixExceptions: abbreviations before a full stop.
  'Mr. Smith', 'St. Louis', 'Jan. 5', 'Mrs', 'Dr', 'Inc', 'inc', 'ft', 'Messrs', 'Northants', 'Northumb', 'Calif', 'Qu\u00e9', 'thurs',
  'cf', 'viz.', 'etc', 'al', 'cent', 'ibid', 'stat', 'CENT.', 'e. ', '123.', '1234.', 'M', 'Ms',
  // mergeEnglishElisionExceptions: `w/`, `o'` between white space, `'tis`, `'n'`.
  "'s", '’re', "'tis", "o'clock", "rock 'n' roll", "'n'", '’n’', " 'n' ", "n'", "'n", "o'", "ol'", "O'", " o' ", "a o' b", 'o', 'ol', 'n', 'N',
  "'em", 'em', "'90s", '90s', 'twas', 'cause', 'im', 'er', 'w/', 'W/', 'w/o', "w/'",
  // mergeInitialWordSymbol, mergeFinalWordSymbol, mergeInnerWordSymbol, mergeInnerWordSlash.
  'AT&T', "&'", '-&', 'a-', '-.', '.-', "'.", '_', '__', '=', '@', '\u00ad', '\u00b7', '\u2010', '\u2011', '\u2027', 'a/b', 'ab/c', '//',
  'x', 'ab', 'abc', 'e', 'g', 'i',
  // mergeRemainingFullStops, terminal marks, breakImplicitSentences, the root's paragraphs.
  '. . .', ' . ', '..', '!!', '??', '‽', '‽‽', '\u3002', '\r\n \n', ' \n\t\n ', '\n \n', '\u000b', '\u0085', '\u3000',
  // Combining marks, numbers of other scripts.
  '\u0301', '²', '½', '٣', 'Ⅻ', 'ĳ',
];

/** Characters of the pieces above, for runs of punctuation and short words mixed at random. */
const DENSE = [...new Set(".,;:!?'’\"/&-_ \n\r\taAbBoOlLnNwWeEmMiItTsS0123456789)(]}»…‽@=·\u2010\u00ad")];

const text = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: 'binary', maxLength: 6 }), fc.string({ unit: fc.constantFrom(...DENSE), maxLength: 5 })), { maxLength: 80, size: 'medium' })
  .map((p) => p.join(''));

/** One case of each plugin's rule, and of its edges, as the brief of the parser listed them. */
const CASES = [
  '', ' ', '   ', '\n', '\n\n', '\r\n', ' \t\n ', '\ufeff', '\ud83d', '\ude00', 'a\ud83d', '\ude00a',
  'Hello world. This is Mr. Smith in St. Louis on Jan. 5, at 5 p.m. on the U.S.A. shore.',
  'He said, e.g. this; i.e. the one.', 'It went. "Then"', 'He left.) Then.', 'Really?” Yes.', 'Yes!’ No.',
  'Page 5. 6 more.', 'At 5 p.m. on Monday.', 'Inc. Jan. 5', 'He cf. the rest', 'It costs 5. Then more.',
  "It's 'tis o'clock, rock 'n' roll, we’re 'em w/ them, w/o it, and o' the sea.",
  'AT&T e-mail and/or C++ 50% a/b ab/cd &amp x- -y a--b', '... . . . x', 'Wait... what? . . . Yes.', 'A. B. C.',
  '  Leading and trailing  ', '\n\nLeading lines.\n\nTrailing lines.\n\n', 'One.\nTwo.\r\nThree.\rFour.',
  'Broken\n\nin one sentence', 'Broken\r\n\r\nby CR LF', 'Not broken\n \u00a0\nby this',
  'Combining: cafe\u0301 nai\u0308ve. Next.', 'Привет, мир. 北京欢迎你。 مرحبا بالعالم. Ἀθῆναι.',
];

/** A copy of an NLCST tree without its nodes' positions. */
function withoutPositions(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutPositions);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).filter(([k]) => k !== 'position').map(([k, v]) => [k, withoutPositions(v)]));
}

/** The sentences as sentencesOf read them from parse-english's positions before (its split of missed ends reads tokens only). */
function sentencesByPosition(tree: Root, source: string, base: number): Sentence[] {
  const out: Sentence[] = [];
  for (const paragraph of tree.children) {
    if (paragraph.type !== 'ParagraphNode') continue;
    for (const node of paragraph.children) {
      if (node.type !== 'SentenceNode') continue;
      const tokens: Token[] = [];
      let spaceBefore = false;
      let lineBreakBefore = false;
      for (const child of (node as SentenceNode).children) {
        if (child.type === 'WhiteSpaceNode') {
          spaceBefore = true;
          if (/[\n\r]/.test(child.value)) lineBreakBefore = true;
          continue;
        }
        const s = child.position!.start.offset!;
        const e = child.position!.end.offset!;
        tokens.push(token(source.slice(s, e), s + base, e + base, child.type === 'WordNode' ? 'word' : 'punct', spaceBefore, lineBreakBefore));
        spaceBefore = false;
        lineBreakBefore = false;
      }
      const start = node.position!.start.offset!;
      const end = node.position!.end.offset!;
      out.push({ start: start + base, end: end + base, text: source.slice(start, end), tokens });
    }
  }
  return out;
}

function same(value: string): void {
  const ours = parseEnglish(value);
  const theirs = new ParseEnglish().parse(value);
  expect(ours).toStrictEqual(withoutPositions(theirs));
  expect(parsedSentencesOf(ours, value, 7)).toStrictEqual(sentencesByPosition(theirs, value, 7));
}

describe('parseEnglish', () => {
  it('parses the sample sources as parse-english does', () => {
    for (const s of samples) same(s);
  });

  it('parses generated news text as parse-english does, paragraph by paragraph', () => {
    const generated = new SourceGenerator(poolsFrom(samples), 7).source(64 * 1024);
    for (const p of generated.split(/\n\s*\n/)) same(p);
  });

  it("parses each plugin's cases as parse-english does", () => {
    for (const c of CASES) same(c);
    for (const p of PIECES) same(p);
  });

  it('parses random text as parse-english does (20,000 texts)', () => {
    fc.assert(fc.property(text, (value) => same(value)), { numRuns: 20_000 });
  });
});
