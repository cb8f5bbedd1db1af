import * as vscode from 'vscode';
import { CoalescingRunner } from './coalescingRunner';
import { DocumentFindingsRequest, type DocumentFindings, type FindingsScope } from '../shared/protocol';
import type { SourcemarkServer } from './serverState';

/**
 * The findings and tags of the sources on screen as the server last reported them, so decorations,
 * the status bar and commands agree with each other.
 *
 * After each analysis only what is drawn is refetched (claims and tagged findings, for visible
 * editors): on a long source the untagged names and dates are most of the findings, and the
 * semantic tokens already show them. Every finding is fetched when a command needs it.
 */
export class FindingsStore implements vscode.Disposable {
  /** Claims and tagged findings of visible sources, refreshed after each analysis. */
  private readonly drawn = new Map<string, DocumentFindings>();
  /** Every finding, fetched for a command and kept for that document version. */
  private readonly complete = new Map<string, DocumentFindings>();
  /** Sources whose drawn findings are out of date (tags changed, or the source changed while hidden). */
  private readonly stale = new Set<string>();
  /** Background loads in flight; `again` when a newer analysis was announced during one. */
  private readonly loading = new CoalescingRunner();
  private readonly emitter = new vscode.EventEmitter<string>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Fires with the URI (string) of a document whose findings changed. */
  readonly onDidChange = this.emitter.event;

  constructor(private readonly server: SourcemarkServer) {
    this.disposables.push(
      server.onSourceChanged((s) => {
        this.complete.delete(s.uri);
        if (vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === s.uri)) this.load(s.uri);
        else if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === s.uri)) this.stale.add(s.uri);
      }),
      // A source that changed while hidden is brought up to date when it is shown again.
      vscode.window.onDidChangeVisibleTextEditors((editors) => {
        for (const e of editors) if (this.needsLoad(e.document)) this.load(e.document.uri.toString());
      }),
      server.onDidChangeRunning((running) => {
        if (running) return;
        const uris = [...this.drawn.keys()];
        this.drawn.clear();
        this.complete.clear();
        for (const uri of uris) this.emitter.fire(uri);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        const uri = d.uri.toString();
        this.drawn.delete(uri);
        this.complete.delete(uri);
        this.stale.delete(uri);
      }),
    );
  }

  /** What is drawn: claims and tagged findings, with the source's counts. */
  get(uri: vscode.Uri): DocumentFindings | undefined {
    return this.drawn.get(uri.toString());
  }

  /**
   * Findings for the document's current version (the server waits for its analysis): every
   * finding, or with `decorated` only claims and tagged ones.
   * Rejects with ServerNotRunningError while the server is down.
   */
  async current(document: vscode.TextDocument, scope: FindingsScope = 'all'): Promise<DocumentFindings> {
    const uri = document.uri.toString();
    // `complete` is dropped whenever it goes stale; `drawn` is kept for the views until refetched.
    const cached = scope === 'all' ? this.complete.get(uri) : this.stale.has(uri) ? undefined : this.drawn.get(uri);
    if (cached && (cached.version === document.version || !cached.isSource)) return cached;
    return this.fetch(uri, scope);
  }

  /** After a command changed tags: the next `current()` asks the server; views keep what they show. */
  markStale(uri: vscode.Uri): void {
    this.stale.add(uri.toString());
    this.complete.delete(uri.toString());
  }

  private async fetch(uri: string, scope: FindingsScope): Promise<DocumentFindings> {
    if (scope === 'decorated') this.stale.delete(uri);
    const result = await this.server.request(DocumentFindingsRequest, { uri, scope });
    if (scope === 'all') {
      this.complete.set(uri, result);
      return result;
    }
    this.drawn.set(uri, result);
    this.emitter.fire(uri);
    return result;
  }

  /**
   * Refetches what is drawn in the background, one request at a time per source: analyses
   * announced while one is in flight lead to one more request, not a queue of them.
   */
  private load(uri: string): void {
    // A server that is down is shown by the views, not here.
    this.loading.run(uri, () => this.fetch(uri, 'decorated').then(() => undefined, (e: Error) => {
      if (this.server.available) console.error(`Sourcemark: could not load the findings of ${uri}: ${e.message}`);
    }));
  }

  private needsLoad(document: vscode.TextDocument): boolean {
    const uri = document.uri.toString();
    const cached = this.drawn.get(uri);
    return this.stale.has(uri) || (!!cached && cached.isSource && cached.version !== document.version);
  }

  /** Loads what is not cached yet (e.g. editors open before the server started) or is out of date. */
  ensure(uri: vscode.Uri): void {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (!this.drawn.has(uri.toString()) || (document && this.needsLoad(document))) this.load(uri.toString());
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.emitter.dispose();
  }
}
