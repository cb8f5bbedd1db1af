// After an edit of a long open source the findings come as a delta against the last ones
// (analysisWire.ts), and a publish reads each kept finding's diagnostic through that edit
// (DiagnosticReuse.across) instead of describing and placing it again. Whatever the edits (line
// breaks, non-ASCII, tags, changed claims), the diagnostics are the ones a fresh build gives, in
// the same order; an unchanged one is the very object sent last time. The view's counts are read
// through the edit too, and are a plain count's.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/core/analyzer';
import { analyzeSource, type ShownAnalysis, type SourceAnalysis } from '../../src/core/sourceAnalysis';
import { makeQuoteTarget, sha256Hex } from '../../src/core/tags/quoteSelector';
import type { Sidecar } from '../../src/core/tags/annotation';
import { fromWire, toWire } from '../../src/server/analysisWire';
import { toDiagnostics, type DiagnosticReuse } from '../../src/server/diagnostics';
import { editOf } from '../../src/server/findingsEdits';
import { DEFAULT_SETTINGS } from '../../src/server/settings';
import { slicedDiagnostics } from '../../src/server/slicedDiagnostics';
import { summaryOf } from '../../src/server/sourceSummary';
import { countFindings } from '../../src/core/sourceCounts';
import type { SourceState } from '../../src/server/sourceState';
import { applyEdit, editArb } from '../core/randomEdits';

const SOURCES = path.resolve(__dirname, '../../test-fixtures/sources');
const URI = 'file:///work/news/a.txt';
const sample = ['000_10788ba24ea37e24.txt', '002_3b3f9ef10a23df2c.txt'].map((f) => readFileSync(path.join(SOURCES, f), 'utf8')).join('\n\n');
// Names and dates are diagnostics too, so that every kind goes through the edit.
const settings = { ...DEFAULT_SETTINGS, diagnostics: { entities: true, dates: true, quotations: true } };

/** Tags on the first claims of `text`, by their words (they follow the text through edits). */
function tagsOn(text: string, analysed: SourceAnalysis): Sidecar {
  const at = '2025-01-31T14:05:00.000Z';
  const claims = analysed.tagged.findings.filter((f) => f.kind === 'claim').slice(0, 3);
  return {
    schemaVersion: 3, source: 'a.txt', sourceSha256: sha256Hex(text),
    annotations: claims.map((f, i) => ({ id: `a_00000000000${i}`, kind: 'claim' as const, status: 'verified' as const, target: makeQuoteTarget(text, f.start, f.end), createdAt: at, updatedAt: at })),
  };
}

const stateOf = (text: string, version: number, held: ShownAnalysis): SourceState =>
  ({ uri: URI, version, settings, text, bom: false, sidecarPath: '', sidecar: { state: 'missing' }, ...held }) as SourceState;

const fresh = (doc: TextDocument, state: SourceState) => toDiagnostics(doc, state);

describe('diagnostics across an edit taken in as a delta', () => {
  it('are those a fresh build gives, after any edits; those the edit left alone are the very objects', async () => {
    await fc.assert(fc.asyncProperty(fc.array(editArb(4), { minLength: 1, maxLength: 4 }), fc.boolean(), async (edits, tagged) => {
      const analyzer = new Analyzer();
      let text = sample;
      const first = analyzeSource(analyzer, text, undefined, {});
      const sidecar = tagged ? tagsOn(text, first) : undefined;
      let analysed = sidecar ? analyzeSource(analyzer, text, sidecar, {}) : first;
      let held = await fromWire(toWire(analysed, 50));
      let state = stateOf(text, 1, held);
      let reuse: DiagnosticReuse = { made: [] };
      let sent = await slicedDiagnostics(TextDocument.create(URI, 'plaintext', 1, text), state, 50, reuse);
      expect(sent).toEqual(fresh(TextDocument.create(URI, 'plaintext', 1, text), state));
      expect(summaryOf(state).counts).toEqual(countFindings(state.tagged));
      for (const [k, e] of edits.entries()) {
        const base = { seq: k + 1, text, analysed };
        const heldBefore = held;
        text = applyEdit(text, e);
        analysed = analyzeSource(analyzer, text, sidecar, {});
        held = await fromWire(toWire(analysed, 50, base, text), heldBefore);
        const edit = editOf(held.tagged.findings, heldBefore.tagged.findings);
        expect(edit).toBeDefined();
        const before = state;
        state = stateOf(text, k + 2, held);
        const doc = TextDocument.create(URI, 'plaintext', k + 2, text);
        const last = reuse;
        reuse = { made: [], across: { ...edit!, diagnostics: last.made } };
        const previous = new Set<Diagnostic>(sent);
        sent = await slicedDiagnostics(doc, state, 50, reuse);
        expect(JSON.stringify(sent)).toBe(JSON.stringify(fresh(doc, state)));
        expect(reuse.made.length).toBe(state.tagged.findings.length);
        // The view's counts, from the last ones through the edit, are a plain count's.
        expect(summaryOf(state).counts).toEqual(countFindings(state.tagged));
        // A finding before the edit, the same object as before: its diagnostic is the one sent.
        const prefix = edit!.prefix;
        const kept = state.tagged.findings.filter((f) => f.end <= prefix && before.tagged.findings.includes(f));
        for (const d of sent) if (kept.some((f) => f.id === (d.data as { findingId: string }).findingId)) expect(previous.has(d)).toBe(true);
      }
    }), { numRuns: 40, seed: 0xd1a9 });
  });
});
