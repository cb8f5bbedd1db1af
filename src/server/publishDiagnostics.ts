import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { notifyClient } from './clientGone';
import { slicedDiagnostics } from './slicedDiagnostics';
import type { SourceState } from './sourceState';

/** The one place diagnostics are sent: a source's, after each analysis or change of what other sources say; none once it closes. */
export class DiagnosticsPublisher {
  /** The latest publish begun per source: one built over several turns of the event loop must not overtake a newer one. */
  private readonly latest = new Map<string, number>();
  private next = 0;

  constructor(private readonly connection: Connection, private readonly documents: TextDocuments<TextDocument>) {}

  /** Sends the diagnostics of `state`, if its document is still at that version (a source with many findings: built in slices). */
  async publish(state: SourceState): Promise<void> {
    const doc = this.documents.get(state.uri);
    if (!doc || doc.version !== state.version) return;
    const mine = ++this.next;
    this.latest.set(state.uri, mine);
    const diagnostics = await slicedDiagnostics(doc, state);
    if (this.latest.get(state.uri) !== mine) return;
    this.latest.delete(state.uri);
    if (this.documents.get(state.uri) !== doc || doc.version !== state.version) return;
    try {
      await this.connection.sendDiagnostics({ uri: state.uri, version: state.version, diagnostics });
    } catch {
      // The client is gone (its pipe closed during the publish): there is no one to show them to.
    }
  }

  clear(uri: string): void {
    this.latest.delete(uri);
    notifyClient(() => this.connection.sendDiagnostics({ uri, diagnostics: [] }));
  }
}
