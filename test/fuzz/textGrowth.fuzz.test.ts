// Analysis cost grows linearly with hostile text (issue 15): for every generator, sizes doubling
// from 32 KB to 1 MB, CPU time may grow at most ×2.5 per doubling. What is timed is what the editor
// and the CLI do with a source: analysis, tags attached (re-anchored by their quotes), the digest.
import { afterAll, describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/core/analyzer';
import { digestSource } from '../../src/core/corpus';
import { analyzeSource } from '../../src/core/sourceAnalysis';
import type { Sidecar } from '../../src/core/tags/annotation';
import { makeQuoteTarget } from '../../src/core/tags/quoteSelector';
import { formatStep, measureGrowth, withinLimit, type GrowthOptions } from './growth';
import { TEXT_GENERATORS } from './textGenerators';

const SIZES = [32, 64, 128, 256, 512, 1024].map((kb) => kb * 1024);
const OPTIONS: GrowthOptions = { limit: 2.5, floorMs: 100, retries: 6 };

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

describe('analysis time grows at most ×2.5 per doubling of hostile text, up to 1 MB', () => {
  for (const generator of TEXT_GENERATORS) {
    it(`${generator.name}: ${generator.about}`, () => {
      const inputs = SIZES.map((size) => {
        const text = generator.make(size);
        return { size, input: { text, sidecar: sidecarFor(text) } };
      });
      const steps = measureGrowth(inputs, (x) => {
        runs++;
        work(x);
      }, OPTIONS);
      report.push(`  ${generator.name.padEnd(20)} ${steps.map(formatStep).join('  ')}`);
      const steep = steps.filter((s) => !withinLimit(s, OPTIONS));
      expect(steep.map(formatStep), `${generator.name} grows faster than linearly`).toEqual([]);
    });
  }
});
