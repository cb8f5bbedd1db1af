// A long open source's analysis crosses from the worker in slices (src/server/analysisWire.ts): what
// the main thread reads of it (the tagged findings, the analysis's summary) must come back exactly as
// it was, nothing else must cross, and the main thread must get a turn between slices.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { serialize, deserialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/core/analyzer';
import { analyzeSource, type ShownAnalysis, type SourceAnalysis } from '../../src/core/sourceAnalysis';
import { shown } from './shownAnalysis';
import { MessageChannel } from 'node:worker_threads';
import { digestSource } from '../../src/core/corpus/digest';
import { digestToWire, fromWire, toWire, transferablesOf, type WireAnalysis } from '../../src/server/analysisWire';
import { resetSliceStats, sliceStats } from '../../src/server/slices';
import { ann, sidecar } from '../core/tags/fixtures';
import { turnsDuring } from './eventLoopTurns';

const SOURCES = path.resolve(__dirname, '../../test-fixtures/sources');
const sample = ['000_10788ba24ea37e24.txt', '002_3b3f9ef10a23df2c.txt'].map((f) => readFileSync(path.join(SOURCES, f), 'utf8')).join('\n\n');
// The same paragraphs twice: the second copies are repeats (findings the analysis keeps apart).
const text = `${sample}\n\n${sample}`;

/** The sample analysed with tags: one on a claim, a second on the same claim, one whose text is gone, one on words no finding covers. */
function analysedWithTags(): SourceAnalysis {
  const analyzer = new Analyzer(0);
  const plain = analyzeSource(analyzer, text, undefined, {});
  const claim = plain.tagged.findings.find((f) => f.kind === 'claim')!;
  const quote = (id: string, start: number, end: number, status: 'verified' | 'contradicted' = 'verified') =>
    ann(id, start, end, { status, target: { start, end, exact: text.slice(start, end), prefix: '', suffix: '' } });
  const tags = sidecar([
    quote('a_000000000001', claim.start, claim.end),
    quote('a_000000000002', claim.start, claim.end, 'contradicted'),
    ann('a_000000000003', 0, 10, { target: { start: 0, end: 10, exact: 'not in this text at all', prefix: '', suffix: '' } }),
    quote('a_000000000004', 2, 9),
  ]);
  return analyzeSource(analyzer, text, tags, {});
}


describe('analysisWire', () => {
  it('brings the tagged findings and the analysis summary back exactly as they were, tags, orphans and duplicates included, key order too', async () => {
    const analysed = analysedWithTags();
    expect(analysed.tagged.orphans.length).toBeGreaterThan(0);
    expect(analysed.tagged.duplicates.length).toBeGreaterThan(0);
    expect(analysed.analysis!.repeats?.length).toBeGreaterThan(0);
    expect(analysed.tagged.findings.some((f) => f.annotation)).toBe(true);

    const back = await fromWire(deserialize(serialize(toWire(analysed, 7))));
    expect(back).toEqual(shown(analysed));
    expect(JSON.stringify(back)).toBe(JSON.stringify(shown(analysed)));
    expect(back.analysis).toEqual(expect.objectContaining({ reference: analysed.analysis!.reference }));
    expect([...back.tagged.anchors]).toEqual([...analysed.tagged.anchors]);
    // A duplicate still points at the finding in the list, not at a copy of it.
    expect(back.tagged.findings).toContain(back.tagged.duplicates[0]!.finding);
  });

  it('moves its buffers across a message port rather than copying them, and comes back the same', async () => {
    const analysed = analysedWithTags();
    const wire = toWire(analysed, 7);
    const moved = transferablesOf(wire);
    expect(moved.length).toBe(new Set([wire.head, ...wire.tagged].map((b) => b.buffer)).size);
    const { port1, port2 } = new MessageChannel();
    try {
      const received = new Promise<WireAnalysis>((resolve) => port2.once('message', resolve));
      port1.postMessage(wire, moved);
      // Detached on the sending side: transferred, not copied.
      expect(wire.tagged.every((b) => b.byteLength === 0)).toBe(true);
      expect(JSON.stringify(await fromWire(await received))).toBe(JSON.stringify(shown(analysed)));
    } finally {
      port1.close();
    }
    const digestWire = digestToWire(digestSource(text, analysed), 7);
    expect(transferablesOf(digestWire).length).toBe(1 + digestWire.lists.reduce((n, [, slices]) => n + slices.length, 0));
    // A buffer cut from Node's shared pool is never listed: transferring it would detach its neighbours.
    expect(transferablesOf({ ...wire, tagged: [Buffer.from('pooled')], head: Buffer.from('head') })).toEqual([]);
  });

  it('sends none of the analysis’s own lists (findings before tags, repeats, region spans): the worker keeps them', () => {
    const analysed = analysedWithTags();
    const wire = toWire(analysed, 7);
    expect(Object.keys(wire).sort()).toEqual(['head', 'slice', 'tagged']);
    const head = deserialize(wire.head) as { analysis: object };
    expect(Object.keys(head.analysis)).toEqual(Object.keys(analysed.analysis!).filter((k) => !['findings', 'repeats', 'regions'].includes(k)));
  });

  it('gives the event loop a turn between slices, and no slice is larger than asked', async () => {
    const analysed = analysedWithTags();
    const wire = toWire(analysed, 7);
    expect(wire.tagged.length).toBeGreaterThan(3);
    resetSliceStats();
    const turns = await turnsDuring(() => fromWire(wire));
    // A turn of the event loop between each slice (a hover waiting in the queue is read then).
    expect(turns).toBeGreaterThanOrEqual(wire.tagged.length - 1);
    expect(sliceStats().largest).toBeLessThanOrEqual(7);
  });

  it('keeps an analysis without findings or one not analysed at all', async () => {
    const analyzer = new Analyzer(0);
    for (const a of [analyzeSource(analyzer, '', undefined, {}), analyzeSource(analyzer, '\u0000'.repeat(100), undefined, {})]) {
      expect(await fromWire(toWire(a))).toEqual(shown(a));
    }
  });
});
