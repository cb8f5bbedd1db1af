// A long open source's cross-source digest is made by the worker that analysed it and follows the
// analysis over (src/server/openDigests.ts); the workspace index takes it instead of digesting the
// source on the main thread or analysing it a second time.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/core/analyzer';
import { digestSource, type SourceDigest } from '../../src/core/corpus';
import { analyzeSource } from '../../src/core/sourceAnalysis';
import { OpenAnalysis } from '../../src/server/openAnalysis';
import { digestComing, takeDigest } from '../../src/server/openDigests';
import { DEFAULT_SETTINGS } from '../../src/server/settings';
import { STEP_ITEMS } from '../../src/core/corpus/steps';
import { resetSliceStats, sliceStats } from '../../src/server/slices';
import { TEXT_GENERATORS } from '../fuzz/textGenerators';
import { cleanupsAfterEach } from './fixtureWorkspace';
import { INDEX_WORKER, testIndex } from './workspaceIndexFixture';

const text = readFileSync(path.resolve(__dirname, '../../test-fixtures/sources/000_10788ba24ea37e24.txt'), 'utf8');
const URI = 'file:///work/news/long.txt';
const cleanups = cleanupsAfterEach();

const openIndex = (changed: () => void) => testIndex(cleanups, { isOpen: () => true, onChange: changed, workers: 0 });

describe.runIf(existsSync(INDEX_WORKER))('the digest of a source analysed in the worker', () => {
  it('comes from the worker after the analysis, and is the digest of that analysis', async () => {
    const analysis = new OpenAnalysis({ script: INDEX_WORKER, minChars: 0, log: () => undefined });
    cleanups.push(() => analysis.dispose());
    const analysed = await analysis.analyseFor(URI)(new Analyzer(0), text, undefined, {});
    const coming = takeDigest(analysed.tagged);
    expect(coming).toBeDefined();
    expect(takeDigest(analysed.tagged)).toBeUndefined(); // taken once
    expect(await coming!.digest).toEqual(digestSource(text, analysed));
  });

  it('waits for edits to pause: a newer analysis begun drops the last one\'s, and `now` has it made at once', async () => {
    // Edits never pause here (an hour): only `now` or a newer analysis settles a digest.
    const analysis = new OpenAnalysis({ script: INDEX_WORKER, minChars: 0, digestIdleMs: 3_600_000, log: () => undefined });
    cleanups.push(() => analysis.dispose());
    const analyse = analysis.analyseFor(URI);
    const first = await analyse(new Analyzer(0), text, undefined, {});
    const dropped = takeDigest(first.tagged)!;
    const edited = `${text.slice(0, 200)} notably${text.slice(200)}`;
    const second = analyse(new Analyzer(0), edited, undefined, {});
    expect(await dropped.digest).toBe('superseded');
    const latest = await second;
    const coming = takeDigest(latest.tagged)!;
    coming.now();
    expect(await coming.digest).toEqual(digestSource(edited, latest));
  });
});

describe('WorkspaceIndex.upsertOpen', () => {
  const analysed = () => analyzeSource(new Analyzer(0), text, undefined, {});

  it('takes the digest coming from the worker instead of making one', async () => {
    let changed!: () => void;
    const change = new Promise<void>((resolve) => (changed = resolve));
    const index = openIndex(() => changed());
    const a = analysed();
    const fromWorker = { ...digestSource(text, a), claims: [] } as SourceDigest;
    digestComing(a.tagged, Promise.resolve(fromWorker));
    index.upsertOpen(URI, text, a, DEFAULT_SETTINGS);
    await change;
    expect(index.corpus.digest(URI)).toBe(fromWorker);
  });

  it('leaves the index to a newer analysis when the digest was superseded, and digests here when none could be made', async () => {
    const index = openIndex(() => undefined);
    const a = analysed();
    const superseded = Promise.resolve('superseded' as const);
    digestComing(a.tagged, superseded);
    index.upsertOpen(URI, text, a, DEFAULT_SETTINGS);
    await superseded;
    await Promise.resolve();
    expect(index.corpus.digest(URI)).toBeUndefined();

    const b = analysed();
    const failed = Promise.resolve(undefined);
    digestComing(b.tagged, failed);
    index.upsertOpen(URI, text, b, DEFAULT_SETTINGS);
    await failed;
    await Promise.resolve();
    expect(index.corpus.digest(URI)).toEqual(digestSource(text, b));
  });

  it('takes a long digest into the index a step per turn: a request read meanwhile is answered before it is all in', async () => {
    const events: string[] = [];
    let changed!: () => void;
    const change = new Promise<void>((resolve) => (changed = resolve));
    const index = openIndex(() => {
      events.push('indexed');
      changed();
    });
    const long = TEXT_GENERATORS.find((g) => g.name === 'distinct-people')!.make(96 * 1024);
    const a = analyzeSource(new Analyzer(0), long, undefined, {});
    const digest = digestSource(long, a);
    expect(digest.entities.length).toBeGreaterThan(2 * STEP_ITEMS);
    digestComing(a.tagged, Promise.resolve(digest));
    resetSliceStats();
    index.upsertOpen(URI, long, a, DEFAULT_SETTINGS);
    // A hover whose message is read on the next turn of the event loop.
    setImmediate(() => events.push(index.corpus.stepping ? 'hover while indexing' : 'hover'));
    await change;
    expect(events).toEqual(['hover while indexing', 'indexed']);
    expect(index.corpus.digest(URI)).toBe(digest);
    expect(sliceStats().largest).toBeLessThanOrEqual(STEP_ITEMS);
  });
});
