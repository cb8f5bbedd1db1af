// A long open source is analysed off the main thread, in a worker of core/workerPool.ts (the index
// worker script, with an analyzer and paragraph cache of its own), so that analysing it never holds
// up hover, code actions or other sources: a 1 MB source takes seconds even now that analysis is
// linear. Shorter sources stay on the main thread, where the answer comes within a frame anyway and
// no copy of the results crosses threads. The results come back in slices (analysisWire.ts) that the
// main thread takes in one per turn of its event loop. An analysis that uses more than its budget
// of processor time (workBudget.ts: load on the machine does not count) stops and the source is
// reported as too complex, its tags kept; a wall-clock backstop, far longer, ends a worker that
// never answers.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { serverWorker } from './serverWorker';
import type { Analyzer } from '../core/analyzer';
import { analyzeSource, type ShownAnalysis } from '../core/sourceAnalysis';
import { attachTags } from '../core/taggedFindings';
import { applyVisibility } from '../core/visibility';
import { WorkerPool } from '../core/workerPool';
import type { SourceDigest } from '../core/corpus';
import type { AnalysisTrace } from './analysisTrace';
import { digestFromWire, fromWire } from './analysisWire';
import type { AnalyseJob, AnalyseReply, DigestJob, DigestReply } from './indexMessages';
import { digestComing } from './openDigests';
import { OLD_GENERATION_MB } from '../shared/heapLimit';

/** Sources at least this long (UTF-16 units) are analysed in the worker: ~50–100 ms of analysis on the main thread. */
export const OFF_THREAD_CHARS = 64 * 1024;
/** Processor time over which an analysis is stopped and the source reported as too complex (1 MB of any shape takes under 10 s). */
export const ANALYSIS_BUDGET_MS = 60_000;
/**
 * How long after its analysis, with no newer one begun, a long open source's digest is made: while
 * the user types it would be out of date before it was in the index (openDigests.ts).
 */
export const DIGEST_IDLE_MS = 1000;

/** A digest waited for: of analysis `seq`, asked of the worker yet or not. */
interface DigestEntry {
  seq: number;
  timer?: NodeJS.Timeout;
  settle: (d: SourceDigest | 'superseded' | undefined) => void;
  asked: boolean;
}

/**
 * How long the worker stays once no long source is open: one opened again soon finds its paragraphs
 * in the worker's cache (re-analysis of 1 MB in ~0.2 s, not ~4 s). Then it goes, with its cache and
 * the analyses it kept (~200 MB after a 1 MB source).
 */
export const WORKER_LINGER_MS = 60_000;

/** Wall-clock time after which a worker that has not answered is ended, whatever the load: ten times the budget, at least 10 minutes. */
export const backstopMs = (budgetMs: number) => Math.max(10 * budgetMs, 600_000);

export interface OpenAnalysisOptions {
  /** The worker script; without one every source is analysed on the main thread (tests from source). */
  script?: string;
  /** Processor time an analysis may use (SOURCEMARK_ANALYSIS_BUDGET_MS, else ANALYSIS_BUDGET_MS). */
  budgetMs?: number;
  /** Wall-clock backstop (SOURCEMARK_ANALYSIS_BACKSTOP_MS, else backstopMs(budgetMs)). */
  backstopMs?: number;
  minChars?: number;
  /** How long edits must pause before a digest is made (DIGEST_IDLE_MS). */
  digestIdleMs?: number;
  /** How long the worker stays once no long source is open (WORKER_LINGER_MS). */
  lingerMs?: number;
  log: (message: string) => void;
}

type Analyse = (...args: Parameters<typeof analyzeSource>) => Promise<ShownAnalysis>;

export class OpenAnalysis {
  private pool?: WorkerPool<{ analyse: AnalyseJob } | { digest: DigestJob }, AnalyseReply | DigestReply>;
  /** Sources being analysed in the worker, with how many analyses of each are under way. */
  private readonly running = new Map<string, number>();
  private readonly script?: string;
  private readonly budgetMs: number;
  private readonly backstopMs: number;
  private readonly minChars: number;
  /** The digest waiting for edits to pause, per source: of its latest analysis (`seq`), made when `timer` fires or `now` is called. */
  private readonly digests = new Map<string, DigestEntry>();
  /** The last analyses received per source, newest last, by number: the worker sends the next as a delta against one. */
  private readonly held = new Map<string, { seq: number; analysed: ShownAnalysis }[]>();
  /** The last digest received per source: the worker sends the next as a delta against it. */
  private readonly heldDigests = new Map<string, { seq: number; digest: SourceDigest }>();
  private nextSeq = 1;
  /** Sources closed while their analysis ran: what it brings back is not kept. */
  private readonly closedWhileRunning = new Set<string>();

  constructor(private readonly options: OpenAnalysisOptions) {
    const script = options.script ?? path.join(__dirname, 'indexWorker.js');
    this.script = existsSync(script) ? script : undefined;
    const fromEnv = Number(process.env.SOURCEMARK_ANALYSIS_BUDGET_MS);
    this.budgetMs = options.budgetMs ?? (fromEnv > 0 ? fromEnv : ANALYSIS_BUDGET_MS);
    const backstopFromEnv = Number(process.env.SOURCEMARK_ANALYSIS_BACKSTOP_MS);
    this.backstopMs = options.backstopMs ?? (backstopFromEnv > 0 ? backstopFromEnv : backstopMs(this.budgetMs));
    this.minChars = options.minChars ?? OFF_THREAD_CHARS;
  }

  /** Whether an analysis of this source is under way in the worker (a hover then says so rather than wait). */
  analysing(uri: string): boolean {
    return this.running.has(uri);
  }

  /** Whether a source this long is analysed in the worker (and so may be hovered before its analysis is done). */
  offThread(chars: number): boolean {
    return this.script !== undefined && chars >= this.minChars;
  }

  /**
   * The analysis function loadSource uses for this source. One that fails (a bug in an analyser,
   * a worker gone) leaves the source shown as not analysed, saying so, its tags attached: not a
   * source that never lights up, with the error in the log only.
   */
  analyseFor(uri: string, trace?: AnalysisTrace): Analyse {
    const analyse = this.analyseOnce(uri, trace);
    return async (analyzer, text, sidecar, options, tracked) => {
      try {
        return await analyse(analyzer, text, sidecar, options, tracked);
      } catch (e) {
        const error = e instanceof Error ? e : new Error(String(e));
        this.options.log(`Sourcemark could not analyse ${uri}: ${error.stack ?? error.message}`);
        return notAnalysed(
          { text, sidecar, tracked },
          `Sourcemark could not analyse this source (${error.message}). Its tags are kept. The Sourcemark output has the details; editing or reopening the source tries again.`,
        );
      }
    };
  }

  private analyseOnce(uri: string, trace: AnalysisTrace | undefined): Analyse {
    return async (analyzer: Analyzer, text, sidecar, options, tracked) => {
      if (!this.offThread(text.length)) {
        const analysed = analyzeSource(analyzer, text, sidecar, options, tracked);
        trace?.mark('analysed');
        return analysed;
      }
      // A newer analysis begins: the last one's digest would be out of date at once.
      this.settleDigest(uri, 'superseded');
      this.running.set(uri, (this.running.get(uri) ?? 0) + 1);
      try {
        return await this.inWorker({ text, ...(sidecar ? { sidecar } : {}), options, ...(tracked ? { tracked } : {}), budgetMs: this.budgetMs }, uri, false, trace);
      } finally {
        const left = this.running.get(uri)! - 1;
        if (left) this.running.set(uri, left);
        else {
          this.running.delete(uri);
          if (this.closedWhileRunning.delete(uri)) this.forget(uri);
        }
      }
    };
  }

  /** Forgets what was held for a source (closed): its next analysis is sent whole. */
  forget(uri: string): void {
    if (this.running.has(uri)) this.closedWhileRunning.add(uri);
    this.held.delete(uri);
    this.heldDigests.delete(uri);
    this.settleDigest(uri, undefined);
    this.pool?.stopWhenIdle();
  }

  /** Whether the worker is running. */
  get workerRunning(): boolean {
    return this.pool?.running === true;
  }

  private async inWorker(analyse: AnalyseJob, uri: string, whole = false, trace?: AnalysisTrace): Promise<ShownAnalysis> {
    const pool = this.workers();
    const held = this.held.get(uri);
    const base = whole ? undefined : held?.[held.length - 1]?.seq;
    const job: AnalyseJob = { ...analyse, delta: { uri, seq: this.nextSeq++, ...(base !== undefined ? { base } : {}) } };
    let timer: NodeJS.Timeout | undefined;
    const backstop = new Promise<'backstop'>((resolve) => (timer = setTimeout(() => resolve('backstop'), this.backstopMs)));
    let reply: AnalyseReply | 'backstop';
    trace?.mark('posted');
    try {
      reply = (await Promise.race([pool.run({ analyse: job }), backstop])) as AnalyseReply | 'backstop';
    } finally {
      clearTimeout(timer);
    }
    if (reply === 'backstop') {
      // The worker cannot be interrupted: it goes, and the next long source gets a fresh one.
      if (this.pool === pool) this.pool = undefined;
      void pool.terminate('the analysis did not finish within its wall-clock backstop');
      this.options.log(`Sourcemark: an analysis did not finish within ${duration(this.backstopMs)}; its worker was ended.`);
      return tooComplex(job, `its analysis did not finish within ${duration(this.backstopMs)}`);
    }
    if ('overBudgetMs' in reply) return tooComplex(job, `its analysis used more than ${duration(this.budgetMs)} of processor time`);
    if ('error' in reply) throw Object.assign(new Error(reply.error), reply.stack ? { stack: reply.stack } : {});
    const madeAgainst = reply.analysed.base;
    const against = madeAgainst === undefined ? undefined : this.held.get(uri)?.find((h) => h.seq === madeAgainst);
    if (madeAgainst !== undefined && !against) {
      // Closed and opened again meanwhile: what the delta was made against is gone here; ask for it whole.
      return this.inWorker(analyse, uri, true, trace);
    }
    if (trace) {
      trace.mark('received');
      trace.worker(reply.steps);
    }
    const analysed = await fromWire(reply.analysed, against?.analysed);
    trace?.mark('decoded');
    this.hold(uri, job.delta!.seq, analysed);
    digestComing(analysed.tagged, this.digestOnceIdle(uri, job.delta!.seq), () => this.digestNow(uri));
    return analysed;
  }

  private workers(): WorkerPool<{ analyse: AnalyseJob } | { digest: DigestJob }, AnalyseReply | DigestReply> {
    const script = this.script!;
    const lingerMs = this.options.lingerMs ?? WORKER_LINGER_MS;
    return (this.pool ??= new WorkerPool(() => serverWorker(script, { resourceLimits: { maxOldGenerationSizeMb: OLD_GENERATION_MB } }), 1, {
      unref: true,
      // It stays while a long source is open: its paragraph cache makes that source's next edit cheap.
      idleMs: lingerMs,
      mayStop: () => !this.held.size && !this.running.size && !this.digests.size,
      onIdleStop: () => this.options.log(`Sourcemark: the analysis worker for long sources stopped, ${duration(lingerMs)} after the last one closed.`),
      onWorkerError: (e) => this.options.log(`Sourcemark analysis worker failed: ${e.stack ?? e.message}`),
    }));
  }

  /** The digest of analysis `seq` of the source, made once no newer analysis has begun for a while (or when `digestNow` asks). */
  private digestOnceIdle(uri: string, seq: number): Promise<SourceDigest | 'superseded' | undefined> {
    this.settleDigest(uri, 'superseded');
    // A newer analysis is under way (this one is counted too): its digest is the one to make.
    if ((this.running.get(uri) ?? 0) > 1) return Promise.resolve('superseded');
    return new Promise((settle) => {
      const entry: DigestEntry = { seq, settle, asked: false };
      entry.timer = setTimeout(() => this.digestNow(uri), this.options.digestIdleMs ?? DIGEST_IDLE_MS);
      entry.timer.unref?.();
      this.digests.set(uri, entry);
    });
  }

  /** Asks the worker for the waiting digest of the source now. */
  private digestNow(uri: string): void {
    const entry = this.digests.get(uri);
    if (!entry || entry.asked) return;
    entry.asked = true;
    clearTimeout(entry.timer);
    this.askDigest(uri, entry, this.heldDigests.get(uri));
  }

  /** Asks the worker for `entry`'s digest, as a delta against `base` when given. */
  private askDigest(uri: string, entry: DigestEntry, base: { seq: number; digest: SourceDigest } | undefined): void {
    const pool = this.pool;
    if (!pool) return this.settleDigest(uri, undefined);
    pool.run({ digest: { uri, seq: entry.seq, ...(base ? { base: base.seq } : {}) } }).then(
      async (reply) => {
        if (this.digests.get(uri) !== entry) return;
        if (!('digest' in reply)) return this.settleDigest(uri, 'superseded' in reply ? 'superseded' : undefined, entry);
        const against = reply.digest.base;
        // The worker no longer holds the base it was told of (a new worker): it sent the digest whole.
        if (against !== undefined && against !== base?.seq) return this.askDigest(uri, entry, undefined);
        const digest = await digestFromWire(reply.digest, base?.digest).catch(() => undefined);
        if (digest && this.held.has(uri)) this.heldDigests.set(uri, { seq: entry.seq, digest });
        this.settleDigest(uri, digest, entry);
      },
      () => this.settleDigest(uri, undefined, entry),
    );
  }

  /** Settles the source's waiting digest (only `entry`, when given) and forgets it. */
  private settleDigest(uri: string, digest: SourceDigest | 'superseded' | undefined, entry: DigestEntry | undefined = this.digests.get(uri)): void {
    if (!entry || this.digests.get(uri) !== entry) return;
    clearTimeout(entry.timer);
    this.digests.delete(uri);
    entry.settle(digest);
  }

  private hold(uri: string, seq: number, analysed: ShownAnalysis): void {
    const list = this.held.get(uri) ?? [];
    list.push({ seq, analysed });
    // The latest, and the one before for a reply made against it while the latest was on its way.
    if (list.length > 2) list.shift();
    this.held.set(uri, list);
  }

  dispose(): void {
    void this.pool?.terminate();
    this.pool = undefined;
    this.held.clear();
    this.heldDigests.clear();
    for (const uri of [...this.digests.keys()]) this.settleDigest(uri, undefined);
  }
}

const duration = (ms: number) => (ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`);

/** A source whose analysis ran over the budget: no findings, a note saying why, its tags attached as for any source not analysed. */
function tooComplex(job: AnalyseJob, why: string): ShownAnalysis {
  return notAnalysed(job, `This source is too complex to analyse: ${why} and was stopped, so that the editor stays responsive. Its tags are kept. Splitting it into smaller files lets Sourcemark analyse it.`);
}

/** A source shown without an analysis: no findings, `skippedReason` saying why, its tags attached. */
function notAnalysed(source: Pick<AnalyseJob, 'text' | 'sidecar' | 'tracked'>, skippedReason: string): ShownAnalysis {
  const { text, sidecar, tracked } = source;
  return { skippedReason, tagged: applyVisibility(text, attachTags(text, [], sidecar, tracked), sidecar?.dismissals ?? [], {}, tracked) };
}
