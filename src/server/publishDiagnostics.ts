import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { notifyClient } from './clientGone';
import { toDiagnostics } from './diagnostics';
import type { SourceState } from './sourceState';

/** The one place diagnostics are sent: a source's, after each analysis or change of what other sources say; none once it closes. */
export class DiagnosticsPublisher {
  constructor(private readonly connection: Connection, private readonly documents: TextDocuments<TextDocument>) {}

  /** Sends the diagnostics of `state`, if its document is still at that version. */
  async publish(state: SourceState): Promise<void> {
    const doc = this.documents.get(state.uri);
    if (!doc || doc.version !== state.version) return;
    await this.connection.sendDiagnostics({ uri: state.uri, version: state.version, diagnostics: toDiagnostics(doc, state) });
  }

  clear(uri: string): void {
    notifyClient(() => this.connection.sendDiagnostics({ uri, diagnostics: [] }));
  }
}
