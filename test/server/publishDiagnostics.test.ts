// The publisher reads a long source's diagnostics through the edit between two publishes only when
// nothing else a diagnostic shows changed (diagnosticsKey): new severities, or diagnostics asked
// for names, are a fresh build's, even when the findings came as a delta against the last ones.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/core/analyzer';
import { analyzeSource, type ShownAnalysis } from '../../src/core/sourceAnalysis';
import { fromWire, toWire } from '../../src/server/analysisWire';
import { toDiagnostics } from '../../src/server/diagnostics';
import { editOf } from '../../src/server/findingsEdits';
import { DiagnosticsPublisher } from '../../src/server/publishDiagnostics';
import { DEFAULT_SETTINGS, type SourcemarkSettings } from '../../src/server/settings';
import type { SourceState } from '../../src/server/sourceState';

const URI = 'file:///work/news/a.txt';
const text = ['000_10788ba24ea37e24.txt', '002_3b3f9ef10a23df2c.txt'].map((f) => readFileSync(path.resolve(__dirname, '../../test-fixtures/sources', f), 'utf8')).join('\n\n');

function publisher(doc: () => TextDocument) {
  const sent: Diagnostic[][] = [];
  const connection = { sendDiagnostics: async (p: { diagnostics: Diagnostic[] }) => void sent.push(p.diagnostics) } as unknown as Connection;
  const documents = { get: () => doc() } as unknown as TextDocuments<TextDocument>;
  return { sent, publisher: new DiagnosticsPublisher(connection, documents) };
}

const stateOf = (version: number, settings: SourcemarkSettings, held: ShownAnalysis): SourceState =>
  ({ uri: URI, version, settings, text, bom: false, sidecarPath: '', sidecar: { state: 'missing' }, ...held }) as SourceState;

describe('DiagnosticsPublisher', () => {
  for (const [name, settings] of [
    ['other severities', { ...DEFAULT_SETTINGS, severity: { ...DEFAULT_SETTINGS.severity, claim: 'warning' as const } }],
    ['names as diagnostics too', { ...DEFAULT_SETTINGS, diagnostics: { ...DEFAULT_SETTINGS.diagnostics, entities: true } }],
  ] as const) {
    it(`builds afresh what shows ${name}, though the findings came through an edit`, async () => {
      const analyzer = new Analyzer();
      const analysed = analyzeSource(analyzer, text, undefined, {});
      const first = await fromWire(toWire(analysed, 50));
      // The same text again, as a delta against the first: every finding is one of the last ones.
      const second = await fromWire(toWire(analyzeSource(analyzer, text, undefined, {}), 50, { seq: 1, text, analysed }, text), first);
      expect(editOf(second.tagged.findings, first.tagged.findings)).toBeDefined();
      let doc = TextDocument.create(URI, 'plaintext', 1, text);
      const { sent, publisher: p } = publisher(() => doc);
      await p.publish(stateOf(1, DEFAULT_SETTINGS, first));
      doc = TextDocument.create(URI, 'plaintext', 2, text);
      const changed = stateOf(2, settings, second);
      await p.publish(changed);
      expect(sent).toHaveLength(2);
      expect(sent[1]).toEqual(toDiagnostics(doc, changed));
      expect(sent[1]).not.toEqual(sent[0]);
    });
  }

  it('with nothing else changed, hands over the very diagnostics it sent (through the edit; diagnosticsAcrossEdits.test.ts holds that path to a fresh build)', async () => {
    const analyzer = new Analyzer();
    const analysed = analyzeSource(analyzer, text, undefined, {});
    const first = await fromWire(toWire(analysed, 50));
    const second = await fromWire(toWire(analyzeSource(analyzer, text, undefined, {}), 50, { seq: 1, text, analysed }, text), first);
    let doc = TextDocument.create(URI, 'plaintext', 1, text);
    const { sent, publisher: p } = publisher(() => doc);
    await p.publish(stateOf(1, DEFAULT_SETTINGS, first));
    doc = TextDocument.create(URI, 'plaintext', 2, text);
    await p.publish(stateOf(2, DEFAULT_SETTINGS, second));
    expect(sent[1]!.length).toBeGreaterThan(10);
    sent[1]!.forEach((d, i) => expect(d).toBe(sent[0]![i]));
  });
});
