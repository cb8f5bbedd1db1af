// Entity resolution reused after an edit (src/core/kinds/entity/resolutionMemo.ts): when the
// mentions say what they said before, in the same order, their entities are the last call's; any
// other change resolves again. Either way the result is what a fresh resolution gives.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../../../src/core/analyzer';
import type { EntityMention } from '../../../../src/core/kinds/entity/entityMention';
import { resolveEntities } from '../../../../src/core/kinds/entity/entityResolution';
import { resolveEntitiesReusing } from '../../../../src/core/kinds/entity/resolutionMemo';

const text = readFileSync(path.resolve(__dirname, '../../../../test-fixtures/sources/000_10788ba24ea37e24.txt'), 'utf8');
const entitiesOf = (analyzer: Analyzer, t: string) => analyzer.analyze(t, { referenceDate: '2018-03-10' }).findings.filter((f) => f.kind === 'entity');

/** The sample's mentions with absolute offsets, as the entity kind's collect passes them. */
function sampleMentions(): EntityMention[] {
  const analyzer = new Analyzer(0);
  const found = entitiesOf(analyzer, text);
  return found.map((f) => ({ start: f.start, end: f.end, text: f.text, type: f.entity!.type, confidence: f.score, sentenceInitial: false, reason: 'test' }));
}

describe('entity resolution reused after an edit', () => {
  it('keeps every entity of the last analysis when an edit touches no name, and equals a fresh analysis', () => {
    const analyzer = new Analyzer(0);
    const before = entitiesOf(analyzer, text);
    const at = text.indexOf(' said');
    expect(at).toBeGreaterThan(0);
    const edited = `${text.slice(0, at)} notably${text.slice(at)}`;
    const after = entitiesOf(analyzer, edited);
    expect(after.length).toBe(before.length);
    // The very entity objects: resolution did not run again.
    expect(after.every((f, i) => f.entity === before[i]!.entity)).toBe(true);
    expect(after).toEqual(entitiesOf(new Analyzer(0), edited));
  });

  it('resolves again when an edit adds a name, and equals a fresh analysis', () => {
    const analyzer = new Analyzer(0);
    const before = entitiesOf(analyzer, text);
    const at = text.indexOf(' said');
    const edited = `${text.slice(0, at)} and Tim Cook${text.slice(at)}`;
    const after = entitiesOf(analyzer, edited);
    expect(after.some((f) => f.text === 'Tim Cook')).toBe(true);
    expect(after.filter((f) => f.entity !== before.find((b) => b.entity === f.entity)?.entity).length).toBeGreaterThan(0);
    expect(after).toEqual(entitiesOf(new Analyzer(0), edited));
  });

  it('tells a repeated paragraph\'s mentions apart by place, though they are the same objects', () => {
    // A paragraph written twice: the analyser's cache hands both the same mention objects, each
    // placed by its own paragraph's start. Resolution must see four mentions, as for four copies.
    const paragraph = [
      { start: 0, end: 7, text: 'Lei Jun', type: 'person', confidence: 0.95, sentenceInitial: true, reason: 'test' },
      { start: 20, end: 23, text: 'Lei', type: 'organisation', confidence: 0.5, sentenceInitial: false, reason: 'test' },
      { start: 30, end: 36, text: 'Xiaomi', type: 'organisation', confidence: 0.9, sentenceInitial: false, reason: 'test' },
    ] satisfies EntityMention[];
    const mentions = [...paragraph, ...paragraph];
    const bases = [0, 0, 0, 100, 100, 100];
    const placed = mentions.map((m, i) => ({ ...m, start: m.start + bases[i]!, end: m.end + bases[i]! }));
    const fresh = resolveEntities(placed);
    const reused = resolveEntitiesReusing(mentions, bases, undefined);
    expect(Array.from(reused.kept)).toEqual(fresh.map((r) => r.at));
    expect(reused.infos).toEqual(fresh.map((r) => r.info));
    expect(fresh.map((r) => r.info.mentions)).toEqual([2, 2, 2, 2, 2, 2]);
  });

  it('gives what a fresh resolution gives for mentions moved, retyped, renamed, dropped or reordered', () => {
    const base = sampleMentions();
    expect(base.length).toBeGreaterThan(20);
    const change = fc.oneof(
      fc.record({ op: fc.constant('shift' as const), from: fc.nat(base.length), by: fc.integer({ min: -60, max: 60 }) }),
      fc.record({ op: fc.constant('type' as const), at: fc.nat(base.length - 1), type: fc.constantFrom('person', 'organisation', 'place', 'other') as fc.Arbitrary<EntityMention['type']> }),
      fc.record({ op: fc.constant('text' as const), at: fc.nat(base.length - 1), to: fc.constantFrom('Xiaomi', 'Lei', 'Lei Jun', 'Apple Inc', 'Jun') }),
      fc.record({ op: fc.constant('drop' as const), at: fc.nat(base.length - 1) }),
      fc.record({ op: fc.constant('swap' as const), at: fc.nat(base.length - 2) }),
      fc.record({ op: fc.constant('flag' as const), at: fc.nat(base.length - 1) }),
    );
    fc.assert(
      fc.property(fc.array(change, { minLength: 0, maxLength: 3 }), (changes) => {
        const first = resolveEntitiesReusing(base.map((m) => ({ ...m })), undefined, undefined);
        let now = base.map((m) => ({ ...m }));
        for (const c of changes) {
          if (c.op === 'shift') now = now.map((m, i) => (i >= c.from ? { ...m, start: m.start + c.by, end: m.end + c.by } : m));
          else if (c.op === 'type') now[c.at] = { ...now[c.at]!, type: c.type };
          else if (c.op === 'text') now[c.at] = { ...now[c.at]!, text: c.to, end: now[c.at]!.start + c.to.length };
          else if (c.op === 'drop') now.splice(c.at, 1);
          else if (c.op === 'swap') [now[c.at], now[c.at + 1]] = [now[c.at + 1]!, now[c.at]!];
          else now[c.at] = { ...now[c.at]!, sentenceInitial: !now[c.at]!.sentenceInitial };
        }
        const resolved = resolveEntities(now.map((m) => ({ ...m })));
        const fresh = resolved.map(({ mention, info }) => ({ mention, info }));
        const again = resolveEntitiesReusing(now, undefined, first.memo);
        expect(Array.from(again.kept, (k, i) => ({ mention: now[k], info: again.infos[i] }))).toEqual(fresh);
        // Each resolved mention says where it is in the list.
        expect(Array.from(again.kept)).toEqual(resolved.map((r) => r.at));
        // The same, with the mentions as paragraphs hold them: offsets from a paragraph start each.
        const bases = now.map((m, i) => m.start - (i % 3) * 7);
        const relative = now.map((m, i) => ({ ...m, start: m.start - bases[i]!, end: m.end - bases[i]! }));
        const placed = resolveEntitiesReusing(relative, bases, first.memo);
        expect(Array.from(placed.kept, (k, i) => ({ mention: { ...relative[k]!, start: relative[k]!.start + bases[k]!, end: relative[k]!.end + bases[k]! }, info: placed.infos[i] }))).toEqual(fresh);
      }),
      { numRuns: 200, seed: 0x16e },
    );
  });

  it('after another source, resolves a source whose mentions are retyped and merged as a fresh analysis does', () => {
    // A lone "Mi" retyped as the product line of "Xiaomi Mi Mix 2", then merged with the known "Mi":
    // resolution once left it without an entity, and comparing with the last source's entities threw.
    const source = 'The Xiaomi Mi Mix 2 sold well.\n\nThe Apple Mi Mix simply 3.\n\nMi fans waited. The new Mix series came.\n';
    const analyzer = new Analyzer(0);
    entitiesOf(analyzer, 'Apple and Xiaomi met in Beijing on Monday.');
    const found = entitiesOf(analyzer, source);
    expect(found.every((f) => f.entity !== undefined)).toBe(true);
    expect(found).toEqual(entitiesOf(new Analyzer(0), source));
  });
});
