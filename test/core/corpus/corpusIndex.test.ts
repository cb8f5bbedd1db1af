import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Analyzer } from '../../../src/core/analyzer';
import { CorpusIndex, formatTimelineMarkdown, type Conflict } from '../../../src/core/corpus';
import { compareConflicts } from '../../../src/core/corpus/conflicts';
import { analyzeSource } from '../../../src/core/sourceAnalysis';
import { REFERENCE_DATE, sampleCorpus, type SampleCorpus } from './sampleCorpus';

// Sources by their number; assertions are on relationships and quotes, not on offsets, so small
// changes in detection do not break them.
const S = {
  xiaomiUs: '000_10788ba24ea37e24.txt',
  getReady: '001_f4f712fbaee730b4.txt',
  cgtn: '002_3b3f9ef10a23df2c.txt',
  talks: '003_ec377d852a875d58.txt',
  talks2: '004_6b7e9ae35fb55bc0.txt',
};

let corpus: SampleCorpus;
beforeAll(() => {
  corpus = sampleCorpus();
});

const MEMO = 'memo.txt';

/** The samples and a memo calling Lei Jun Xiaomi's CFO and giving the US plan 2021, indexed afresh. */
function withMemo(): CorpusIndex {
  const index = new CorpusIndex();
  for (const id of corpus.index.sourceIds()) index.upsert(id, corpus.index.digest(id)!);
  const text = readFileSync(path.resolve(__dirname, '../../../test-fixtures/disagreeing/memo.txt'), 'utf8');
  index.upsertAnalysis(MEMO, text, analyzeSource(new Analyzer(), text, undefined, { referenceDate: REFERENCE_DATE }));
  return index;
}

const claimWith = (index: CorpusIndex, source: string, quote: string) => {
  const c = index.digest(source)?.claims.find((x) => x.text.includes(quote));
  if (!c) throw new Error(`no claim with “${quote}” in ${source}`);
  return c;
};

describe('entities across sources', () => {
  it('groups "Lei Jun", "Lei", "Jun" and the titled mentions into one person over three sources', () => {
    const lei = corpus.index.entityGroups().find((g) => g.canonical === 'Lei Jun')!;
    expect(lei.type).toBe('person');
    expect(lei.names).toEqual(expect.arrayContaining(['Lei Jun', 'Jun']));
    expect(lei.descriptions).toEqual(expect.arrayContaining(["Xiaomi's Chairman Lei Jun", 'Xiaomi CEO Lei Jun']));
    const sources = new Set(corpus.index.mentionsOf(lei.id).map((m) => m.sourceId));
    // 001 only ever writes "Jun": it joins the person the other sources name in full.
    expect([...sources].sort()).toEqual([S.xiaomiUs, S.getReady, S.cgtn]);
    const jun = corpus.index.mentionsOf(lei.id).filter((m) => m.sourceId === S.getReady);
    expect(jun.map((m) => m.text)).toEqual(['Jun', 'Jun']);
  });

  it('groups US, USA, U.S. and United States, and keeps different people apart', () => {
    const us = corpus.index.entityGroups().find((g) => g.canonical === 'United States')!;
    expect(us.names).toEqual(expect.arrayContaining(['US', 'USA', 'U.S.', 'United States']));
    expect(us.sources).toBe(5);
    const wang = corpus.index.entityGroups().find((g) => g.canonical === 'Wang Xian')!;
    expect(wang.names).toEqual(['Wang Xian', 'Xian']);
    expect(wang.id).not.toBe(corpus.index.entityGroups().find((g) => g.canonical === 'Lei Jun')!.id);
  });

  it('gives the first mention in source order and every mention with its line', () => {
    const xiaomi = corpus.index.entityGroups().find((g) => g.canonical === 'Xiaomi')!;
    const first = corpus.index.firstMention(xiaomi.id)!;
    expect(first).toMatchObject({ sourceId: S.xiaomiUs, text: 'Xiaomi', span: { start: 0 } });
    expect(corpus.index.rangeOf(first.sourceId, first.span)).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 6 } });
    const text = corpus.texts.get(S.cgtn)!;
    const mentions = corpus.index.mentionsOf(xiaomi.id).filter((x) => x.sourceId === S.cgtn);
    expect(mentions.length).toBeGreaterThan(1);
    for (const m of mentions) {
      expect(text.slice(m.span.start, m.span.end)).toBe(m.text);
      const { start } = corpus.index.rangeOf(m.sourceId, m.span);
      expect(text.split('\n')[start.line]!.slice(start.character, start.character + m.text.length)).toBe(m.text);
    }
  });
});

describe('claims across sources', () => {
  it('links the plan to enter the US market by end 2018 or early 2019 across sources as corroboration', () => {
    const headline = claimWith(corpus.index, S.xiaomiUs, "Xiaomi plans to enter the US market by 2018's end");
    const links = corpus.index.linksFor(S.xiaomiUs, headline.findingId);
    const corroborating = links.filter((l) => l.relation === 'corroborates');
    expect(corroborating.map((l) => [l.sourceId, l.claim.text.slice(0, 40)])).toEqual(expect.arrayContaining([
      [S.getReady, expect.stringContaining('Sensing an opening')],
      [S.cgtn, 'Xiaomi to enter US by end of 2018, accor'],
    ]));
    for (const l of corroborating) expect(l.shared.length).toBeGreaterThanOrEqual(2);
    // Links go both ways.
    const cgtn = claimWith(corpus.index, S.cgtn, 'Xiaomi to enter US by end of 2018');
    expect(corpus.index.linksFor(S.cgtn, cgtn.findingId).some((l) => l.sourceId === S.xiaomiUs && l.claim.findingId === headline.findingId)).toBe(true);
  });

  it('does not link claims about different companies or unrelated facts', () => {
    const huawei = claimWith(corpus.index, S.getReady, "Huawei's plans to enter the US phone market");
    expect(corpus.index.linksFor(S.getReady, huawei.findingId).filter((l) => l.claim.text.startsWith('Xiaomi plans'))).toEqual([]);
    const idc = claimWith(corpus.index, S.getReady, 'Smartphone sales in China fell');
    expect(corpus.index.linksFor(S.getReady, idc.findingId)).toEqual([]);
  });
});

describe('conflicts between sources', () => {
  let conflicts: Conflict[];
  beforeAll(() => {
    conflicts = corpus.index.conflicts();
  });

  it('sees no title conflict in the samples calling Lei Jun chairman and CEO, offices one person holds at once', () => {
    expect(corpus.texts.get(S.xiaomiUs)).toContain("Xiaomi's Chairman Lei Jun");
    expect(corpus.texts.get(S.cgtn)).toContain('CEO Lei Jun');
    expect(conflicts.filter((c) => c.kind === 'title')).toEqual([]);
  });

  it('finds that a source calling Lei Jun CFO disagrees with the one calling him chairman and the one calling him CEO', () => {
    const index = withMemo();
    const title = index.conflicts().filter((c) => c.kind === 'title');
    expect(title.map((c) => c.subject)).toEqual(['Lei Jun', 'Lei Jun']);
    const sides = title.map((c) => c.sides.map((s) => `${s.sourceId}:${s.value}`).sort().join(' / ')).sort();
    expect(sides).toEqual([`${S.xiaomiUs}:chairman / memo.txt:cfo`, `${S.cgtn}:ceo / memo.txt:cfo`]);
    const chairman = title.flatMap((c) => c.sides).find((s) => s.sourceId === S.xiaomiUs)!;
    expect(chairman).toMatchObject({ value: 'chairman', focusText: "Xiaomi's Chairman Lei Jun", findingKind: 'claim' });
    expect(corpus.texts.get(S.xiaomiUs)!.slice(chairman.focus.start, chairman.focus.end)).toBe(chairman.focusText);
  });

  it('sees no disagreement in time frames one inside the other: "within two years" and "by end 2018 or early 2019"', () => {
    expect(corpus.texts.get(S.talks)).toContain('within two years');
    expect(corpus.texts.get(S.xiaomiUs)).toContain("by 2018's end or by early 2019");
    expect(conflicts.filter((c) => c.kind === 'time-frame')).toEqual([]);
  });

  it('finds a time frame outside the others for the same plan: 2021 vs within two years, end 2018, late 2018 or 2019', () => {
    const frames = withMemo().conflicts().filter((c) => c.kind === 'time-frame');
    for (const c of frames) {
      const memo = c.sides.find((s) => s.sourceId === MEMO)!;
      const other = c.sides.find((s) => s.sourceId !== MEMO)!;
      expect(memo).toMatchObject({ focusText: '2021', value: '2021-01-01 … 2021-12-31' });
      expect(other.focusText).toMatch(/2018|two years/);
    }
    expect(frames.map((c) => c.sides.find((s) => s.sourceId !== MEMO)!.sourceId).sort()).toEqual([S.xiaomiUs, S.xiaomiUs, S.getReady, S.cgtn, S.talks]);
    const two = frames.flatMap((c) => c.sides).find((s) => s.sourceId === S.talks)!;
    expect(two).toMatchObject({ focusText: 'two years', value: 'by 2020-03-10, counted from 2018-03-10' });
    expect(two.quote).toContain('Wang Xian');
  });

  it('reports per source, and forgets a conflict when its source goes', () => {
    expect(conflicts).toEqual([]);
    const index = withMemo();
    const all = index.conflicts();
    expect(index.conflicts(S.talks2)).toEqual([]);
    expect(index.conflicts(S.cgtn).map((c) => c.kind).sort()).toEqual(['time-frame', 'title']);
    const memo = index.digest(MEMO)!;
    index.remove(MEMO);
    expect(index.conflicts().some((c) => c.kind === 'title')).toBe(false);
    expect(index.conflicts()).toEqual(conflicts);
    index.upsert(MEMO, memo);
    expect(index.conflicts()).toEqual(all);
  });

  it('finds exactly what looking up the links of every claim finds (claims that cannot conflict are skipped)', () => {
    const index = withMemo();
    const conflicts = index.conflicts();
    const exhaustive = new Map<string, Conflict>();
    for (const id of index.sourceIds()) {
      for (const claim of index.digest(id)!.claims) {
        for (const link of index.linksFor(id, claim.findingId)) for (const c of link.conflicts) exhaustive.set(c.id, c);
      }
      for (const c of index.titleConflicts(id)) exhaustive.set(c.id, c);
    }
    expect(conflicts.map((c) => c.id)).toEqual([...exhaustive.values()].sort(compareConflicts).map((c) => c.id));
    expect(conflicts).toEqual(conflicts.map((c) => exhaustive.get(c.id)));
    expect(conflicts.some((c) => c.kind === 'time-frame')).toBe(true);
    // Per source: those with a side in it, the same as gathered from every claim's links (an open source's view).
    for (const id of index.sourceIds()) {
      const own = conflicts.filter((c) => c.sides.some((s) => s.sourceId === id)).map((c) => c.id);
      expect(index.conflicts(id).map((c) => c.id)).toEqual(own);
      const links = index.digest(id)!.claims.map((claim) => index.linksFor(id, claim.findingId));
      expect(index.conflictsFrom(id, links).map((c) => c.id)).toEqual(own);
    }
  });

  it('finds different figures for the same fact', () => {
    const analyzer = new Analyzer();
    const index = new CorpusIndex();
    const add = (id: string, text: string) => index.upsertAnalysis(id, text, analyzeSource(analyzer, text, undefined, { referenceDate: REFERENCE_DATE }));
    add('a.txt', 'MIUI update\n\nThe MIUI system has 300 million users worldwide, according to Lei Jun.\n');
    add('b.txt', 'MIUI news\n\nThe MIUI system has 200 million users worldwide, according to Lei Jun.\n');
    add('c.txt', 'More on MIUI\n\nThe MIUI system has more than 150 million users worldwide, according to Lei Jun.\n');
    const figures = index.conflicts().filter((c) => c.kind === 'figure');
    expect(figures.map((c) => c.sides.map((s) => s.focusText))).toEqual([['300 million', '200 million']]);
  });
});

describe('timeline', () => {
  it('orders every normalised date with its sources and marks the ones the sources disagree on', () => {
    expect(corpus.index.timeline().disagreements).toEqual([]);
    const t = withMemo().timeline();
    const froms = t.entries.map((e) => e.from);
    expect([...froms].sort()).toEqual(froms);
    const end2018 = t.entries.find((e) => e.value === '2018 END')!;
    expect(new Set(end2018.mentions.map((m) => m.sourceId))).toEqual(new Set([S.xiaomiUs, S.getReady, S.cgtn]));
    expect(end2018.mentions.every((m) => m.sentence.length > 0)).toBe(true);
    expect(end2018.conflicts.length).toBeGreaterThan(0);
    const twoYears = t.entries.find((e) => e.mentions.some((m) => m.text === 'two years' && m.sourceId === S.talks))!;
    expect(twoYears.value).toBe('2020-03-10');
    expect(twoYears.conflicts.length).toBeGreaterThan(0);
    expect(t.entries.find((e) => e.value === '2021')!.conflicts.length).toBe(5);
    // Reader comments' "Member since" dates are left out by default.
    expect(t.entries.some((e) => e.value === '2015-11-09')).toBe(false);
    expect(corpus.index.timeline({ includeComments: true }).entries.some((e) => e.value === '2015-11-09')).toBe(true);
    expect(t.disagreements.length).toBeGreaterThan(0);
  });

  it('renders as Markdown with source text escaped', () => {
    expect(formatTimelineMarkdown(corpus.index.timeline())).not.toContain('## Where the sources disagree');
    const md = formatTimelineMarkdown(withMemo().timeline());
    expect(md).toMatch(/^# Timeline\n/);
    expect(md).toContain('## Where the sources disagree');
    expect(md).toContain('⚠ sources disagree');
    expect(md.endsWith('\n')).toBe(true);
    const index = new CorpusIndex();
    const text = 'Title\n\nOn 3 March 2018, [click](http://x.invalid) <img src=x> said Xiaomi.\n';
    index.upsertAnalysis('evil.txt', text, analyzeSource(new Analyzer(), text, undefined, {}));
    const evil = formatTimelineMarkdown(index.timeline());
    expect(evil).not.toMatch(/(^|[^\\])\[click\]/);
    expect(evil).not.toMatch(/(^|[^\\])<img/);
    expect(evil).toContain('&lt;img');
  });
});

describe('digests from outside (a cache entry, a snapshot)', () => {
  it('takes in a claim whose duration runs past any calendar date, and searches and lays out the corpus without throwing', () => {
    // "within 999,999 years" as a hostile cache entry could hold it: the year it ends in was named through a Date, which threw.
    const claim = {
      findingId: 'claim:x', start: 0, end: 34, text: 'Acme will open plants within years', region: 'body' as const, hedged: false, future: true,
      terms: ['acme', 'open', 'plant'], entities: [], figures: [],
      dates: [{ value: 'P999999Y', timexType: 'DURATION' as const, text: 'years', forward: true, referenceDate: '2018-03-10', start: 29, end: 34 }],
    };
    const index = new CorpusIndex();
    for (const id of ['a.txt', 'b.txt']) index.upsert(id, { version: 2, lines: [0], claims: [structuredClone(claim)], entities: [], dates: [], quotations: [] });
    expect(index.conflicts()).toEqual([]);
    expect(index.linksFor('a.txt', 'claim:x').map((l) => l.sourceId)).toEqual(['b.txt']);
    expect(index.timeline().entries).toEqual([]);
  });
});
