// The worker's delta compares findings field by field (sameMovedFinding), faster than the general
// walk over any item, and the kinds copy a finding an edit moved field by field (shiftedFinding): both
// must give exactly what the general ones give (findingsDelta's default, moved), on every finding of
// the sample sources, tagged or not, unmoved, moved, and changed anywhere.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/core/analyzer';
import { analyzeSource } from '../../src/core/sourceAnalysis';
import type { TaggedFinding } from '../../src/core/taggedFindings';
import { sha256Hex } from '../../src/core/tags/quoteSelector';
import type { Sidecar } from '../../src/core/tags/annotation';
import { emptySidecar } from '../../src/core/tags/sidecarFormat';
import { setTags } from '../../src/core/tags/tagOperations';
import { moved, movedFinding, sameContentAs, shiftedFinding } from '../../src/core/text/movedCopies';
import { findingsDelta, sameMovedFinding } from '../../src/server/findingsDelta';
import { applyEdit, editArb } from '../core/randomEdits';

const SAMPLES_DIR = path.resolve(__dirname, '../../test-fixtures/sources');
const samples = readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.txt')).sort()
  .map((name) => ({ name, text: readFileSync(path.join(SAMPLES_DIR, name), 'utf8') }));
const options = { referenceDate: '2018-03-10' };
const analyzer = new Analyzer();

/** A sidecar tagging every third finding of the source (a tag and its anchor carry offsets of their own). */
function sidecarOf(name: string, text: string): Sidecar {
  const plain = analyzeSource(analyzer, text, undefined, options).tagged.findings.filter((_, i) => i % 3 === 0);
  let n = 0;
  return setTags(emptySidecar(name, sha256Hex(text)), plain.map((f) => ({
    kind: f.kind, start: f.start, end: f.end, status: 'verified' as const, sourceText: text, now: new Date('2026-01-01T00:00:00Z'),
  })), () => `tag-${n++}`);
}
const sidecars = samples.map(({ name, text }) => sidecarOf(name, text));
const taggedFindings = (k: number, text: string): TaggedFinding[] => analyzeSource(analyzer, text, sidecars[k], options).tagged.findings;

const all = samples.flatMap(({ text }, k) => taggedFindings(k, text));

/** The general test, as findingsDelta makes it by default: whether `now` is `before` moved by `shift`. */
function generalSame(now: TaggedFinding, before: TaggedFinding, shift: number): boolean {
  // Two texts `shift` apart in length, alike but at their first characters: every item lies after the edit.
  const rest = 'a'.repeat(Math.max(now.end, before.end) + 8);
  const previousText = shift < 0 ? 'b'.repeat(-shift) + rest : rest;
  const text = shift > 0 ? 'b'.repeat(shift) + rest : rest;
  return findingsDelta(previousText, [before], text, [now]).from[0] === 0;
}

/** Every path to a value inside `x` (objects and arrays, at any depth). */
function leafPaths(x: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (typeof x !== 'object' || x === null) {
    out.push(at);
    return out;
  }
  if (Array.isArray(x)) {
    out.push([...at, x.length]); // an item more
    x.forEach((v, i) => leafPaths(v, [...at, i], out));
  } else for (const k of Object.keys(x)) leafPaths((x as Record<string, unknown>)[k], [...at, k], out);
  return out;
}

/** A deep copy of `x` with the value at `p` changed (or added). */
function changedAt<T>(x: T, p: (string | number)[]): T {
  const copy = structuredClone(x) as Record<string | number, unknown>;
  let parent = copy;
  for (const k of p.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const last = p[p.length - 1]!;
  const v = parent[last];
  parent[last] = typeof v === 'number' ? v + 1 : typeof v === 'string' ? `${v}x` : v === undefined ? 'added' : typeof v === 'boolean' ? !v : 0;
  return copy as T;
}

describe('a finding compared and moved field by field', () => {
  it('covers tagged findings and every kind', () => {
    expect(new Set(all.map((f) => f.kind))).toEqual(new Set(['claim', 'date', 'entity', 'quotation']));
    expect(all.filter((f) => f.annotation !== undefined).length).toBeGreaterThan(50);
    expect(all.filter((f) => f.quotation?.speaker).length).toBeGreaterThan(10);
  });

  it('copies a finding (not tagged) at its new place as the general walk moves it, key order included', () => {
    const plain = all.filter((f) => f.annotation === undefined && f.anchor === undefined);
    expect(plain.length).toBeGreaterThan(100);
    for (const f of plain) {
      for (const shift of [0, 5, -3]) {
        const fast = shiftedFinding(f, shift);
        const general = moved(f, shift);
        expect(JSON.stringify(fast)).toBe(JSON.stringify(general));
        expect(fast).toEqual(general);
        // What holds no offsets is shared, as the general walk shares it.
        expect([fast.entity, fast.date, fast.claim]).toEqual([general.entity, general.date, general.claim]);
        if (f.entity) expect(fast.entity).toBe(f.entity);
      }
    }
  });

  it('moves a finding, tagged or not, as the general walk moves it, marked as a copy of its original', () => {
    const tagged = all.filter((f) => f.annotation !== undefined);
    expect(tagged.length).toBeGreaterThan(50);
    for (const f of all) {
      for (const shift of [5, -3]) {
        const fast = movedFinding(f, shift);
        const general = moved(f, shift);
        expect(JSON.stringify(fast)).toBe(JSON.stringify(general));
        expect(fast).toEqual(general);
        expect(Object.keys(fast)).toEqual(Object.keys(general));
        expect(sameContentAs(fast)).toBe(f);
        // A copy of a copy names the first original, as moved() does.
        expect(sameContentAs(movedFinding(fast, 2))).toBe(f);
        expect([fast.entity, fast.date, fast.claim]).toEqual([general.entity, general.date, general.claim]);
        if (f.entity) expect(fast.entity).toBe(f.entity);
        if (f.annotation) expect(fast.annotation).toEqual(general.annotation);
      }
      expect(movedFinding(f, 0)).toBe(f);
    }
  });

  it('moves a finding of another shape by the general walk', () => {
    const f = all.find((x) => x.quotation) ?? all[0]!;
    // A key finding() does not write, and the same keys in another order.
    const extra = { ...f, extra: { start: 1, end: 2 } };
    const reordered = Object.assign({ start: f.start }, f);
    for (const odd of [extra, reordered]) {
      const fast = movedFinding(odd, 4);
      expect(JSON.stringify(fast)).toBe(JSON.stringify(moved(odd, 4)));
      expect(sameContentAs(fast)).toBe(odd);
    }
    expect(movedFinding(extra, 4).extra).toEqual({ start: 5, end: 6 });
  });

  it('compares as the general walk compares: unmoved, moved, moved by another shift', () => {
    for (const f of all) {
      // (No shift to before the text's start.)
      for (const shift of f.start >= 3 ? [0, 5, -3] : [0, 5]) {
        for (const m of [moved(f, shift), ...(f.annotation === undefined ? [shiftedFinding(f, shift)] : [])]) {
          expect(sameMovedFinding(m, f, shift)).toBe(true);
          expect(generalSame(m, f, shift)).toBe(true);
          expect(sameMovedFinding(m, f, shift + 1)).toBe(false);
        }
        // Not moved (findingsDelta counts an item that starts before the edit's end as unmoved).
        if (f.start >= shift) expect(sameMovedFinding({ ...f }, f, shift)).toBe(generalSame({ ...f }, f, shift));
      }
    }
  });

  it('compares as the general walk compares when anything in the finding changed', () => {
    // Each finding moved by a shift, then one value anywhere in it changed (or an item added to a list).
    const cases = fc.record({ i: fc.nat({ max: all.length - 1 }), shift: fc.constantFrom(0, 4, -2), pick: fc.nat() });
    fc.assert(fc.property(cases, ({ i, shift, pick }) => {
      const f = all[i]!;
      if (f.start + shift < 0) return;
      const m = moved(f, shift);
      const paths = leafPaths(m);
      const changed = changedAt(m, paths[pick % paths.length]!);
      expect(sameMovedFinding(changed, f, shift)).toBe(generalSame(changed, f, shift));
      expect(sameMovedFinding(changed, f, shift)).toBe(false);
    }), { numRuns: 3000, seed: 0x5a3e });
  });

  it('gives the general delta after random edits of the sample sources', () => {
    fc.assert(fc.property(fc.nat({ max: samples.length - 1 }), editArb(4), (k, e) => {
      const { text } = samples[k]!;
      const edited = applyEdit(text, e);
      // One sidecar: a tag after the edit is the same object in both, its stored offsets not moved.
      const before = taggedFindings(k, text);
      const now = taggedFindings(k, edited);
      const fast = findingsDelta(text, before, edited, now, undefined, undefined, sameMovedFinding);
      const general = findingsDelta(text, before, edited, now);
      expect([...fast.from]).toEqual([...general.from]);
      expect([...fast.moved]).toEqual([...general.moved]);
    }), { numRuns: 25, seed: 0x5a3f });
  });
});
