// Diagnostic messages are kept with the finding, and a moved copy of a finding says what its
// original says (src/server/diagnostics.ts, findingsDelta.ts): with analyses crossing as deltas, as
// a long open source's do, after edits that move findings, a tag's status changing and another
// reference date, every message is still the one describe() gives for that finding now.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe as suite, expect, it } from 'vitest';
import { Analyzer } from '../../src/core/analyzer';
import { analyzeSource, type ShownAnalysis } from '../../src/core/sourceAnalysis';
import { fromWire, toWire } from '../../src/server/analysisWire';
import { sameContentAs } from '../../src/server/findingsDelta';
import { describe } from '../../src/core/kinds';
import { toPlain } from '../../src/core/text/richText';
import { toDiagnostics } from '../../src/server/diagnostics';
import { DEFAULT_SETTINGS } from '../../src/server/settings';
import { loadState, type SourceState } from '../../src/server/sourceState';
import type { FindingDiagnosticData } from '../../src/shared/protocol';
import { ann, sidecar } from '../core/tags/fixtures';

const SOURCES = path.resolve(__dirname, '../../test-fixtures/sources');
const URI = 'file:///work/news/a.txt';
const original = readFileSync(path.join(SOURCES, '000_10788ba24ea37e24.txt'), 'utf8');
// Every kind's diagnostics on, so entities, dates and quotations are described too.
const settings = {
  ...DEFAULT_SETTINGS,
  diagnostics: { entities: true, dates: true, quotations: true },
  severity: { ...DEFAULT_SETTINGS.severity, entity: 'information' as const, date: 'warning' as const, quotation: 'hint' as const },
};
const analyzer = new Analyzer();

/** The previous analysis, against which the next crosses as a delta (as from the worker). */
let previous: { text: string; analysed: ShownAnalysis } | undefined;

async function stateOf(text: string, tags = sidecar([]), referenceDate?: string): Promise<SourceState> {
  return loadState(analyzer, {
    uri: URI, version: 1, settings: { ...settings, ...(referenceDate ? { referenceDate } : {}) }, text, sidecar: { state: 'ok', sidecar: tags, raw: JSON.stringify(tags) },
  }, undefined, async (a, t, s, o, tracked) => {
    const analysed = analyzeSource(a, t, s, o, tracked);
    const base = previous && { seq: 1, text: previous.text, analysed: previous.analysed };
    const back = await fromWire(toWire(analysed, undefined, base, t), base?.analysed);
    previous = { text: t, analysed: back };
    return back;
  });
}

/** Each finding's diagnostic says what describe() says of that finding in this state. */
function expectMessagesOf(text: string, state: SourceState): number {
  const byId = new Map(state.tagged.findings.map((f) => [f.id, f]));
  let checked = 0;
  for (const d of toDiagnostics(TextDocument.create(URI, 'plaintext', 1, text), state)) {
    const id = (d.data as FindingDiagnosticData | undefined)?.findingId;
    const f = id === undefined ? undefined : byId.get(id);
    if (!f || (d.data as FindingDiagnosticData).conflictId) continue;
    expect(d.message).toBe(toPlain(describe(f, state.analysis).message));
    checked++;
  }
  return checked;
}

suite('diagnostic messages', () => {
  it('are those of the finding as it is now, after edits, tag changes and another reference date', async () => {
    let text = original;
    let state = await stateOf(text);
    const kinds = new Set(state.tagged.findings.map((f) => f.kind));
    expect(kinds.size).toBeGreaterThanOrEqual(3);
    expect(expectMessagesOf(text, state)).toBeGreaterThan(10);

    // Words inserted near the start move every finding after them: same messages, other offsets.
    for (const insert of ['Plainly ', 'Reportedly, ', '\n\n']) {
      text = insert + text;
      state = await stateOf(text);
      expect(state.tagged.findings.filter((f) => sameContentAs(f) !== f).length).toBeGreaterThan(10);
      expectMessagesOf(text, state);
    }

    // A claim tagged, then its tag's status changed: the message follows the tag.
    const claim = state.tagged.findings.find((f) => f.kind === 'claim')!;
    const target = { start: claim.start, end: claim.end, exact: text.slice(claim.start, claim.end), prefix: '', suffix: '' };
    for (const status of ['verified', 'contradicted'] as const) {
      state = await stateOf(text, sidecar([ann('a_000000000001', claim.start, claim.end, { status, target })]));
      const tagged = state.tagged.findings.find((f) => f.annotation)!;
      expect(tagged.annotation!.status).toBe(status);
      expectMessagesOf(text, state);
    }

    // A reference date of its own changes how relative dates read.
    state = await stateOf(text, sidecar([]), '1999-01-01');
    expectMessagesOf(text, state);
  });
});
