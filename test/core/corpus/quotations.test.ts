import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../../src/core/analyzer';
import { CorpusIndex } from '../../../src/core/corpus';
import { analyzeSource } from '../../../src/core/sourceAnalysis';
import { sampleCorpus } from './sampleCorpus';

const analyzer = new Analyzer();
const indexOf = (sources: Record<string, string>) => {
  const index = new CorpusIndex();
  for (const [id, text] of Object.entries(sources)) index.upsertAnalysis(id, text, analyzeSource(analyzer, text, undefined, {}));
  return index;
};
const quotationIn = (index: CorpusIndex, source: string, words: string) => {
  const q = index.digest(source)?.quotations.find((x) => x.words.includes(words));
  if (!q) throw new Error(`no quotation with “${words}” in ${source}`);
  return q;
};

describe('quotations across sources', () => {
  it('lists every quotation of a speaker in the workspace, "Jun" included (samples)', () => {
    const { index } = sampleCorpus();
    const headline = quotationIn(index, '002_3b3f9ef10a23df2c.txt', 'Xiaomi to enter US by end of 2018');
    const of = index.quotationsOfSpeaker('002_3b3f9ef10a23df2c.txt', headline.findingId)!;
    const sources = new Set(of.quotes.map((q) => q.sourceId));
    // 000 quotes him as "who", 001 as "Jun", 002 in full.
    expect([...sources].sort()).toEqual(['000_10788ba24ea37e24.txt', '001_f4f712fbaee730b4.txt', '002_3b3f9ef10a23df2c.txt']);
    expect(of.quotes.map((q) => q.quotation.words)).toEqual(expect.arrayContaining([
      'to start entering the market by end 2018, or by early 2019.', 'the expansion won\'t be a child\'s play', 'his company will sell smartphones in the US',
    ]));
    // No two samples give the same words to different people.
    expect(index.conflicts().filter((c) => c.kind === 'speaker')).toEqual([]);
  });

  it('makes the same words given to two different people a speaker conflict, on both sides', () => {
    const index = indexOf({
      'a.txt': 'Xiaomi CEO Lei Jun said: “We will sell our phones through every major US carrier next year.”',
      'b.txt': 'Xiaomi executive Wang Xian said: “We will sell our phones through every major US carrier next year.”',
      'c.txt': 'Lei Jun also said: “We will sell our phones through every major US carrier next year.”',
    });
    const conflicts = index.conflicts().filter((c) => c.kind === 'speaker');
    expect(conflicts).toHaveLength(2);
    for (const c of conflicts) {
      expect(c.sides.map((s) => s.value).sort()).toEqual(['Lei Jun', 'Wang Xian']);
      expect(c.sides.every((s) => s.findingKind === 'quotation')).toBe(true);
    }
    expect(index.speakerConflicts('b.txt')).toHaveLength(2);
    expect(index.speakerConflicts('a.txt').map((c) => c.sides.map((s) => s.sourceId))).toEqual([['a.txt', 'b.txt']]);
    // The same speaker's words in two sources are no conflict: they are listed together.
    const lei = index.quotationsOfSpeaker('a.txt', quotationIn(index, 'a.txt', 'every major').findingId)!;
    expect(lei.quotes.map((q) => q.sourceId)).toEqual(['a.txt', 'c.txt']);
  });

  it('does not take different words, or a quote with no named speaker, for a conflict', () => {
    const index = indexOf({
      'a.txt': 'Lei Jun said: “We will sell our phones through every major US carrier next year.”',
      'b.txt': 'Wang Xian said: “Our retail stores will open across Europe before the summer.”',
      'c.txt': 'Readers quoted “We will sell our phones through every major US carrier next year.” all week.',
    });
    expect(index.conflicts().filter((c) => c.kind === 'speaker')).toEqual([]);
  });
});
