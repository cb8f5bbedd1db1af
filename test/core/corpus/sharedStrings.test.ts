import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../../src/core/analyzer';
import { digestSource, type SourceDigest } from '../../../src/core/corpus';
import { SharedStrings } from '../../../src/core/corpus/sharedStrings';
import { analyzeSource } from '../../../src/core/sourceAnalysis';
import { REFERENCE_DATE, SAMPLES_DIR } from './sampleCorpus';

/** The sample sources' digests as the index takes them in: parsed from JSON, every string a copy of its own. */
function sampleDigests(): SourceDigest[] {
  const analyzer = new Analyzer();
  return readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.txt')).sort().map((name) => {
    const text = readFileSync(path.join(SAMPLES_DIR, name), 'utf8');
    return JSON.parse(JSON.stringify(digestSource(text, analyzeSource(analyzer, text, undefined, { referenceDate: REFERENCE_DATE })))) as SourceDigest;
  });
}

function share(strings: SharedStrings, d: SourceDigest): void {
  strings.mentions(d.entities);
  strings.claims(d.claims);
  strings.dates(d.dates);
  strings.quotations(d.quotations);
}

describe('SharedStrings', () => {
  it('leaves every digest as it was: the same values, and no field an item did not have', () => {
    const digests = sampleDigests();
    const before = structuredClone(digests);
    const strings = new SharedStrings();
    for (const d of digests) share(strings, d);
    // toStrictEqual: a field set to undefined where an item had none (a claim without a speaker) fails it.
    expect(digests).toStrictEqual(before);
    // Taking the same digests in again changes nothing either.
    for (const d of digests) share(strings, d);
    expect(digests).toStrictEqual(before);
  });

  it('takes in items with every optional field absent or present', () => {
    const strings = new SharedStrings();
    const claim = {
      start: 0, end: 40, findingId: 'claim:abcdefghijk', text: 'Xiaomi plans to enter the US market soon.', region: 'body' as const,
      hedged: false, future: true, terms: ['marketplace-entry', 'xiaomi'], entities: ['xiaomi corporation'],
      dates: [{ start: 30, end: 34, value: 'PRESENT_REF', timexType: 'DATE' as const, text: 'right now today' }], figures: [],
    };
    const withAll = { ...claim, speaker: 'Lei Jun the chairman', refers: ['the company of Lei'], dates: [{ ...claim.dates[0]!, referenceDate: '2018-03-10T00' }] };
    strings.claims([claim, withAll]);
    expect(Object.keys(claim)).not.toContain('speaker');
    expect(Object.keys(claim)).not.toContain('refers');
    expect(Object.keys(claim.dates[0]!)).not.toContain('referenceDate');
    expect(withAll.speaker).toBe('Lei Jun the chairman');
    expect(withAll.refers).toEqual(['the company of Lei']);
    const date = { start: 0, end: 9, findingId: 'date:abcdefghij', text: 'last year', region: 'body' as const, value: null, timexType: 'DATE' as const, anchor: 'unresolved' as const, sentence: 'It grew last year.' };
    strings.dates([date]);
    expect(date.value).toBeNull();
    expect(Object.keys(date)).not.toContain('claimId');
    const quotation = { start: 0, end: 5, findingId: 'quotation:abcdefg', form: 'direct' as const, words: 'We will win here', terms: ['winning-words'], region: 'body' as const, speaker: { text: 'the spokesman', start: 0, end: 3, name: 'the spokesman' } };
    strings.quotations([quotation]);
    expect(Object.keys(quotation.speaker)).not.toContain('key');
  });
});
