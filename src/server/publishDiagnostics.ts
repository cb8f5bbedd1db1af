import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisTrace } from './analysisTrace';
import { notifyClient } from './clientGone';
import { diagnosticsById, diagnosticsKey, type DiagnosticReuse } from './diagnostics';
import { editOf } from './findingsEdits';
import { slicedDiagnostics } from './slicedDiagnostics';
import type { TaggedFinding } from '../core/taggedFindings';
import { SLICE_ITEMS } from './slices';
import type { SourceState } from './sourceState';

/** The one place diagnostics are sent: a source's, after each analysis or change of what other sources say; none once it closes. */
export class DiagnosticsPublisher {
  /** The latest publish begun per source: one built over several turns of the event loop must not overtake a newer one. */
  private readonly latest = new Map<string, number>();
  private next = 0;
  /**
   * Each open source's finding diagnostics as last sent, beside the findings they were made of, with
   * what else they show (diagnosticsKey). The next publish reuses those that did not change: through
   * the edit between the two lists of findings when there is one (findingsEdits.ts), else by id.
   */
  private readonly sent = new Map<string, { findings: readonly TaggedFinding[]; made: (Diagnostic | undefined)[]; key: string }>();

  constructor(private readonly connection: Connection, private readonly documents: TextDocuments<TextDocument>) {}

  /**
   * Sends the diagnostics of `state`, if its document is still at that version (a source with many
   * findings: built in slices). Returns how many were sent, undefined when none were (a newer
   * version came); `trace` gets the steps.
   */
  async publish(state: SourceState, trace?: AnalysisTrace): Promise<number | undefined> {
    const doc = this.documents.get(state.uri);
    if (!doc || doc.version !== state.version) return undefined;
    const mine = ++this.next;
    this.latest.set(state.uri, mine);
    const last = this.sent.get(state.uri);
    const key = diagnosticsKey(state);
    const findings = state.tagged.findings;
    const edit = last && last.key === key ? editOf(findings, last.findings) : undefined;
    const made = new Array<Diagnostic | undefined>(findings.length);
    const reuse: DiagnosticReuse = edit ? { made, across: { ...edit, diagnostics: last!.made } } : { made, ...(last ? { before: diagnosticsById(last.findings, last.made) } : {}) };
    const diagnostics = await slicedDiagnostics(doc, state, SLICE_ITEMS, reuse);
    if (this.latest.get(state.uri) !== mine) return undefined;
    this.latest.delete(state.uri);
    if (this.documents.get(state.uri) !== doc || doc.version !== state.version) return undefined;
    this.sent.set(state.uri, { findings, made, key });
    trace?.mark('built');
    try {
      await this.connection.sendDiagnostics({ uri: state.uri, version: state.version, diagnostics });
    } catch {
      // The client is gone (its pipe closed during the publish): there is no one to show them to.
      return undefined;
    }
    trace?.mark('sent');
    return diagnostics.length;
  }

  clear(uri: string): void {
    this.latest.delete(uri);
    this.sent.delete(uri);
    notifyClient(() => this.connection.sendDiagnostics({ uri, diagnostics: [] }));
  }
}
