// A long open source is analysed off the main thread, in a worker of core/workerPool.ts (the index
// worker script, with an analyzer and paragraph cache of its own), so that analysing it never holds
// up hover, code actions or other sources: a 1 MB source takes seconds even now that analysis is
// linear. Shorter sources stay on the main thread, where the answer comes within a frame anyway and
// no copy of the results crosses threads. An analysis that runs over its time budget is stopped
// (the worker with it) and the source is reported as too complex, its tags kept.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Analyzer } from '../core/analyzer';
import { analyzeSource, type SourceAnalysis } from '../core/sourceAnalysis';
import { attachTags } from '../core/taggedFindings';
import { applyVisibility } from '../core/visibility';
import { WorkerPool } from '../core/workerPool';
import type { AnalyseJob, AnalyseReply } from './indexMessages';

/** Sources at least this long (UTF-16 units) are analysed in the worker: ~50–100 ms of analysis on the main thread. */
export const OFF_THREAD_CHARS = 64 * 1024;
/** Over this an analysis is stopped and the source reported as too complex (1 MB of any shape takes under 10 s). */
export const ANALYSIS_BUDGET_MS = 60_000;

export interface OpenAnalysisOptions {
  /** The worker script; without one every source is analysed on the main thread (tests from source). */
  script?: string;
  budgetMs?: number;
  minChars?: number;
  log: (message: string) => void;
}

type Analyse = (...args: Parameters<typeof analyzeSource>) => Promise<SourceAnalysis>;

export class OpenAnalysis {
  private pool?: WorkerPool<{ analyse: AnalyseJob }, AnalyseReply>;
  /** Sources being analysed in the worker, with how many analyses of each are under way. */
  private readonly running = new Map<string, number>();
  private readonly script?: string;
  private readonly budgetMs: number;
  private readonly minChars: number;

  constructor(private readonly options: OpenAnalysisOptions) {
    const script = options.script ?? path.join(__dirname, 'indexWorker.js');
    this.script = existsSync(script) ? script : undefined;
    const fromEnv = Number(process.env.SOURCEMARK_ANALYSIS_BUDGET_MS);
    this.budgetMs = options.budgetMs ?? (fromEnv > 0 ? fromEnv : ANALYSIS_BUDGET_MS);
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

  /** The analysis function loadSource uses for this source. */
  analyseFor(uri: string): Analyse {
    return async (analyzer: Analyzer, text, sidecar, options, tracked) => {
      if (!this.offThread(text.length)) return analyzeSource(analyzer, text, sidecar, options, tracked);
      this.running.set(uri, (this.running.get(uri) ?? 0) + 1);
      try {
        return await this.inWorker({ text, ...(sidecar ? { sidecar } : {}), options, ...(tracked ? { tracked } : {}) });
      } finally {
        const left = this.running.get(uri)! - 1;
        if (left) this.running.set(uri, left);
        else this.running.delete(uri);
      }
    };
  }

  private async inWorker(job: AnalyseJob): Promise<SourceAnalysis> {
    const script = this.script!;
    const pool = (this.pool ??= new WorkerPool(() => new Worker(script), 1, {
      unref: true,
      onWorkerError: (e) => this.options.log(`Sourcemark analysis worker failed: ${e.stack ?? e.message}`),
    }));
    let timer: NodeJS.Timeout | undefined;
    const overBudget = new Promise<'over'>((resolve) => (timer = setTimeout(() => resolve('over'), this.budgetMs)));
    try {
      const reply = await Promise.race([pool.run({ analyse: job }), overBudget]);
      if (reply === 'over') {
        // The worker cannot be interrupted: it goes, and the next long source gets a fresh one.
        if (this.pool === pool) this.pool = undefined;
        void pool.terminate('the analysis ran over its time budget');
        return tooComplex(job, this.budgetMs);
      }
      if ('error' in reply) throw new Error(reply.error);
      return reply.analysed;
    } finally {
      clearTimeout(timer);
    }
  }

  dispose(): void {
    void this.pool?.terminate();
    this.pool = undefined;
  }
}

/** A source whose analysis ran over the budget: no findings, a note saying why, its tags attached as for any source not analysed. */
function tooComplex(job: AnalyseJob, budgetMs: number): SourceAnalysis {
  return {
    skippedReason: `This source is too complex to analyse: its analysis took longer than ${Math.round(budgetMs / 1000)} s and was stopped, so that the editor stays responsive. Its tags are kept. Splitting it into smaller files lets Sourcemark analyse it.`,
    tagged: applyVisibility(job.text, attachTags(job.text, [], job.sidecar, job.tracked), job.sidecar?.dismissals ?? [], {}, job.tracked),
  };
}
