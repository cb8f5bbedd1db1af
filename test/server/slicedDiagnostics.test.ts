// A source's diagnostics built a slice of findings at a time (src/server/slicedDiagnostics.ts) are
// the ones toDiagnostics builds in one go: same items, same order, whatever the state holds.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/core/analyzer';
import type { Conflict } from '../../src/core/corpus/conflicts';
import type { CrossSourceView } from '../../src/server/crossSource';
import { diagnosticsById, toDiagnostics, type DiagnosticReuse } from '../../src/server/diagnostics';
import { DEFAULT_SETTINGS } from '../../src/server/settings';
import { DIAGNOSTIC_CODES } from '../../src/shared/protocol';
import { isSentAgain } from '../../src/server/sentAgain';
import { slicedDiagnostics } from '../../src/server/slicedDiagnostics';
import { resetSliceStats, sliceStats } from '../../src/server/slices';
import { loadState, type SourceState } from '../../src/server/sourceState';
import { ann, sidecar } from '../core/tags/fixtures';
import { turnsDuring } from './eventLoopTurns';

const SOURCES = path.resolve(__dirname, '../../test-fixtures/sources');
const URI = 'file:///work/news/a.txt';
// Sample prose, and a paragraph that is not prose (a note on its first line).
const text = `${readFileSync(path.join(SOURCES, '000_10788ba24ea37e24.txt'), 'utf8')}\n\n${'the quick brown fox jumps over the lazy dog '.repeat(200)}\n`;
const settings = { ...DEFAULT_SETTINGS, severity: { ...DEFAULT_SETTINGS.severity, entity: 'information' as const, date: 'warning' as const } };

async function stateWith(read: Parameters<typeof loadState>[1]['sidecar']): Promise<SourceState> {
  return loadState(new Analyzer(0), { uri: URI, version: 1, settings, text, sidecar: read });
}

/** A tag on a claim, a second tag on it, and one whose words are gone. */
async function taggedState(): Promise<SourceState> {
  const plain = await stateWith({ state: 'missing' });
  const claim = plain.tagged.findings.find((f) => f.kind === 'claim')!;
  const quote = (id: string, status: 'verified' | 'contradicted') =>
    ann(id, claim.start, claim.end, { status, target: { start: claim.start, end: claim.end, exact: text.slice(claim.start, claim.end), prefix: '', suffix: '' } });
  const tags = sidecar([quote('a_000000000001', 'verified'), quote('a_000000000002', 'contradicted'),
    ann('a_000000000003', 0, 10, { target: { start: 0, end: 10, exact: 'words no longer here', prefix: '', suffix: '' } })]);
  const state = await stateWith({ state: 'ok', sidecar: tags, raw: JSON.stringify(tags) });
  // A conflict with another source on the first claim.
  const span = (start: number, end: number) => ({ start, end });
  const side = (sourceId: string) => ({
    sourceId, findingId: claim.id, findingKind: 'claim' as const, span: span(claim.start, claim.end), focus: span(claim.start, claim.start + 6),
    quote: claim.text, focusText: claim.text.slice(0, 6), value: sourceId.slice(-5),
  });
  const conflict: Conflict = { id: 'c1', kind: 'time-frame', subject: 'x', sides: [side(URI), side('file:///work/news/b.txt')] };
  const crossSource: CrossSourceView = {
    links: new Map(), conflicts: [conflict], entities: new Map(), speakers: new Map(), labels: new Map([['file:///work/news/b.txt', 'b.txt']]), lines: new Map([['file:///work/news/b.txt', [0]]]), indexed: 2, indexing: false,
  };
  return { ...state, crossSource };
}

describe('slicedDiagnostics', () => {
  it('gives what toDiagnostics gives: notes, orphans, duplicates, findings and conflicts, in order', async () => {
    const state = await taggedState();
    const doc = TextDocument.create(URI, 'plaintext', 1, text);
    const whole = toDiagnostics(doc, state);
    expect(new Set(whole.map((d) => d.code)).size).toBeGreaterThanOrEqual(6);
    expect(state.tagged.findings.length).toBeGreaterThan(20);
    resetSliceStats();
    expect(await slicedDiagnostics(doc, state, 5)).toEqual(whole);
    expect(sliceStats().largest).toBe(5);
  });

  it('settles a conflict whose two sides are tagged as toDiagnostics does (this side\'s tag read from all of its findings, not a slice)', async () => {
    const state = await taggedState();
    const [mine, other] = state.crossSource!.conflicts[0]!.sides;
    const settled: SourceState = { ...state, crossSource: { ...state.crossSource!, conflicts: [{ ...state.crossSource!.conflicts[0]!, sides: [mine, { ...other, tag: { id: 'b1', status: 'verified' } }] }] } };
    const doc = TextDocument.create(URI, 'plaintext', 1, text);
    const whole = toDiagnostics(doc, settled);
    expect(whole.filter((d) => d.code === DIAGNOSTIC_CODES.conflict).map((d) => d.severity)).toEqual([DiagnosticSeverity.Hint]);
    expect(await slicedDiagnostics(doc, settled, 5)).toEqual(whole);
  });

  it('gives what toDiagnostics gives for a sidecar that cannot be read and for a source not analysed', async () => {
    const doc = TextDocument.create(URI, 'plaintext', 1, text);
    const invalid = await stateWith({ state: 'invalid', problem: { code: 'invalid-json', message: 'Unexpected token' } });
    expect(await slicedDiagnostics(doc, invalid, 5)).toEqual(toDiagnostics(doc, invalid));
    const skipped = { ...invalid, analysis: undefined, skippedReason: 'too complex', tagged: { ...invalid.tagged } };
    expect(await slicedDiagnostics(doc, skipped, 5)).toEqual(toDiagnostics(doc, skipped));
  });

  it('reuses the diagnostic of each finding that shows the same after an edit above it, and builds the others anew', async () => {
    const at = text.indexOf(' ', text.indexOf('\n\n') + 2);
    const edited = `${text.slice(0, at)} really${text.slice(at)}`;
    const [before, after] = await Promise.all([text, edited].map((t) => loadState(new Analyzer(0), { uri: URI, version: 1, settings, text: t, sidecar: { state: 'missing' } })));
    const [doc, editedDoc] = [text, edited].map((t) => TextDocument.create(URI, 'plaintext', 1, t));
    const first: DiagnosticReuse = { made: [] };
    const shown = await slicedDiagnostics(doc!, before!, 5, first);
    // By id: these findings did not come as a delta (no edit to read through).
    const second: DiagnosticReuse = { before: diagnosticsById(before!.tagged.findings, first.made), made: [] };
    const next = await slicedDiagnostics(editedDoc!, after!, 5, second);
    // What a publish without reuse gives, whatever was reused.
    expect(next).toEqual(toDiagnostics(editedDoc!, after!));
    const previous = new Map(shown.map((d) => [JSON.stringify(d), d]));
    let reused = 0;
    for (const d of next) {
      const same = previous.get(JSON.stringify(d));
      if (same && d.data) {
        expect(d).toBe(same);
        reused++;
      } else expect(shown).not.toContain(d);
    }
    // Only the findings of the edited line after the edit, and those the edit changed, are new.
    const line = editedDoc!.positionAt(at).line;
    expect(next.filter((d) => !previous.has(JSON.stringify(d))).every((d) => d.range.end.line === line || d.range.start.line === line)).toBe(true);
    expect(reused).toBeGreaterThan(next.length / 2);
    // Each finding's diagnostic is marked for the writer to keep its bytes (sentAgain.ts).
    expect(next.filter((d) => d.data).every((d) => isSentAgain(d))).toBe(true);
  });

  it('lets the event loop run between slices', async () => {
    const state = await taggedState();
    const doc = TextDocument.create(URI, 'plaintext', 1, text);
    const turns = await turnsDuring(() => slicedDiagnostics(doc, state, 5));
    expect(turns).toBeGreaterThanOrEqual(Math.floor(state.tagged.findings.length / 5));
  });
});
