// The sources open in the editor: each analysed for its current version with its tags, analysed
// again after edits (debounced), saves and sidecar changes, and published as diagnostics.
import { readFile } from 'node:fs/promises';
import { Emitter, type Connection, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { Analyzer } from '../core/analyzer';
import { sha256Hex } from '../core/tags/quoteSelector';
import { readOrInvalid, sidecarPathFor } from '../core/tags/sidecarStore';
import type { BackgroundWork } from './backgroundWork';
import { AnalysisTrace, monotonicMs } from './analysisTrace';
import { OpenAnalysis } from './openAnalysis';
import type { DiagnosticsPublisher } from './publishDiagnostics';
import type { Settings } from './settings';
import type { CachedSidecarStore } from './sidecarCache';
import type { SourceMatcher } from './sourceMatcher';
import { loadState, type SourceState } from './sourceState';
import type { TagRangeTracker } from './tagTracking';
import type { TagService } from './tagService';

/** How long a request waits for an opened or edited source to be analysed before answering. */
const ANALYSIS_WAIT_MS = 10_000;

export interface OpenSourcesOptions {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  tracker: TagRangeTracker;
  analyzer: Analyzer;
  store: CachedSidecarStore;
  settings: Settings;
  matcher: SourceMatcher;
  tags: TagService;
  diagnostics: DiagnosticsPublisher;
  work: BackgroundWork;
  /** Delay before re-analysing after an edit, so typing is not slowed down. */
  changeDelayMs: number;
}

export class OpenSources {
  private readonly states = new Map<string, SourceState>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly waiters = new Map<string, (() => void)[]>();
  /** When each source was last edited: where its next analysis's trace begins (analysisTrace.ts). */
  private readonly editedAt = new Map<string, number>();
  private readonly analysed = new Emitter<{ state: SourceState; previous: SourceState | undefined }>();
  private readonly published = new Emitter<SourceState>();
  private readonly closed = new Emitter<string>();

  /** A source was analysed; listeners may add to the state before its diagnostics are sent. */
  readonly onDidAnalyse = this.analysed.event;
  /** A source's diagnostics were sent for its new analysis (after edits, tag changes, settings). */
  readonly onDidPublish = this.published.event;
  /** A source was closed in the editor. */
  readonly onDidClose = this.closed.event;

  /** Long sources are analysed off the main thread. */
  private readonly analysis: OpenAnalysis;

  constructor(private readonly o: OpenSourcesOptions) {
    const { documents } = o;
    this.analysis = new OpenAnalysis({ log: (m) => o.connection.console.error(m) });
    // Fired on open and on every edit: analyse an opened source at once, debounce edits.
    documents.onDidChangeContent((e) => {
      const uri = e.document.uri;
      const edited = this.states.has(uri);
      if (edited) this.editedAt.set(uri, monotonicMs());
      this.schedule(uri, edited ? o.changeDelayMs : 0);
    });
    // Saving the source saves the tags' new offsets and quotes with it.
    documents.onDidSave((e) => {
      const uri = e.document.uri;
      this.cancel(uri);
      // Re-analyse only if an edit since the last analysis was still waiting (its timer cancelled above).
      const current = this.states.get(uri)?.version === e.document.version ? Promise.resolve() : this.refresh(uri);
      o.work.track(current.then(() => this.persist(uri)), `could not save tags of ${uri}`);
    });
    documents.onDidClose((e) => {
      const uri = e.document.uri;
      this.cancel(uri);
      this.analysis.forget(uri);
      o.tracker.forget(uri);
      // Listeners first: the index re-reads the file from disk with the settings still at hand.
      this.closed.fire(uri);
      this.states.delete(uri);
      this.editedAt.delete(uri);
      o.settings.clear(uri);
      o.diagnostics.clear(uri);
    });
  }

  /**
   * Whether a long analysis of the source is under way off the main thread, or about to be: between
   * opening and the worker taking the text, settings and the sidecar are still being read.
   */
  analysing(uri: string): boolean {
    if (this.analysis.analysing(uri)) return true;
    const doc = this.o.documents.get(uri);
    return doc !== undefined && !this.ready(uri) && this.analysis.offThread(doc.getText().length);
  }

  /**
   * Resolves once no open source is being analysed off the main thread (`analysing`), looked at again
   * after each publish or close and every few seconds (a failed analysis publishes nothing), or after
   * `capMs` whatever holds it up.
   */
  longAnalysesDone(capMs = 30_000): Promise<void> {
    const deadline = performance.now() + capMs;
    return new Promise((resolve) => {
      const busy = () => this.o.documents.all().some((d) => this.analysing(d.uri));
      if (!busy()) return resolve();
      const check = () => {
        if (busy() && performance.now() < deadline) return;
        clearInterval(timer);
        published.dispose();
        closed.dispose();
        resolve();
      };
      const published = this.onDidPublish(check);
      const closed = this.onDidClose(check);
      const timer = setInterval(check, 2_000);
      timer.unref?.();
    });
  }

  get(uri: string): SourceState | undefined {
    return this.states.get(uri);
  }

  has(uri: string): boolean {
    return this.states.has(uri);
  }

  all(): IterableIterator<SourceState> {
    return this.states.values();
  }

  uris(): IterableIterator<string> {
    return this.states.keys();
  }

  /** The state of the document's current version, if it has been analysed. */
  ready(uri: string): { state: SourceState; doc: TextDocument } | undefined {
    const state = this.states.get(uri);
    const doc = this.o.documents.get(uri);
    return state && doc && state.version === doc.version ? { state, doc } : undefined;
  }

  /** The open document and the analysis of its current version, waiting for that analysis (`current`). */
  async currentOpen(uri: string): Promise<{ state: SourceState; doc: TextDocument } | undefined> {
    await this.current(uri);
    return this.ready(uri);
  }

  /** The open document's state for its current version, waiting for its analysis if it is running. */
  async current(uri: string): Promise<SourceState | undefined> {
    const settings = await this.o.settings.get(uri);
    if (!this.o.matcher.isSource(uri, settings.sources)) return undefined;
    const deadline = Date.now() + ANALYSIS_WAIT_MS;
    for (;;) {
      const doc = this.o.documents.get(uri);
      const state = this.states.get(uri);
      if (!doc) return undefined;
      if (state && state.version === doc.version) return state;
      const left = deadline - Date.now();
      if (left <= 0) return state;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        const list = this.waiters.get(uri) ?? [];
        list.push(() => {
          clearTimeout(timer);
          resolve();
        });
        this.waiters.set(uri, list);
      });
    }
  }

  /** Analyses the source soon (after `delay` ms; edits within it restart the wait). */
  schedule(uri: string, delay = 0): void {
    this.cancel(uri);
    const run = () => {
      this.timers.delete(uri);
      this.o.work.track(this.refresh(uri), `could not analyse ${uri}`);
    };
    if (delay <= 0) run();
    else this.timers.set(uri, setTimeout(run, delay));
  }

  /** Analyses every open document again (settings or folders changed). */
  refreshAll(): void {
    for (const doc of this.o.documents.all()) this.schedule(doc.uri);
  }

  /** Analyses again the open sources whose sidecar is this one. */
  sidecarChanged(sidecarPath: string): void {
    for (const state of this.states.values()) if (state.sidecarPath === sidecarPath) this.schedule(state.uri);
  }

  /** Analyses the document's current version with its settings and tags, and publishes it. */
  async refresh(uri: string): Promise<void> {
    const { documents, settings, matcher, store, analyzer, tracker, diagnostics } = this.o;
    const doc = documents.get(uri);
    if (!doc) return;
    const trace = new AnalysisTrace(uri);
    const editedAt = this.editedAt.get(uri);
    this.editedAt.delete(uri);
    if (editedAt !== undefined) trace.mark('changed', editedAt);
    trace.mark('started');
    const sourceSettings = await settings.get(uri);
    if (!matcher.isSource(uri, sourceSettings.sources)) {
      if (this.states.delete(uri)) diagnostics.clear(uri);
      return;
    }
    const text = doc.getText();
    const version = doc.version;
    const sidecar = await readOrInvalid(store, sidecarPathFor(URI.parse(uri).fsPath));
    if (documents.get(uri)?.version !== version) return; // a newer edit will refresh
    const previous = this.states.get(uri);
    trace.mark('read');
    const state = await loadState(analyzer, { uri, version, settings: sourceSettings, text, sidecar, tracked: tracker.spans(uri) }, undefined, this.analysis.analyseFor(uri, trace));
    if (documents.get(uri)?.version !== version) return; // edited during a long analysis: a newer one follows
    this.states.set(uri, state);
    tracker.set(uri, state.tagged.anchors);
    this.analysed.fire({ state, previous });
    const sent = await diagnostics.publish(state, trace);
    if (sent !== undefined) {
      const { message, verbose } = trace.entry(version, sent);
      this.o.connection.tracer.log(message, verbose);
    }
    this.published.fire(state);
    const waiting = this.waiters.get(uri) ?? [];
    this.waiters.delete(uri);
    for (const resolve of waiting) resolve();
    // Opened after the source changed outside the editor (git pull, a script): the tags were just
    // re-anchored from their quotes; record that in the sidecar if the editor shows what is on disk.
    if (!previous && state.sidecar.state === 'ok' && state.sidecar.sidecar.sourceSha256 !== sha256Hex(text) && (await this.showsDiskText(uri, text))) {
      await this.persist(uri);
    }
  }

  /** Brings the sidecar's offsets, quotes and orphan marks in step with the document as analysed. */
  private async persist(uri: string): Promise<void> {
    const state = this.states.get(uri);
    if (!state || state.sidecar.state !== 'ok') return;
    try {
      await this.o.tags.apply(state, {}, { op: 'rebase' });
    } catch (e) {
      this.o.connection.console.warn(`Sourcemark could not update ${state.sidecarPath}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** True when the document's text is the file's (so offsets computed on it are right for the file). */
  private async showsDiskText(uri: string, text: string): Promise<boolean> {
    const disk = await readFile(URI.parse(uri).fsPath, 'utf8').catch(() => undefined);
    return disk !== undefined && (disk.charCodeAt(0) === 0xfeff ? disk.slice(1) : disk) === text;
  }

  private cancel(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
  }

  /** Stops the analyses waiting to run (the client is going away). */
  shutdown(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.analysis.dispose();
  }
}
