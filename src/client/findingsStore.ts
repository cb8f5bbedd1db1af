import * as vscode from 'vscode';
import { REQUESTS, type DocumentFindings } from '../server/protocol';
import type { SourcemarkServer } from './serverState';

/**
 * The findings and tags of open sources as the server last reported them. Refetched when the
 * server announces a change, so decorations, the status bar and commands agree with each other.
 */
export class FindingsStore implements vscode.Disposable {
  private readonly cache = new Map<string, DocumentFindings>();
  private readonly stale = new Set<string>();
  private readonly emitter = new vscode.EventEmitter<string>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Fires with the URI (string) of a document whose findings changed. */
  readonly onDidChange = this.emitter.event;

  constructor(private readonly server: SourcemarkServer) {
    this.disposables.push(
      server.onSourceChanged((s) => {
        if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === s.uri)) void this.load(s.uri);
      }),
      server.onDidChangeRunning((running) => {
        if (running) return;
        const uris = [...this.cache.keys()];
        this.cache.clear();
        for (const uri of uris) this.emitter.fire(uri);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.cache.delete(d.uri.toString());
        this.stale.delete(d.uri.toString());
      }),
    );
  }

  get(uri: vscode.Uri): DocumentFindings | undefined {
    return this.cache.get(uri.toString());
  }

  /**
   * Findings for the document's current version (the server waits for its analysis).
   * Rejects with ServerNotRunningError while the server is down.
   */
  async current(document: vscode.TextDocument): Promise<DocumentFindings> {
    const cached = this.get(document.uri);
    if (cached && !this.stale.has(document.uri.toString()) && (cached.version === document.version || !cached.isSource)) return cached;
    return this.fetch(document.uri.toString());
  }

  /** After a command changed tags: the next `current()` asks the server; views keep what they show. */
  markStale(uri: vscode.Uri): void {
    this.stale.add(uri.toString());
  }

  private async fetch(uri: string): Promise<DocumentFindings> {
    this.stale.delete(uri);
    const result = await this.server.request<DocumentFindings>(REQUESTS.documentFindings, { uri });
    this.cache.set(uri, result);
    this.emitter.fire(uri);
    return result;
  }

  /** Refetches in the background; a server that is down is shown by the views, not here. */
  private async load(uri: string): Promise<void> {
    await this.fetch(uri).catch((e: Error) => {
      if (this.server.available) console.error(`Sourcemark: could not load the findings of ${uri}: ${e.message}`);
    });
  }

  /** Loads what is not cached yet, e.g. editors that were open before the server started. */
  ensure(uri: vscode.Uri): void {
    if (!this.cache.has(uri.toString())) void this.load(uri.toString());
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.emitter.dispose();
  }
}
