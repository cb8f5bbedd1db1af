// EnglishParser builds the tree parse-english builds, every node and value, without positions; and
// the sentences read from it (offsets from the lengths of the nodes before each one) are those read
// before from parse-english's positions. For the sample sources,
// generated news text and random text of every character class (line breaks of each kind, runs of
// punctuation, symbols, emoji, lone surrogates, non-Latin letters, a BOM).
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { Root, Sentence as SentenceNode } from 'nlcst';
import { ParseEnglish } from 'parse-english';
import { describe, expect, it } from 'vitest';
import { poolsFrom, SourceGenerator } from '../../../scripts/bench/generate';
import { EnglishParser } from '../../../src/core/pipeline/englishParser';
import { parsedSentencesOf, token, type Sentence, type Token } from '../../../src/core/text/sentences';

const dir = path.join(__dirname, '../../../test-fixtures/sources');
const samples = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(path.join(dir, f), 'utf8'));

const PIECES = [
  'Xiaomi', 'said', 'Mr.', 'U.S.', "don't", 'Xiaomi’s', 'e-mail', 'and/or', '10.5', '1,000', '20%', '$5bn', 'C++', '#1', '@handle',
  'http://example.com/a?b=c', ' ', '  ', '\t', '\n', '\r\n', '\r', '\n\n', '\r\n\r\n', '\u00a0', '\u2028', '.', '...', '…', '!?', '?!',
  ',', ';', ':', '"', '“', '”', '‘', '’', "'", '(', ')', '[', ']', '—', '–', '-', '--', '&', '*', '/', '\\', '😀', '👍🏽', '\ud83d', '\ude00',
  'Привет', 'мир', '北京', '日本語', 'مرحبا', 'naïve', 'café', 'İstanbul', 'ß', '\ufeff', 'A.', 'J.', 'Jan.', 'etc.', 'No.', '9.',
];

const text = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: 'binary', maxLength: 6 })), { maxLength: 80 }).map((p) => p.join(''));

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
  const ours = new EnglishParser().parse(value);
  const theirs = new ParseEnglish().parse(value);
  expect(ours).toStrictEqual(withoutPositions(theirs));
  expect(parsedSentencesOf(ours, value, 7)).toStrictEqual(sentencesByPosition(theirs, value, 7));
}

describe('EnglishParser', () => {
  it('parses the sample sources as parse-english does', () => {
    for (const s of samples) same(s);
  });

  it('parses generated news text as parse-english does, paragraph by paragraph', () => {
    const generated = new SourceGenerator(poolsFrom(samples), 7).source(64 * 1024);
    for (const p of generated.split(/\n\s*\n/)) same(p);
  });

  it('parses random text as parse-english does', () => {
    fc.assert(fc.property(text, (value) => same(value)), { numRuns: 2_000 });
  });
});
