// The steps of an open source's analysis in the client's trace log (src/server/analysisTrace.ts):
// written only when the client asks for a trace, in the order they happen, on one clock with the
// client's, for a source analysed on the main thread and for a long one analysed in the worker.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/core/analyzer';
import { AnalysisTrace, monotonicMs, type TraceStep } from '../../src/server/analysisTrace';
import { OpenAnalysis } from '../../src/server/openAnalysis';
import { cleanupsAfterEach, positionOf, read, tempWorkspace, XIAOMI_US } from './fixtureWorkspace';
import { inProcessServer } from './lspTestClient';
import { INDEX_WORKER } from './workspaceIndexFixture';

const cleanups = cleanupsAfterEach();

/** The marks of `trace` in the order given, each present and none before the one before it. */
function expectInOrder(marks: Partial<Record<TraceStep, number>>, steps: TraceStep[]): void {
  for (const step of steps) expect(marks[step], step).toBeTypeOf('number');
  for (let i = 1; i < steps.length; i++) expect(marks[steps[i]!]!, `${steps[i - 1]} ≤ ${steps[i]}`).toBeGreaterThanOrEqual(marks[steps[i - 1]!]!);
}

/** A sample source open in an in-process server that was asked for `trace`, edited once. */
async function editedSession(trace: 'off' | 'messages' | 'verbose' | undefined) {
  const ws = tempWorkspace();
  const client = inProcessServer();
  cleanups.push(ws.cleanup, () => client.shutdown());
  client.trace = trace;
  await client.initialize(ws.dir);
  const file = ws.path(XIAOMI_US);
  const text = read(file);
  const uri = await client.open(file, text);
  await client.waitForDiagnostics(uri, (d) => d.length > 0);
  const at = positionOf(text, 'Xiaomi is the fourth', 0);
  const before = monotonicMs();
  const version = await client.change(uri, [{ range: { start: at, end: at }, text: 'Indeed, ' }]);
  const diagnostics = await client.waitForDiagnostics(uri);
  // Messages arrive in order: a trace written after the diagnostics is in before this answer.
  await client.hover(uri, at);
  return { client, uri, version, diagnostics, before, after: client.diagnosticsAt.get(uri)! };
}

describe('the analysis trace', () => {
  it('names each step that took place, in order, with its time, and the marks as JSON', () => {
    const trace = new AnalysisTrace('file:///news/a.txt');
    trace.mark('changed', 100);
    trace.mark('started', 250.25);
    trace.mark('read', 250.5);
    trace.mark('analysed', 262.5);
    trace.mark('built', 264);
    trace.mark('sent', 265.75);
    const { message, verbose } = trace.entry(3, 12);
    expect(message).toBe('Analysed file:///news/a.txt (version 3), 12 diagnostics (165.8 ms in all): waited 150.3 ms, settings and tags read 0.3 ms, analysis 12.0 ms, diagnostics 1.5 ms, written 1.8 ms.');
    expect(JSON.parse(verbose)).toEqual({ uri: 'file:///news/a.txt', version: 3, diagnostics: 12, marks: { changed: 100, started: 250.25, read: 250.5, analysed: 262.5, built: 264, sent: 265.75 } });
  });

  it('is sent for each edit analysed when the client asks for a verbose trace, on the client\'s clock', async () => {
    const { client, uri, version, diagnostics, before, after } = await editedSession('verbose');
    const entries = client.traces.map((t) => JSON.parse(t.verbose!) as { uri: string; version: number; diagnostics: number; marks: Record<TraceStep, number> });
    const edit = entries.find((e) => e.version === version)!;
    expect(edit).toMatchObject({ uri, diagnostics: diagnostics.length });
    expectInOrder(edit.marks, ['changed', 'started', 'read', 'analysed', 'built', 'sent']);
    // The opening's analysis: no edit before it.
    expect(entries.find((e) => e.version === 1)?.marks.changed).toBeUndefined();
    expect(edit.marks.changed).toBeGreaterThanOrEqual(before);
    expect(edit.marks.sent).toBeLessThanOrEqual(after);
    expect(client.traces.find((t) => t.verbose === JSON.stringify(edit))?.message).toMatch(/^Analysed file:.+ \(version 2\), \d+ diagnostics \(.+ ms in all\): waited .+ ms, .*analysis .+ ms, diagnostics .+ ms, written .+ ms\.$/);
  });

  it('leaves the marks out at the "messages" level, and writes nothing unless asked', async () => {
    const messages = await editedSession('messages');
    expect(messages.client.traces.length).toBeGreaterThanOrEqual(2);
    expect(messages.client.traces.every((t) => t.verbose === undefined && t.message.startsWith('Analysed '))).toBe(true);
    for (const trace of [undefined, 'off'] as const) expect((await editedSession(trace)).client.traces).toEqual([]);
  });
});

describe.runIf(existsSync(INDEX_WORKER))('the analysis trace of a long source', () => {
  it('has the worker\'s steps between the main thread\'s, in order', async () => {
    const analysis = new OpenAnalysis({ script: INDEX_WORKER, minChars: 0, log: () => undefined });
    cleanups.push(() => analysis.dispose());
    const ws = tempWorkspace();
    cleanups.push(ws.cleanup);
    const text = read(ws.path(XIAOMI_US));
    for (const edited of [text, text.replace('Xiaomi', 'Xiaomi Corp.')]) {
      const trace = new AnalysisTrace('file:///work/news/long.txt');
      trace.mark('read');
      await analysis.analyseFor('file:///work/news/long.txt', trace)(new Analyzer(0), edited, undefined, {});
      expectInOrder(trace.marks, ['read', 'posted', 'began', 'analysed', 'encoded', 'received', 'decoded']);
    }
  });
});
