// A code action request's findings are found by binary search (codeActions.ts actionTargets): each
// diagnostic's finding where the diagnostic is, others by a scan. Whatever the editor sends (the
// diagnostics as published, moved by an edit since, another tool's, ids that are not there, wide
// ranges) they must be exactly what scanning every finding gives, in the same order.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/core/analyzer';
import { compareByKind } from '../../src/core/model';
import { analyzeSource } from '../../src/core/sourceAnalysis';
import type { TaggedFinding } from '../../src/core/taggedFindings';
import { actionTargets } from '../../src/server/codeActions';
import { toDiagnostics } from '../../src/server/diagnostics';
import { DEFAULT_SETTINGS } from '../../src/server/settings';
import { loadState, type SourceState } from '../../src/server/sourceState';
import { DIAGNOSTIC_SOURCE, type FindingDiagnosticData } from '../../src/shared/protocol';

const URI = 'file:///work/news/a.txt';
const TEXT = readFileSync(path.resolve(__dirname, '../../test-fixtures/sources/000_10788ba24ea37e24.txt'), 'utf8');

/** What codeActionsFor chose before: filters over every finding. */
function scanned(state: SourceState, start: number, end: number, diagnostics: readonly Diagnostic[]): TaggedFinding[] {
  const all = state.tagged.findings;
  const ids = new Set(diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE).map((d) => (d.data as FindingDiagnosticData | undefined)?.findingId));
  const named = all.filter((f) => ids.has(f.id));
  const here = start === end
    ? all.filter((f) => f.start <= start && start <= f.end && f.end > f.start).sort((a, b) => a.end - a.start - (b.end - b.start))
    : all.filter((f) => f.start === start && f.end === end);
  let findings = [...new Set([...named, ...here])];
  if (!findings.length && start !== end) findings = all.filter((f) => f.start < end && start < f.end);
  return findings.sort(compareByKind);
}

describe('actionTargets', () => {
  it('equals a scan of every finding, for any range and any diagnostics sent with it', async () => {
    // Names, dates and quotations as diagnostics too, so that every kind can be named.
    const settings = { ...DEFAULT_SETTINGS, diagnostics: { ...DEFAULT_SETTINGS.diagnostics, entities: true, dates: true, quotations: true } };
    const state = await loadState(new Analyzer(), { uri: URI, version: 1, settings, text: TEXT, sidecar: { state: 'missing' } }, undefined,
      async (a, t, s, o, tracked) => analyzeSource(a, t, s, o, tracked));
    const doc = TextDocument.create(URI, 'plaintext', 1, TEXT);
    const published = toDiagnostics(doc, state).filter((d) => (d.data as FindingDiagnosticData | undefined)?.findingId);
    expect(published.length).toBeGreaterThan(30);
    const offsetAt = (p: Diagnostic['range']['start']) => doc.offsetAt(p);
    const range = (a: number, b: number) => ({ start: doc.positionAt(Math.min(a, b)), end: doc.positionAt(Math.max(a, b)) });
    const offset = fc.integer({ min: 0, max: TEXT.length });
    const diagnostic = fc.oneof(
      // As published.
      fc.constantFrom(...published),
      // Published, then moved by an edit the server has seen and the editor not yet.
      fc.tuple(fc.constantFrom(...published), fc.integer({ min: -300, max: 300 })).map(([d, by]) => {
        const [s, e] = [doc.offsetAt(d.range.start) + by, doc.offsetAt(d.range.end) + by];
        return { ...d, range: range(s, e) };
      }),
      // Another tool's, an id that is not there, and one over the whole text.
      fc.tuple(fc.constantFrom(...published), offset, offset).map(([d, a, b]) => ({ ...d, source: 'other', range: range(a, b) })),
      fc.tuple(offset, offset).map(([a, b]) => ({ range: range(a, b), message: '', source: DIAGNOSTIC_SOURCE, data: { findingId: 'claim:nothere' } })),
      fc.constantFrom(...published).map((d) => ({ ...d, range: range(0, TEXT.length) })),
    );
    // A cursor, a selection, or exactly a finding selected.
    const request = fc.oneof(
      fc.tuple(offset, fc.oneof(fc.constant(0), fc.nat(40), fc.nat(600))).map(([s, n]) => [s, Math.min(TEXT.length, s + n)] as const),
      fc.constantFrom(...state.tagged.findings).map((f) => [f.start, f.end] as const),
    );
    fc.assert(
      fc.property(request, fc.array(diagnostic, { maxLength: 6 }), ([start, end], diagnostics) => {
        expect(actionTargets(state, start, end, diagnostics, offsetAt)).toEqual(scanned(state, start, end, diagnostics));
      }),
      { numRuns: 400 },
    );
  });
});
