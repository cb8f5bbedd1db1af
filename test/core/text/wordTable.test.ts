// Words that are the names of Object.prototype's properties ("constructor", "toString", …) are words
// like any other in a source: every table a source's words are looked up in is one of wordTable's.
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../../src/core/analyzer';
import { digestSource } from '../../../src/core/corpus';
import { contentTerms } from '../../../src/core/corpus/claimTerms';
import { analyzeSource } from '../../../src/core/sourceAnalysis';
import { wordTable } from '../../../src/core/text/wordTable';

const PROTOTYPE_WORDS = [...Object.getOwnPropertyNames(Object.prototype), 'prototype'];

describe('word tables', () => {
  it('hold only their own words, and cannot be changed', () => {
    const table = wordTable({ two: 2 });
    for (const w of [...PROTOTYPE_WORDS, ...PROTOTYPE_WORDS.map((w) => w.toLowerCase())]) {
      expect(table[w]).toBeUndefined();
      expect(w in table).toBe(false);
    }
    expect(table.two).toBe(2);
    expect(Object.keys(table)).toEqual(['two']);
    expect(Object.isFrozen(table)).toBe(true);
  });

  it('a claim with "constructor" in it has its terms, and its source a digest (the digest threw, and check called the source unreadable)', () => {
    expect(contentTerms('The constructor said the bridge will open in 2020.')).toEqual(expect.arrayContaining(['constructor', 'bridg']));
    const analyzer = new Analyzer(0);
    const words = PROTOTYPE_WORDS.flatMap((w) => [w, w.toLowerCase()]).join(' ');
    const text = [
      'Acme said on Monday that the constructor will finish the bridge by 2020, and costs rose 20 percent to $5 million.',
      `Prices will rise 20 percent next year, constructor said. "We will win," Constructor told reporters on ${words} day.`,
      `Sales of ${words} rose a constructor of a million in the constructor quarter of 2019, the company said.`,
      `For constructor years the ${words} weekend, toString toString, the Constructor Party said it will double its seats.`,
    ].join('\n\n');
    const analysed = analyzeSource(analyzer, text, undefined, { referenceDate: '2018-03-10' });
    expect(analysed.tagged.findings.filter((f) => f.kind === 'claim').length).toBeGreaterThan(2);
    const digest = digestSource(text, analysed);
    expect(digest.claims.length).toBeGreaterThan(2);
    // Everything a digest holds is data: it crosses to and from worker threads as a structured clone.
    expect(() => structuredClone(digest)).not.toThrow();
    expect(JSON.parse(JSON.stringify(digest))).toEqual(digest);
    for (const c of digest.claims) for (const t of c.terms) expect(t).not.toMatch(/NaN|function|undefined/);
  });
});
