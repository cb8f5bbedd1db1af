// Worker threads that have nothing to do stop, and come back when there is: the index workers once
// the index has been idle a while (workspaceIndex.ts), the worker for long open sources once none is
// open (openAnalysis.ts). Each held 150–250 MB of memory for nothing. And the index workers a complete
// scan starts for what comes next wait until no long open source is being analysed beside them.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Connection, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/core/analyzer';
import { analyzeSource } from '../../src/core/sourceAnalysis';
import { OpenAnalysis } from '../../src/server/openAnalysis';
import { OpenSources, type OpenSourcesOptions } from '../../src/server/openSources';
import { takeDigest } from '../../src/server/openDigests';
import { cleanupsAfterEach, tempWorkspace, XIAOMI_US } from './fixtureWorkspace';
import { INDEX_WORKER, testIndex } from './workspaceIndexFixture';
import { shown } from './shownAnalysis';

const cleanups = cleanupsAfterEach();
const text = readFileSync(path.resolve(__dirname, '../../test-fixtures/sources/000_10788ba24ea37e24.txt'), 'utf8');

/** A log whose lines can be waited for. */
function waitableLog() {
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  return {
    lines,
    log: (line: string) => {
      lines.push(line);
      for (const w of waiters.splice(0)) if (w.pattern.test(line)) w.resolve();
      else waiters.push(w);
    },
    next: (pattern: RegExp) => new Promise<void>((resolve) => waiters.push({ pattern, resolve })),
  };
}

describe.runIf(existsSync(INDEX_WORKER))('idle worker threads', () => {
  it('the index workers stop once the index has had no work for a while, and start again for the next source', async () => {
    const ws = tempWorkspace([XIAOMI_US]);
    cleanups.push(ws.cleanup);
    const logged = waitableLog();
    const quiet = { warn() {}, error() {} };
    const index = testIndex(cleanups, { workersIdleMs: 50, connection: { console: { ...quiet, log: logged.log } } as unknown as Connection });
    const uri = pathToFileURL(ws.path(XIAOMI_US)).href;
    const pool = () => (index as unknown as { started?: { running: boolean } }).started;

    let stopped = logged.next(/index workers stopped/);
    await index.reindex(uri);
    await index.whenIdle();
    expect(index.summaryOf(uri)?.counts.byKind.claim).toBeGreaterThan(0);
    await stopped;
    expect(pool()?.running).toBe(false);

    // The next source to analyse starts them again, and is indexed as before.
    stopped = logged.next(/index workers stopped/);
    await index.reindex(uri);
    await index.whenIdle();
    expect(index.summaryOf(uri)?.counts.byKind.claim).toBeGreaterThan(0);
    await stopped;
    expect(logged.lines.filter((l) => /index workers stopped/.test(l))).toHaveLength(2);
  });

  it('the worker for long sources stops once the last one is closed, not while another is open, and comes back for the next', async () => {
    const logged = waitableLog();
    const analysis = new OpenAnalysis({ script: INDEX_WORKER, minChars: 0, lingerMs: 50, log: logged.log });
    cleanups.push(() => analysis.dispose());
    const [a, b] = ['file:///work/news/a.txt', 'file:///work/news/b.txt'];
    // Each analysis's digest made at once (it would wait for edits to pause): nothing is left pending.
    for (const uri of [a, b]) {
      const coming = takeDigest((await analysis.analyseFor(uri)(new Analyzer(0), text, undefined, {})).tagged)!;
      coming.now();
      expect(await coming.digest).toBeTruthy();
    }
    expect(analysis.workerRunning).toBe(true);

    // One of two closed: the other's next analysis still comes from the same worker, as a delta
    // against the analysis it holds (a new worker would hold none and send it whole).
    analysis.forget(a);
    // Four times the linger: long enough to see a wrong stop here; a slow machine can only hide one, never fail this.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(analysis.workerRunning).toBe(true);
    const edited = text.replace('Xiaomi', 'Xiaomi Corp.');
    const inWorker = (analysis as unknown as { inWorker: (job: unknown, uri: string, whole?: boolean) => Promise<unknown> });
    const calls: boolean[] = [];
    const original = inWorker.inWorker.bind(analysis);
    inWorker.inWorker = (job, uri, whole) => (calls.push(whole === true), original(job, uri, whole));
    expect(JSON.stringify(await analysis.analyseFor(b)(new Analyzer(0), edited, undefined, {}))).toBe(JSON.stringify(shown(analyzeSource(new Analyzer(0), edited, undefined, {}))));
    expect(calls).toEqual([false]);

    // The last one closed: the worker goes.
    const stopped = logged.next(/analysis worker for long sources stopped/);
    analysis.forget(b);
    await stopped;
    expect(analysis.workerRunning).toBe(false);

    // A long source opened later gets a new worker, and the same findings.
    expect(JSON.stringify(await analysis.analyseFor(a)(new Analyzer(0), text, undefined, {}))).toBe(JSON.stringify(shown(analyzeSource(new Analyzer(0), text, undefined, {}))));
    expect(analysis.workerRunning).toBe(true);
  });

  it('a complete scan starts the index workers for what comes next only once no long open source is being analysed', async () => {
    const ws = tempWorkspace([]);
    cleanups.push(ws.cleanup);
    const file = ws.path('open.txt');
    writeFileSync(file, text);
    const uri = pathToFileURL(file).href;
    let quiet!: () => void;
    const quietened = new Promise<void>((resolve) => (quiet = resolve));
    const progress = { begin() {}, report() {}, done() {} };
    const silent = { log() {}, warn() {}, error() {} };
    const index = testIndex(cleanups, {
      // Its only source is open: nothing to index from disk.
      isOpen: (u) => u === uri,
      quiet: () => quietened,
      connection: { console: silent, window: { createWorkDoneProgress: async () => progress } } as unknown as Connection,
    });
    const started = () => (index as unknown as { started?: unknown }).started !== undefined;
    await index.scan([pathToFileURL(ws.dir).href]);
    expect(index.status).toMatchObject({ scanning: false, done: 0 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(started()).toBe(false);
    quiet();
    await quietened;
    await new Promise((resolve) => setImmediate(resolve));
    expect(started()).toBe(true);
  });

  it('longAnalysesDone waits while a long open source is analysed off the main thread, and not for a short one', async () => {
    const docs = new Map<string, TextDocument>();
    let closing: (e: { document: TextDocument }) => void = () => undefined;
    const documents = {
      get: (u: string) => docs.get(u),
      all: () => [...docs.values()],
      onDidChangeContent() {},
      onDidSave() {},
      onDidClose: (handler: typeof closing) => (closing = handler),
    } as unknown as TextDocuments<TextDocument>;
    const none = () => undefined;
    const sources = new OpenSources({
      connection: { console: { log: none, warn: none, error: none } }, documents, tracker: { forget: none }, settings: { clear: none }, diagnostics: { clear: none },
    } as unknown as OpenSourcesOptions);
    // The worker script as built (the default is looked for beside the server's bundle), every source long.
    const analysis = new OpenAnalysis({ script: INDEX_WORKER, minChars: 60_000, log: none });
    (sources as unknown as { analysis: OpenAnalysis }).analysis = analysis;
    cleanups.push(() => analysis.dispose());

    const short = TextDocument.create('file:///work/news/short.txt', 'plaintext', 1, text);
    docs.set(short.uri, short);
    await sources.longAnalysesDone();

    const long = TextDocument.create('file:///work/news/long.txt', 'plaintext', 1, text.repeat(Math.ceil(60_000 / text.length)));
    docs.set(long.uri, long);
    let done = false;
    const waiting = sources.longAnalysesDone().then(() => (done = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(done).toBe(false);
    // Closed before its analysis came: nothing holds the workers back any more.
    docs.delete(long.uri);
    closing({ document: long });
    await waiting;
    expect(done).toBe(true);
  });
});
