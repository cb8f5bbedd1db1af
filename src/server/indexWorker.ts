// Worker thread that analyses sources for the workspace index (bundled as dist/indexWorker.js),
// so indexing a large workspace never blocks hover or diagnostics on the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import { Analyzer } from '../core/analyzer';
import { analyzeSource } from '../core/sourceAnalysis';
import { FileSidecarStore } from '../core/tags/sidecarStore';
import { closedFindings } from './closedFindings';
import { digestCacheFromEnv } from '../core/corpus/digestCache';
import { indexSourceFileAsJson, type IndexCache } from './indexJob';
import { digestSource } from '../core/corpus';
import { ClaimSentenceMemo } from '../core/corpus/claimSentenceMemo';
import { digestToWire, toWire, transferablesOf, type DigestBase, type WireBase } from './analysisWire';
import { findingsToWire, indexedToWire, type AnalyseReply, type DigestJob, type DigestReply, type WorkerRequest, type WorkerResponse } from './indexMessages';
import { OverBudgetError, workBudget } from './workBudget';
import { monotonicMs } from './analysisTrace';
import { cancelledTask, TaskCancelledError } from '../core/workerPool';
import { lowerThreadPriority } from './backgroundThread';

// Workspace files rarely share paragraphs, so a small cache is enough (page furniture repeats);
// on generated sources 2,000 cached paragraphs held ~55 MB more heap than none for 14% less
// analysis time; 256 keeps most of that (17.7 vs 17.2 ms a source; none 20.0 ms).
let indexAnalyzer: Analyzer | undefined;
/**
 * The analyser of index and findings jobs, made for the first: the worker for long open sources
 * (openAnalysis.ts) runs this script too and never gets one, and making it there cost that worker's
 * start, and so the opening of a long source, ~60 ms of its CPU.
 */
function analyzerOfIndex(): Analyzer {
  if (!indexAnalyzer) {
    indexAnalyzer = new Analyzer(256);
    indexAnalyzer.warmUpBeforeFirstUse();
  }
  return indexAnalyzer;
}
const store = new FileSidecarStore();
const cache: IndexCache | undefined = digestCacheFromEnv();

const post = (r: WorkerResponse) => parentPort!.postMessage(r);
const data = workerData as { cancelled?: Int32Array; background?: boolean } | null;
/** Where the pool says which task its owner cancelled (a source opened in the editor while being indexed). */
const cancelCell = data?.cancelled;
// The workspace index's workers yield the cores to the main thread and to long open sources.
if (data?.background) lowerThreadPriority();

// Long open sources (openAnalysis.ts) get an analyzer of their own, with the main thread's cache
// size: re-analysis after an edit then costs only the paragraphs it touched, here as there.
let openAnalyzer: Analyzer | undefined;
/**
 * The last analyses sent of each long open source, newest last: the next one goes as a delta against
 * the one the main thread holds (its latest, or the one before while a newer is on its way). Two per
 * source, four sources: each is a whole analysis (tens of MB for 1 MB of text); a closed source's
 * go when others take their place.
 */
const sent = new Map<string, WireBase[]>();
const SENT_PER_SOURCE = 2;
const SENT_SOURCES = 4;

function remember(uri: string, base: WireBase): void {
  const list = sent.get(uri) ?? [];
  sent.delete(uri); // re-inserted: most recently used last
  list.push(base);
  if (list.length > SENT_PER_SOURCE) list.shift();
  sent.set(uri, list);
  if (sent.size > SENT_SOURCES) sent.delete(sent.keys().next().value!);
}

/**
 * The last digests sent of each long open source, newest last (two: the main thread may not have
 * taken the latest), for the next to go as a delta against the one the main thread holds. They go
 * with the source's analyses (a closed source's when it leaves `sent`).
 */
const sentDigests = new Map<string, DigestBase[]>();
/** Each long open source's claim sentences as its last digest read them: the next digest reads only the edited ones. */
const sentenceMemos = new Map<string, ClaimSentenceMemo>();

/**
 * The digest of an open source's analysis `seq`, asked once edits pause: only the latest analysis
 * of the source is worth a digest (a newer one's follows instead).
 */
function digestOpen(job: DigestJob): DigestReply {
  const list = sent.get(job.uri);
  const held = list?.find((b) => b.seq === job.seq);
  if (!held) return { id: 0, error: 'that analysis is no longer held' };
  if (list![list!.length - 1] !== held) return { id: 0, superseded: true };
  let memo = sentenceMemos.get(job.uri);
  if (!memo) sentenceMemos.set(job.uri, (memo = new ClaimSentenceMemo()));
  const digest = digestSource(held.text, held.analysed, memo);
  const digests = sentDigests.get(job.uri) ?? [];
  const base = job.base === undefined ? undefined : digests.find((d) => d.seq === job.base);
  const wire = digestToWire(digest, undefined, base, held.text);
  digests.push({ seq: job.seq, text: held.text, digest });
  if (digests.length > 2) digests.shift();
  sentDigests.set(job.uri, digests);
  for (const uri of sentDigests.keys()) if (!sent.has(uri)) sentDigests.delete(uri);
  for (const uri of sentenceMemos.keys()) if (!sent.has(uri)) sentenceMemos.delete(uri);
  return { id: 0, digest: wire };
}

parentPort?.on('message', (request: WorkerRequest) => {
  if ('analyse' in request) {
    const { id, analyse: job } = request;
    const analyzer = (openAnalyzer ??= new Analyzer());
    if (job.budgetMs !== undefined) analyzer.checkpoint = workBudget(job.budgetMs).checkpoint;
    try {
      const began = monotonicMs();
      const analysed = analyzeSource(analyzer, job.text, job.sidecar, job.options, job.tracked);
      const done = monotonicMs();
      const want = job.delta;
      const base = want?.base === undefined ? undefined : sent.get(want.uri)?.find((b) => b.seq === want.base);
      const wire = toWire(analysed, undefined, base, job.text);
      const steps = { began, analysed: done, encoded: monotonicMs() };
      parentPort!.postMessage({ id, analysed: wire, steps } satisfies AnalyseReply, transferablesOf(wire));
      if (want) remember(want.uri, { seq: want.seq, text: job.text, analysed });
    } catch (e) {
      if (e instanceof OverBudgetError) parentPort!.postMessage({ id, overBudgetMs: e.usedMs } satisfies AnalyseReply);
      else parentPort!.postMessage({ id, error: (e as Error).message, ...((e as Error).stack ? { stack: (e as Error).stack } : {}) } satisfies AnalyseReply);
    } finally {
      analyzer.checkpoint = undefined;
    }
    return;
  }
  if ('digest' in request) {
    const { id, digest: job } = request;
    try {
      const reply = digestOpen(job);
      parentPort!.postMessage({ ...reply, id } satisfies DigestReply, 'digest' in reply && reply.digest ? transferablesOf(reply.digest) : []);
    } catch (e) {
      parentPort!.postMessage({ id, error: (e as Error).message } satisfies DigestReply);
    }
    return;
  }
  if ('findings' in request) {
    const { id, findings: job } = request;
    closedFindings(analyzerOfIndex(), store, job).then(
      (found) => {
        const findings = findingsToWire(found);
        parentPort!.postMessage({ id, uri: job.uri, findings } satisfies WorkerResponse, typeof findings === 'string' ? [] : transferablesOf(findings));
      },
      (e: Error) => post({ id, uri: job.uri, error: e.message }),
    );
    return;
  }
  const { id, job } = request;
  // The pool gives a worker one index task at a time: the checkpoint is this task's until it ends.
  const cancelled = cancelledTask(cancelCell, id);
  const analyzer = analyzerOfIndex();
  analyzer.checkpoint = () => {
    if (cancelled()) throw new TaskCancelledError();
  };
  indexSourceFileAsJson(analyzer, store, job, cache).then(
    ({ json, entry }) => {
      const indexed = indexedToWire(json);
      parentPort!.postMessage({ id, uri: job.uri, openSeq: job.openSeq, indexed, ...(entry ? { entry } : {}) } satisfies WorkerResponse, typeof indexed === 'string' ? [] : transferablesOf(indexed));
    },
  ).catch((e: Error) => post({ id, uri: job.uri, openSeq: job.openSeq, error: e.message })).finally(() => {
    analyzer.checkpoint = undefined;
  });
});
