import { describe, expect, it } from 'vitest';
import type { Diagnostic, DocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { sameDiagnostics } from '../../src/server/publishDiagnostics';
import { DIAGNOSTIC_CODES } from '../../src/shared/protocol';
import { cleanupsAfterEach, coveredText, read, tempWorkspace, XIAOMI_US } from './fixtureWorkspace';
import { inProcessServer, type LspTestClient } from './lspTestClient';

const FOURTH_LARGEST = 'Xiaomi is the fourth largest handset maker in China';

const cleanups = cleanupsAfterEach();

/** A workspace of the first sample with an in-process server whose client pulls diagnostics (as VS Code does) or has them pushed. */
async function session(pulls: boolean, files = [XIAOMI_US]): Promise<{ ws: ReturnType<typeof tempWorkspace>; client: LspTestClient; capabilities: Record<string, unknown> }> {
  const ws = tempWorkspace(files);
  const client = inProcessServer({ now: () => new Date('2026-11-22T10:00:00.000Z') });
  client.pullsDiagnostics = pulls;
  cleanups.push(ws.cleanup, () => client.shutdown());
  const { capabilities } = (await client.initialize(ws.dir)) as { capabilities: Record<string, unknown> };
  return { ws, client, capabilities };
}

function full(report: DocumentDiagnosticReport): { resultId?: string; items: Diagnostic[] } {
  if (report.kind !== 'full') throw new Error(`a full report was expected, not ${report.kind}`);
  return report;
}

/** What a client that has diagnostics pushed gets for `text` (the reference a pulled report must equal). */
async function pushed(text: string): Promise<Diagnostic[]> {
  const { ws, client } = await session(false);
  const uri = await client.open(ws.path(XIAOMI_US), text);
  return client.waitForDiagnostics(uri);
}

/** An edit of `text` at `offset`, as the client sends it, and the text after it. */
function insert(text: string, offset: number, inserted: string): { change: unknown; after: string } {
  const at = TextDocument.create('file:///x', 'plaintext', 1, text).positionAt(offset);
  return { change: { range: { start: at, end: at }, text: inserted }, after: text.slice(0, offset) + inserted + text.slice(offset) };
}

describe('diagnostics pulled by the client (LSP 3.17)', () => {
  it('are announced only to a client that can pull and be told to pull again, and then never pushed', async () => {
    const pushing = await session(false);
    expect(pushing.capabilities.diagnosticProvider).toBeUndefined();

    const { ws, client, capabilities } = await session(true);
    expect(capabilities.diagnosticProvider).toEqual({ identifier: 'sourcemark', interFileDependencies: false, workspaceDiagnostics: false });
    const text = read(ws.path(XIAOMI_US));
    const uri = await client.open(ws.path(XIAOMI_US), text);
    const report = full(await client.pullDiagnostics(uri));
    expect(report.resultId).toEqual(expect.any(String));
    expect(report.items).toEqual(await pushed(text));
    expect(report.items.some((d) => d.code === DIAGNOSTIC_CODES.untaggedClaim)).toBe(true);
    expect(client.diagnostics.has(uri)).toBe(false);
  });

  it('answers "unchanged" after an edit that changes no diagnostic, and the new list after one that does', async () => {
    const { ws, client } = await session(true);
    const text = read(ws.path(XIAOMI_US));
    const uri = await client.open(ws.path(XIAOMI_US), text);
    const first = full(await client.pullDiagnostics(uri));

    // A word at the very end: no diagnostic moves or changes. The pull is sent at once after the
    // edit, as VS Code sends it: the server answers for the edited version once it is analysed.
    const quiet = insert(text, text.length, ' Ends.');
    await client.change(uri, [quiet.change]);
    const unchanged = await client.pullDiagnostics(uri, first.resultId);
    expect(unchanged).toEqual({ kind: 'unchanged', resultId: first.resultId });

    // A line at the top: the diagnostics move down.
    const moving = insert(quiet.after, 0, 'Breaking.\n');
    await client.change(uri, [moving.change]);
    const moved = full(await client.pullDiagnostics(uri, first.resultId));
    expect(moved.resultId).not.toBe(first.resultId);
    expect(moved.items).toEqual(await pushed(moving.after));
    expect(moved.items.map((d) => d.range.start.line)).not.toEqual(first.items.map((d) => d.range.start.line));
    // Pulls that came with the edits got their answers: the client was not told to pull again.
    expect(client.diagnosticRefreshes).toBe(0);

    // Asked again without an edit: unchanged; without a previous result id: the whole list again.
    expect(await client.pullDiagnostics(uri, moved.resultId)).toEqual({ kind: 'unchanged', resultId: moved.resultId });
    expect(full(await client.pullDiagnostics(uri)).items).toEqual(moved.items);
  });

  it('tells the client to pull again when a tag changes the diagnostics without an edit', async () => {
    const { ws, client } = await session(true);
    const text = read(ws.path(XIAOMI_US));
    const uri = await client.open(ws.path(XIAOMI_US), text);
    const before = full(await client.pullDiagnostics(uri));
    const claim = before.items.find((d) => d.code === DIAGNOSTIC_CODES.untaggedClaim && coveredText(text, d).startsWith(FOURTH_LARGEST))!;
    const actions = await client.codeActions(uri, claim.range, [claim]);
    const tag = actions.find((a) => a.title === 'Tag as verified')!;
    expect(await client.executeCommand(tag.command!.command, tag.command!.arguments ?? [])).toEqual({ ok: true });
    await client.waitFor(() => client.diagnosticRefreshes > 0, 'a diagnostic refresh');
    const after = full(await client.pullDiagnostics(uri, before.resultId));
    const tagged = after.items.find((d) => coveredText(text, d).startsWith(FOURTH_LARGEST))!;
    expect(tagged.code).toBe(DIAGNOSTIC_CODES.taggedClaim);
    expect(tagged.message).toMatch(/· tagged verified$/);
    expect(client.diagnostics.has(uri)).toBe(false);
  });

  it('answers for the edited version of a source whose diagnostics are made over several turns', async () => {
    const { ws, client } = await session(true);
    // Eight copies of the sample: some 500 findings, so diagnostics are made a slice at a time.
    const sample = read(ws.path(XIAOMI_US));
    const text = Array.from({ length: 8 }, (_, i) => sample.replace(/Xiaomi/g, `Xiaomi${i}`)).join('\n\n');
    const uri = await client.open(ws.path('long.txt'), text);
    const first = full(await client.pullDiagnostics(uri));
    expect(first.items).toEqual(await pushed(text));
    const at = text.indexOf(FOURTH_LARGEST.replace('Xiaomi', 'Xiaomi4'));
    const edit = insert(text, at, 'Reportedly, ');
    await client.change(uri, [edit.change]);
    const after = full(await client.pullDiagnostics(uri, first.resultId));
    expect(after.items).toEqual(await pushed(edit.after));
    expect(after.items).not.toEqual(first.items);
  });

  it('gives nothing for a document that is not an open source, and refuses a malformed pull', async () => {
    const { ws, client } = await session(true);
    const notOpen = await client.pullDiagnostics(`file://${ws.path('missing.txt')}`);
    expect(notOpen).toEqual({ kind: 'full', items: [] });
    const uri = await client.open(ws.path(XIAOMI_US), read(ws.path(XIAOMI_US)));
    expect(full(await client.pullDiagnostics(uri)).items.length).toBeGreaterThan(0);
    await client.close(uri);
    expect(await client.pullDiagnostics(uri)).toEqual({ kind: 'full', items: [] });
    await expect(client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: 42 } })).rejects.toThrow();
    // Still serving after the refusal.
    const again = await client.open(ws.path(XIAOMI_US), read(ws.path(XIAOMI_US)));
    expect(full(await client.pullDiagnostics(again)).items.length).toBeGreaterThan(0);
  });
});

describe('sameDiagnostics', () => {
  const d = (line: number, message = 'm'): Diagnostic => ({ range: { start: { line, character: 0 }, end: { line, character: 1 } }, message });
  it('holds for the same objects or equal ones, not for a moved, changed, added or missing one', () => {
    const list = [d(1), d(2)];
    expect(sameDiagnostics(list, list.slice())).toBe(true);
    expect(sameDiagnostics(list, [d(1), d(2)])).toBe(true);
    expect(sameDiagnostics(list, [d(1), d(3)])).toBe(false);
    expect(sameDiagnostics(list, [d(1), d(2, 'other')])).toBe(false);
    expect(sameDiagnostics(list, [d(1)])).toBe(false);
    expect(sameDiagnostics(list, [...list, d(3)])).toBe(false);
  });
});
