// Issue 12 over LSP: dismissals and their undo, the workspace ignore file, note threads, cited web
// pages, the regions setting, and code actions for the finding at the cursor when only the claim
// around it is a diagnostic.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import {
  COMMANDS, DIAGNOSTIC_CODES, DocumentFindingsRequest, ListDismissalsRequest, NoteThreadsRequest,
  type CommandResult, type DocumentFindings, type FindingItem,
} from '../../src/shared/protocol';
import { cleanupsAfterEach, CGTN, coveredText, positionOf, read, serverSession, write, XIAOMI_US } from './fixtureWorkspace';
import type { LspTestClient } from './lspTestClient';

const FOURTH_LARGEST = 'Xiaomi is the fourth largest handset maker in China';
const cleanups = cleanupsAfterEach();

async function openSample(files = [XIAOMI_US], settings: Record<string, unknown> = {}) {
  const { ws, client } = await serverSession(cleanups, files);
  client.settings = settings;
  const file = ws.path(XIAOMI_US);
  const text = read(file);
  const uri = await client.open(file, text);
  const diagnostics = await client.waitForDiagnostics(uri, (d) => d.length > 0);
  return { ws, client, file, text, uri, diagnostics };
}

const findings = (client: LspTestClient, uri: string) => client.connection.sendRequest(DocumentFindingsRequest, { uri }) as Promise<DocumentFindings>;
const run = (client: LspTestClient, command: string, args: unknown) => client.executeCommand(command, [args]) as Promise<CommandResult>;
/** Polls a server-side condition (asked by request) until it holds; the deadline only turns a hang into a failure. */
async function eventually(condition: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
const claimAt = (text: string, d: Diagnostic[], start: string) => d.find((x) => x.code === DIAGNOSTIC_CODES.untaggedClaim && coveredText(text, x).startsWith(start));

describe('code actions at the cursor', () => {
  it('offer the name under the cursor although only the claim around it is a diagnostic', async () => {
    const { client, text, uri, diagnostics } = await openSample();
    expect(diagnostics.some((d) => d.code === DIAGNOSTIC_CODES.entity)).toBe(false);
    const claim = claimAt(text, diagnostics, FOURTH_LARGEST)!;
    const at = positionOf(text, `${FOURTH_LARGEST}`, FOURTH_LARGEST.length - 2); // inside "China"
    const actions = await client.codeActions(uri, { start: at, end: at }, [claim]);
    const titles = actions.map((a) => a.title);
    expect(titles).toContain('Tag as verified (claim)');
    expect(titles).toContain('Not a claim (claim)');
    expect(titles).toContain('Ignore “China” in this source');
    expect(titles).toContain('Ignore “China” in the workspace');
    // The Problems panel's quick fix sends the claim's whole range: the names inside are not all offered.
    const whole = await client.codeActions(uri, claim.range, [claim]);
    expect(whole.map((a) => a.title)).not.toContain('Ignore “China” in this source');
  });
});

describe('dismissals', () => {
  it('"Not a claim" leaves diagnostics and counts, is kept in the sidecar (schema 3) with a quote, is listed, and restores', async () => {
    const { client, file, text, uri, diagnostics } = await openSample();
    const claim = claimAt(text, diagnostics, FOURTH_LARGEST)!;
    const before = await findings(client, uri);
    const target = before.findings.find((f) => f.kind === 'claim' && f.text.startsWith(FOURTH_LARGEST))!;
    const result = await run(client, COMMANDS.dismiss, { uri, kind: 'claim', start: target.start, end: target.end, dismissal: 'not-a-claim' });
    expect(result).toMatchObject({ ok: true, dismissalId: expect.stringMatching(/\S/) });

    const after = await client.waitForDiagnostics(uri, (d) => !claimAt(text, d, FOURTH_LARGEST));
    expect(after.length).toBe(diagnostics.length - 1);
    const now = await findings(client, uri);
    expect(now.findings.some((f) => f.id === target.id)).toBe(false);
    expect(now.counts.byKind.claim).toBe(before.counts.byKind.claim - 1);
    expect(now.dismissed).toBe(1);

    const sidecar = JSON.parse(read(`${file}.annotations.json`));
    expect(sidecar.schemaVersion).toBe(3);
    expect(sidecar.annotations).toEqual([]);
    expect(sidecar.dismissals).toEqual([expect.objectContaining({ kind: 'not-a-claim', target: expect.objectContaining({ exact: coveredText(text, claim) }) })]);
    expect(read(`${file}.annotations.json`).endsWith('}\n')).toBe(true);

    const listed = await client.connection.sendRequest(ListDismissalsRequest, { uri });
    expect(listed.source).toEqual([expect.objectContaining({ id: result.ok && result.dismissalId, dismissal: 'not-a-claim', kind: 'claim', range: claim.range })]);

    expect(await run(client, COMMANDS.restoreDismissal, { scope: 'source', uri, id: (result as { dismissalId: string }).dismissalId })).toEqual({ ok: true });
    const restored = await client.waitForDiagnostics(uri, (d) => !!claimAt(text, d, FOURTH_LARGEST));
    expect(restored.length).toBe(diagnostics.length);
    expect(JSON.parse(read(`${file}.annotations.json`)).dismissals ?? []).toEqual([]);
  });

  it('refuses to dismiss a tagged finding, or a finding that is not there', async () => {
    const { client, uri } = await openSample();
    const claim = (await findings(client, uri)).findings.find((f) => f.kind === 'claim')!;
    expect(await run(client, COMMANDS.tag, { uri, kind: 'claim', start: claim.start, end: claim.end, status: 'verified' })).toEqual({ ok: true });
    const tagged = await run(client, COMMANDS.dismiss, { uri, kind: 'claim', start: claim.start, end: claim.end, dismissal: 'not-a-claim' });
    expect(tagged).toMatchObject({ ok: false, error: expect.stringContaining('clear its tag first') });
    const missing = await run(client, COMMANDS.dismiss, { uri, kind: 'claim', start: claim.start + 1, end: claim.end, dismissal: 'not-a-claim' });
    expect(missing).toMatchObject({ ok: false, error: expect.stringContaining('there is no claim at that place') });
    // A wrong shape never reaches the handler.
    await expect(run(client, COMMANDS.dismiss, { uri, kind: 'claim', start: claim.start, end: claim.end, dismissal: 'pwned' })).rejects.toThrow(/dismissal/);
  });

  it('ignores a name in every source of the workspace through a sorted .sourcemark-ignore, and restores it', async () => {
    const { ws, client, uri } = await openSample([XIAOMI_US, CGTN]);
    const other = await client.open(ws.path(CGTN), read(ws.path(CGTN)));
    await client.waitForDiagnostics(other, (d) => d.length > 0);
    const china = (f: DocumentFindings) => f.findings.filter((x) => x.kind === 'entity' && x.text === 'China');
    const here = china(await findings(client, uri));
    expect(here.length).toBeGreaterThan(0);
    expect(china(await findings(client, other)).length).toBeGreaterThan(0);

    write(ws.path('.sourcemark-ignore'), '# names that are not worth checking\nentity: Xiaomi Mi Mix\n');
    const result = await run(client, COMMANDS.dismiss, { uri, kind: 'entity', start: here[0]!.start, end: here[0]!.end, dismissal: 'ignore-name', scope: 'workspace' });
    expect(result).toEqual({ ok: true });
    const file = read(ws.path('.sourcemark-ignore'));
    expect(file).toContain('# names that are not worth checking');
    const entries = file.split('\n').filter((l) => l.startsWith('entity:'));
    expect(entries).toEqual(['entity: China', 'entity: Xiaomi Mi Mix']);
    expect(file.endsWith('\n')).toBe(true);

    await eventually(async () => !china(await findings(client, uri)).length && !china(await findings(client, other)).length, 'China hidden in both sources');
    const listed = await client.connection.sendRequest(ListDismissalsRequest, {});
    const entry = listed.workspace.find((w) => w.entry.value === 'China')!;
    expect(entry).toMatchObject({ uri: URI.file(ws.path('.sourcemark-ignore')).toString(), entry: { kind: 'entity', value: 'China' } });

    expect(await run(client, COMMANDS.restoreDismissal, { scope: 'workspace', uri: entry.uri, entry: entry.entry })).toEqual({ ok: true });
    expect(read(ws.path('.sourcemark-ignore')).split('\n').filter((l) => l.startsWith('entity:'))).toEqual(['entity: Xiaomi Mi Mix']);
    await eventually(async () => china(await findings(client, uri)).length === here.length, 'China shown again');
  });

  it('never writes an ignore file outside the workspace folders', async () => {
    const { client } = await openSample();
    const outside = mkdtempSync(path.join(tmpdir(), 'sourcemark-outside-'));
    cleanups.push(() => rmSync(outside, { recursive: true, force: true }));
    const target = path.join(outside, '.sourcemark-ignore');
    write(target, 'entity: China\nentity: Lei Jun\n');
    const result = await run(client, COMMANDS.restoreDismissal, { scope: 'workspace', uri: URI.file(target).toString(), entry: { kind: 'entity', value: 'China' } });
    expect(result).toMatchObject({ ok: false });
    expect(read(target)).toBe('entity: China\nentity: Lei Jun\n');
  });
});

describe('note threads and cited pages', () => {
  it('keeps a conversation on a tag: add, reply, edit, delete, in order, with authors', async () => {
    const { client, uri } = await openSample();
    const claim = (await findings(client, uri)).findings.find((f) => f.kind === 'claim' && f.text.startsWith(FOURTH_LARGEST))!;
    const at = { uri, kind: 'claim', start: claim.start, end: claim.end };
    expect(await run(client, COMMANDS.addComment, { ...at, body: 'first' })).toMatchObject({ ok: false, error: expect.stringContaining('tag the finding first') });
    await run(client, COMMANDS.tag, { ...at, status: 'speculative' });
    const first = await run(client, COMMANDS.addComment, { ...at, body: 'IDC says fifth', author: 'ana' });
    expect(first).toMatchObject({ ok: true, annotationId: expect.any(String), commentId: expect.any(String) });
    const { annotationId } = first as { annotationId: string };
    const reply = await run(client, COMMANDS.addComment, { uri, annotationId, body: 'Counterpoint: <b>*Canalys*</b> says fourth', author: 'ben' });
    expect(reply).toMatchObject({ ok: true });
    expect(await run(client, COMMANDS.addComment, { uri, annotationId, body: '   ' })).toMatchObject({ ok: false });

    const threads = (await client.connection.sendRequest(NoteThreadsRequest, { uri })).threads;
    expect(threads).toHaveLength(1);
    expect(threads[0]!.comments.map((c) => [c.author, c.body])).toEqual([['ana', 'IDC says fifth'], ['ben', 'Counterpoint: <b>*Canalys*</b> says fourth']]);
    const [c1, c2] = threads[0]!.comments;

    expect(await run(client, COMMANDS.editComment, { uri, annotationId, commentId: c1!.id, body: 'IDC Q4 says fifth' })).toMatchObject({ ok: true });
    expect(await run(client, COMMANDS.deleteComment, { uri, annotationId, commentId: c2!.id })).toMatchObject({ ok: true });
    const after = (await client.connection.sendRequest(NoteThreadsRequest, { uri, annotationId })).threads[0]!;
    expect(after.comments.map((c) => c.body)).toEqual(['IDC Q4 says fifth']);
    expect(after.comments[0]!.editedAt).toBeTruthy();

    const hover = await client.hover(uri, positionOf(read(URI.parse(uri).fsPath), FOURTH_LARGEST, 3));
    const md = (hover?.contents as { value: string }).value;
    expect(md).toMatch(/Note by ana, \d{4}-\d{2}-\d{2} \(edited \d{4}-\d{2}-\d{2}\): IDC Q4 says fifth/);
  });

  it('cites a web page as evidence (tagging first when asked), refuses other schemes, and escapes it in the hover', async () => {
    const { client, text, uri } = await openSample();
    const claim = (await findings(client, uri)).findings.find((f) => f.kind === 'claim' && f.text.startsWith(FOURTH_LARGEST))!;
    const at = { uri, kind: 'claim', start: claim.start, end: claim.end };
    expect(await run(client, COMMANDS.citeUrl, { ...at, url: 'https://example.org/idc' })).toMatchObject({ ok: false, error: expect.stringContaining('tag the finding first') });
    expect(await run(client, COMMANDS.citeUrl, { ...at, url: 'javascript:alert(1)', status: 'verified' })).toMatchObject({ ok: false });
    const cited = await run(client, COMMANDS.citeUrl, { ...at, url: 'https://example.org/idc?a=1&b=<2>', title: 'IDC *Q4*', accessed: '2026-11-20', status: 'verified' });
    expect(cited).toMatchObject({ ok: true, annotationId: expect.any(String) });
    const item = (await findings(client, uri)).findings.find((f) => f.id === claim.id) as FindingItem;
    expect(item.status).toBe('verified');
    expect(item.urls).toEqual([expect.objectContaining({ kind: 'url', url: 'https://example.org/idc?a=1&b=<2>', title: 'IDC *Q4*', accessed: '2026-11-20' })]);
    const md = ((await client.hover(uri, positionOf(text, FOURTH_LARGEST, 3)))?.contents as { value: string }).value;
    expect(md).toContain('Evidence: ');
    expect(md).not.toContain('<2>');
    expect(md).not.toMatch(/\]\(javascript:/);
  });
});

describe('regions', () => {
  it('shows the article by default and the reader comments, grouped by commenter, when the setting asks', async () => {
    const article = await openSample();
    const byDefault = await findings(article.client, article.uri);
    expect(byDefault.regions).toEqual(['title', 'body']);
    expect(byDefault.findings.every((f) => f.region === 'title' || f.region === 'body')).toBe(true);

    const all = await openSample([XIAOMI_US], { regions: ['title', 'body', 'comments'] });
    const withComments = await findings(all.client, all.uri);
    const comments = withComments.findings.filter((f) => f.region === 'comment');
    expect(comments.filter((f) => f.kind === 'claim').length).toBeGreaterThan(0);
    expect(new Set(comments.map((f) => f.commenter)).size).toBeGreaterThan(1);
    expect(comments.every((f) => typeof f.commenter === 'string' && f.commenter.length > 0)).toBe(true);
    expect(withComments.findings.filter((f) => f.region === 'title' || f.region === 'body').map((f) => f.id)).toEqual(byDefault.findings.map((f) => f.id));
  });

  it('keeps a tag in a hidden region listed, not lost', async () => {
    const all = await openSample([XIAOMI_US], { regions: ['title', 'body', 'comments'] });
    const inComment = (await findings(all.client, all.uri)).findings.find((f) => f.kind === 'claim' && f.region === 'comment' && !f.status)!;
    expect(await run(all.client, COMMANDS.tag, { uri: all.uri, kind: 'claim', start: inComment.start, end: inComment.end, status: 'speculative' })).toEqual({ ok: true });
    all.client.settings = { regions: ['title', 'body'] };
    await all.client.executeCommand(COMMANDS.reanalyse, [{}]);
    const untaggedComments = (f: DocumentFindings) => f.findings.filter((x) => x.region === 'comment' && !x.status);
    await eventually(async () => untaggedComments(await findings(all.client, all.uri)).length === 0, 'the article only');
    const now = await findings(all.client, all.uri);
    // A tagged finding stays shown whatever its region.
    expect(now.regions).toEqual(['title', 'body']);
    expect(now.findings.some((f) => f.id === inComment.id && f.status === 'speculative')).toBe(true);
  });
});
