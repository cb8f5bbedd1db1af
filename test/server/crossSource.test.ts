import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DiagnosticSeverity, type CodeAction, type CodeLens, type Diagnostic, type DocumentSymbol, type Hover, type Location, type SymbolInformation } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DIAGNOSTIC_CODES, DocumentFindingsRequest, TimelineRequest, WorkspaceSummaryRequest, type DocumentFindings, type TimelineResponse } from '../../src/shared/protocol';
import { cleanupsAfterEach, coveredText, FIXTURES, MEMO_TEXT, positionOf, read, tempWorkspace, write } from './fixtureWorkspace';
import { inProcessServer, type LspTestClient } from './lspTestClient';
import { spinningIndexWorker } from './workspaceIndexFixture';

const ALL = readdirSync(FIXTURES).filter((f) => f.endsWith('.txt')).sort();
const [XIAOMI_US, GET_READY, CGTN, TALKS] = ALL;

const cleanups = cleanupsAfterEach();

/** The samples, and `extra` sources (name → text) beside them. */
async function indexedWorkspace(settings: Record<string, unknown> = {}, extra: Record<string, string> = {}) {
  const ws = tempWorkspace(ALL);
  for (const [name, text] of Object.entries(extra)) write(ws.path(name), text);
  const client = inProcessServer({ now: () => new Date('2026-11-22T10:00:00.000Z'), indexWorkers: 0 });
  cleanups.push(ws.cleanup, () => client.shutdown());
  // The samples state no publication date; the golden findings resolve them against this one.
  client.settings = { referenceDate: '2018-03-10', ...settings };
  await client.initialize(ws.dir);
  const status = await client.indexed();
  return { ws, client, status, uri: (f: string) => pathToFileURL(ws.path(f)).href };
}

async function openAndLink(client: LspTestClient, file: string) {
  const text = read(file);
  const uri = await client.open(file, text);
  await client.waitForDiagnostics(uri, (d) => d.length > 0);
  await client.indexed();
  return { uri, text, diagnostics: client.diagnostics.get(uri)!.diagnostics };
}

/** The text a location covers in its file. */
const locationText = (l: Location) => coveredText(read(new URL(l.uri).pathname), { range: l.range } as Diagnostic);

describe('workspace index over LSP', () => {
  it('stops indexing a source from disk once it is opened in the editor (its open analysis stands for it)', async () => {
    // Index workers whose every job runs until the index cancels it: indexing finishes only if opening the source does.
    const scripts = mkdtempSync(path.join(tmpdir(), 'sourcemark-worker-'));
    const worker = spinningIndexWorker(scripts);
    const ws = tempWorkspace([XIAOMI_US]);
    const client = inProcessServer({ now: () => new Date('2026-11-22T10:00:00.000Z'), indexWorkerScript: worker, indexWorkers: 1 });
    cleanups.push(() => rmSync(scripts, { recursive: true, force: true }), ws.cleanup, () => client.shutdown());
    await client.initialize(ws.dir);
    await client.waitFor(() => client.progress.some((p) => p.kind === 'begin'), 'indexing to begin');
    const uri = await client.open(ws.path(XIAOMI_US), read(ws.path(XIAOMI_US)));
    await client.waitForDiagnostics(uri, (d) => d.length > 0);
    expect(await client.indexed()).toMatchObject({ done: 1, failed: 0, scanning: false });
    // The open source is in the index all the same, from the editor's text.
    expect((await client.connection.sendRequest(WorkspaceSummaryRequest, {})).sources.map((s) => s.uri)).toEqual([uri]);
  });

  it('indexes every source in the background with work-done progress', async () => {
    const { client, status } = await indexedWorkspace();
    expect(status).toMatchObject({ sources: 5, total: 5, done: 5 });
    const begin = client.progress.find((p) => p.kind === 'begin');
    expect(begin).toMatchObject({ title: 'Sourcemark', message: 'Indexing sources 0/5' });
    expect(client.progress.some((p) => p.kind === 'report' && p.message === 'Indexing sources 5/5')).toBe(true);
    expect(client.progress.at(-1)?.kind).toBe('end');
  });

  it('finds all references of an entity across sources, aliases included, and goes to its first mention', async () => {
    const { ws, client, uri } = await indexedWorkspace();
    const { uri: getReady, text } = await openAndLink(client, ws.path(GET_READY));
    const refs: Location[] = await client.connection.sendRequest('textDocument/references', {
      textDocument: { uri: getReady }, position: positionOf(text, 'Jun says'), context: { includeDeclaration: true },
    });
    const bySource = new Map<string, string[]>();
    for (const l of refs) bySource.set(l.uri, [...(bySource.get(l.uri) ?? []), locationText(l)]);
    expect(bySource.get(getReady)).toEqual(['Jun', 'Jun']);
    expect(bySource.get(uri(XIAOMI_US))).toEqual(['Lei Jun']);
    expect(bySource.get(uri(CGTN))).toEqual(expect.arrayContaining(['Lei Jun', 'Lei']));
    expect(bySource.has(uri(TALKS))).toBe(false);

    const def: Location = await client.connection.sendRequest('textDocument/definition', { textDocument: { uri: getReady }, position: positionOf(text, 'Jun admits') });
    expect(def.uri).toBe(uri(XIAOMI_US));
    expect(locationText(def)).toBe('Lei Jun');
  });

  it('lists a speaker\'s quotations from every source in the hover of a quote and in its references', async () => {
    const { ws, client, uri } = await indexedWorkspace();
    const { uri: cgtn, text } = await openAndLink(client, ws.path(CGTN));
    const at = positionOf(text, 'to enter US by end of 2018');
    const hover: Hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: cgtn }, position: at });
    const value = (hover.contents as { value: string }).value;
    expect(value).toContain('**Quotation** · reported speech');
    expect(value).toContain('Speaker: Lei Jun (person)');
    expect(value).toMatch(/\*\*Lei Jun is quoted \d+ more times in 3 sources:\*\*/);
    expect(value).toContain('“to start entering the market by end 2018, or by early 2019.”');
    const refs: Location[] = await client.connection.sendRequest('textDocument/references', { textDocument: { uri: cgtn }, position: at, context: { includeDeclaration: true } });
    expect(new Set(refs.map((l) => l.uri))).toEqual(new Set([uri(XIAOMI_US), uri(GET_READY), cgtn]));
    expect(refs.map(locationText)).toContain('Xiaomi to enter US by end of 2018');
  });

  it('finds entities with workspace symbols and outlines a source by kind', async () => {
    const { ws, client, uri } = await indexedWorkspace();
    const symbols: SymbolInformation[] = await client.connection.sendRequest('workspace/symbol', { query: 'lei' });
    const lei = symbols.find((s) => s.name === 'Lei Jun')!;
    expect(lei.location.uri).toBe(uri(XIAOMI_US));
    expect(locationText(lei.location)).toBe('Lei Jun');
    expect(lei.containerName).toMatch(/^person · \d+ mentions in 3 sources$/);
    const wang: SymbolInformation[] = await client.connection.sendRequest('workspace/symbol', { query: 'Xian' });
    expect(wang.map((s) => s.name)).toContain('Wang Xian');
    expect(locationText(wang.find((s) => s.name === 'Wang Xian')!.location)).toBe('Wang Xian');

    const { uri: cgtn } = await openAndLink(client, ws.path(CGTN));
    const outline: DocumentSymbol[] = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: cgtn } });
    expect(outline.map((s) => s.name.replace(/ \(\d+\)$/, ''))).toEqual(['Claims', 'Entities', 'Dates', 'Quotations']);
    const entities = outline[1].children!;
    expect(entities.find((e) => e.name === 'Lei Jun')?.detail).toMatch(/^person · 5 mentions/);
    expect(outline[2].children!.some((d) => d.name === 'end of 2018' && d.detail === '2018 END')).toBe(true);
  });

  it('shows corroborating sources on hover and a lens above the claim', async () => {
    const { ws, client } = await indexedWorkspace();
    const { uri, text } = await openAndLink(client, ws.path(XIAOMI_US));
    const hover: Hover | null = await client.hover(uri, positionOf(text, 'plans to enter the US market'));
    const value = (hover?.contents as { value: string }).value;
    expect(value).toMatch(/\*\*Corroborated by \d other sources?:\*\*/);
    expect(value).toContain(CGTN.replace(/_/g, '\\_').replace('.txt', '\\.txt'));
    expect(value).toContain('Xiaomi to enter US by end of 2018');
    const lenses: CodeLens[] = await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } });
    const headline = lenses.find((l) => l.range.start.line === 0)!;
    expect(headline.command?.title).toMatch(/^\d sources( · \d conflicts?)?$/);
    expect(headline.command?.command).toBe('sourcemark.showLinkedSources');
    // Asked right after an edit, as an editor asks: answered for the edited text once it is
    // analysed, not empty meanwhile (the editor would clear its lenses and Outline until it asked again).
    const end = TextDocument.create(uri, 'plaintext', 1, text).positionAt(text.length);
    await client.change(uri, [{ range: { start: end, end }, text: ' More.' }]);
    const [lensesNow, outlineNow] = await Promise.all([
      client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } }) as Promise<CodeLens[]>,
      client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }) as Promise<DocumentSymbol[]>,
    ]);
    expect(lensesNow.find((l) => l.range.start.line === 0)?.command?.title).toBe(headline.command?.title);
    expect(outlineNow.map((s) => s.name.replace(/ \(\d+\)$/, ''))).toEqual(['Claims', 'Entities', 'Dates', 'Quotations']);

    const seen = client.notifications.length;
    client.settings = { referenceDate: '2018-03-10', codeLens: { enabled: false } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    // The source is analysed again with the new settings, and announced when that is done.
    await client.waitFor(() => client.changedSources(seen).some((s) => s.uri === uri), 'the source analysed with the new settings');
    await client.indexed();
    expect(await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })).toEqual([]);
  });

  it('flags the same words given to two speakers on the speaker, and tags the quote contradicted citing the other source', async () => {
    const ws = tempWorkspace([]);
    const quote = '“We will sell our phones through every major US carrier next year.”';
    write(ws.path('a.txt'), `Xiaomi CEO Lei Jun said: ${quote}\n`);
    write(ws.path('b.txt'), `Xiaomi executive Wang Xian said: ${quote}\n`);
    const client = inProcessServer({ now: () => new Date('2026-11-22T10:00:00.000Z'), indexWorkers: 0 });
    cleanups.push(ws.cleanup, () => client.shutdown());
    await client.initialize(ws.dir);
    await client.indexed();
    const { uri, text, diagnostics } = await openAndLink(client, ws.path('a.txt'));
    const conflict = diagnostics.find((d) => d.code === DIAGNOSTIC_CODES.conflict)!;
    expect(coveredText(text, conflict)).toBe('Xiaomi CEO Lei Jun');
    expect(conflict.message).toBe('Sources disagree on the speaker: here "Xiaomi CEO Lei Jun" (Lei Jun); b.txt says "Xiaomi executive Wang Xian" (Wang Xian).');
    const hover: Hover | null = await client.hover(uri, positionOf(text, 'We will sell'));
    expect((hover?.contents as { value: string }).value).toContain('**⚠ Sources disagree on the speaker:**');
    const actions = await client.codeActions(uri, conflict.range, [conflict]);
    const fix = actions.find((a) => a.title.startsWith('Tag as contradicted, citing b.txt'))!;
    expect(await client.executeCommand(fix.command!.command, fix.command!.arguments!)).toEqual({ ok: true });
    const sidecar = JSON.parse(read(`${ws.path('a.txt')}.annotations.json`)) as { annotations: { kind: string; status: string; evidence?: { source: string }[] }[] };
    expect(sidecar.annotations).toEqual([expect.objectContaining({ kind: 'quotation', status: 'contradicted', evidence: [expect.objectContaining({ source: 'b.txt' })] })]);
  });

  it('flags a title conflict with both quotes and tags it contradicted citing the other source', async () => {
    // The samples call Lei Jun chairman and CEO, which one person holds at once; a memo calling him CFO disagrees with both.
    const memo = MEMO_TEXT;
    const { ws, client, uri: uriOf } = await indexedWorkspace({}, { 'memo.txt': memo });
    const { uri, text, diagnostics } = await openAndLink(client, ws.path(XIAOMI_US));
    const conflicts = diagnostics.filter((d) => d.code === DIAGNOSTIC_CODES.conflict && /title/.test(String(d.message)));
    expect(conflicts.map((d) => coveredText(text, d))).toEqual(["Xiaomi's Chairman Lei Jun"]);
    const conflict = conflicts[0]!;
    expect(conflict.message).toMatch(/title: here "Xiaomi's Chairman Lei Jun" \(chairman\); memo\.txt says "Xiaomi CFO Lei Jun" \(cfo\)/);
    const related = conflict.relatedInformation![0];
    expect(related.location.uri).toBe(uriOf('memo.txt'));
    expect(coveredText(memo, { range: related.location.range } as Diagnostic)).toBe('Xiaomi CFO Lei Jun');

    const hover: Hover | null = await client.hover(uri, positionOf(text, 'Chairman'));
    expect((hover?.contents as { value: string }).value).toContain('Sources disagree on the title');

    const actions: CodeAction[] = await client.codeActions(uri, conflict.range, [conflict]);
    const fix = actions.find((a) => a.title.startsWith('Tag as contradicted, citing memo.txt'))!;
    expect(fix.isPreferred).toBe(true);
    expect(await client.executeCommand(fix.command!.command, fix.command!.arguments!)).toEqual({ ok: true });

    const mine = JSON.parse(read(`${ws.path(XIAOMI_US)}.annotations.json`));
    const theirs = JSON.parse(read(`${ws.path('memo.txt')}.annotations.json`));
    const tag = mine.annotations.find((a: { status: string }) => a.status === 'contradicted');
    expect(tag.target.exact).toContain("Xiaomi's Chairman Lei Jun");
    expect(tag.evidence).toEqual([{ kind: 'annotation', source: 'memo.txt', annotationId: theirs.annotations[0].id, quote: theirs.annotations[0].target.exact }]);
    expect(theirs.annotations[0]).toMatchObject({ status: 'verified' });
    expect(theirs.annotations[0].target.exact).toContain('CFO Lei Jun');

    // The evidence shows in the hover of the tagged claim.
    await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === DIAGNOSTIC_CODES.taggedClaim));
    // Both sides tagged: the conflict is settled, shown as a tagged claim is (a hint), no longer a warning.
    const settled = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === DIAGNOSTIC_CODES.conflict && /Both sides are tagged\.$/.test(String(x.message))));
    const titleNow = settled.filter((d) => d.code === DIAGNOSTIC_CODES.conflict && /title/.test(String(d.message)));
    expect(titleNow.map((d) => [coveredText(text, d), d.severity])).toEqual([["Xiaomi's Chairman Lei Jun", DiagnosticSeverity.Hint]]);
    // The lens above the claim counts the conflicts still open: the memo's 2021 against its "end 2018, or by early 2019".
    const lenses: CodeLens[] = await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } });
    const report = lenses.find((l) => coveredText(text, { range: l.range } as Diagnostic).startsWith('A new report'));
    expect(report?.command?.title, JSON.stringify(lenses.map((l) => [coveredText(text, { range: l.range } as Diagnostic).slice(0, 20), l.command?.title]))).toMatch(/ · 1 conflict$/);
    const after: Hover | null = await client.hover(uri, positionOf(text, 'A new report'));
    expect((after?.contents as { value: string }).value).toMatch(/Evidence: memo\\\.txt: “.*CFO Lei Jun/);
  });

  it('sees no conflict in the samples calling Lei Jun chairman in one and CEO in another', async () => {
    const { ws, client } = await indexedWorkspace();
    const { text, diagnostics } = await openAndLink(client, ws.path(XIAOMI_US));
    expect(text).toContain("Xiaomi's Chairman Lei Jun");
    expect(diagnostics.filter((d) => d.code === DIAGNOSTIC_CODES.conflict && /title/.test(String(d.message)))).toEqual([]);
  });

  it('sees no conflict in time frames one inside the other: "within two years" and "by end 2018 or early 2019"', async () => {
    const { ws, client } = await indexedWorkspace();
    const { text, diagnostics } = await openAndLink(client, ws.path(TALKS));
    expect(text).toContain('within two years');
    expect(diagnostics.filter((d) => d.code === DIAGNOSTIC_CODES.conflict)).toEqual([]);
  });

  it('flags a time frame outside the others once per place, and offers verified citing a corroborating quote', async () => {
    const { ws, client } = await indexedWorkspace({}, { 'memo.txt': MEMO_TEXT });
    const memo = await openAndLink(client, ws.path('memo.txt'));
    // Five claims of four samples give the plan an earlier time frame: one warning on "2021", not five.
    const frames = memo.diagnostics.filter((d) => d.code === DIAGNOSTIC_CODES.conflict && /time frame/.test(String(d.message)));
    expect(frames.map((d) => coveredText(memo.text, d))).toEqual(['2021']);
    const frame = frames[0]!;
    expect(frame.message).toMatch(/^Sources disagree on the time frame: here "2021" \(2021-01-01 … 2021-12-31\); 000_\w+\.txt says ".*2018.*" \(2018-09-01 … 2019-04-30\), and 4 other places disagree too\.$/);
    expect(frame.relatedInformation!.map((r) => new URL(r.location.uri).pathname.split('/').pop()).sort()).toEqual([XIAOMI_US, XIAOMI_US, GET_READY, CGTN, TALKS]);
    expect(frame.relatedInformation!.find((r) => r.location.uri.endsWith(TALKS))!.message).toMatch(/within two years/);
    // Tagging it contradicted cites one quote per other source, at most three, the one the diagnostic names first preferred.
    const cite = (await client.codeActions(memo.uri, frame.range, [frame])).filter((a) => a.title.startsWith('Tag as contradicted, citing'));
    expect(cite.map((a) => a.title.split(':')[0])).toEqual([`Tag as contradicted, citing ${XIAOMI_US}`, `Tag as contradicted, citing ${GET_READY}`, `Tag as contradicted, citing ${CGTN}`]);
    expect(cite.filter((a) => a.isPreferred)).toHaveLength(1);
    expect(cite[0]!.isPreferred).toBe(true);
    // The hover says each conflict once.
    const hover = (await client.hover(memo.uri, frame.range.start))?.contents as { value: string };
    expect(hover.value.match(/Sources disagree on the time frame/g)).toHaveLength(5);

    const { uri, text, diagnostics } = await openAndLink(client, ws.path(TALKS));
    expect(diagnostics.filter((d) => d.code === DIAGNOSTIC_CODES.conflict).map((d) => coveredText(text, d))).toEqual(['two years']);
    const headline = diagnostics.find((d) => d.code === DIAGNOSTIC_CODES.untaggedClaim && coveredText(text, d).startsWith('Xiaomi in talks with carriers'))!;
    const actions: CodeAction[] = await client.codeActions(uri, headline.range, [headline]);
    const verify = actions.find((a) => a.title.startsWith('Tag as verified, citing 004_6b7e9ae35fb55bc0.txt'))!;
    expect(verify).toBeDefined();
    expect(await client.executeCommand(verify.command!.command, verify.command!.arguments!)).toEqual({ ok: true });
    const mine = JSON.parse(read(`${ws.path(TALKS)}.annotations.json`));
    expect(mine.annotations[0]).toMatchObject({ status: 'verified', evidence: [{ kind: 'annotation', source: '004_6b7e9ae35fb55bc0.txt' }] });
  });

  it('lists a closed source\'s disputed places in the view, as an open one\'s', async () => {
    const { ws, client, uri } = await indexedWorkspace({}, { 'memo.txt': MEMO_TEXT });
    const closed: DocumentFindings = await client.connection.sendRequest(DocumentFindingsRequest, { uri: uri(CGTN) });
    expect(client.diagnostics.has(uri(CGTN))).toBe(false);
    expect(closed.conflicts!.map((c) => [c.label, c.otherCount, c.others.map((o) => o.uri), c.settled])).toEqual([
      ['time frame: "end of 2018"', 1, [uri('memo.txt')], false],
      ['title: "CEO Lei Jun"', 1, [uri('memo.txt')], false],
    ]);
    const [frame] = closed.conflicts!;
    expect(frame!.message).toBe('Sources disagree on the time frame: here "end of 2018" (2018-09-01 … 2018-12-31); memo.txt says "2021" (2021-01-01 … 2021-12-31).');
    expect(frame!.range).toEqual({ start: { line: 0, character: 22 }, end: { line: 0, character: 33 } });
    expect(frame!.others[0]!.words).toBe('2021');
    // The same rows once it is open.
    const opened = await openAndLink(client, ws.path(CGTN));
    const open: DocumentFindings = await client.connection.sendRequest(DocumentFindingsRequest, { uri: opened.uri });
    expect(open.conflicts!.map((c) => c.label)).toEqual(closed.conflicts!.map((c) => c.label));
  });

  it('tells the view again of a closed source listed with its conflicts when another source brings new ones', async () => {
    const { ws, client, uri } = await indexedWorkspace();
    // The view lists the sources, then the user expands one.
    await client.connection.sendRequest(WorkspaceSummaryRequest, {});
    const before: DocumentFindings = await client.connection.sendRequest(DocumentFindingsRequest, { uri: uri(CGTN) });
    expect(before.conflicts).toEqual([]);
    const from = client.notifications.length;
    write(ws.path('memo.txt'), MEMO_TEXT);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('memo.txt'), type: 1 }] });
    // Its counts are unchanged; the notification has the view ask for its sections again.
    await client.waitFor(() => client.changedSources(from).some((s) => s.uri === uri(CGTN)) || undefined, 'CGTN announced again', 60_000);
    const after: DocumentFindings = await client.connection.sendRequest(DocumentFindingsRequest, { uri: uri(CGTN) });
    expect(after.conflicts!.map((c) => c.label)).toEqual(['time frame: "end of 2018"', 'title: "CEO Lei Jun"']);
    expect(client.changedSources(from).find((s) => s.uri === uri(CGTN))!.counts).toEqual(after.counts);
  });

  it('serves the timeline with the disagreement, and re-indexes a source that changes on disk', async () => {
    // Reader comments too: 000 mentions Canada only in one.
    const { ws, client, uri } = await indexedWorkspace({ regions: ['title', 'body', 'comments'] }, { 'memo.txt': MEMO_TEXT });
    const t: TimelineResponse = await client.connection.sendRequest(TimelineRequest, {});
    expect(t.markdown).toContain('## Where the sources disagree');
    expect(t.timeline.disagreements.some((c) => c.sides.some((s) => s.focusText === '2021'))).toBe(true);
    expect(t.labels[uri(TALKS)]).toBe(TALKS);
    expect(t.timeline.entries.find((e) => e.value === '2018 END')!.mentions.length).toBeGreaterThanOrEqual(3);

    const extra = ws.path('005_new.txt');
    write(extra, 'Lei Jun returns\n\nLei Jun, the president of Xiaomi, said the company will open stores in Canada.\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(extra).href, type: 1 }] });
    await client.indexed();
    const symbols: SymbolInformation[] = await client.connection.sendRequest('workspace/symbol', { query: 'Canada' });
    expect(symbols.map((s) => s.location.uri)).toContain(uri(XIAOMI_US)); // first mention stays in 000
    const { uri: opened, text } = await openAndLink(client, ws.path(XIAOMI_US));
    const refs: Location[] = await client.connection.sendRequest('textDocument/references', {
      textDocument: { uri: opened }, position: positionOf(text, 'Canada'), context: { includeDeclaration: true },
    });
    expect(refs.map((r) => r.uri)).toContain(pathToFileURL(extra).href);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(extra).href, type: 3 }] });
    const after: Location[] = await client.connection.sendRequest('textDocument/references', {
      textDocument: { uri: opened }, position: positionOf(text, 'Canada'), context: { includeDeclaration: true },
    });
    expect(after.map((r) => r.uri)).not.toContain(pathToFileURL(extra).href);
  });
});
