// Analysis cost grows linearly with hostile text (issue 15): for every generator, at 128 KB to
// 1 MB (below, a fresh analyser's fixed cost flattens the curve) the CPU time fits
// time ∝ size^k with k ≤ 1.25 (quadratic fits 2), and no doubling costs over ×3.2 (quadratic
// doubles to ×4). Both hold on a loaded machine, where one doubling of linear work reached ×2.65.
// `npm run bench:hostile` prints the ratio per doubling. What is timed is what the editor and the
// CLI do with a source: analysis, tags attached (re-anchored by their quotes), the digest.
import { afterAll, describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/core/analyzer';
import { digestSource } from '../../src/core/corpus';
import { analyzeSource } from '../../src/core/sourceAnalysis';
import type { Sidecar } from '../../src/core/tags/annotation';
import { makeQuoteTarget } from '../../src/core/tags/quoteSelector';
import { cpuMs, formatGrowth, growthOf, measureGrowth, withinLimit, type GrowthOptions } from './growth';
import { TEXT_GENERATORS } from './textGenerators';

const SIZES = [128, 256, 512, 1024].map((kb) => kb * 1024);
const OPTIONS: GrowthOptions = { maxExponent: 1.25, maxStep: 3.2, floorMs: 100, retries: 6 };

/** Tags on a few stretches of the text, with a stale fingerprint, so each is looked for by its quote; one quote is found nowhere. */
function sidecarFor(text: string): Sidecar {
  const spans = [0.1, 0.5, 0.9].map((at) => Math.floor(text.length * at)).map((s) => [s, Math.min(text.length, s + 60)] as const);
  const now = '2026-01-01T00:00:00.000Z';
  const annotations = spans.map(([s, e], i) => ({ id: `a_${i}`, kind: 'claim' as const, status: 'verified' as const, target: makeQuoteTarget(text, s, e), createdAt: now, updatedAt: now }));
  const lost = { ...annotations[0]!, id: 'a_lost', target: { start: 5, end: 49, exact: 'a sentence this text never held, anywhere!!', prefix: '', suffix: '' } };
  return { schemaVersion: 3, source: 'a.txt', sourceSha256: '0'.repeat(64), annotations: [...annotations, lost] };
}

new Analyzer(0).warmUp();
// A fresh analyser per run: one analyser reuses the paragraphs its last text shares with the next
// (a generator's 2N starts with its N), which made a run after a smaller size 10× too fast.
const work = ({ text, sidecar }: { text: string; sidecar: Sidecar }) => {
  const analysed = analyzeSource(new Analyzer(0), text, sidecar, { referenceDate: '2018-03-10' });
  digestSource(text, analysed);
};

const report: string[] = [];
let runs = 0;
afterAll(() => {
  console.info(`text growth: ${TEXT_GENERATORS.length} generators × ${SIZES.length} sizes, ${runs} timed runs\n${report.join('\n')}`);
});

describe('the growth measure', () => {
  // Sizes where the work takes 100–800 ms, so the measure is judged as the generators are.
  const sizes = [1, 2, 4, 8].map((n) => n * 2_000_000);
  const spin = (n: number) => {
    let x = 0;
    for (let i = 0; i < n; i++) x = (x * 31 + i) | 0;
    return x;
  };
  const unit = cpuMs(() => spin(sizes[0]!));
  const scale = Math.max(1, Math.ceil(OPTIONS.floorMs / Math.max(unit, 1)));

  it('passes linear work', () => {
    const growth = measureGrowth(sizes.map((size) => ({ size, input: size * scale })), spin, OPTIONS);
    expect(withinLimit(growth, OPTIONS), formatGrowth(growth)).toBe(true);
  });

  it('fails work that grows with the square, and work that turns steep only at the top', () => {
    const square = growthOf(sizes.map((size, i) => ({ size, ms: 100 * 4 ** i })), OPTIONS.floorMs);
    expect(square.exponent).toBeCloseTo(2, 5);
    expect(withinLimit(square, OPTIONS)).toBe(false);
    // Linear, then a quadratic part that reaches the linear one's size at the top.
    const late = growthOf(sizes.map((size, i) => ({ size, ms: 100 * 2 ** i + (100 * 4 ** i) / 8 })), OPTIONS.floorMs);
    expect(withinLimit(late, OPTIONS), formatGrowth(late)).toBe(false);
  });
});

describe('analysis time grows linearly with hostile text, up to 1 MB', () => {
  for (const generator of TEXT_GENERATORS) {
    it(`${generator.name}: ${generator.about}`, () => {
      const inputs = SIZES.map((size) => {
        const text = generator.make(size);
        return { size, input: { text, sidecar: sidecarFor(text) } };
      });
      const growth = measureGrowth(inputs, (x) => {
        runs++;
        work(x);
      }, OPTIONS);
      report.push(`  ${generator.name.padEnd(20)} ${formatGrowth(growth)}`);
      expect(withinLimit(growth, OPTIONS), `${generator.name} grows faster than linearly: ${formatGrowth(growth)}`).toBe(true);
    });
  }
});
