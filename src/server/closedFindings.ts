// A closed source's findings, for the Sourcemark view when the user expands it: read from disk and
// analysed (by an index worker when there is one, so hover on the open file is not held up).
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analyzer } from '../core/analyzer';
import type { SidecarStore } from '../core/tags/sidecarStore';
import type { DocumentFindings } from '../shared/protocol';
import type { SourcemarkSettings } from './settings';
import { loadState } from './sourceState';
import { documentExtras, selectedFindings, summaryOf, type FindingsSelection } from './sourceSummary';

export interface FindingsJob {
  uri: string;
  settings: SourcemarkSettings;
  selection: FindingsSelection;
}

export async function closedFindings(analyzer: Analyzer, store: SidecarStore, job: FindingsJob): Promise<DocumentFindings> {
  const state = await loadState(analyzer, { uri: job.uri, version: -1, settings: job.settings }, store);
  const doc = TextDocument.create(job.uri, 'plaintext', 0, state.text);
  return { ...summaryOf(state), isSource: true, ...(await selectedFindings(doc, state, job.selection)), ...documentExtras(doc, state) };
}
