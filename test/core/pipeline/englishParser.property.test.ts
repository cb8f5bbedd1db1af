// EnglishParser builds the tree parse-english builds: every node, value and position, for the sample
// sources, generated news text and random text of every character class (line breaks of each kind,
// runs of punctuation, symbols, emoji, lone surrogates, non-Latin letters, a BOM).
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { Paragraph, Root, Sentence, Word } from 'nlcst';
import { ParseEnglish } from 'parse-english';
import { describe, expect, it } from 'vitest';
import { poolsFrom, SourceGenerator } from '../../../scripts/bench/generate';
import { EnglishParser } from '../../../src/core/pipeline/englishParser';

const dir = path.join(__dirname, '../../../test-fixtures/sources');
const samples = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(path.join(dir, f), 'utf8'));

const PIECES = [
  'Xiaomi', 'said', 'Mr.', 'U.S.', "don't", 'Xiaomi’s', 'e-mail', 'and/or', '10.5', '1,000', '20%', '$5bn', 'C++', '#1', '@handle',
  'http://example.com/a?b=c', ' ', '  ', '\t', '\n', '\r\n', '\r', '\n\n', '\r\n\r\n', '\u00a0', '\u2028', '.', '...', '…', '!?', '?!',
  ',', ';', ':', '"', '“', '”', '‘', '’', "'", '(', ')', '[', ']', '—', '–', '-', '--', '&', '*', '/', '\\', '😀', '👍🏽', '\ud83d', '\ude00',
  'Привет', 'мир', '北京', '日本語', 'مرحبا', 'naïve', 'café', 'İstanbul', 'ß', '\ufeff', 'A.', 'J.', 'Jan.', 'etc.', 'No.', '9.',
];

const text = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: 'binary', maxLength: 6 })), { maxLength: 80 }).map((p) => p.join(''));

function same(value: string): void {
  expect(new EnglishParser().parse(value)).toStrictEqual(new ParseEnglish().parse(value));
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

  it('shares a word’s start point with its text node, as parse-latin does', () => {
    const words = (tree: Root) =>
      tree.children.flatMap((p) => ((p as Paragraph).children ?? []).flatMap((s) => ((s as Sentence).children ?? []).filter((w): w is Word => w.type === 'WordNode')));
    const value = 'Lei Jun said on Monday, “Xiaomi will grow.”';
    const ours = words(new EnglishParser().parse(value));
    const theirs = words(new ParseEnglish().parse(value));
    expect(ours.map((w) => w.position!.start === w.children[0]!.position!.start)).toEqual(theirs.map((w) => w.position!.start === w.children[0]!.position!.start));
  });
});
