// After an edit of an open source the main thread receives its digest as moved copies of the one it
// holds (analysisWire.ts), and the workspace index takes out and puts in only the items that changed
// (CorpusIndex.upsert, contentChangesInSteps). Property: after random edit sequences, the index answers
// exactly as an index built afresh from the final texts does: entity groups, claim links, conflicts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/core/analyzer';
import { CorpusIndex, digestSource } from '../../src/core/corpus';
import { analyzeSource } from '../../src/core/sourceAnalysis';
import { runSteps } from '../../src/core/corpus/steps';
import { contentChangesInSteps, moved, sameContentAs } from '../../src/core/text/movedCopies';
import { digestFromWire, digestToWire } from '../../src/server/analysisWire';
import { REFERENCE_DATE, sampleCorpus } from '../core/corpus/sampleCorpus';
import { applyEdit, editArb } from '../core/randomEdits';

/** contentChangesInSteps run at once, as CorpusIndex.upsert runs it. */
const contentChanges = <T extends object>(before: readonly T[], now: readonly T[]) => runSteps(contentChangesInSteps(before, now, Infinity));

const options = { referenceDate: REFERENCE_DATE };

/** What a person asks the index about every source: its claims' links and its conflicts, and the entity groups. */
function answers(index: CorpusIndex): unknown {
  return {
    groups: index.entityGroups(),
    conflicts: index.conflicts(),
    links: index.sourceIds().map((id) => index.digest(id)!.claims.map((c) => index.linksFor(id, c.findingId))),
  };
}

describe('the workspace index after edits of an open source', () => {
  const corpus = sampleCorpus();
  const ids = corpus.index.sourceIds();

  it.each(ids.slice(0, 2))('answers as an index built afresh: %s', async (edited) => {
    await fc.assert(
      fc.asyncProperty(fc.array(editArb(5), { minLength: 1, maxLength: 4 }), async (edits) => {
        const index = new CorpusIndex();
        for (const id of ids) index.upsert(id, corpus.index.digest(id)!);
        let text = corpus.texts.get(edited)!;
        let held = index.digest(edited)!;
        let seq = 1;
        let kept = 0;
        const analyzer = new Analyzer();
        analyzer.analyze(text, options);
        for (const e of edits) {
          const next = applyEdit(text, e);
          const digest = digestSource(next, analyzeSource(analyzer, next, undefined, options));
          const received = await digestFromWire(digestToWire(digest, 50, { seq, text, digest: held }, next), held);
          // The digest came as the held one's items, most of them: what the index keeps rather than puts in again.
          const changes = contentChanges(held.claims, received.claims);
          kept += received.claims.length - changes.added.length;
          index.upsert(edited, received);
          text = next;
          held = received;
          seq++;
        }
        expect(kept).toBeGreaterThan(0);
        const fresh = new CorpusIndex();
        for (const id of ids) fresh.upsert(id, id === edited ? digestSource(text, analyzeSource(new Analyzer(), text, undefined, options)) : corpus.index.digest(id)!);
        expect(JSON.stringify(answers(index))).toBe(JSON.stringify(answers(fresh)));
      }),
      { numRuns: 6, seed: 0x1d },
    );
  });
});

describe('contentChanges', () => {
  it('pairs an item with itself or with its moved copy, and lists the rest as removed or added', () => {
    const a = { span: { start: 0, end: 3 }, text: 'a' };
    const b = { span: { start: 5, end: 8 }, text: 'b' };
    const c = { span: { start: 9, end: 12 }, text: 'c' };
    const d = { span: { start: 20, end: 23 }, text: 'd' };
    const b2 = moved(b, 4);
    const c2 = moved(moved(c, 4), -1);
    expect(sameContentAs(c2)).toBe(c);
    const changes = contentChanges([a, b, c], [a, b2, c2, d]);
    expect(changes).toEqual({ removed: [], added: [d], moved: [[b, b2], [c, c2]] });
    expect(changes.moved[0]![1]).toBe(b2);
    expect(contentChanges([a, b, c], [c2])).toEqual({ removed: [a, b], added: [], moved: [[c, c2]] });
  });

  it('counts items as a multiset: one item twice, or two copies of one, pair one each', () => {
    const a = { span: { start: 0, end: 3 }, text: 'a' };
    const a2 = moved(a, 10);
    expect(contentChanges([a, a], [a])).toEqual({ removed: [a], added: [], moved: [] });
    expect(contentChanges([a], [a, a2])).toEqual({ removed: [], added: [a2], moved: [] });
    // Either of two copies of one claim may pair: the registries count them alike.
    expect(contentChanges([a, a2], [a2])).toEqual({ removed: [a2], added: [], moved: [[a, a2]] });
    expect(contentChanges([a, a2], [a2, a])).toEqual({ removed: [], added: [], moved: [[a, a2], [a2, a]] });
  });

  it('gives the same in steps, whatever their size, a step at most every 8 × size items looked up', () => {
    const items = Array.from({ length: 40 }, (_, i) => ({ span: { start: i, end: i + 1 }, text: `${i % 7}` }));
    const now = [...items.slice(0, 5), ...items.slice(12).map((x, i) => (i % 3 ? moved(x, 2) : { ...x })), { span: { start: 99, end: 100 }, text: 'new' }];
    const atOnce = contentChanges(items, now);
    for (const size of [1, 2, 5, 1000]) {
      const work = contentChangesInSteps(items, now, size);
      let steps = 1;
      let r = work.next();
      for (; !r.done; r = work.next()) steps++;
      expect(r.value).toEqual(atOnce);
      // 5 pairs from the front, none from the back (the last item is new): the other 35 old and 29 new are looked up.
      expect(steps).toBe(1 + Math.floor((35 + 29) / (8 * size)));
    }
  });

  it('pairs nothing between lists that share no item', () => {
    expect(contentChanges<object>([], [])).toEqual({ removed: [], added: [], moved: [] });
    const x = { n: 1 };
    const y = { n: 1 };
    expect(contentChanges([x], [y])).toEqual({ removed: [x], added: [y], moved: [] });
  });
});
