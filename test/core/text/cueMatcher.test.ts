import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as lexicons from '../../../src/core/kinds/claim/claimCues';
import type { Cue } from '../../../src/core/model';
import { CueMatcher, CueScanner } from '../../../src/core/text/cueMatcher';
import { prng } from '../../../scripts/prng';

/** The matcher the trie replaced: one alternation, longest phrase first, on word boundaries. */
function byRegex(phrases: readonly string[], caseSensitive: boolean, text: string): Array<[string, number, number]> {
  const alternatives = [...phrases]
    .sort((a, b) => b.length - a.length)
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['’]").replace(/ /g, '\\s+'));
  const pattern = new RegExp(`\\b(?:${alternatives.join('|')})\\b`, caseSensitive ? 'g' : 'gi');
  return [...text.matchAll(pattern)].map((m) => [m[0], m.index, m.index + m[0].length]);
}
const spans = (cues: Cue[]) => cues.map((c): [string, number, number] => [c.text, c.start, c.end]);

const claimLexicons = Object.entries(lexicons).filter((e): e is [string, string[]] => Array.isArray(e[1]));
const samples = readdirSync(path.join(__dirname, '../../../test-fixtures/sources')).filter((f) => f.endsWith('.txt'))
  .map((f) => readFileSync(path.join(__dirname, '../../../test-fixtures/sources', f), 'utf8'));

/** Text made of lexicon phrases cut and re-joined with tricky separators, case changes and look-alike characters. */
function tricky(seed: number, length: number): string {
  const random = prng(seed);
  const words = claimLexicons.flatMap(([, ps]) => ps).flatMap((p) => [p, ...p.split(/[ '-]/)]);
  const glue = [' ', '  ', '\n', '\u00a0', "'", '’', '-', '_', '1', 'x', '.', ', ', '"', '“', 'é', 'İ', 'K', '\t '];
  let s = '';
  while (s.length < length) {
    let w = words[Math.floor(random() * words.length)];
    const r = random();
    if (r < 0.15) w = w.toUpperCase();
    else if (r < 0.3) w = w[0].toUpperCase() + w.slice(1);
    else if (r < 0.4) w = w.replace(/'/g, '’').replace(/ /g, ' \n ');
    s += w + glue[Math.floor(random() * glue.length)];
  }
  return s;
}

describe('CueScanner', () => {
  const texts = [...samples, tricky(1, 20_000), tricky(2, 20_000), tricky(3, 20_000)];

  it.each(claimLexicons.flatMap(([name, phrases]) => [[name, phrases, false], [name, phrases, true]] as const))(
    'finds what the alternation regex finds: %s (case-sensitive %s)',
    (_name, phrases, caseSensitive) => {
      const matcher = new CueMatcher('event', phrases, caseSensitive);
      for (const text of texts) expect(spans(matcher.match(text))).toEqual(byRegex(phrases, caseSensitive, text));
    },
  );

  it('scans several lexicons in one pass, each as if alone (overlaps across lexicons kept)', () => {
    const list = claimLexicons.map(([, phrases], i) => ({ kind: 'event' as const, phrases, caseSensitive: i % 3 === 0 }));
    const scanner = new CueScanner(list);
    for (const text of texts) {
      const found = scanner.scan(text, 7);
      list.forEach((l, i) => {
        expect(spans(found[i])).toEqual(byRegex(l.phrases, l.caseSensitive, text).map(([t, s, e]) => [t, s + 7, e + 7]));
      });
    }
  });

  it('refuses a phrase it cannot match as the regex would', () => {
    expect(() => new CueMatcher('event', ['e.g.'])).toThrow(/alphabet/);
    expect(() => new CueMatcher('event', ['two  spaces'])).toThrow(/alphabet/);
  });

  it('takes up to 31 lexicons (a bit each), the last as well as the first', () => {
    const list = Array.from({ length: 31 }, (_, i) => ({ kind: 'event' as const, phrases: [`word${String.fromCharCode(97 + (i % 26))}${i >= 26 ? 'x' : ''}`] }));
    const found = new CueScanner(list).scan('worda then wordex here');
    expect(spans(found[0]!)).toEqual([['worda', 0, 5]]);
    expect(spans(found[30]!)).toEqual([['wordex', 11, 17]]);
    expect(found.filter((f) => f.length).length).toBe(2);
    expect(() => new CueScanner([...list, { kind: 'event', phrases: ['one more'] }])).toThrow(/at most 31/);
  });
});
