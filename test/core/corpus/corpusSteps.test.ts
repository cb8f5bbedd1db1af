// The cross-source index's work in steps (core/corpus/steps.ts): the server drives it a step per
// turn of its event loop so a hover is answered in between (issue 15). Each step handles a bounded
// number of items, and every answer is the one the work done at once gives.
import { beforeAll, describe, expect, it } from 'vitest';
import { Analyzer } from '../../../src/core/analyzer';
import { CorpusIndex, digestSource, formatTimelineMarkdown, timelineMarkdownSteps, type SourceDigest } from '../../../src/core/corpus';
import { EntityRegistry } from '../../../src/core/corpus/entityIdentity';
import { runSteps } from '../../../src/core/corpus/steps';
import { analyzeSource } from '../../../src/core/sourceAnalysis';
import { TEXT_GENERATORS } from '../../fuzz/textGenerators';
import { REFERENCE_DATE, sampleCorpus, type SampleCorpus } from './sampleCorpus';

const SIZE = 100;
const BIG = 'file:///big.txt';

let samples: SampleCorpus;
let big: SourceDigest;
let bigger: SourceDigest;
beforeAll(() => {
  const analyzer = new Analyzer();
  samples = sampleCorpus(analyzer);
  // Prose with titles, quotations and dates, long enough for many steps; and an edited version.
  const text = [...samples.texts.values()].join('\n\n');
  const prose = TEXT_GENERATORS.find((g) => g.name === 'random-prose')!.make(48 * 1024, 7);
  big = digestSource(`${text}\n\n${prose}`, analyzeSource(analyzer, `${text}\n\n${prose}`, undefined, { referenceDate: REFERENCE_DATE }));
  const edited = `${text.replace(/CEO/g, 'chairman')}\n\n${prose}`;
  bigger = digestSource(edited, analyzeSource(analyzer, edited, undefined, { referenceDate: REFERENCE_DATE }));
});

function corpusOfSamples(): CorpusIndex {
  const corpus = new CorpusIndex();
  for (const id of samples.index.sourceIds()) corpus.upsert(id, samples.index.digest(id)!);
  return corpus;
}

/** Every answer the server's views and requests ask for. */
function answers(corpus: CorpusIndex): string {
  const out: unknown[] = [corpus.sourceIds(), corpus.entityGroups(), corpus.conflicts(), corpus.timeline()];
  for (const id of corpus.sourceIds()) {
    const d = corpus.digest(id)!;
    out.push(corpus.titleConflicts(id), corpus.speakerConflicts(id));
    out.push(d.claims.map((c) => corpus.linksFor(id, c.findingId)));
    out.push(d.entities.map((m) => corpus.entityGroupOf(id, m.findingId)?.id));
    out.push(d.quotations.map((q) => corpus.quotationsOfSpeaker(id, q.findingId)?.quotes.length));
  }
  return JSON.stringify(out);
}

/** Drives stepped work to its end; the number of steps. */
function steps(work: Iterator<void, void>): number {
  let n = 0;
  while (!work.next().done) n++;
  return n + 1;
}

const slices = (n: number) => Math.ceil(n / SIZE);

/**
 * Steps of putting `now` where `old` was (none: a new source), no item of one a copy of the other's:
 * a step per slice of SIZE items of each list walked (mentions and claims out, dates and quotations
 * pooled, mentions and claims in), and one per 8 × SIZE items looked up by content (contentChangesInSteps).
 */
function upsertSteps(old: SourceDigest | undefined, now: SourceDigest): number {
  const lists = [old?.entities ?? [], old?.claims ?? [], now.dates, now.quotations, now.entities, now.claims];
  const lookups = (before: readonly object[], after: readonly object[]) => Math.floor((before.length + after.length) / (8 * SIZE));
  const walked = lists.reduce((n, list) => n + Math.max(0, slices(list.length) - 1), 0);
  return 1 + lookups(old?.entities ?? [], now.entities) + lookups(old?.claims ?? [], now.claims) + walked;
}

describe('the cross-source index in steps', () => {
  it('adds and replaces a source a bounded number of mentions or claims per step, with the same answers as at once', () => {
    expect(big.entities.length + big.claims.length).toBeGreaterThan(10 * SIZE);
    const atOnce = corpusOfSamples();
    atOnce.upsert(BIG, big);
    const stepped = corpusOfSamples();
    // No step handles more than a slice of a list (or 8 slices of lookups).
    expect(steps(stepped.upsertInSteps(BIG, big, SIZE))).toBe(upsertSteps(undefined, big));
    expect(stepped.stepping).toBe(false);
    expect(answers(stepped)).toBe(answers(atOnce));

    atOnce.upsert(BIG, bigger);
    const replaced = steps(stepped.upsertInSteps(BIG, bigger, SIZE));
    // Analysed afresh, so nothing is a copy: every old mention and claim is looked up and goes out, every new one comes in.
    expect(replaced).toBe(upsertSteps(big, bigger));
    expect(replaced).toBeGreaterThan(slices(big.entities.length) + slices(big.claims.length) + slices(bigger.entities.length) + slices(bigger.claims.length));
    expect(answers(stepped)).toBe(answers(atOnce));
  });

  it('builds what views ask for first in steps of a bounded number of items, with the same answers', () => {
    const corpus = corpusOfSamples();
    corpus.upsert(BIG, big);
    const keys = new Set(big.entities.map((m) => m.key)).size;
    // Entity keys, then mentions and claims by id, then title holders, then quotations.
    expect(steps(corpus.prepareInSteps(SIZE))).toBeGreaterThan(slices(keys + big.entities.length + big.claims.length + big.quotations.length));
    const fresh = corpusOfSamples();
    fresh.upsert(BIG, big);
    expect(answers(corpus)).toBe(answers(fresh));
  });

  it('finishes the work under way at once when asked anything meanwhile, and then has no steps left', () => {
    const atOnce = corpusOfSamples();
    atOnce.upsert(BIG, big);
    const corpus = corpusOfSamples();
    const work = corpus.upsertInSteps(BIG, big, SIZE);
    work.next();
    work.next();
    expect(corpus.stepping).toBe(true);
    expect(answers(corpus)).toBe(answers(atOnce));
    expect(corpus.stepping).toBe(false);
    expect(work.next().done).toBe(true);

    // The same for building: a change meanwhile finishes it, then applies.
    const prepare = corpus.prepareInSteps(SIZE);
    prepare.next();
    corpus.upsert(BIG, bigger);
    atOnce.upsert(BIG, bigger);
    expect(prepare.next().done).toBe(true);
    expect(answers(corpus)).toBe(answers(atOnce));
  });

  it('never keeps entity groups built across a change made between their steps', () => {
    const registry = new EntityRegistry();
    registry.add('a', big.entities);
    const building = registry.groupsInSteps(SIZE);
    // Past the keys' types, where a change would leave them stale.
    const keys = new Set(big.entities.map((m) => m.key)).size;
    for (let i = 0; i <= keys / SIZE; i++) expect(building.next().done).toBe(false);
    registry.remove('a', big.entities);
    registry.add('b', bigger.entities.map((m) => (m.type === 'person' ? { ...m, type: 'organisation' as const } : m)));
    const built = runSteps(building);
    const fresh = new EntityRegistry();
    fresh.add('b', bigger.entities.map((m) => (m.type === 'person' ? { ...m, type: 'organisation' as const } : m)));
    expect(JSON.stringify(built.all)).toBe(JSON.stringify(fresh.all()));
    expect(JSON.stringify(registry.all())).toBe(JSON.stringify(fresh.all()));
  });

  it('gives a source\'s conflicts in steps of a bounded number of claims, the same as at once, and starts over when the source is put in again between steps', () => {
    const corpus = corpusOfSamples();
    corpus.upsert(BIG, big);
    const expected = JSON.stringify(corpus.conflicts(BIG));
    expect(corpus.conflicts(BIG).length).toBeGreaterThan(0);
    const work = corpus.conflictsInSteps(BIG, 2);
    let n = 0;
    let r = work.next();
    for (; !r.done; r = work.next()) n++;
    expect(JSON.stringify(r.value)).toBe(expected);
    // A step per two claims that may conflict (at least that many: most claims cannot conflict).
    expect(n).toBeGreaterThan(1);
    // Put in again (its claims' second half gone) between steps: the answer is that of the new digest.
    const again = corpus.conflictsInSteps(BIG, 2);
    again.next();
    corpus.upsert(BIG, { ...big, claims: big.claims.slice(0, big.claims.length / 2) });
    const now = runSteps(again);
    expect(JSON.stringify(now)).toBe(JSON.stringify(corpus.conflicts(BIG)));
    expect(JSON.stringify(now)).not.toBe(expected);
    // Work under way is finished by a step, as by any question.
    corpus.upsert(BIG, bigger);
    const upserting = corpus.upsertInSteps(BIG, big, SIZE);
    upserting.next();
    expect(JSON.stringify(runSteps(corpus.conflictsInSteps(BIG, 2)))).toBe(expected);
    expect(corpus.conflictsInSteps('file:///none.txt').next()).toEqual({ done: true, value: [] });
  });

  it('makes the timeline and its Markdown in steps of a bounded number of claims or dates, the same as at once, over again when the index changes between steps', () => {
    const corpus = corpusOfSamples();
    corpus.upsert(BIG, big);
    const atOnce = corpusOfSamples();
    atOnce.upsert(BIG, big);
    const expected = atOnce.timeline();
    const work = corpus.timelineInSteps({}, 5);
    let n = 0;
    let r = work.next();
    for (; !r.done; r = work.next()) n++;
    expect(JSON.stringify(r.value)).toBe(JSON.stringify(expected));
    const dates = [...samples.texts.keys()].length + big.dates.length;
    expect(n).toBeGreaterThan(dates / 5 / 2);
    // Markdown: the same text, in steps.
    const label = (id: string) => `«${id}»`;
    const md = timelineMarkdownSteps(expected, { label }, 5);
    let m = md.next();
    let mdSteps = 0;
    for (; !m.done; m = md.next()) mdSteps++;
    expect(m.value).toBe(formatTimelineMarkdown(expected, { label }));
    expect(mdSteps).toBeGreaterThan(2);
    // A source put in between steps, early (finding disagreements) or late (placing dates): the
    // timeline of the index as it is now.
    const without = { ...big, claims: [], dates: big.dates.slice(0, big.dates.length / 2) };
    for (const [late, now] of [[false, without], [true, big], [true, without]] as const) {
      // Its steps as the index is now (each a step of the source put in before).
      let count = 0;
      for (const counting = corpus.timelineInSteps({}, 5); !counting.next().done;) count++;
      const again = corpus.timelineInSteps({}, 5);
      for (let i = 0; i < (late ? count - 3 : 3); i++) again.next();
      corpus.upsert(BIG, now);
      atOnce.upsert(BIG, now);
      const fresh = atOnce.timeline();
      expect(JSON.stringify(runSteps(again))).toBe(JSON.stringify(fresh));
    }
    expect(JSON.stringify(atOnce.timeline())).not.toBe(JSON.stringify(expected));
  });
});
