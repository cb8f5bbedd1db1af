import * as l10n from '@vscode/l10n';
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { serverWorker } from './serverWorker';
import { indexWorkerCount } from './indexWorkerCount';
import type { Connection, FileEvent } from 'vscode-languageserver';
import { FileChangeType } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { Analyzer } from '../core/analyzer';
import { CorpusIndex, digestSource, type SourceDigest } from '../core/corpus';
import { STEP_ITEMS } from '../core/corpus/steps';
import type { ShownAnalysis, SourceOptions } from '../core/sourceAnalysis';
import { sourcePathOf } from '../core/tags/sidecarName';
import type { SidecarStore } from '../core/tags/sidecarStore';
import { digestCacheFromEnv } from '../core/corpus/digestCache';
import { PackWriter } from '../core/corpus/packWriter';
import { indexSourceFile, settingsKey, type IndexCache, type IndexedSummary, type IndexJob } from './indexJob';
import { entryBytes, entryHolds, inflateEntries, readEntry, readSnapshot, restamped, snapshotable, snapshotKey, summaryOfEntry, writeSnapshot, type Snapshot, type SnapshotEntry, type SnapshotSource } from './indexSnapshot';
import type { FindingsJob } from './closedFindings';
import { TaskCancelledError, WorkerPool } from '../core/workerPool';
import { findingsFromWire, fromWire, type IndexResponse, type IndexTask, type WorkerResponse } from './indexMessages';
import { OFF_THREAD_CHARS } from './openAnalysis';
import { takeDigest } from './openDigests';
import { inSteps, yieldToLoop } from './slices';
import type { DocumentFindings } from '../shared/protocol';
import { analysisOptionsOf, type SourcemarkSettings } from './settings';
import { OLD_GENERATION_MB } from '../shared/heapLimit';
import { listSources } from './workspaceSources';
import { formatCount } from '../core/text/count';

export interface WorkspaceIndexOptions {
  connection: Connection;
  store: SidecarStore;
  settingsFor: (uri: string) => Promise<SourcemarkSettings>;
  isSource: (uri: string, glob: string) => boolean;
  /** Open documents are indexed from the editor's text, never from disk. */
  isOpen: (uri: string) => boolean;
  /** The index changed: `done` at the end of a scan, `file` after a single file. */
  onChange: (reason: 'done' | 'file') => void;
  /** A closed source was analysed (its counts for the Sourcemark view), or could not be. */
  onIndexed?: (uri: string, result: IndexedSummary | { error: string }) => void;
  /** Worker threads for analysis; 0 analyses in this thread between other work. Default: indexWorkerCount (SOURCEMARK_INDEX_WORKERS, else 2; 1 on a single core). */
  workers?: number;
  /** The worker script; default dist/indexWorker.js beside this bundle, when it exists. */
  workerScript?: string;
  /** How long the workers may wait for work before they stop (the next job starts them); default: SOURCEMARK_INDEX_WORKERS_IDLE_MS, else WORKERS_IDLE_MS. */
  workersIdleMs?: number;
  /** The digest cache the workers fill (its folder holds the workspace snapshots too); default: SOURCEMARK_CACHE_DIR's, null for none. */
  cache?: IndexCache | null;
  /** The time, when a scan saves its snapshot and checks fresh stamps again (tests move it on); default Date.now. */
  clock?: () => number;
  /**
   * Resolves when no long open source is being analysed: the workers a complete scan starts for what
   * comes next wait for it (two analysers loading beside a 1 MB source's first analysis slowed its
   * opening on two cores, README "Then (base 2742ab1)"). Default: at once.
   */
  quiet?: () => Promise<void>;
}

/** A folder of a scan: its sources, and its snapshot's key when it may have one. */
interface ScannedFolder {
  path: string;
  settingsKey: string;
  uris: string[];
  /** Those of `uris` the walk saw a sidecar beside. */
  withSidecar: Set<string>;
  snapshotKey?: string;
  snapshot?: Snapshot;
}

/** A source whose counts came from its folder's snapshot, its digest still to be read from it. */
interface WarmSource {
  uri: string;
  job: IndexJob;
  snapshot: Snapshot;
  entry: SnapshotEntry;
  /** Its change in latestChange: another one since (an edit, a re-index) makes the snapshot's digest stale. */
  token: object;
}

/**
 * Main-thread work between two turns of the event loop while digests come from a snapshot. A hover
 * waits for the slice in progress (yieldToLoop lets it be answered before the next): at 8 ms hover
 * while reopening was p50 27 ms, at 1 ms 6 ms, and the index as quick.
 */
const LOAD_SLICE_MS = 1;
/** Snapshot entries inflated at once (on libuv's threads) ahead of their parsing here: about 2 MB of JSON. */
const LOAD_BATCH = 64;
/** Sources with stamps too fresh to trust checked again (read and hashed) when a scan saves its snapshot. */
const RESTAMP_LIMIT = 5_000;

/** Files stat'ed at once when checking stamps. */
const STAT_BATCH = 64;

export interface IndexStatus {
  total: number;
  done: number;
  failed: number;
  /** A scan is walking the folders or indexing what it found. */
  scanning: boolean;
  /** performance.now() at the start and end of the last scan. */
  startedAt?: number;
  finishedAt?: number;
}

/**
 * Index workers with no work for this long stop, and start again when a source needs analysing (in
 * about half a second). Once 2,000 sources were indexed the two held ~300 MB of RSS, still ~80 MB
 * after 35 s idle: V8 lets an isolate's heap grow to a few times what it keeps alive.
 */
export const WORKERS_IDLE_MS = 30_000;

/**
 * The index workers' young generation (Node's default for a worker: 48 MB). Smaller, it lowers the
 * peak while indexing at no cost in time. 2,000 sources, base and 8 MB alternated: peak RSS 591,
 * 598, 596 → 550, 546, 549 MB; index time 26.9, 27.7, 28.6 → 25.6, 26.4, 29.6 s. At 4 MB the peak
 * was 515–544 MB but indexing took 31–34 s against 28–31 s.
 */
const WORKER_YOUNG_MB = 8;

/** Open sources larger than this (UTF-16 units) are digested in a worker. */
const OPEN_INLINE_LIMIT = 256 * 1024;
/** Open sources larger than this are not re-indexed from the editor (see upsertOpen). */
const OPEN_INDEX_LIMIT = 2 * 1024 * 1024;

/**
 * Indexes every source of the workspace in the background for the cross-source features: worker
 * threads read and analyse files that are not open, the main thread only adds their digests to the
 * CorpusIndex. Reports LSP work-done progress ("Indexing sources 120/2,000") and re-indexes single
 * files as they change.
 */
export class WorkspaceIndex {
  readonly corpus = new CorpusIndex();
  readonly status: IndexStatus = { total: 0, done: 0, failed: 0, scanning: false };
  private readonly queue = new Map<string, IndexJob>();
  /** Counts of every closed source indexed, for the Sourcemark view's listing. */
  private readonly summaries = new Map<string, IndexedSummary>();
  /** Starts the worker threads that analyse sources; undefined: analyse in this thread. */
  private readonly startPool?: () => WorkerPool<IndexTask, WorkerResponse>;
  private started?: WorkerPool<IndexTask, WorkerResponse>;
  private inThread?: { analyzer: Analyzer; running: boolean };
  private idleWaiters: (() => void)[] = [];
  private active = 0;
  private disposed = false;
  private scanGeneration = 0;
  private readonly cache?: IndexCache;
  /** Cache entries the workers made, written a pack at a time: once enough have come, when the index is idle, before a snapshot. */
  private readonly packs: PackWriter;
  /** Digests being read from snapshots into the corpus. */
  private loading: Promise<void> = Promise.resolve();

  constructor(private readonly options: WorkspaceIndexOptions) {
    const script = options.workerScript ?? path.join(__dirname, 'indexWorker.js');
    this.cache = options.cache === undefined ? digestCacheFromEnv() : options.cache ?? undefined;
    this.packs = new PackWriter(this.cache);
    const fromEnv = indexWorkerCount(process.env.SOURCEMARK_INDEX_WORKERS, availableParallelism());
    if (options.workers === undefined && fromEnv.note) options.connection.console.warn(`Sourcemark: ${fromEnv.note}`);
    const count = options.workers ?? fromEnv.count;
    const idleFromEnv = Number(process.env.SOURCEMARK_INDEX_WORKERS_IDLE_MS);
    const idleMs = options.workersIdleMs ?? (idleFromEnv > 0 ? idleFromEnv : WORKERS_IDLE_MS);
    if (count > 0 && existsSync(script)) {
      this.startPool = () => new WorkerPool((cancelled) => serverWorker(script, { workerData: { cancelled, background: true }, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB, maxOldGenerationSizeMb: OLD_GENERATION_MB } }), count, {
        unref: true,
        idleMs,
        onIdleStop: () => options.connection.console.log(`Sourcemark: the index workers stopped after ${idleMs / 1000} s without work; they start again when a source needs analysing.`),
        onWorkerError: (e) => options.connection.console.error(`Sourcemark index worker failed: ${e.stack ?? e.message}`),
      });
    }
  }

  /**
   * The workers, started when first needed: a workspace reopened from its snapshots needs none until
   * its index is complete, and starting two (loading the analyser) cost ~1 s of CPU beside it.
   */
  private get pool(): WorkerPool<IndexTask, WorkerResponse> | undefined {
    if (!this.started && this.startPool && !this.disposed) this.started = this.startPool();
    return this.started;
  }

  /**
   * Indexes every source under the folders (URIs), replacing what was indexed before. From the start
   * of the folder walk to the end of indexing, `status.scanning` says every source will be indexed.
   */
  async scan(folderUris: readonly string[]): Promise<void> {
    const generation = ++this.scanGeneration;
    this.status.scanning = true;
    try {
      await this.runScan(folderUris, generation);
    } finally {
      // A newer scan owns the flag; a failed walk must not leave it set.
      if (generation === this.scanGeneration) this.status.scanning = false;
    }
  }

  private async runScan(folderUris: readonly string[], generation: number): Promise<void> {
    const jobs: IndexJob[] = [];
    const folders: ScannedFolder[] = [];
    for (const folder of folderUris) {
      const settings = await this.options.settingsFor(folder);
      const folderPath = URI.parse(folder).fsPath;
      // The same walk as the sources view's, without its file limit: every source is indexed.
      const { uris, withSidecar } = await listSources([folderPath], async (uri) => this.options.isSource(uri, settings.sources), Infinity);
      // One options object for the folder's jobs: made per source, it was a quarter of a 2,000-source scan's hold.
      const options = analysisOptionsOf(settings);
      for (const uri of uris) jobs.push(jobFor(uri, options));
      const key = settingsKey(options);
      // A snapshot stands for the folder's ignore file only when the settings carry its names.
      folders.push({ path: folderPath, settingsKey: key, uris, withSidecar, ...(this.cache && options.ignoredNames ? { snapshotKey: snapshotKey(this.cache, folderPath, key) } : {}) });
    }
    if (generation !== this.scanGeneration || this.disposed) return;
    const keep = new Set(jobs.map((j) => j.uri));
    for (const id of this.corpus.sourceIds()) if (!keep.has(id) && !this.options.isOpen(id)) this.drop(id);
    for (const id of [...this.summaries.keys()]) if (!keep.has(id)) this.summaries.delete(id);
    this.queue.clear();
    for (const j of jobs) if (!this.options.isOpen(j.uri)) this.queue.set(j.uri, j);
    const startedAt = performance.now();
    // Sources as their folder's snapshot has them: counted at once, their digests read from it below.
    const warm = await this.fromSnapshots(folders, generation);
    if (generation !== this.scanGeneration || this.disposed) return;
    Object.assign(this.status, { total: this.queue.size + warm.length, done: warm.length, failed: 0, startedAt, finishedAt: undefined });
    if (warm.length) {
      this.options.connection.console.log(`Sourcemark counted ${warm.length} sources from the index snapshot in ${Math.round(performance.now() - startedAt)} ms; ${this.queue.size} to index.`);
    }
    const progress = await this.options.connection.window.createWorkDoneProgress();
    const total = this.status.total;
    const message = () => l10n.t('Indexing sources {0}/{1}', formatCount(this.status.done), formatCount(total));
    progress.begin('Sourcemark', 0, message(), false);
    let lastReport = 0;
    // Views of open sources are brought up to date once, at the end: linking while thousands of
    // sources arrive would hold up the main thread for nothing.
    const onResult = (finished: boolean) => {
      if (generation !== this.scanGeneration) return;
      const now = performance.now();
      if (now - lastReport > 100 || finished) {
        lastReport = now;
        progress.report(total ? Math.floor((100 * this.status.done) / total) : 100, message());
      }
    };
    if (warm.length) onResult(false);
    this.pump(onResult);
    const loading = this.loadDigests(warm, generation, onResult);
    this.loading = this.loading.then(() => loading);
    await this.whenIdle();
    if (generation !== this.scanGeneration || this.disposed) return;
    await this.saveSnapshots(folders).catch((e: Error) => this.options.connection.console.warn(`Sourcemark could not save the index snapshot: ${e.message}`));
    if (generation !== this.scanGeneration || this.disposed) return;
    // Ready for what comes next (a source the view expands, a file changed) once the index is complete
    // and no long open source is being analysed (a job that comes first starts them anyway).
    void (this.options.quiet?.() ?? Promise.resolve()).then(() => this.pool);
    this.status.scanning = false;
    this.status.finishedAt = performance.now();
    progress.done();
    this.options.connection.console.log(
      `Sourcemark indexed ${this.status.done - this.status.failed} sources (${this.status.failed} failed) in ${((this.status.finishedAt - this.status.startedAt!) / 1000).toFixed(1)} s.`,
    );
    this.options.onChange('done');
  }

  private readonly openSeq = new Map<string, number>();

  /**
   * An open document's analysis, from the editor's text. A large one is digested by a worker (which
   * analyses it again, off this thread), so the main thread stays free for hover and diagnostics.
   * True when its digest comes later (once edits pause, or at once with `now`) and `onChange`
   * follows when it is in.
   */
  upsertOpen(uri: string, text: string, analysed: ShownAnalysis, settings: SourcemarkSettings, options: { now?: boolean } = {}): boolean {
    const seq = (this.openSeq.get(uri) ?? 0) + 1;
    this.openSeq.set(uri, seq);
    this.queue.delete(uri);
    this.openComing.delete(uri);
    // A second analysis of a huge open file would double the server's memory: its disk version stays indexed.
    if (text.length > OPEN_INDEX_LIMIT) return false;
    // Analysed in a worker (openAnalysis.ts), which makes the digest too: it follows the analysis.
    const coming = takeDigest(analysed.tagged);
    if (!coming) {
      this.digestOpen(uri, text, analysed, settings, seq);
      return false;
    }
    const current = () => this.openSeq.get(uri) === seq && this.options.isOpen(uri);
    const entry = {
      now: coming.now,
      settled: coming.digest.then((digest) => {
        if (this.disposed || !current() || digest === 'superseded') return;
        if (!digest) return this.digestOpen(uri, text, analysed, settings, seq, () => this.options.onChange('file'));
        this.put(uri, digest, current, () => this.options.onChange('file'));
      }).finally(() => {
        if (this.openComing.get(uri) === entry) this.openComing.delete(uri);
      }),
    };
    this.openComing.set(uri, entry);
    // Just opened: no edits to wait for.
    if (options.now) coming.now();
    return true;
  }

  /** Digests of open sources that come once edits pause, by source. */
  private readonly openComing = new Map<string, { now: () => void; settled: Promise<void> }>();

  /**
   * Has the digests of open sources waiting for edits to pause made now (a request needs the index
   * current), and settles once they are in the corpus.
   */
  async openDigestsNow(): Promise<void> {
    for (let pending = [...this.openComing.values()]; pending.length; pending = [...this.openComing.values()]) {
      for (const p of pending) p.now();
      await Promise.all(pending.map((p) => p.settled));
      // Entries still here were made meanwhile (a newer analysis): asked in the next round.
      if (pending.every((p) => [...this.openComing.values()].includes(p))) break;
    }
    await this.stepping;
  }

  /** Changes of the corpus made in steps, one after another; `queued` of them not done yet. */
  private stepping: Promise<void> = Promise.resolve();
  private queued = 0;
  /** The latest change asked for each source: a queued one overtaken by a newer one is dropped. */
  private readonly latestChange = new Map<string, object>();

  /** Settles when the corpus changes queued in steps are done. */
  corpusSettled(): Promise<void> {
    return this.stepping;
  }

  /**
   * Puts a digest into the corpus. A long one (over STEP_ITEMS mentions and claims: a 1 MB source's
   * 50,000 took 100–250 ms in one go) goes in a step per turn of the event loop, so a hover is
   * answered in between; while such steps are queued, any change waits behind them (changes keep
   * their order). A queued change is made only if it still `holds` and no newer one came for the source.
   */
  private put(uri: string, digest: SourceDigest, holds: () => boolean, then?: () => void): void {
    const token = {};
    this.latestChange.set(uri, token);
    if (this.queued === 0 && digest.entities.length + digest.claims.length <= STEP_ITEMS) {
      this.corpus.upsert(uri, digest);
      then?.();
      return;
    }
    this.queued++;
    const run = async () => {
      try {
        if (this.disposed || this.latestChange.get(uri) !== token || !holds()) return;
        await inSteps(this.corpus.upsertInSteps(uri, digest, STEP_ITEMS), STEP_ITEMS);
        if (!this.disposed) then?.();
      } finally {
        this.queued--;
      }
    };
    this.stepping = this.stepping.then(run).catch((e: Error) => this.options.connection.console.error(`Sourcemark could not index ${uri}: ${e.stack ?? e.message}`));
  }

  /** Takes a source out of the corpus (and drops its queued changes); whether it was in. */
  private drop(uri: string): boolean {
    this.latestChange.set(uri, {});
    return this.corpus.remove(uri);
  }

  /** An open source's digest made here: in this thread, or by an index worker analysing it again if it is long. */
  private digestOpen(uri: string, text: string, analysed: ShownAnalysis, settings: SourcemarkSettings, seq: number, then?: () => void): void {
    if (text.length > OPEN_INLINE_LIMIT && this.pool) {
      this.queue.set(uri, { ...jobFor(uri, analysisOptionsOf(settings)), text, openSeq: seq });
      this.pump(() => this.options.onChange('file'));
      return;
    }
    this.put(uri, digestSource(text, analysed), () => true, then);
  }

  /** Closed sources' jobs running in a worker, to stop one whose source is opened. */
  private readonly closedRunning = new Map<string, AbortController>();

  /**
   * A source was opened in the editor: its analysis from disk, waiting or running, would be dropped
   * (the open one's digest replaces it), so it does not run or stops where it is. A 1 MB source
   * opened while a worker indexed it was analysed twice at once, on two cores.
   */
  documentOpened(uri: string): void {
    // Counted as done, like a cancelled job: the open source's digest stands for it.
    if (this.queue.delete(uri)) this.status.done++;
    this.closedRunning.get(uri)?.abort();
  }

  /** Closed without saving: the file on disk is what counts again. */
  async documentClosed(uri: string): Promise<void> {
    // Its tags may have changed while it was open: the counts from before are no longer to be trusted.
    this.summaries.delete(uri);
    await this.reindex(uri);
  }

  /** A closed source's counts as last indexed (check `mtimeMs`, `size` and `settingsKey` before trusting them). */
  summaryOf(uri: string): IndexedSummary | undefined {
    return this.summaries.get(uri);
  }

  /**
   * A closed source's findings, analysed by the next free worker ahead of any indexing; undefined
   * (or a promise of it) when the caller should analyse it itself: there are no workers, or they are
   * not running and the source is short (20–60 ms here for 5 KB against ~0.5 s to start them).
   */
  findings(job: FindingsJob): Promise<DocumentFindings | undefined> | undefined {
    if (!this.startPool || this.disposed) return undefined;
    if (!this.started?.running) {
      // Bytes: never fewer than the UTF-16 units the threshold counts.
      return stat(URI.parse(job.uri).fsPath).then(
        (s) => (s.size < OFF_THREAD_CHARS ? undefined : this.inWorker(job)),
        () => undefined,
      );
    }
    return this.inWorker(job);
  }

  private inWorker(job: FindingsJob): Promise<DocumentFindings> | undefined {
    if (!this.pool || this.disposed) return undefined;
    return this.pool.run({ findings: job }, { first: true }).then((r) => {
      if ('findings' in r) return findingsFromWire(r.findings);
      throw new Error('error' in r ? r.error : 'unexpected answer from an index worker');
    });
  }

  /** Whether `uri` is waiting to be indexed. */
  isQueued(uri: string): boolean {
    return this.queue.has(uri);
  }

  /** Sources and sidecars that changed on disk. */
  async filesChanged(changes: readonly FileEvent[]): Promise<void> {
    for (const change of changes) {
      const sidecarOf = sourcePathOf(change.uri);
      const uri = sidecarOf ?? change.uri;
      if (this.options.isOpen(uri)) continue;
      if (change.type === FileChangeType.Deleted && sidecarOf === undefined) {
        this.summaries.delete(uri);
        if (this.drop(uri)) this.options.onChange('file');
        continue;
      }
      await this.reindex(uri);
    }
  }

  /** Re-reads one source from disk (if it is a source), in the background. */
  async reindex(uri: string): Promise<void> {
    if (this.options.isOpen(uri)) return;
    const parsed = URI.parse(uri);
    if (parsed.scheme !== 'file' || !existsSync(parsed.fsPath)) {
      this.summaries.delete(uri);
      if (this.drop(uri)) this.options.onChange('file');
      return;
    }
    const settings = await this.options.settingsFor(uri);
    if (!this.options.isSource(uri, settings.sources)) return;
    this.queue.set(uri, jobFor(uri, analysisOptionsOf(settings)));
    this.pump(() => this.options.onChange('file'));
  }

  /** Resolves when nothing is queued or running, and the corpus has every digest. */
  async whenIdle(): Promise<void> {
    for (;;) {
      if (this.queue.size || this.active) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
      // And what they brought is in the corpus (long digests go in a step at a time), with what snapshots hold.
      await this.loading;
      await this.stepping;
      // A snapshot's entry that could not be read was queued meanwhile.
      if (this.disposed || (!this.queue.size && !this.active)) return;
    }
  }

  /**
   * Takes out of the queue every source its folder's snapshot has with the same stamps (its own and
   * its sidecar's): its counts are known at once. Returns them, their digests still to be read.
   */
  private async fromSnapshots(folders: ScannedFolder[], generation: number): Promise<WarmSource[]> {
    const warm: WarmSource[] = [];
    for (const folder of folders) {
      if (!this.cache || !folder.snapshotKey) continue;
      const snapshot = await readSnapshot(this.cache, folder.snapshotKey);
      if (!snapshot || generation !== this.scanGeneration || this.disposed) continue;
      folder.snapshot = snapshot;
      const candidates = folder.uris.filter((uri) => snapshot.entries.has(uri) && this.queue.has(uri));
      for (let i = 0; i < candidates.length; i += STAT_BATCH) {
        const batch = candidates.slice(i, i + STAT_BATCH);
        const holds = await Promise.all(batch.map((uri) => entryHolds(snapshot.entries.get(uri)!, this.queue.get(uri)?.path ?? '', folder.withSidecar.has(uri))));
        if (generation !== this.scanGeneration || this.disposed) return [];
        batch.forEach((uri, k) => {
          const job = this.queue.get(uri);
          // Opened or changed meanwhile (no longer queued as it was): indexed the usual way.
          if (!holds[k] || !job) return;
          this.queue.delete(uri);
          const entry = snapshot.entries.get(uri)!;
          const token = {};
          this.latestChange.set(uri, token);
          const summary = summaryOfEntry(entry, folder.settingsKey);
          this.summaries.set(uri, summary);
          this.options.onIndexed?.(uri, summary);
          warm.push({ uri, job, snapshot, entry, token });
        });
      }
    }
    return warm;
  }

  /**
   * Puts the digests of sources counted from snapshots into the corpus, a slice of a few ms per turn
   * of the event loop (entries inflated on libuv's threads meanwhile). An entry that cannot be read
   * is indexed the usual way; one overtaken by a newer change is left out.
   */
  private async loadDigests(warm: readonly WarmSource[], generation: number, onResult: (finished: boolean) => void): Promise<void> {
    const live = () => !this.disposed && generation === this.scanGeneration;
    // Inflated a batch ahead, by snapshot (a scan of several folders has several).
    const inflate = async (from: number) => {
      const batch = warm.slice(from, from + LOAD_BATCH);
      const out: (Buffer | undefined)[] = [];
      for (let i = 0; i < batch.length; ) {
        let j = i;
        while (j < batch.length && batch[j]!.snapshot === batch[i]!.snapshot) j++;
        out.push(...(await inflateEntries(batch[i]!.snapshot, batch.slice(i, j).map((w) => w.entry))));
        i = j;
      }
      return out;
    };
    let next = inflate(0);
    let slice = performance.now();
    for (let from = 0; from < warm.length; from += LOAD_BATCH) {
      const inflated = await next;
      if (!live()) return;
      next = inflate(from + LOAD_BATCH);
      for (let k = 0; k < inflated.length; k++) {
        const w = warm[from + k]!;
        // Changed or opened since it was counted; a long entry is read over turns of the loop, so asked again after.
        const overtaken = () => this.latestChange.get(w.uri) !== w.token || this.options.isOpen(w.uri);
        if (overtaken()) continue;
        const digest = await readEntry(inflated[k]);
        if (!live()) return;
        if (overtaken()) continue;
        if (digest) {
          this.put(w.uri, digest, () => !this.options.isOpen(w.uri));
        } else {
          // Unreadable: indexed again, and counted again when that is done.
          this.status.done--;
          this.queue.set(w.uri, w.job);
          this.pump(onResult);
        }
        if (performance.now() - slice > LOAD_SLICE_MS) {
          await yieldToLoop();
          if (!live()) return;
          slice = performance.now();
        }
      }
    }
  }

  /**
   * Writes each folder's snapshot again when its sources changed since: every closed source indexed
   * with a digest cache entry and stamps that can be trusted, its entry's bytes from the snapshot
   * read at the start or from the cache.
   */
  private async saveSnapshots(folders: readonly ScannedFolder[]): Promise<void> {
    const cache = this.cache;
    if (!cache) return;
    await this.packs.flush();
    for (const folder of folders) {
      if (!folder.snapshotKey) continue;
      await this.restampFresh(folder);
      if (this.disposed) return;
      const old = folder.snapshot;
      let changed = !old;
      const sources: SnapshotSource[] = [];
      const fromCache: { uri: string; summary: IndexedSummary & { cacheKey: string } }[] = [];
      for (const uri of folder.uris) {
        const summary = this.summaries.get(uri);
        if (!summary || this.options.isOpen(uri) || summary.settingsKey !== folder.settingsKey || !snapshotable(summary)) continue;
        const was = old?.entries.get(uri);
        if (was && was.cacheKey === summary.cacheKey && was.mtimeMs === summary.mtimeMs && was.size === summary.size && sameStamp(was.sidecar, summary.sidecar)) {
          sources.push({ uri, summary, entry: entryBytes(old!, was) });
        } else {
          fromCache.push({ uri, summary });
        }
      }
      if (fromCache.length || (old && sources.length !== old.entries.size)) changed = true;
      if (!changed) continue;
      // Read as the snapshot is written, a few at a time.
      for (const s of fromCache) sources.push({ ...s, entry: () => cache.storedBytes(s.summary.cacheKey) });
      if (this.disposed) return;
      await writeSnapshot(cache, folder.snapshotKey, sources);
    }
  }

  /**
   * Sources of the folder whose stamps were too fresh to trust when they were read (a folder copied
   * just before it was opened), checked again now that they are old enough (`restamped`): without
   * this the snapshot left them out and the next reopening indexed them again. At most
   * RESTAMP_LIMIT a scan; a source changed or indexed again meanwhile keeps its summary.
   */
  private async restampFresh(folder: ScannedFolder): Promise<void> {
    const fresh: { uri: string; summary: IndexedSummary; path: string }[] = [];
    for (const uri of folder.uris) {
      const summary = this.summaries.get(uri);
      if (!summary || summary.textSha256 === undefined || this.options.isOpen(uri) || summary.settingsKey !== folder.settingsKey || snapshotable(summary)) continue;
      fresh.push({ uri, summary, path: URI.parse(uri).fsPath });
      if (fresh.length >= RESTAMP_LIMIT) break;
    }
    for (let i = 0; i < fresh.length; i += STAT_BATCH) {
      const batch = fresh.slice(i, i + STAT_BATCH);
      const now = (this.options.clock ?? Date.now)();
      const again = await Promise.all(batch.map((f) => restamped(f.path, f.summary, now).catch(() => undefined)));
      if (this.disposed) return;
      batch.forEach((f, k) => {
        if (again[k] && this.summaries.get(f.uri) === f.summary) this.summaries.set(f.uri, again[k]);
      });
    }
  }

  dispose(): void {
    this.disposed = true;
    this.queue.clear();
    // Nothing more will finish: release whoever waits, and settle what the workers were doing
    // (a view's findings request waits on it).
    for (const w of this.idleWaiters.splice(0)) w();
    void this.started?.terminate('the workspace index was shut down');
  }

  private pump(onResult: (finished: boolean) => void): void {
    if (!this.queue.size) return;
    const next = (): IndexJob | undefined => {
      const first = this.queue.values().next();
      if (first.done) return undefined;
      this.queue.delete(first.value.uri);
      return first.value;
    };
    const finish = (r: IndexResponse | { id: number; uri: string; cancelled: true }) => {
      this.active--;
      if (this.disposed) return;
      this.status.done++;
      if ('cancelled' in r) {
        // Its source was opened: indexed from the editor's text instead.
        this.options.connection.console.log(`Sourcemark stopped indexing ${r.uri} from disk: it was opened in the editor.`);
      } else if ('error' in r) {
        this.status.failed++;
        this.options.connection.console.warn(`Sourcemark could not index ${r.uri}: ${r.error}`);
        if (r.openSeq === undefined) {
          this.summaries.delete(r.uri);
          this.options.onIndexed?.(r.uri, { error: r.error });
        }
      } else if (r.openSeq !== undefined ? this.openSeq.get(r.uri) === r.openSeq && this.options.isOpen(r.uri) : !this.options.isOpen(r.uri)) {
        const open = r.openSeq;
        this.put(r.uri, r.digest, () => (open !== undefined ? this.openSeq.get(r.uri) === open && this.options.isOpen(r.uri) : !this.options.isOpen(r.uri)));
        if (r.openSeq === undefined) {
          this.summaries.set(r.uri, r.summary);
          this.options.onIndexed?.(r.uri, r.summary);
        }
      }
      onResult(!this.queue.size && !this.active);
      if (!this.queue.size && !this.active) {
        void this.packs.flush();
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        for (const w of waiters) w();
      }
    };
    const pool = this.pool;
    if (pool) {
      // As many jobs as workers: a view's findings request (run first) then waits for one job at most.
      const dispatch = () => {
        while (!this.disposed && this.active < pool.capacity) {
          const job = next();
          if (!job) return;
          this.active++;
          // A closed source's job stops if the source is opened meanwhile (its result would be dropped).
          const cancel = job.openSeq === undefined ? new AbortController() : undefined;
          if (cancel) this.closedRunning.set(job.uri, cancel);
          pool.run({ job }, { signal: cancel?.signal }).then(
            async (r) => {
              // Kept whatever becomes of the result: the entry is the file's as it was read.
              if ('indexed' in r && r.entry) void this.packs.add(r.entry);
              let response: IndexResponse;
              try {
                response = 'findings' in r ? { id: 0, uri: job.uri, error: 'unexpected answer from an index worker' } : await fromWire(r);
              } catch (e) {
                response = { id: 0, uri: job.uri, ...(job.openSeq !== undefined ? { openSeq: job.openSeq } : {}), error: `an index worker's answer could not be read: ${(e as Error).message}` };
              }
              finish(response);
            },
            (e: Error) => e instanceof TaskCancelledError
              ? finish({ id: 0, uri: job.uri, cancelled: true })
              : finish({ id: 0, uri: job.uri, ...(job.openSeq !== undefined ? { openSeq: job.openSeq } : {}), error: e.message }),
          ).catch((e: Error) => this.options.connection.console.error(`Sourcemark index: ${e.stack ?? e.message}`)).finally(() => {
            if (cancel && this.closedRunning.get(job.uri) === cancel) this.closedRunning.delete(job.uri);
            dispatch();
          });
        }
      };
      dispatch();
      return;
    }
    // No worker script (tests running from source): one file per turn of the event loop.
    this.inThread ??= { analyzer: new Analyzer(2_000), running: false };
    if (this.inThread.running) return;
    this.inThread.running = true;
    const step = () => {
      const job = this.disposed ? undefined : next();
      if (!job) {
        this.inThread!.running = false;
        return;
      }
      this.active++;
      indexSourceFile(this.inThread!.analyzer, this.options.store, job, this.cache).then(
        (indexed) => finish({ id: 0, uri: job.uri, openSeq: job.openSeq, ...indexed }),
        (e: Error) => finish({ id: 0, uri: job.uri, openSeq: job.openSeq, error: e.message }),
      ).finally(() => setImmediate(step));
    };
    setImmediate(step);
  }
}

const sameStamp = (a: readonly number[] | null, b: readonly number[] | null | undefined) => (a === null ? b === null : !!b && a[0] === b[0] && a[1] === b[1]);

/** A closed source's job; `options` may be shared by many jobs and is never changed. */
function jobFor(uri: string, options: SourceOptions): IndexJob {
  return { uri, path: URI.parse(uri).fsPath, options };
}
