// The entity kind after an edit (kinds/entity/index.ts, collectEdit): collecting only the edit's
// paragraphs, from the last collect, gives what collecting every paragraph afresh gives, whatever the
// paragraphs around the edit name, however the edit moves, adds, drops or retypes names in its own
// paragraphs, ties between names at one place included, and whatever it writes in lower case.
import fc from 'fast-check';
import type { Data } from 'vfile';
import { describe, expect, it } from 'vitest';
import { entityKind } from '../../../../src/core/kinds/entity';
import type { EntityMention } from '../../../../src/core/kinds/entity/entityMention';
import type { AnalysedParagraph, CollectContext, ParagraphEdit } from '../../../../src/core/kinds/kind';
import { DEFAULT_ANALYSIS_OPTIONS, type EntityType } from '../../../../src/core/model';

const NAMES = ['Lei Jun', 'Lei', 'Jun', 'Xiaomi', 'Smartphone', 'Real Madrid', 'Real', 'Apple'];
const TYPES: EntityType[] = ['person', 'organisation', 'place', 'product', 'other'];
const LOWER = ['', 'smartphone', 'real', 'the market', 'apples'];

interface Named { text: string; type: EntityType; initial: boolean; learned: boolean; gap: number }
const named = fc.record({ text: fc.constantFrom(...NAMES), type: fc.constantFrom(...TYPES), initial: fc.boolean(), learned: fc.boolean(), gap: fc.constantFrom(0, 1, 5, 20) });
const paragraph = fc.record({ names: fc.array(named, { maxLength: 4 }), lower: fc.constantFrom(...LOWER), region: fc.constantFrom('body' as const, 'comment' as const) });
type Para = { names: Named[]; lower: string; region: 'body' | 'comment' };

/** A paragraph's data as the entity plugin leaves it: names at growing offsets (a gap of 0 puts two at one place). */
function dataOf(p: Para): Data {
  let at = 0;
  const entities: EntityMention[] = p.names.map((n) => {
    at += n.gap;
    return {
      start: at, end: at + n.text.length, text: n.text, sentenceInitial: n.initial, type: n.type, confidence: 0.9,
      canonical: undefined, reason: 'test', venue: undefined, generatedName: undefined, learned: n.learned || undefined,
      fallback: undefined, commonWord: undefined,
    };
  });
  return { entities, lowerWords: p.lower } as Data;
}

/** The paragraphs laid out one after another from `from`. */
function laidOut(data: readonly Data[], paras: readonly Para[], from = 0): AnalysedParagraph[] {
  let start = from;
  return data.map((d, i) => {
    const p = { start, region: paras[i]!.region, data: d };
    start += 200;
    return p;
  });
}

const collect = (ctx: Partial<CollectContext> & Pick<CollectContext, 'paragraphs'>) =>
  entityKind.collect({ reference: { from: 'none' }, options: DEFAULT_ANALYSIS_OPTIONS, found: new Map(), ...ctx }).findings;

describe('entities collected after an edit', () => {
  it('equal entities collected afresh', () => {
    let taken = 0;
    let runs = 0;
    const edits = fc.record({
      before: fc.array(paragraph, { minLength: 1, maxLength: 6 }),
      cut: fc.nat(), keep: fc.nat(),
      // Most edits keep their paragraphs' names (a word typed), some at other offsets; others change them.
      middle: fc.oneof(fc.array(fc.oneof(paragraph, fc.constant('same' as const)), { maxLength: 3 }), fc.array(fc.constantFrom(0, 1, 5, 20), { maxLength: 6 })),
      shift: fc.constantFrom(0, 7, -3),
    });
    fc.assert(fc.property(edits, ({ before, cut, keep, middle, shift }) => {
      runs++;
      const prefix = cut % (before.length + 1);
      const suffix = keep % (before.length - prefix + 1);
      const removedParas = before.slice(prefix, before.length - suffix);
      // The edit's paragraphs: new ones, or a removed one again (its names as they were, new objects).
      const gaps = (middle as unknown[]).every((m) => typeof m === 'number') ? (middle as number[]) : undefined;
      const added: Para[] = gaps
        ? removedParas.map((p) => ({ ...p, names: p.names.map((n, i) => ({ ...n, gap: gaps[i] ?? n.gap })) }))
        : (middle as (Para | 'same')[]).map((m, i) => (m === 'same' ? removedParas[i] ?? before[0]! : m));
      const beforeData = before.map(dataOf);
      const last = laidOut(beforeData, before);
      const memo: { value?: unknown } = {};
      collect({ paragraphs: last, memo, analysis: 1 });
      // A collect over every paragraph resolves them again (a resolution memo of its own); one that takes the edit keeps the last.
      const resolved = (memo.value as { resolution?: unknown }).resolution;
      const afterParas = [...before.slice(0, prefix), ...added, ...before.slice(before.length - suffix)];
      const afterData = [...beforeData.slice(0, prefix), ...added.map(dataOf), ...beforeData.slice(before.length - suffix)];
      const now = laidOut(afterData, afterParas);
      // The kept paragraphs after the edit moved by its shift (those before it did not move).
      for (let i = afterParas.length - suffix; i < afterParas.length; i++) now[i]!.start = last[i - afterParas.length + before.length]!.start + shift;
      for (let i = prefix; i < afterParas.length - suffix; i++) now[i]!.start = (prefix ? last[prefix - 1]!.start + 200 : 0) + (i - prefix) * 200;
      if (suffix && afterParas.length - suffix > 0 && now[afterParas.length - suffix]!.start < now[afterParas.length - suffix - 1]!.start + 200) return;
      const edit: ParagraphEdit = { since: 1, prefix, suffix, shift, removed: last.slice(prefix, before.length - suffix) };
      const incremental = collect({ paragraphs: now, memo, analysis: 2, edit });
      const fresh = collect({ paragraphs: now, memo: {}, analysis: 2 });
      expect(incremental).toEqual(fresh);
      if ((memo.value as { resolution?: unknown }).resolution === resolved) taken++;
    }), { numRuns: 400, seed: 0xe17 });
    // Not vacuous: many edits were collected from the last collect.
    expect(taken).toBeGreaterThan(runs / 8);
  });
});
