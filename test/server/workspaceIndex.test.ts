import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileChangeType } from 'vscode-languageserver';
import { STEP_ITEMS } from '../../src/core/corpus/steps';
import { resetSliceStats, sliceStats } from '../../src/server/slices';
import { TEXT_GENERATORS } from '../fuzz/textGenerators';
import { describe, expect, it } from 'vitest';
import { analysisOptionsOf, DEFAULT_SETTINGS } from '../../src/server/settings';
import type { IndexJob } from '../../src/server/indexJob';
import type { WorkerResponse } from '../../src/server/indexMessages';
import type { WorkspaceIndexOptions } from '../../src/server/workspaceIndex';
import { cleanupsAfterEach, tempWorkspace, XIAOMI_US } from './fixtureWorkspace';
import { INDEX_WORKER, spinningIndexWorker, testIndex } from './workspaceIndexFixture';

const cleanups = cleanupsAfterEach();

const makeIndex = (options: Partial<WorkspaceIndexOptions> = {}) => testIndex(cleanups, options);

const workerIndex = () => makeIndex();

describe.runIf(existsSync(INDEX_WORKER))('workspace index: findings for a view', () => {
  /** The sample, and a copy of it long enough (over 64 KB) to go to a worker whether or not one is running. */
  const sources = () => {
    const ws = tempWorkspace([XIAOMI_US]);
    cleanups.push(ws.cleanup);
    const sample = readFileSync(ws.path(XIAOMI_US), 'utf8');
    writeFileSync(ws.path('long.txt'), Array.from({ length: Math.ceil(70_000 / sample.length) }, () => sample).join('\n\n'));
    return { short: pathToFileURL(ws.path(XIAOMI_US)).href, long: pathToFileURL(ws.path('long.txt')).href };
  };
  const running = (index: ReturnType<typeof makeIndex>) => (index as unknown as { started?: { running: boolean } }).started?.running === true;

  it('answers a closed source\'s findings from its worker', async () => {
    const { long } = sources();
    const index = workerIndex();
    const findings = await index.findings({ uri: long, settings: DEFAULT_SETTINGS, selection: {} });
    expect(running(index)).toBe(true);
    expect(findings?.isSource).toBe(true);
    expect(findings?.findings.some((f) => f.kind === 'claim')).toBe(true);
  });

  it('leaves a short source to the caller while its workers are not running, rather than wait for them to start', async () => {
    const { short, long } = sources();
    const index = workerIndex();
    expect(await index.findings({ uri: short, settings: DEFAULT_SETTINGS, selection: {} })).toBeUndefined();
    expect(running(index)).toBe(false);
    // Running, they take short ones too.
    await index.findings({ uri: long, settings: DEFAULT_SETTINGS, selection: {} });
    expect((await index.findings({ uri: short, settings: DEFAULT_SETTINGS, selection: {} }))?.findings.some((f) => f.kind === 'claim')).toBe(true);
  });

  it('settles a request its worker was busy with when the index is disposed', async () => {
    const { long } = sources();
    const index = workerIndex();
    await index.findings({ uri: long, settings: DEFAULT_SETTINGS, selection: {} });
    const pending = index.findings({ uri: long, settings: DEFAULT_SETTINGS, selection: {} })!;
    const waiting = index.findings({ uri: long, settings: DEFAULT_SETTINGS, selection: { scope: 'decorated' } })!;
    index.dispose();
    await expect(pending).rejects.toThrow(/shut down/);
    await expect(waiting).rejects.toThrow(/shut down/);
    expect(index.findings({ uri: long, settings: DEFAULT_SETTINGS, selection: {} })).toBeUndefined();
  });
});

describe('workspace index: a long closed source', () => {
  /** Runs `work` and says whether, on some turn of the event loop meanwhile, the corpus was part-way through a change in steps. */
  const seenStepping = async (index: ReturnType<typeof makeIndex>, work: () => Promise<void>) => {
    let seen = false;
    let done = false;
    const tick = () => {
      if (index.corpus.stepping) seen = true;
      if (!done) setImmediate(tick);
    };
    setImmediate(tick);
    await work();
    done = true;
    return seen;
  };

  it('goes into the corpus a step of at most STEP_ITEMS mentions or claims per turn, and whenIdle waits for it', async () => {
    const ws = tempWorkspace([]);
    cleanups.push(ws.cleanup);
    const file = path.join(ws.dir, 'long.txt');
    writeFileSync(file, TEXT_GENERATORS.find((g) => g.name === 'distinct-people')!.make(96 * 1024));
    const uri = pathToFileURL(file).href;
    const index = makeIndex({ workers: 0 });
    resetSliceStats();
    expect(await seenStepping(index, async () => {
      await index.reindex(uri);
      await index.whenIdle();
    })).toBe(true);
    expect(index.corpus.digest(uri)!.entities.length).toBeGreaterThan(2 * STEP_ITEMS);
    expect(sliceStats().largest).toBeLessThanOrEqual(STEP_ITEMS);

    // Deleted while it goes in again: the deletion wins, whatever step the change was at.
    writeFileSync(file, `${readFileSync(file, 'utf8')} Lei Jun said that.`);
    const again = index.reindex(uri);
    await new Promise<void>((resolve) => {
      const wait = () => (index.corpus.stepping ? resolve() : setImmediate(wait));
      wait();
    });
    rmSync(file);
    await index.filesChanged([{ uri, type: FileChangeType.Deleted }]);
    await again;
    await index.whenIdle();
    expect(index.corpus.digest(uri)).toBeUndefined();
  });
});

describe('workspace index: a source opened while it is indexed from disk', () => {
  const until = (done: () => boolean) => new Promise<void>((resolve) => {
    const check = () => (done() ? resolve() : setTimeout(check, 5));
    check();
  });

  it('stops its job: a running one through its worker, a waiting one before it runs', async () => {
    const ws = tempWorkspace([]);
    cleanups.push(ws.cleanup);
    const worker = spinningIndexWorker(ws.dir);
    const sources = path.join(ws.dir, 'sources');
    mkdirSync(sources);
    for (const name of ['a.txt', 'b.txt']) writeFileSync(path.join(sources, name), 'Xiaomi said sales rose 20% in 2017.');
    const [a, b] = ['a.txt', 'b.txt'].map((name) => pathToFileURL(path.join(sources, name)).href);
    const open = new Set<string>();
    const logs: string[] = [];
    const index = makeIndex({
      workerScript: worker,
      isOpen: (uri) => open.has(uri),
      connection: {
        console: { log: (m: string) => logs.push(m), warn: (m: string) => logs.push(m), error: (m: string) => logs.push(m) },
        window: { createWorkDoneProgress: async () => ({ begin() {}, report() {}, done() {} }) },
      } as unknown as WorkspaceIndexOptions['connection'],
    });
    const scanned = index.scan([pathToFileURL(sources).href]);
    const running = (index as unknown as { closedRunning: Map<string, unknown> }).closedRunning;
    await until(() => running.size > 0);
    // One worker: one job runs, the other waits. Both are opened.
    const [first, second] = running.has(a) ? [a, b] : [b, a];
    open.add(second);
    index.documentOpened(second);
    open.add(first);
    index.documentOpened(first);
    await scanned;
    expect(index.status).toMatchObject({ done: 2, failed: 0 });
    expect(logs.filter((m) => m.includes('stopped indexing'))).toEqual([`Sourcemark stopped indexing ${first} from disk: it was opened in the editor.`]);
    expect(index.corpus.size).toBe(0);
  });

  it.runIf(existsSync(INDEX_WORKER))('stops its analysis in the index worker where it checks, and indexes the next job', async () => {
    const ws = tempWorkspace([XIAOMI_US]);
    cleanups.push(ws.cleanup);
    const cancelled = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(INDEX_WORKER, { workerData: { cancelled } });
    cleanups.push(() => worker.terminate().then(() => undefined));
    const reply = (id: number) => new Promise<WorkerResponse>((resolve) => {
      const job: IndexJob = { uri: pathToFileURL(ws.path(XIAOMI_US)).href, path: ws.path(XIAOMI_US), options: analysisOptionsOf(DEFAULT_SETTINGS) };
      worker.once('message', resolve);
      worker.postMessage({ id, job });
    });
    Atomics.store(cancelled, 0, 7);
    expect(await reply(7)).toMatchObject({ id: 7, error: 'the task was cancelled' });
    expect(await reply(8)).toMatchObject({ id: 8, indexed: expect.any(String) });
  });
});
