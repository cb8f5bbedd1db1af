// Entity resolution (src/core/kinds/entity/entityResolution.ts): every mention it keeps ends with an
// entity, however its group was retyped, merged or dropped on the way.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../../../src/core/analyzer';
import { TEAM_REASON } from '../../../../src/core/kinds/entity/entityContext';
import type { EntityMention } from '../../../../src/core/kinds/entity/entityMention';
import { resolveEntities } from '../../../../src/core/kinds/entity/entityResolution';
import type { EntityType } from '../../../../src/core/model';

// Names that meet each of resolution's rules: a product line and its words, a club and its first
// word, a full name and its parts, a company and its opening word, a town that is a team, shouted names.
const NAMES = ['Xiaomi Mi Mix 2', 'Mi', 'Mix', 'Real Madrid', 'Real', 'REAL', 'Lei Jun', 'Jun', 'Lei', 'Cagliari', 'Newmont Mining Corp', 'Newmont', 'Wang Xian', 'Xian', 'Jesper Parnevik', 'PARNEVIK', 'Parnevik'];
const TYPES: EntityType[] = ['person', 'organisation', 'place', 'product', 'other'];

const mentionAt = (start: number) =>
  fc.record({
    text: fc.constantFrom(...NAMES),
    type: fc.constantFrom(...TYPES),
    confidence: fc.constantFrom(0.4, 0.7, 0.85, 0.95, 1),
    known: fc.boolean(),
    sentenceInitial: fc.boolean(),
    reason: fc.constantFrom('test', TEAM_REASON, 'dateline', 'after "town of"', 'before "said"'),
    venue: fc.boolean(),
    generatedName: fc.boolean(),
    learned: fc.boolean(),
    fallback: fc.boolean(),
    commonWord: fc.boolean(),
  }).map((r): EntityMention => ({
    start, end: start + r.text.length, text: r.text, type: r.type, confidence: r.confidence, canonical: r.known ? r.text : undefined,
    sentenceInitial: r.sentenceInitial, reason: r.reason, venue: r.venue || undefined, generatedName: r.generatedName || undefined,
    learned: r.learned || undefined, fallback: r.fallback || undefined, commonWord: r.commonWord || undefined,
  }));

describe('entity resolution', () => {
  it('gives a lone word retyped as a product line, then merged with its known name, that entity', () => {
    // "Mi" of "Apple Mi Mix" was left without an entity: its group retyped as the line of "Xiaomi Mi Mix 2", then merged away.
    const source = 'The Xiaomi Mi Mix 2 sold well.\n\nThe Apple Mi Mix simply 3.\n\nMi fans waited. The new Mix series came.\n';
    const found = new Analyzer(0).analyze(source, { referenceDate: '2018-03-10' }).findings.filter((f) => f.kind === 'entity');
    expect(found.map((f) => [f.text, f.entity?.type, f.entity?.canonical, f.entity?.mentions])).toEqual([
      ['Xiaomi Mi Mix 2', 'product', 'Xiaomi Mi Mix 2', 1],
      ['Mi', 'product', 'Mi', 2],
      ['Mi', 'product', 'Mi', 2],
      ['Mix', 'product', 'Mix', 1],
    ]);
  });

  it('every mention it keeps has an entity, and it keeps each at most once (property)', () => {
    const mentionsArb = fc.integer({ min: 1, max: 12 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => mentionAt(i * 40))));
    fc.assert(
      fc.property(mentionsArb, (mentions) => {
        const resolved = resolveEntities(mentions);
        for (const r of resolved) {
          expect(r.info, `${r.mention.text} at ${r.mention.start}`).toBeDefined();
          expect(TYPES).toContain(r.info.type);
        }
        expect(new Set(resolved.map((r) => r.at)).size).toBe(resolved.length);
      }),
      { numRuns: 2000 },
    );
  });

  it('resolves mentions given out of text order as it does the same in text order (property)', () => {
    // In text order the mentions are ordered by counting their words; out of order, or with a name
    // longer than the counting takes, by a sort: both must give every mention the same entity.
    const long = Array.from({ length: 70 }, (_, i) => `Word${i}`).join(' ');
    const mentionsArb = fc.integer({ min: 1, max: 16 }).chain((n) => fc.tuple(
      fc.tuple(...Array.from({ length: n }, (_, i) => mentionAt(i * 40))),
      fc.array(fc.nat(), { minLength: n, maxLength: n }),
      fc.boolean(),
    ));
    fc.assert(
      fc.property(mentionsArb, ([mentions, keys, withLong]) => {
        const inOrder = withLong ? [...mentions, { ...mentions[0]!, start: 4000, end: 4000 + long.length, text: long, canonical: undefined }] : mentions;
        const shuffled = inOrder.map((m, i) => ({ m, key: keys[i] ?? 0, i })).sort((a, b) => a.key - b.key || a.i - b.i).map((x) => x.m);
        const byMention = (list: readonly EntityMention[], starts?: Float64Array) =>
          resolveEntities(list, starts).map((r) => [r.mention.start, r.mention.text, r.info]).sort((a, b) => (a[0] as number) - (b[0] as number));
        const expected = byMention(inOrder);
        expect(byMention(shuffled)).toEqual(expected);
        // Starts given beside the mentions (the entity kind's) order them as their own offsets do.
        expect(byMention(shuffled.map((m) => ({ ...m, start: 0, end: m.end - m.start })), Float64Array.from(shuffled, (m) => m.start))
          .map(([, text, info]) => [text, info])).toEqual(expected.map(([, text, info]) => [text, info]));
      }),
      { numRuns: 1000 },
    );
  });
});
