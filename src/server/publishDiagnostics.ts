// How a source's diagnostics reach the client: pushed after each analysis (publishDiagnostics), or,
// for a client that can pull them (LSP 3.17: VS Code, not the tests' client), kept as a report the
// client asks for after each change. A pulled report that did not change is answered "unchanged"
// in a few bytes: a one-word edit of a 1 MB source changes none of its 3,171 diagnostics most of
// the time, yet each push sent all of them (980 KB), and VS Code parsed them, replaced every marker
// and redrew the Problems view.
import { isDeepStrictEqual } from 'node:util';
import type {
  CancellationToken, Connection, Diagnostic, DocumentDiagnosticReport, InitializeParams, ServerCapabilities, TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { notifyClient } from './clientGone';
import type { Feature, ServerContext } from './context';
import { slicedDiagnostics } from './slicedDiagnostics';
import { SLICE_ITEMS } from './slices';
import type { SourceState } from './sourceState';

/** How long a pull waits for the diagnostics of an analysis that is done (a long source's are built over many turns). */
const REPORT_WAIT_MS = 10_000;

/** A source's diagnostics as made for a version of it, for a client that pulls them. */
interface Report {
  version: number;
  resultId: string;
  items: Diagnostic[];
}

/** Whether two lists of diagnostics show the same: most items are the very objects (DiagnosticReuse), the rest are compared. */
export function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !isDeepStrictEqual(a[i], b[i])) return false;
  return true;
}

/** The one place diagnostics are sent: a source's, after each analysis or change of what other sources say; none once it closes. */
export class DiagnosticsPublisher {
  /** The latest publish begun per source: one built over several turns of the event loop must not overtake a newer one. */
  private readonly latest = new Map<string, number>();
  private next = 0;
  /** Each open source's finding diagnostics as last sent, by finding id: the next publish reuses those that did not change. */
  private readonly sent = new Map<string, Map<string, Diagnostic>>();
  /** Pulled, not pushed: the client can pull and can be told to pull again (workspace/diagnostic/refresh). */
  private pulled = false;
  private readonly reports = new Map<string, Report>();
  private nextResult = 0;
  /** Pulls waiting for a source's next report. */
  private readonly waiting = new Map<string, Set<() => void>>();
  /** Pulls being answered per source: a report that changes while none is, is announced with a refresh. */
  private readonly asking = new Map<string, number>();
  private refreshQueued = false;

  constructor(private readonly connection: Connection, private readonly documents: TextDocuments<TextDocument>) {}

  /** Decides push or pull from what the client supports (SOURCEMARK_DIAGNOSTICS=push: push whatever it supports); the capability to announce. */
  initialize(params: InitializeParams): Partial<ServerCapabilities> {
    const caps = params.capabilities;
    this.pulled = process.env.SOURCEMARK_DIAGNOSTICS !== 'push' && !!caps.textDocument?.diagnostic && !!caps.workspace?.diagnostics?.refreshSupport;
    return this.pulled ? { diagnosticProvider: { identifier: 'sourcemark', interFileDependencies: false, workspaceDiagnostics: false } } : {};
  }

  /** Makes the diagnostics of `state`, if its document is still at that version (a source with many findings: in slices), and sends or keeps them. */
  async publish(state: SourceState): Promise<void> {
    try {
      const doc = this.documents.get(state.uri);
      if (!doc || doc.version !== state.version) return;
      const mine = ++this.next;
      this.latest.set(state.uri, mine);
      const reuse = { before: this.sent.get(state.uri) ?? new Map<string, Diagnostic>(), now: new Map<string, Diagnostic>() };
      const diagnostics = await slicedDiagnostics(doc, state, SLICE_ITEMS, reuse);
      if (this.latest.get(state.uri) !== mine) return;
      this.latest.delete(state.uri);
      if (this.documents.get(state.uri) !== doc || doc.version !== state.version) return;
      this.sent.set(state.uri, reuse.now);
      if (this.pulled) return this.keep(state.uri, state.version, diagnostics);
      try {
        await this.connection.sendDiagnostics({ uri: state.uri, version: state.version, diagnostics });
      } catch {
        // The client is gone (its pipe closed during the publish): there is no one to show them to.
      }
    } finally {
      // Made, dropped for a newer one, or not made: a pull waiting looks again.
      this.wake(state.uri);
    }
  }

  clear(uri: string): void {
    this.latest.delete(uri);
    this.sent.delete(uri);
    if (!this.pulled) return notifyClient(() => this.connection.sendDiagnostics({ uri, diagnostics: [] }));
    const had = this.reports.delete(uri);
    this.wake(uri);
    // Open and no longer a source: the client pulls again and drops what it shows (a closed one's it drops itself).
    if (had && this.documents.get(uri)) this.refreshSoon();
  }

  /**
   * The answer to a pull: the diagnostics of the document's current version once made (`current`
   * waits for its analysis), "unchanged" when they are those of `previousResultId`. Nothing for a
   * document that is not an open source.
   */
  async answer(uri: string, previousResultId: string | undefined, current: (uri: string) => Promise<SourceState | undefined>, token: CancellationToken): Promise<DocumentDiagnosticReport> {
    this.asking.set(uri, (this.asking.get(uri) ?? 0) + 1);
    try {
      return await this.reportFor(uri, previousResultId, current, token);
    } finally {
      const left = this.asking.get(uri)! - 1;
      if (left) this.asking.set(uri, left);
      else this.asking.delete(uri);
    }
  }

  private async reportFor(uri: string, previousResultId: string | undefined, current: (uri: string) => Promise<SourceState | undefined>, token: CancellationToken): Promise<DocumentDiagnosticReport> {
    for (;;) {
      const state = await current(uri);
      if (!state) return { kind: 'full', items: [] };
      const report = this.reports.get(uri);
      if (report?.version === state.version || token.isCancellationRequested) {
        if (!report) return { kind: 'full', items: [] };
        return report.resultId === previousResultId ? { kind: 'unchanged', resultId: report.resultId } : { kind: 'full', resultId: report.resultId, items: report.items };
      }
      if (!(await this.nextReport(uri, token))) return report ? { kind: 'full', resultId: report.resultId, items: report.items } : { kind: 'full', items: [] };
    }
  }

  /** Keeps `items` as the report of `version`: the same result id when they show the same as the last. */
  private keep(uri: string, version: number, items: Diagnostic[]): void {
    const before = this.reports.get(uri);
    if (before && sameDiagnostics(before.items, items)) {
      this.reports.set(uri, { ...before, version });
      return;
    }
    this.reports.set(uri, { version, resultId: String(++this.nextResult), items });
    // A pull being answered gets them; otherwise (tags, settings, other sources changed) the client is told to pull.
    if (!this.asking.get(uri)) this.refreshSoon();
  }

  /** Resolves true at the source's next publish or clear, false when cancelled or after REPORT_WAIT_MS. */
  private nextReport(uri: string, token: CancellationToken): Promise<boolean> {
    return new Promise((resolve) => {
      let set = this.waiting.get(uri);
      if (!set) this.waiting.set(uri, (set = new Set()));
      const done = (woken: boolean) => {
        clearTimeout(timer);
        cancelled.dispose();
        set.delete(wake);
        if (!set.size && this.waiting.get(uri) === set) this.waiting.delete(uri);
        resolve(woken);
      };
      const wake = () => done(true);
      const timer = setTimeout(() => done(false), REPORT_WAIT_MS);
      const cancelled = token.onCancellationRequested(() => done(false));
      set.add(wake);
    });
  }

  private wake(uri: string): void {
    for (const wake of [...(this.waiting.get(uri) ?? [])]) wake();
  }

  /** One refresh for the reports changed in this turn of the event loop. */
  private refreshSoon(): void {
    if (this.refreshQueued) return;
    this.refreshQueued = true;
    setImmediate(() => {
      this.refreshQueued = false;
      notifyClient(() => this.connection.languages.diagnostics.refresh());
    });
  }
}

/** Answers `textDocument/diagnostic` for a client that pulls diagnostics (see the head of this file). */
export function registerDiagnosticPull(ctx: ServerContext): Feature {
  ctx.connection.languages.diagnostics.on((params, token) => ctx.diagnostics.answer(params.textDocument.uri, params.previousResultId, (uri) => ctx.sources.current(uri), token));
  return { initialize: (params) => ctx.diagnostics.initialize(params) };
}
