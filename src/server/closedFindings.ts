// A closed source's findings, for the Sourcemark view when the user expands it: read from disk and
// analysed (by an index worker when there is one, so hover on the open file is not held up).
import { readFile } from 'node:fs/promises';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analyzer } from '../core/analyzer';
import { sidecarPathFor, type SidecarRead } from '../core/tags/sidecarStore';
import { decodeSource } from '../core/text/sourceText';
import type { DocumentFindings, FindingsScope } from './protocol';
import type { SourcemarkSettings } from './settings';
import { analysedState } from './sourceState';
import { findingItems, summaryOf } from './sourceSummary';

export interface FindingsJob {
  uri: string;
  path: string;
  settings: SourcemarkSettings;
  scope: FindingsScope;
}

export async function closedFindings(analyzer: Analyzer, readSidecar: (path: string) => Promise<SidecarRead>, job: FindingsJob): Promise<DocumentFindings> {
  const text = decodeSource(await readFile(job.path));
  const sidecarPath = sidecarPathFor(job.path);
  const state = analysedState(analyzer, { uri: job.uri, version: -1, text, settings: job.settings, sidecarPath, sidecar: await readSidecar(sidecarPath) });
  const doc = TextDocument.create(job.uri, 'plaintext', 0, text);
  return { ...summaryOf(state), isSource: true, findings: findingItems(doc, state, job.scope), scope: job.scope };
}
