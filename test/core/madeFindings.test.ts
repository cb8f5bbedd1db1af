// A finding the last analysis made, from the same paragraph at the same place, is kept as that
// object, and one an edit moved is copied from it (madeFindings.ts); nothing an analysis returned is
// changed by a later one.
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/core/analyzer';
import type { AnalysisResult } from '../../src/core/model';
import { moved } from '../../src/core/text/movedCopies';

const CLAIM = 'Xiaomi sold 92 million phones in 2017, up 59 percent from a year earlier.';
const FILLER = 'Nobody here. Only words of no interest written plainly.';
const options = { referenceDate: '2018-03-10' };

/** `text` with its first `from` at `at` replaced by `to`, the same length, so nothing after it moves. */
function sameLength(text: string, from: string, to: string): string {
  expect(to.length).toBe(from.length);
  const at = text.indexOf(from);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

describe('kept findings', () => {
  it('keeps the findings of paragraphs an edit did not touch, and copies those it moved', () => {
    const paragraphs = Array.from({ length: 6 }, (_, i) => `Lei Jun said Xiaomi opened ${i + 2} stores in Spain in 2017, ${i + 10} percent more than a year earlier.`);
    const text = paragraphs.join('\n\n');
    const analyzer = new Analyzer();
    const before = analyzer.analyze(text, options);
    const edited = text.replace('opened 4 stores', 'opened 4 new stores');
    const after = analyzer.analyze(edited, options);
    expect(after).toEqual(new Analyzer().analyze(edited, options));
    const editAt = edited.indexOf('new stores');
    const kept = new Set(before.findings);
    const shift = edited.length - text.length;
    let copies = 0;
    for (const f of after.findings) {
      // Before the edit's paragraph: the very findings (claims, names, dates, quotations); after it,
      // moved: copies of the last ones at their new place, sharing what they say (not quotations: made anew).
      if (f.end < editAt - 40) expect(kept.has(f), `${f.kind} ${f.text}`).toBe(true);
      if (f.start > editAt + 40) {
        expect(kept.has(f)).toBe(false);
        const last = before.findings.find((g) => g.kind === f.kind && g.start === f.start - shift && g.end === f.end - shift)!;
        expect(f).toEqual(moved(last, shift));
        if (f.kind !== 'quotation') {
          expect([f.entity, f.date, f.claim]).toEqual([last.entity, last.date, last.claim]);
          for (const part of ['entity', 'date', 'claim'] as const) if (f[part]) expect(f[part]).toBe(last[part]);
          copies++;
        }
      }
    }
    expect(copies).toBeGreaterThan(10);
    expect(after.findings.filter((f) => kept.has(f)).length).toBeGreaterThan(5);
    expect(after.findings.filter((f) => kept.has(f) && f.kind === 'quotation').length).toBeGreaterThan(0);
  });

  it('keeps the findings of entities an edit of another name did not change', () => {
    const text = [
      'Lei Jun said Xiaomi opened 4 stores in Spain in 2017.', FILLER, 'Apple sold phones in Paris.',
      FILLER, 'Tim Cook visited Paris in May.',
    ].join('\n\n');
    const analyzer = new Analyzer();
    const before = analyzer.analyze(text, options);
    // A name changed: the source's entities are resolved again.
    const edited = text.replace('Tim Cook', 'Tim Cooke');
    const after = analyzer.analyze(edited, options);
    expect(JSON.stringify(after)).toBe(JSON.stringify(new Analyzer().analyze(edited, options)));
    const names = (r: AnalysisResult, name: string) => r.findings.filter((f) => f.kind === 'entity' && f.text === name);
    // Before the edit: the very findings; after it, made anew with the same entity; the changed one's entity is new.
    for (const name of ['Lei Jun', 'Xiaomi', 'Spain', 'Apple']) {
      const kept = names(after, name);
      expect(kept.length, name).toBeGreaterThan(0);
      kept.forEach((f, i) => expect(f, name).toBe(names(before, name)[i]));
    }
    const paris = names(after, 'Paris');
    expect(paris[0]).toBe(names(before, 'Paris')[0]);
    expect(paris[1]!.entity).toBe(names(before, 'Paris')[1]!.entity);
    expect(names(after, 'Tim Cooke')[0]!.entity).not.toBe(names(before, 'Tim Cook')[0]!.entity);
  });

  it('keeps the finding of a name at a sentence\'s start that the source also writes in lower case', () => {
    // "Huawei" opening a sentence, read by the tagger, is marked a common word here ("huawei" below),
    // yet its entity stands (the mid-sentence mention): the marked mention is kept with its paragraph.
    const text = [
      'Huawei is the third-largest handset vendor worldwide.', 'Analysts said Huawei sold 20 million phones in 2017.',
      'Fans wrote huawei on their signs.', FILLER,
    ].join('\n\n');
    const analyzer = new Analyzer();
    const before = analyzer.analyze(text, options);
    const opening = before.findings.find((f) => f.kind === 'entity' && f.start === 0);
    expect(opening?.text).toBe('Huawei');
    const edited = `${text}\n\nNotably.`;
    const after = analyzer.analyze(edited, options);
    expect(JSON.stringify(after)).toBe(JSON.stringify(new Analyzer().analyze(edited, options)));
    const kept = new Set(before.findings);
    for (const f of after.findings) expect(kept.has(f), `${f.kind} ${f.text} at ${f.start}`).toBe(true);
  });

  it('copies a kept finding whose id changes, and leaves the one the last analysis returned as it was', () => {
    // The second CLAIM repeats the first: its id counts on from it. Once the first is gone (the same
    // length, so the second's paragraph stays where it was), the second is the first of its text.
    const text = [CLAIM, FILLER, CLAIM].join('\n\n');
    const analyzer = new Analyzer();
    const before = analyzer.analyze(text, options);
    const snapshot = structuredClone(before);
    const repeat = before.repeats!.find((f) => f.text === CLAIM)!;
    expect(repeat.id).toMatch(/:1$/);
    const edited = sameLength(text, CLAIM, 'x'.repeat(CLAIM.length));
    const after = analyzer.analyze(edited, options);
    expect(after).toEqual(new Analyzer().analyze(edited, options));
    const claim = after.findings.find((f) => f.kind === 'claim' && f.text === CLAIM)!;
    expect(claim.start).toBe(repeat.start);
    expect(claim.id).toBe(repeat.id.replace(/:1$/, ''));
    expect(claim).not.toBe(repeat);
    expect(before).toEqual(snapshot);
  });

  it('never changes what an earlier analysis returned, over a run of edits', () => {
    const text = Array.from({ length: 8 }, (_, i) => (i % 3 === 2 ? CLAIM : `${FILLER} Apple said ${i} things in Paris on May ${i + 1}, 2017.`)).join('\n\n');
    const analyzer = new Analyzer();
    const held: [AnalysisResult, AnalysisResult][] = [];
    let current = text;
    for (const [from, to] of [[CLAIM, 'y'.repeat(CLAIM.length)], ['Apple said 3', 'Apple says 3'], ['y'.repeat(CLAIM.length), CLAIM], ['Paris', 'Rome!']] as const) {
      const result = analyzer.analyze(current, options);
      held.push([result, structuredClone(result)]);
      current = sameLength(current, from, to);
    }
    analyzer.analyze(current, options);
    for (const [result, snapshot] of held) expect(result).toEqual(snapshot);
  });

  it('adds nothing to the items of the paragraphs it keeps (names, dates, claims, quotes)', () => {
    // A property added to an item made as a spread copy gave it a hidden class of its own in V8, and
    // every later pass over the items missed its caches (madeFindings.ts): what an analysis keeps
    // of an item is held beside it.
    const text = Array.from({ length: 8 }, (_, i) => (i % 3 === 2 ? CLAIM : `${FILLER} Apple said ${i} things in Paris on May ${i + 1}, 2017. “We will keep growing in Europe this year and next,” Lei Jun told reporters.`)).join('\n\n');
    const analyzer = new Analyzer();
    analyzer.analyze(text, options);
    analyzer.analyze(text.replace('Apple said 3', 'Apple, the company, said 3'), options);
    const data = (analyzer as unknown as { last: { pieces: { data: Record<string, unknown>[] } } }).last.pieces.data;
    const items = data.flatMap((d) => ['entities', 'dates', 'claims', 'quotations'].flatMap((k) => (Array.isArray(d[k]) ? (d[k] as object[]) : [])));
    expect(new Set(data.flatMap((d) => Object.keys(d).filter((k) => Array.isArray(d[k]) && (d[k] as unknown[]).length)))).toEqual(new Set(['entities', 'dates', 'claims', 'quotations']));
    expect(items.length).toBeGreaterThan(30);
    for (const item of items) expect(Object.getOwnPropertySymbols(item)).toEqual([]);
  });
});
