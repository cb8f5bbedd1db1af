import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FindingCounts, FindingItem, FindingsScope, SourceSummary } from './protocol';
import type { SourceState } from './sourceState';

const MAX_ITEM_TEXT = 200;

export function emptyCounts(): FindingCounts {
  return { claims: 0, untagged: 0, verified: 0, speculative: 0, contradicted: 0, entities: 0, dates: 0, orphans: 0 };
}

/** Claims by tag status, entities, dates and orphaned tags of one source. */
export function countsOf(state: SourceState): FindingCounts {
  const counts: FindingCounts = { ...emptyCounts(), orphans: state.tagged.orphans.length };
  for (const f of state.tagged.findings) {
    if (f.kind === 'entity') counts.entities++;
    else if (f.kind === 'date') counts.dates++;
    else {
      counts.claims++;
      if (f.annotation) counts[f.annotation.status]++;
      else counts.untagged++;
    }
  }
  return counts;
}

export function summaryOf(state: SourceState): SourceSummary {
  const problem = state.skippedReason ?? (state.sidecar.state === 'invalid' ? `Tags not loaded from ${state.sidecarPath}: ${state.sidecar.problem.message}` : undefined);
  return { uri: state.uri, counts: countsOf(state), ...(problem ? { problem } : {}) };
}

/** Findings as plain data with editor ranges, for decorations, navigation and the sources view. */
export function findingItems(doc: TextDocument, state: SourceState, scope: FindingsScope = 'all'): FindingItem[] {
  const findings = scope === 'all' ? state.tagged.findings : state.tagged.findings.filter((f) => f.kind === 'claim' || f.annotation);
  return findings.map((f) => {
    const item: FindingItem = {
      id: f.id,
      kind: f.kind,
      start: f.start,
      end: f.end,
      range: { start: doc.positionAt(f.start), end: doc.positionAt(f.end) },
      text: f.text.length > MAX_ITEM_TEXT ? `${f.text.slice(0, MAX_ITEM_TEXT - 1)}…` : f.text,
    };
    if (f.annotation) {
      item.status = f.annotation.status;
      if (f.annotation.note) item.note = f.annotation.note;
    }
    if (f.entity) {
      item.entityType = f.entity.type;
      item.entityKey = f.entity.key;
    }
    if (f.date) item.dateValue = f.date.value;
    return item;
  });
}
