import type { TextDocument } from 'vscode-languageserver-textdocument';
import { describe } from '../core/kinds';
import { countFindings } from '../core/sourceCounts';
import { toPlain } from '../core/text/richText';
import { cut } from '../core/text/shorten';
import type { SidecarRead } from '../core/tags/sidecarStore';
import type { FindingItem, FindingsScope, SourceSummary } from '../shared/protocol';
import type { SourceState } from './sourceState';

export { emptyCounts } from '../core/sourceCounts';

const MAX_ITEM_TEXT = 200;

export function summaryOf(state: SourceState): SourceSummary {
  const problem = problemOf(state.skippedReason, state.sidecar, state.sidecarPath);
  return { uri: state.uri, counts: countFindings(state.tagged), ...(problem ? { problem } : {}) };
}

/** What a listing says is wrong with a source: not analysed, or its tags not loaded. */
export function problemOf(skippedReason: string | undefined, sidecar: SidecarRead, sidecarPath: string): string | undefined {
  return skippedReason ?? (sidecar.state === 'invalid' ? `Tags not loaded from ${sidecarPath}: ${sidecar.problem.message}` : undefined);
}

/** Findings as plain data with editor ranges, for decorations, navigation and the sources view. */
export function findingItems(doc: TextDocument, state: SourceState, scope: FindingsScope = 'all'): FindingItem[] {
  const findings = scope === 'all' ? state.tagged.findings : state.tagged.findings.filter((f) => f.kind === 'claim' || f.annotation);
  return findings.map((f) => {
    const d = describe(f);
    const item: FindingItem = {
      id: f.id,
      kind: f.kind,
      start: f.start,
      end: f.end,
      range: { start: doc.positionAt(f.start), end: doc.positionAt(f.end) },
      text: cut(f.text, MAX_ITEM_TEXT),
      region: f.region,
      score: f.score,
      label: toPlain(d.message),
    };
    if (f.commenter) item.commenter = f.commenter;
    if (f.annotation) {
      item.status = f.annotation.status;
      item.annotationId = f.annotation.id;
      if (f.annotation.note) item.note = f.annotation.note;
    }
    if (f.entity) {
      item.entityType = f.entity.type;
      item.entityKey = f.entity.key;
      item.mentions = f.entity.mentions;
    }
    if (d.value) item.value = d.value;
    if (d.valueLabel) item.valueLabel = d.valueLabel;
    if (d.speaker) item.speaker = d.speaker;
    return item;
  });
}
