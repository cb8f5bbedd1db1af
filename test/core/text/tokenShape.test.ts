// Tokens and sentences of one hidden class (V8's map): code optimised for the tokens it saw first is
// thrown away and compiled again when one of another shape reaches it, which cost a fresh index
// worker ~1 s of compiling (README "Then (base 28cbe9a)"). The test asks V8 itself.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import type { Root } from 'nlcst';
import { englishParser } from '../../../src/core/pipeline/englishParser';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { conllTokens } from '../../../src/core/kinds/entity/tagger/tagger';
import { sentencesOf, token, withTokens, type Sentence, type Token } from '../../../src/core/text/sentences';

setFlagsFromString('--allow-natives-syntax');
// V8's own test of a hidden class, compiled once the flag is set.
const sameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;

const dir = path.join(__dirname, '../../../test-fixtures/sources');
const texts = [
  ...readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(path.join(dir, f), 'utf8')),
  // A sentence the parser runs on ("Pro. The"), a line break inside one, possessives the tagger splits.
  'Xiaomi launched the Mate 10 Pro. The phone sold well in India\nand Spain, Lei Jun said.\r\nXiaomi\'s rival Huawei \' s plans ended. It is Pro.',
  // Letters whose lower case is longer (İ) or not ASCII, and a possessive in capitals.
  'İSTANBUL and ÉCOLE POLYTECHNIQUE: XIAOMI\'S OFFICE, Straße, ΑΘΗΝΑ.',
];

function sentences(text: string): Sentence[] {
  return sentencesOf(unified().use(englishParser).parse(text) as Root, text);
}

describe('tokens and sentences of one shape', () => {
  const all = texts.flatMap(sentences);
  const tokens: Token[] = all.flatMap((s) => [...s.tokens, ...conllTokens(s.tokens)]);

  it('covers the ways a token is made', () => {
    expect(tokens.some((t) => t.lineBreakBefore)).toBe(true);
    expect(tokens.some((t) => t.text === "'s")).toBe(true);
    // A sentence split after "Pro." starts with a token made again.
    expect(all.some((s) => s.text.startsWith('The phone'))).toBe(true);
  });

  it('every token has the first one’s hidden class', () => {
    const first = token('a', 0, 1, 'word', false, false);
    const other = tokens.filter((t) => !sameMap(t, first));
    expect(other.slice(0, 3)).toEqual([]);
  });

  it('every token carries its text lower-cased, as each kind would lower-case it', () => {
    expect(tokens.some((t) => t.text === 'İSTANBUL' && t.lower.length > t.text.length)).toBe(true);
    expect(tokens.filter((t) => t.lower !== t.text.toLowerCase()).slice(0, 3)).toEqual([]);
  });

  it('every sentence has the first one’s hidden class, a copy with other tokens too', () => {
    const first = all[0];
    expect(all.filter((s) => !sameMap(s, first)).slice(0, 3)).toEqual([]);
    expect(sameMap(withTokens(first, []), first)).toBe(true);
  });
});
