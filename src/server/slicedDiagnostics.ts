// The diagnostics of a source with many findings, built a slice of findings at a time (slices.ts):
// toDiagnostics over the 50,000 findings of a 1 MB source held the main thread ~180 ms in one go.
// Each slice goes through toDiagnostics itself, on the state narrowed to that slice, so there is
// one place findings become diagnostics; the result is the same list in the same order
// (test/server/slicedDiagnostics.test.ts checks that against toDiagnostics).
import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { conflictDiagnostics, toDiagnostics, type DiagnosticReuse } from './diagnostics';
import { countSlice, SLICE_ITEMS, yieldToLoop } from './slices';
import type { SourceState } from './sourceState';

/** Diagnostics of `state`, as toDiagnostics gives them (reusing those of `reuse`), yielding to the event loop every `size` findings. */
export async function slicedDiagnostics(doc: TextDocument, state: SourceState, size = SLICE_ITEMS, reuse?: DiagnosticReuse): Promise<Diagnostic[]> {
  const { findings } = state.tagged;
  if (findings.length <= size) {
    countSlice(findings.length);
    return toDiagnostics(doc, state, reuse);
  }
  // What comes before the findings (the source's notes, sidecar problems, orphans, duplicates), then
  // the findings a slice at a time, then what comes after them (conflicts with other sources).
  const { notes: _notes, ...analysis } = state.analysis ?? { findings: [], reference: { from: 'none' as const }, regions: [] };
  const findingsOnly: SourceState = {
    ...state,
    ...(state.analysis ? { analysis } : {}),
    skippedReason: undefined,
    sidecar: { state: 'missing' },
    tagged: { ...state.tagged, findings: [], orphans: [], duplicates: [] },
    crossSource: undefined,
  };
  const out = toDiagnostics(doc, { ...state, tagged: { ...state.tagged, findings: [] }, crossSource: undefined });
  for (let from = 0; from < findings.length; from += size) {
    await yieldToLoop();
    const slice = findings.slice(from, from + size);
    for (const d of toDiagnostics(doc, { ...findingsOnly, tagged: { ...findingsOnly.tagged, findings: slice } }, reuse, from)) out.push(d);
    countSlice(slice.length);
  }
  await yieldToLoop();
  // With all of its findings: whether a conflict is settled reads this side's tags.
  for (const d of conflictDiagnostics(doc, state)) out.push(d);
  return out;
}
