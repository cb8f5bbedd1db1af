// After an edit, a long open source's analysis crosses from the worker as a delta against the one
// the main thread holds (src/server/openAnalysis.ts). When the source was closed meanwhile, that
// base is gone here: the analysis is asked for again, whole, and must equal a fresh one.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Analyzer } from '../../src/core/analyzer';
import { digestSource } from '../../src/core/corpus';
import { analyzeSource } from '../../src/core/sourceAnalysis';
import { OpenAnalysis } from '../../src/server/openAnalysis';
import { takeDigest } from '../../src/server/openDigests';
import { shown } from './shownAnalysis';
import { cleanupsAfterEach } from './fixtureWorkspace';
import { INDEX_WORKER } from './workspaceIndexFixture';

const text = readFileSync(path.resolve(__dirname, '../../test-fixtures/sources/000_10788ba24ea37e24.txt'), 'utf8');
const URI = 'file:///work/news/long.txt';
const cleanups = cleanupsAfterEach();

describe.runIf(existsSync(INDEX_WORKER))('a long source closed while its next analysis is under way', () => {
  it('is analysed again whole when the delta came against a base no longer held, with a fresh analysis\'s findings', async () => {
    const analysis = new OpenAnalysis({ script: INDEX_WORKER, minChars: 0, log: () => undefined });
    cleanups.push(() => analysis.dispose());
    const analyse = analysis.analyseFor(URI);
    await analyse(new Analyzer(0), text, undefined, {});

    const edited = text.replace('Xiaomi', 'Xiaomi Corp.');
    const inWorker = vi.spyOn(analysis as unknown as { inWorker: (job: unknown, uri: string, whole?: boolean) => Promise<unknown> }, 'inWorker');
    const pending = analyse(new Analyzer(0), edited, undefined, {});
    // The job is posted with the held analysis as its base; forgetting it now (the source closed)
    // happens before any reply can be read.
    analysis.forget(URI);
    const analysed = await pending;

    expect(inWorker.mock.calls.map((c) => c[2] === true)).toEqual([false, true]);
    expect(JSON.stringify(analysed)).toBe(JSON.stringify(shown(analyzeSource(new Analyzer(0), edited, undefined, {}))));
  });

  it('sends the digest after an edit as a delta against the one the main thread holds, equal to a fresh digest', async () => {
    const analysis = new OpenAnalysis({ script: INDEX_WORKER, minChars: 0, log: () => undefined });
    cleanups.push(() => analysis.dispose());
    const analyse = analysis.analyseFor(URI);
    const digestOf = async (analysed: Awaited<ReturnType<typeof analyse>>) => {
      const coming = takeDigest(analysed.tagged)!;
      coming.now();
      return coming.digest;
    };
    const ask = vi.spyOn(analysis as unknown as { askDigest: (uri: string, entry: unknown, base?: { seq: number }) => void }, 'askDigest');
    expect(await digestOf(await analyse(new Analyzer(0), text, undefined, {}))).toEqual(digestSource(text, analyzeSource(new Analyzer(0), text, undefined, {})));

    const pool = (analysis as unknown as { pool: { run: (job: unknown) => Promise<Record<string, unknown>> } }).pool;
    const run = vi.spyOn(pool, 'run');
    const edited = text.replace('the fourth largest', 'the third largest');
    const digest = await digestOf(await analyse(new Analyzer(0), edited, undefined, {}));
    expect(ask.mock.calls.map((c) => c[2] !== undefined)).toEqual([false, true]);
    // The worker had that base too: the digest came as a delta.
    const replies = await Promise.all(run.mock.results.map((r) => r.value as Promise<Record<string, unknown>>));
    expect(replies.filter((r) => 'digest' in r).map((r) => (r.digest as { base?: number }).base)).toEqual([ask.mock.calls[1]![2]!.seq]);
    expect(JSON.stringify(digest)).toBe(JSON.stringify(digestSource(edited, analyzeSource(new Analyzer(0), edited, undefined, {}))));
  });
});
