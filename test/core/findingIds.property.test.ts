// Finding ids (src/core/findingIds.ts) hold no offsets: after a random edit, a finding outside the
// edit whose kind and text are unchanged keeps its id, unless a finding of the same kind and text
// appeared or went before it (the ordinal). Ids are unique within a source, tagged findings included.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/core/analyzer';
import { assignFindingIds, FindingIdBases, textHash } from '../../src/core/findingIds';
import type { AnalysisResult, Finding } from '../../src/core/model';
import { compareFindings, finding, NO_CUES } from '../../src/core/model';
import { analyzeSource } from '../../src/core/sourceAnalysis';
import { emptySidecar } from '../../src/core/tags/sidecarFormat';
import { sha256Hex } from '../../src/core/tags/quoteSelector';
import { setTags } from '../../src/core/tags/tagOperations';
import { poolsFrom, SourceGenerator } from '../../scripts/bench/generate';
import { applyEdit, editArb } from './randomEdits';

const SAMPLES_DIR = path.resolve(__dirname, '../../test-fixtures/sources');
const samples = readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.txt')).sort()
  .map((name) => ({ name, text: readFileSync(path.join(SAMPLES_DIR, name), 'utf8') }));
const generated = new SourceGenerator(poolsFrom(samples.map((s) => s.text)), 0x1d5).source(24 * 1024);
const OPTIONS = { referenceDate: '2018-03-10' };

/** Every finding (repeats too) in text order, each with its ordinal among findings of its kind and (whitespace-normalised) text. */
function withOrdinals(result: AnalysisResult): { f: Finding; ordinal: number }[] {
  const all = [...result.findings, ...(result.repeats ?? [])].sort(compareFindings);
  const seen = new Map<string, number>();
  return all.map((f) => {
    const key = `${f.kind}\u0000${f.text.replace(/\s+/g, ' ').trim()}`;
    const ordinal = seen.get(key) ?? 0;
    seen.set(key, ordinal + 1);
    return { f, ordinal };
  });
}

describe('finding ids', () => {
  it('normalise whitespace and nothing else', () => {
    expect(textHash('Lei Jun  said\r\nso.')).toBe(textHash(' Lei Jun said\nso. '));
    expect(textHash('Lei Jun said so.')).not.toBe(textHash('Lei Jun said so!'));
    expect(textHash('Xiaomi')).not.toBe(textHash('xiaomi'));
  });

  it('kept by an analyser from one analysis to the next, give the ids a fresh count gives', () => {
    const bases = new FindingIdBases();
    const analysis = (texts: string[]) => {
      bases.begin();
      const ids = texts.map((t) => bases.next('claim', t));
      bases.end();
      return ids;
    };
    const base = `claim:${textHash('Lei Jun said so.')}`;
    // Texts that differ only in whitespace count as one; each analysis counts from zero.
    expect(analysis(['Lei Jun said so.', 'Lei Jun  said so.', 'Xiaomi'])).toEqual([base, `${base}:1`, `claim:${textHash('Xiaomi')}`]);
    expect(analysis(['Lei Jun  said so.', 'Lei Jun said so.'])).toEqual([base, `${base}:1`]);
    // A text the last analysis did not use is hashed again, to the same base.
    expect(analysis(['Xiaomi', 'Xiaomi'])).toEqual([`claim:${textHash('Xiaomi')}`, `claim:${textHash('Xiaomi')}:1`]);
    expect(analysis(['Lei Jun said so.'])).toEqual([base]);
  });

  it('given by an analyser that kept the last order, are those of a fresh count', () => {
    // Lists of findings from a few kinds and texts (two differ only in whitespace), one after another
    // through the same bases: each list's ends are often the last one's, which take its bases.
    const texts = ['Lei Jun', 'Lei  Jun', 'Xiaomi', 'Oppo', 'said so.'];
    const item = fc.record({ kind: fc.constantFrom('claim' as const, 'entity' as const), text: fc.constantFrom(...texts), repeat: fc.boolean() });
    const make = (items: { kind: 'claim' | 'entity'; text: string; repeat: boolean }[]) => {
      const all = items.map((x, i) => ({ f: finding({ id: '', kind: x.kind, start: i * 10, end: i * 10 + 5, text: x.text, region: 'body', score: 1, cues: NO_CUES }), repeat: x.repeat }));
      return { findings: all.filter((x) => !x.repeat).map((x) => x.f), repeats: all.filter((x) => x.repeat).map((x) => x.f) };
    };
    fc.assert(fc.property(fc.array(fc.array(item, { maxLength: 12 }), { minLength: 2, maxLength: 5 }), fc.array(fc.nat(), { maxLength: 5 }), (lists, cuts) => {
      const bases = new FindingIdBases();
      let last: { kind: 'claim' | 'entity'; text: string; repeat: boolean }[] = [];
      lists.forEach((list, n) => {
        // Half the time, the last list with its middle replaced (what an edit does).
        const cut = cuts[n] ?? 0;
        const items = n % 2 && last.length ? [...last.slice(0, cut % (last.length + 1)), ...list.slice(0, 3), ...last.slice(cut % (last.length + 1) + 1)] : list;
        const kept = make(items);
        const fresh = make(items);
        assignFindingIds(kept.findings, kept.repeats, bases);
        assignFindingIds(fresh.findings, fresh.repeats);
        expect([...kept.findings, ...kept.repeats].map((f) => f.id)).toEqual([...fresh.findings, ...fresh.repeats].map((f) => f.id));
        last = items;
      });
    }), { numRuns: 300, seed: 0x1d5 });
  });

  const sources = [...samples, { name: 'generated-24kb.txt', text: generated }];
  it.each(sources)('survive random edits elsewhere and stay unique: $name', ({ name, text }) => {
    const analyzer = new Analyzer();
    const before = analyzer.analyze(text, OPTIONS);
    const old = withOrdinals(before);
    let compared = 0;
    let kept = 0;
    fc.assert(
      fc.property(editArb(5), (edit) => {
        const edited = applyEdit(text, edit);
        const after = analyzer.analyze(edited, OPTIONS);
        const now = withOrdinals(after);
        expect(new Set(now.map(({ f }) => f.id)).size).toBe(now.length);

        const at = Math.min(text.length, Math.floor(edit.at * text.length));
        const removedTo = Math.min(text.length, at + edit.remove);
        const shift = edited.length - text.length;
        const byPlace = new Map(now.map((x) => [`${x.f.kind}:${x.f.start}:${x.f.end}`, x]));
        for (const { f, ordinal } of old) {
          // Outside the edit (not touching it): before it, where it was; after it, moved by the edit.
          const s = f.end < at ? 0 : f.start > removedTo ? shift : undefined;
          if (s === undefined) continue;
          const same = byPlace.get(`${f.kind}:${f.start + s}:${f.end + s}`);
          if (!same || same.f.text !== f.text || same.ordinal !== ordinal) continue;
          compared++;
          expect(same.f.id, `${name}: "${f.text}" at ${f.start} after ${JSON.stringify(edit)}`).toBe(f.id);
          if (s !== 0) kept++;
        }
      }),
      { numRuns: 15, seed: 0x14 + name.length },
    );
    // Not vacuous: findings after edits that moved them were compared.
    expect(compared).toBeGreaterThan(0);
    expect(kept).toBeGreaterThan(0);
  });

  it('are unique with tags on text no longer detected, and on repeated claims', () => {
    const text = `${samples[0]!.text}\n\n${samples[0]!.text}`;
    const analyzer = new Analyzer();
    const result = analyzer.analyze(text, OPTIONS);
    expect(result.repeats?.length).toBeGreaterThan(0);
    const claim = result.findings.find((f) => f.kind === 'claim')!;
    const repeat = result.repeats![0]!;
    // A tag on a repeated claim, one on the claim's first words only, and one on a word nothing flags.
    const word = text.indexOf(' the ') + 1;
    const sidecar = setTags(emptySidecar('a.txt', sha256Hex(text)), [
      { kind: 'claim' as const, start: repeat.start, end: repeat.end },
      { kind: 'claim' as const, start: claim.start, end: claim.start + 12 },
      { kind: 'entity' as const, start: word, end: word + 3 },
    ].map((t) => ({ ...t, status: 'verified' as const, sourceText: text, now: new Date('2026-01-01T00:00:00Z') })), (() => {
      let n = 0;
      return () => `tag-${n++}`;
    })());
    const tagged = analyzeSource(analyzer, text, sidecar, OPTIONS).tagged.findings;
    expect(tagged.filter((f) => f.annotation)).toHaveLength(3);
    expect(new Set(tagged.map((f) => f.id)).size).toBe(tagged.length);
    expect(tagged.find((f) => f.start === repeat.start && f.kind === 'claim')!.id).toBe(repeat.id);
    expect(repeat.id).not.toBe(result.findings.find((f) => f.kind === 'claim' && f.text === repeat.text)!.id);
  });
});
