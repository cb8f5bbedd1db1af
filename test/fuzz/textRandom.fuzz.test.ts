// Random text of every shape (seeded mixes of prose and non-prose fragments, and arbitrary Unicode
// from fast-check): analysis never throws and keeps its offset contract; the digest, tags and
// terminal escaping hold on whatever comes out.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/core/analyzer';
import { digestSource } from '../../src/core/corpus';
import { compareFindings, cueSpan, type AnalysisResult } from '../../src/core/model';
import { analyzeSource } from '../../src/core/sourceAnalysis';
import { attachTags } from '../../src/core/taggedFindings';
import { makeQuoteTarget } from '../../src/core/tags/quoteSelector';
import { escapeTerminal } from '../../src/core/text/escape';
import { prng } from '../../scripts/bench/generate';
import { TEXT_GENERATORS } from './textGenerators';

const analyzer = new Analyzer(0);
let cases = 0;
afterAll(() => console.info(`random text: ${cases} texts analysed, offsets, digest, tags and escaping checked on each`));

const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function check(text: string): void {
  cases++;
  const analysed = analyzeSource(analyzer, text, undefined, { referenceDate: '2018-03-10' });
  // Text that looks binary is refused with a reason, not analysed.
  if (!analysed.analysis) return void expect(analysed.skippedReason).toMatch(/binary/);
  const result: AnalysisResult = analysed.analysis;
  for (const f of result.findings) {
    expect(f.start, f.id).toBeGreaterThanOrEqual(0);
    expect(f.end, f.id).toBeGreaterThan(f.start);
    expect(f.end, f.id).toBeLessThanOrEqual(text.length);
    expect(text.slice(f.start, f.end), f.id).toBe(f.text);
    if (f.score !== undefined) expect(Number.isFinite(f.score), f.id).toBe(true);
    for (const c of f.cues) {
      const { start, end } = cueSpan(f, c);
      expect(text.slice(start, end), `${f.id} cue`).toBe(c.text);
    }
  }
  expect(new Set([...result.findings, ...(result.repeats ?? [])].map((f) => f.id)).size).toBe(result.findings.length + (result.repeats?.length ?? 0));
  for (let i = 1; i < result.findings.length; i++) expect(compareFindings(result.findings[i - 1]!, result.findings[i]!)).toBeLessThanOrEqual(0);
  for (const n of result.notes ?? []) expect(0 <= n.start && n.start < n.end && n.end <= text.length).toBe(true);
  const digest = digestSource(text, analysed);
  for (const c of digest.claims) {
    expect(c.end).toBeLessThanOrEqual(text.length);
    for (const t of c.terms) expect(t).not.toMatch(/NaN|undefined|function/);
  }
  for (const d of digest.dates) expect(d.sentence.length).toBeLessThanOrEqual(321);
  // Every finding tagged by its quote (fingerprint stale) lands back on itself or is an orphan; none is lost.
  const picked = result.findings.filter((_, i) => i % 7 === 0).slice(0, 20);
  const now = '2026-01-01T00:00:00.000Z';
  const sidecar = {
    schemaVersion: 3 as const, source: 'a.txt', sourceSha256: '0'.repeat(64),
    annotations: picked.map((f, i) => ({ id: `a_${i}`, kind: f.kind, status: 'verified' as const, target: makeQuoteTarget(text, f.start, f.end), createdAt: now, updatedAt: now })),
  };
  const tagged = attachTags(text, result.findings, sidecar);
  expect(tagged.findings.filter((f) => f.annotation).length + tagged.orphans.length + tagged.duplicates.length).toBe(picked.length);
  for (const f of tagged.findings) if (f.annotation) expect(text.slice(f.start, f.end)).toBe(f.text);
  expect(escapeTerminal(text)).not.toMatch(UNSAFE);
}

describe('random text', () => {
  it('seeded mixes of prose and non-prose, 200 texts of 100 B to 20 KB', () => {
    const mix = TEXT_GENERATORS.find((g) => g.name === 'random-mix')!;
    const sizes = prng(0x5eed);
    for (let seed = 1; seed <= 200; seed++) check(mix.make(100 + Math.floor(sizes() * 20_000), seed));
  });

  it('every hostile generator at odd sizes, each cut at a random point', () => {
    const r = prng(42);
    for (const g of TEXT_GENERATORS) for (const size of [1, 17, 333, 4099]) check(g.make(size + Math.floor(r() * 100), Math.floor(r() * 1000)));
  });

  it('arbitrary Unicode with line breaks, sentence ends, digits and bidi marks', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constantFrom('\n', '\r\n', '\r', '\n\n', '. ', '? ', '“', '”', '"', '(', ')', ' said ', ' 2018 ', ' March 3, ', '20%', '$5bn', 'Lei Jun', 'U.S.', '\u202e', '\u001b[2J', '\ufeff', '🙂'),
    );
    fc.assert(fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => check(pieces.join(''))), { numRuns: 400, seed: 15 });
  });
});
