import { existsSync, mkdirSync, mkdtempSync, copyFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { Analyzer } from '../../src/core/analyzer';
import { FileSidecarStore } from '../../src/core/tags/sidecarStore';
import {
  COMMANDS, DocumentFindingsRequest, WorkspaceSummaryRequest, SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES,
  type DocumentFindings, type FindingKind, type SourceSummary,
} from '../../src/shared/protocol';
import { commenterGroups, entityGroups, inComment } from '../../src/client/reviewQueue';
import { matchesFilter } from '../../src/shared/viewSections';
import { sha256Hex } from '../../src/core/tags/quoteSelector';
import { emptySidecar, serializeSidecar } from '../../src/core/tags/sidecarFormat';
import { setTag } from '../../src/core/tags/tagOperations';
import { CGTN, cleanupsAfterEach, FIXTURES, read, serverSession, tempWorkspace, write, XIAOMI_US } from './fixtureWorkspace';
import { inProcessServer, type LspTestClient } from './lspTestClient';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentSymbol } from 'vscode-languageserver';
import { poolsFrom, SourceGenerator } from '../../scripts/bench/generate';

const WORKER = path.resolve(__dirname, '../../dist/indexWorker.js');
const cleanups = cleanupsAfterEach();
const session = (files?: string[]) => serverSession(cleanups, files);

const findingsOf = (client: LspTestClient, uri: string) => client.connection.sendRequest(DocumentFindingsRequest, { uri });
const summaryOf = (client: LspTestClient) => client.connection.sendRequest(WorkspaceSummaryRequest, {});

function changedSummaries(client: LspTestClient, uri: string): SourceSummary[] {
  return client.changedSources().filter((s) => s.uri === uri);
}

describe('requests for client views', () => {
  it('gives an open source\'s findings with editor ranges and counts, waiting for its analysis', async () => {
    const { ws, client } = await session();
    const text = read(ws.path(XIAOMI_US));
    const uri = await client.open(ws.path(XIAOMI_US), text);
    // Asked at once: the answer waits for the analysis of the version just opened.
    const result = await findingsOf(client, uri);
    expect(result.isSource).toBe(true);
    expect(result.version).toBe(1);
    const first = result.findings[0];
    expect(first).toMatchObject({ kind: 'entity', start: 0, end: 6, text: 'Xiaomi', entityType: 'organisation', entityKey: 'xiaomi' });
    expect(first.range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 6 } });
    const claims = result.findings.filter((f) => f.kind === 'claim');
    expect(result.counts.byKind.claim).toBe(claims.length);
    expect(result.counts.untagged).toBe(claims.length);
    expect(result.counts.byKind.entity).toBe(result.findings.filter((f) => f.kind === 'entity').length);
    expect(result.counts.verified + result.counts.speculative + result.counts.contradicted).toBe(0);
    for (const f of result.findings) expect(text.slice(f.start, f.end).startsWith(f.text.replace(/…$/, ''))).toBe(true);
  });

  it('gives only claims and tagged findings in the "decorated" scope, with the same counts', async () => {
    const { ws, client } = await session();
    const uri = await client.open(ws.path(XIAOMI_US), read(ws.path(XIAOMI_US)));
    const all = await findingsOf(client, uri);
    const entity = all.findings.find((f) => f.kind === 'entity')!;
    await client.executeCommand(COMMANDS.tag, [{ uri, kind: 'entity', start: entity.start, end: entity.end, status: 'speculative' }]);
    await client.waitFor(() => changedSummaries(client, uri).find((s) => s.counts.byKind.entity > 0 && s.counts.byKind.claim === all.counts.byKind.claim), 'sourceChanged after the tag');
    const full = await findingsOf(client, uri);
    const drawn = await client.connection.sendRequest(DocumentFindingsRequest, { uri, scope: 'decorated' });
    expect(full.scope).toBe('all');
    expect(drawn.scope).toBe('decorated');
    expect(drawn.counts).toEqual(full.counts);
    const expected = full.findings.filter((f) => f.kind === 'claim' || f.status);
    expect(drawn.findings).toEqual(expected);
    expect(drawn.findings.some((f) => f.kind === 'entity' && f.status === 'speculative')).toBe(true);
    expect(drawn.findings.filter((f) => f.kind !== 'claim')).toHaveLength(1);
    expect(full.findings.length - drawn.findings.length).toBeGreaterThan(10);
  });

  it('lists the findings of the kinds and part asked for, and counts the view\'s section rows as the client groups every finding', async () => {
    const ws = tempWorkspace();
    // A closed source with reader comments too.
    write(ws.path('closed.txt'), read(ws.path(XIAOMI_US)));
    const client = inProcessServer({ now: () => new Date('2026-11-22T10:00:00.000Z') });
    cleanups.push(ws.cleanup, () => client.shutdown());
    // Comments shown: the Reader comments section is counted too.
    client.settings = { regions: ['title', 'body', 'comments', 'commentMeta'] };
    await client.initialize(ws.dir);
    const uri = await client.open(ws.path(XIAOMI_US), read(ws.path(XIAOMI_US)));
    const closedUri = pathToFileURL(ws.path('closed.txt')).href;
    const first = (await findingsOf(client, uri)).findings.find((f) => f.kind === 'entity')!;
    await client.executeCommand(COMMANDS.tag, [{ uri, kind: 'entity', start: first.start, end: first.end, status: 'verified' }]);
    const everyKind = ['claim', 'entity', 'date', 'quotation'] as const;
    const filters = [
      { kinds: [...everyKind], statuses: ['untagged', 'verified', 'speculative', 'contradicted'] },
      { kinds: ['entity', 'date'] as FindingKind[], statuses: ['untagged'] },
      { kinds: ['entity'] as FindingKind[], statuses: ['verified'] },
      { kinds: [] as FindingKind[], statuses: ['untagged'] },
    ];
    for (const source of [uri, closedUri]) {
      const all = await findingsOf(client, source);
      expect(all.findings.some(inComment)).toBe(true);
      for (const kinds of [['claim'], ['entity', 'date'], []] as FindingKind[][]) {
        for (const part of ['article', 'comments'] as const) {
          const asked = await client.connection.sendRequest(DocumentFindingsRequest, { uri: source, kinds, part });
          expect(asked.findings).toEqual(all.findings.filter((f) => kinds.includes(f.kind) && inComment(f) === (part === 'comments')));
          expect(asked.sections).toBeUndefined();
        }
      }
      for (const filter of filters) {
        const { sections, findings } = await client.connection.sendRequest(DocumentFindingsRequest, { uri: source, kinds: ['claim'], part: 'article', sections: filter });
        expect(findings.every((f) => f.kind === 'claim' && !inComment(f))).toBe(true);
        const shown = all.findings.filter((f) => matchesFilter(f, filter));
        const article = shown.filter((f) => !inComment(f));
        expect(sections).toEqual({
          entities: entityGroups(article).length,
          mentions: article.filter((f) => f.kind === 'entity').length,
          dates: article.filter((f) => f.kind === 'date').length,
          quotations: article.filter((f) => f.kind === 'quotation').length,
          commenters: commenterGroups(shown).length,
        });
      }
    }
    const counted = await client.connection.sendRequest(DocumentFindingsRequest, { uri, sections: filters[0] });
    expect(counted.sections!.commenters).toBeGreaterThan(1);
    expect(counted.sections!.entities).toBeGreaterThan(5);
    expect((await client.connection.sendRequest(DocumentFindingsRequest, { uri, sections: filters[2] })).sections).toMatchObject({ entities: 1, mentions: 1, dates: 0 });
    // A part or kind that is not one is refused, not answered.
    await expect(client.connection.sendRequest(DocumentFindingsRequest, { uri, part: 'footnotes' } as never)).rejects.toThrow();
    await expect(client.connection.sendRequest(DocumentFindingsRequest, { uri, sections: { kinds: ['rumour'], statuses: [] } } as never)).rejects.toThrow();
  });

  it('gives a long open source\'s findings built in slices, each range that of the version it names, when an edit comes between the slices', async () => {
    const { ws, client } = await session();
    // Several hundred findings: more than a slice.
    const samples = readdirSync(FIXTURES).filter((f) => f.endsWith('.txt')).map((f) => read(path.join(FIXTURES, f)));
    const text = new SourceGenerator(poolsFrom(samples), 0xf1d).source(40 * 1024);
    const uri = await client.open(ws.path(XIAOMI_US), text);
    const before = await findingsOf(client, uri);
    expect(before.findings.length).toBeGreaterThan(600);
    const rangesOf = (t: string, r: DocumentFindings) => {
      const doc = TextDocument.create(uri, 'plaintext', r.version!, t);
      return r.findings.map((f) => ({ start: doc.positionAt(f.start), end: doc.positionAt(f.end) }));
    };
    expect(before.findings.map((f) => f.range)).toEqual(rangesOf(text, before));
    // Asked, then edited at once: lines added at the top move every range.
    const asked = findingsOf(client, uri);
    const edited = `Breaking.\n\n${text}`;
    await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'Breaking.\n\n' }]);
    const after = await asked;
    expect(after.findings.map((f) => f.range)).toEqual(rangesOf(after.version === 2 ? edited : text, after));
    // The same findings as a fresh ask of that version.
    const again = await findingsOf(client, uri);
    expect(again.version).toBe(2);
    if (after.version === 2) expect(after.findings).toEqual(again.findings);
    expect(again.findings.map((f) => f.label)).toEqual(before.findings.map((f) => f.label));
    // A label kept from an earlier ask says what the finding says now: tagged, it says so.
    const claim = again.findings.find((f) => f.kind === 'claim' && f.label.includes('untagged'))!;
    await client.executeCommand(COMMANDS.tag, [{ uri, kind: 'claim', start: claim.start, end: claim.end, status: 'verified' }]);
    const tagged = (await findingsOf(client, uri)).findings.find((f) => f.id === claim.id)!;
    expect(tagged.status).toBe('verified');
    expect(tagged.label).toContain('verified');
    expect(tagged.label).not.toContain('untagged');
  });

  it('gives a long open source\'s Outline built in slices, its ranges those of the text when an edit comes between the slices, the same as a fresh server\'s', async () => {
    const { ws, client } = await session();
    const samples = readdirSync(FIXTURES).filter((f) => f.endsWith('.txt')).map((f) => read(path.join(FIXTURES, f)));
    const text = new SourceGenerator(poolsFrom(samples), 0x0e1).source(40 * 1024);
    const uri = await client.open(ws.path(XIAOMI_US), text);
    const outline = (): Promise<DocumentSymbol[]> => client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    // Findings gone through in more than one slice.
    expect((await findingsOf(client, uri)).findings.length).toBeGreaterThan(600);
    expect((await outline()).reduce((n, g) => n + g.children!.length, 0)).toBeGreaterThan(300);
    // Asked, then edited at once: lines added at the top move every range.
    const asked = outline();
    await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'Breaking.\n\n' }]);
    const after = await asked;
    const edited = `Breaking.\n\n${text}`;
    const doc = TextDocument.create(uri, 'plaintext', 2, edited);
    const old = TextDocument.create(uri, 'plaintext', 1, text);
    // Every symbol's range covers its name's words in one text or the other, all in the same one.
    const named = (d: TextDocument, g: DocumentSymbol[]) => g[0]!.children!.every((c) => d.getText(c.range).replace(/\s+/g, ' ').startsWith(c.name.replace(/…$/, '')));
    expect(after[0]!.name).toMatch(/^Claims/);
    expect(named(doc, after) || named(old, after)).toBe(true);
    await findingsOf(client, uri);
    const now = await outline();
    expect(named(doc, now)).toBe(true);
    // Words kept from before the edit are those a server that never saw the first text gives.
    const fresh = await session();
    const freshUri = await fresh.client.open(fresh.ws.path(XIAOMI_US), edited);
    await findingsOf(fresh.client, freshUri);
    expect(await fresh.client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: freshUri } })).toEqual(now);
  });

  it('announces new counts when a tag is set, and answers for sources that are not open from disk', async () => {
    const { ws, client } = await session([XIAOMI_US, CGTN]);
    const uri = await client.open(ws.path(XIAOMI_US), read(ws.path(XIAOMI_US)));
    const before = await findingsOf(client, uri);
    const claim = before.findings.find((f) => f.kind === 'claim')!;
    await client.executeCommand(COMMANDS.tag, [{ uri, kind: 'claim', start: claim.start, end: claim.end, status: 'verified' }]);
    const announced = await client.waitFor(() => changedSummaries(client, uri).find((s) => s.counts.verified === 1), 'sourceChanged with 1 verified');
    expect(announced.counts.untagged).toBe(before.counts.untagged - 1);
    expect((await findingsOf(client, uri)).findings.find((f) => f.id === claim.id)?.status).toBe('verified');

    const closedUri = pathToFileURL(ws.path(CGTN)).href;
    const closed = await findingsOf(client, closedUri);
    expect(closed.isSource).toBe(true);
    expect(closed.version).toBeUndefined();
    expect(closed.findings.length).toBeGreaterThan(0);

    const summary = await summaryOf(client);
    expect(summary.truncated).toBe(false);
    expect(summary.sources.map((s) => s.uri)).toEqual([uri, closedUri].sort());
    expect(summary.sources.find((s) => s.uri === uri)?.counts.verified).toBe(1);
  });

  it('announces a closed source whose sidecar changed on disk', async () => {
    const { ws, client } = await session([XIAOMI_US]);
    const uri = await client.open(ws.path(XIAOMI_US), read(ws.path(XIAOMI_US)));
    const claim = (await findingsOf(client, uri)).findings.find((f) => f.kind === 'claim')!;
    await client.executeCommand(COMMANDS.tag, [{ uri, kind: 'claim', start: claim.start, end: claim.end, status: 'contradicted' }]);
    await client.close(uri);
    // The sidecar is copied in by hand (a git pull, another tool): the closed source's counts follow.
    const other = path.join(ws.dir, 'copy.txt');
    copyFileSync(ws.path(XIAOMI_US), other);
    copyFileSync(`${ws.path(XIAOMI_US)}.annotations.json`, `${other}.annotations.json`);
    const otherUri = pathToFileURL(other).href;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: `${otherUri}.annotations.json`, type: 1 }] });
    const announced = await client.waitFor(() => changedSummaries(client, otherUri)[0], 'sourceChanged for the copy');
    expect(announced.counts.contradicted).toBe(1);
  });

  it('lists closed sources with the counts the workspace index worked out, never analysing them on the main thread', async () => {
    const { ws, client } = await session([XIAOMI_US, CGTN]);
    const uri = await client.open(ws.path(XIAOMI_US), read(ws.path(XIAOMI_US)));
    const claim = (await findingsOf(client, uri)).findings.find((f) => f.kind === 'claim')!;
    await client.executeCommand(COMMANDS.tag, [{ uri, kind: 'claim', start: claim.start, end: claim.end, status: 'verified' }]);
    await client.close(uri);
    await client.indexed();
    const analyze = vi.spyOn(Analyzer.prototype, 'analyze');
    try {
      const listed = await summaryOf(client);
      // The old listing analysed every closed source here, on the thread that answers hover.
      expect(analyze).not.toHaveBeenCalled();
      expect(listed.sources.every((s) => !s.pending)).toBe(true);
      analyze.mockRestore();
      // The same counts as a full analysis of each source from disk.
      for (const s of listed.sources) expect(s.counts).toEqual((await findingsOf(client, s.uri)).counts);
      expect(listed.sources.find((s) => s.uri === uri)?.counts.verified).toBe(1);
      expect(listed.sources.find((s) => s.uri !== uri)?.counts.byKind.claim).toBeGreaterThan(0);
    } finally {
      analyze.mockRestore();
    }
  });

  it('reports a closed source whose sidecar does not fit the text its fingerprint names, as it does for an open one', async () => {
    const ws = tempWorkspace([XIAOMI_US, CGTN]);
    const text = read(ws.path(CGTN));
    const at = text.indexOf('Lei Jun');
    const tagged = setTag(emptySidecar(CGTN, sha256Hex(text)), { kind: 'entity', start: at, end: at + 'Lei Jun'.length, status: 'verified', sourceText: text, now: new Date('2026-11-01T00:00:00Z') });
    // One character off: the quote is no longer at its offsets although the fingerprint says the text is unchanged.
    const shifted = { ...tagged, annotations: tagged.annotations.map((a) => ({ ...a, target: { ...a.target, start: a.target.start + 1, end: a.target.end + 1 } })) };
    write(`${ws.path(CGTN)}.annotations.json`, serializeSidecar(shifted));
    const client = inProcessServer();
    cleanups.push(ws.cleanup, () => client.shutdown());
    await client.initialize(ws.dir);
    await client.indexed();

    const closed = (await summaryOf(client)).sources.find((s) => s.uri === pathToFileURL(ws.path(CGTN)).href)!;
    expect(closed.problem).toMatch(/does not fit the source its fingerprint \(sourceSha256\) names/);
    expect(closed.counts.verified).toBe(0);
    // Expanded in the view while closed: the same.
    expect((await findingsOf(client, closed.uri)).problem).toMatch(/does not fit the source its fingerprint \(sourceSha256\) names/);
    const uri = await client.open(ws.path(CGTN), text);
    const open = await findingsOf(client, uri);
    expect(open.problem).toMatch(/does not fit the source its fingerprint \(sourceSha256\) names/);
    expect(open.counts).toEqual(closed.counts);
  });

  it.runIf(existsSync(WORKER))('gives a closed source\'s findings from an index worker, not this thread, the same as once it is open', async () => {
    const ws = tempWorkspace([XIAOMI_US, CGTN]);
    const client = inProcessServer({ indexWorkerScript: WORKER });
    cleanups.push(ws.cleanup, () => client.shutdown());
    await client.initialize(ws.dir);
    await client.indexed();
    const uri = pathToFileURL(ws.path(CGTN)).href;
    const analyze = vi.spyOn(Analyzer.prototype, 'analyze');
    let closed: DocumentFindings;
    // What the view asks for to draw a source's sections, and for one of them.
    const sectionsOf = () => client.connection.sendRequest(DocumentFindingsRequest, { uri, kinds: ['claim'], part: 'article', sections: { kinds: ['claim', 'entity', 'date'], statuses: ['untagged'] } });
    const datesOf = () => client.connection.sendRequest(DocumentFindingsRequest, { uri, kinds: ['date'], part: 'article' });
    let closedSections: DocumentFindings;
    let closedDates: DocumentFindings;
    try {
      closed = await findingsOf(client, uri);
      closedSections = await sectionsOf();
      closedDates = await datesOf();
      expect(analyze).not.toHaveBeenCalled();
    } finally {
      analyze.mockRestore();
    }
    expect(closed.isSource).toBe(true);
    expect(closed.findings.length).toBeGreaterThan(10);
    expect(closedSections.sections!.dates).toBeGreaterThan(0);
    expect(closedDates.findings).toHaveLength(closedSections.sections!.dates);
    await client.open(ws.path(CGTN), read(ws.path(CGTN)));
    const open = await findingsOf(client, uri);
    expect(closed.findings).toEqual(open.findings);
    expect(closed.counts).toEqual(open.counts);
    const { version: _, ...openSections } = await sectionsOf();
    expect(closedSections).toEqual(openSections);
    expect((await datesOf()).findings).toEqual(closedDates.findings);
  });

  it.runIf(existsSync(WORKER))('serves findings between index jobs with one worker, and indexing still finishes', async () => {
    const all = readdirSync(FIXTURES).filter((f) => f.endsWith('.txt')).sort();
    const ws = tempWorkspace(all);
    const client = inProcessServer({ indexWorkerScript: WORKER, indexWorkers: 1 });
    cleanups.push(ws.cleanup, () => client.shutdown());
    await client.initialize(ws.dir);
    // Asked while the scan is under way: each goes ahead of the sources still queued.
    const asked = await Promise.all(all.map((f) => findingsOf(client, pathToFileURL(ws.path(f)).href)));
    expect(asked.every((f) => f.isSource && f.findings.length > 0)).toBe(true);
    expect(await client.indexed()).toMatchObject({ sources: all.length, done: all.length, failed: 0 });
  });

  it('lists a source the index has not analysed yet as pending, and announces its counts once it has', async () => {
    const { ws, client } = await session([XIAOMI_US]);
    await client.indexed();
    // Copied in behind the server's back (no file event): the index does not know it yet.
    const other = path.join(ws.dir, 'later.txt');
    copyFileSync(path.join(FIXTURES, CGTN), other);
    const otherUri = pathToFileURL(other).href;
    const listed = await summaryOf(client);
    expect(listed.sources.find((s) => s.uri === otherUri)).toMatchObject({ pending: true, counts: { byKind: { claim: 0 } } });
    expect(listed.sources.find((s) => s.uri !== otherUri)?.pending).toBeUndefined();
    const announced = await client.waitFor(() => changedSummaries(client, otherUri)[0], 'sourceChanged for the new source');
    expect(announced.pending).toBeUndefined();
    expect(announced.counts).toEqual((await findingsOf(client, otherUri)).counts);
    // Changed on disk since it was indexed (a shorter text, so the size differs): pending again, then new counts.
    write(other, read(other).slice(0, 400));
    expect((await summaryOf(client)).sources.find((s) => s.uri === otherUri)?.pending).toBe(true);
    const updated = await client.waitFor(() => changedSummaries(client, otherUri)[1], 'sourceChanged after the edit on disk');
    expect(updated.counts.byKind.claim).toBeLessThan(announced.counts.byKind.claim);
    expect((await summaryOf(client)).sources.find((s) => s.uri === otherUri)).toEqual(updated);
  });

  it('does not treat other files as sources', async () => {
    const { ws, client } = await session();
    write(path.join(ws.dir, 'notes.md'), '# Xiaomi said so\n');
    client.settings = { sources: '**/*.txt' };
    const uri = await client.open(path.join(ws.dir, 'notes.md'), '# Xiaomi said so\n');
    expect(await findingsOf(client, uri)).toMatchObject({ isSource: false, findings: [] });
    expect((await summaryOf(client)).sources.map((s) => path.basename(new URL(s.uri).pathname))).toEqual([XIAOMI_US]);
  });

  it('lists sources of every folder of a multi-root workspace and keeps each sidecar beside its source', async () => {
    const roots = [0, 1].map(() => mkdtempSync(path.join(tmpdir(), 'sourcemark-root-')));
    cleanups.push(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 })));
    copyFileSync(path.join(FIXTURES, XIAOMI_US), path.join(roots[0], XIAOMI_US));
    mkdirSync(path.join(roots[1], 'nested'));
    copyFileSync(path.join(FIXTURES, CGTN), path.join(roots[1], 'nested', CGTN));
    mkdirSync(path.join(roots[1], 'node_modules'));
    copyFileSync(path.join(FIXTURES, CGTN), path.join(roots[1], 'node_modules', 'skipped.txt'));
    const client = inProcessServer();
    cleanups.push(() => client.shutdown());
    await client.initialize(roots[0], roots[1]);

    const summary = await summaryOf(client);
    const second = pathToFileURL(path.join(roots[1], 'nested', CGTN)).href;
    expect(summary.sources.map((s) => s.uri)).toEqual([pathToFileURL(path.join(roots[0], XIAOMI_US)).href, second].sort());

    const uri = await client.open(path.join(roots[1], 'nested', CGTN), read(path.join(roots[1], 'nested', CGTN)));
    const claim = (await findingsOf(client, uri)).findings.find((f) => f.kind === 'claim')!;
    expect(await client.executeCommand(COMMANDS.tag, [{ uri, kind: 'claim', start: claim.start, end: claim.end, status: 'speculative' }])).toEqual({ ok: true });
    expect(existsSync(path.join(roots[1], 'nested', `${CGTN}.annotations.json`))).toBe(true);
    expect(existsSync(path.join(roots[0], `${CGTN}.annotations.json`))).toBe(false);
  });
});

describe('answers that wait for the analysis', () => {
  it('a hover or code action asked for right after opening waits for the analysis instead of answering empty', async () => {
    const { ws, client } = await session();
    const text = read(ws.path(XIAOMI_US));
    const uri = await client.open(ws.path(XIAOMI_US), text);
    const [hover, actions] = await Promise.all([
      client.hover(uri, { line: 0, character: 2 }),
      client.codeActions(uri, { start: { line: 0, character: 2 }, end: { line: 0, character: 2 } }, []),
    ]);
    expect((hover?.contents as { value: string }).value).toMatch(/\*\*Entity\*\* · organisation/);
    expect(actions.map((a) => a.title)).toContain('Tag as verified (entity “Xiaomi”)');
  });
});

describe('semantic tokens', () => {
  it('marks entities and dates, never claims, without overlaps, with the entity type as modifier', async () => {
    const { ws, client } = await session();
    const text = read(ws.path(XIAOMI_US));
    const uri = await client.open(ws.path(XIAOMI_US), text);
    const result = await client.connection.sendRequest<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } });
    const lines = text.split(/\r?\n/);
    const tokens: { line: number; char: number; text: string; type: string; modifiers: string[] }[] = [];
    let line = 0;
    let char = 0;
    for (let i = 0; i < result.data.length; i += 5) {
      const [dl, dc, length, type, mods] = result.data.slice(i, i + 5);
      line += dl;
      char = dl ? dc : char + dc;
      tokens.push({
        line, char, text: lines[line].slice(char, char + length), type: SEMANTIC_TOKEN_TYPES[type],
        modifiers: SEMANTIC_TOKEN_MODIFIERS.filter((_, bit) => mods & (1 << bit)),
      });
    }
    expect(tokens[0]).toEqual({ line: 0, char: 0, text: 'Xiaomi', type: 'sourcemarkEntity', modifiers: ['organisation'] });
    expect(tokens.find((t) => t.text === 'Lei Jun')).toMatchObject({ type: 'sourcemarkEntity', modifiers: ['person'] });
    expect(tokens.some((t) => t.type === 'sourcemarkDate')).toBe(true);
    const findings = await findingsOf(client, uri);
    // Claims and quotations are sentences: diagnostics and decorations show them, not tokens.
    expect(tokens.length).toBe(findings.findings.filter((f) => f.kind === 'entity' || f.kind === 'date').length);
  });

  it('of a long source, built in slices, are those of one version when an edit comes between the slices', async () => {
    const samples = readdirSync(FIXTURES).filter((f) => f.endsWith('.txt')).map((f) => read(path.join(FIXTURES, f)));
    const text = new SourceGenerator(poolsFrom(samples), 0x70c).source(40 * 1024);
    const edited = `Breaking.\n\n${text}`;
    const tokensOf = (client: LspTestClient, uri: string) => client.connection.sendRequest<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } });
    const { ws, client } = await session();
    const uri = await client.open(ws.path(XIAOMI_US), text);
    expect((await findingsOf(client, uri)).findings.length).toBeGreaterThan(600);
    const asked = tokensOf(client, uri);
    await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'Breaking.\n\n' }]);
    const got = (await asked).data;
    // What a server that saw only one of the texts gives for it.
    const expected = await Promise.all([text, edited].map(async (t) => {
      const fresh = await session();
      const freshUri = await fresh.client.open(fresh.ws.path(XIAOMI_US), t);
      return (await tokensOf(fresh.client, freshUri)).data;
    }));
    expect(expected[0]).not.toEqual(expected[1]);
    expect([expected[0], expected[1]]).toContainEqual(got);
    expect((await tokensOf(client, uri)).data).toEqual(expected[1]);
  });
});

describe('extra commands', () => {
  it('tags every mention of the entity at the cursor in one go', async () => {
    const store = new FileSidecarStore();
    const { ws, client } = await serverSession(cleanups, undefined, { store });
    const uri = await client.open(ws.path(XIAOMI_US), read(ws.path(XIAOMI_US)));
    const findings = (await findingsOf(client, uri)).findings;
    const xiaomi = findings.find((f) => f.entityKey === 'xiaomi')!;
    const mentions = findings.filter((f) => f.entityKey === 'xiaomi').length;
    expect(mentions).toBeGreaterThan(1);
    const writes = vi.spyOn(store, 'update');
    const result = await client.executeCommand(COMMANDS.tagEntityMentions, [{ uri, kind: 'entity', start: xiaomi.start, end: xiaomi.end, status: 'verified' }]);
    expect(result).toEqual({ ok: true, tagged: mentions });
    const after = await findingsOf(client, uri);
    expect(after.findings.filter((f) => f.entityKey === 'xiaomi').every((f) => f.status === 'verified')).toBe(true);
    expect(JSON.parse(read(`${ws.path(XIAOMI_US)}.annotations.json`)).annotations).toHaveLength(mentions);
    expect(writes).toHaveBeenCalledTimes(1);
  });

  it('refuses a place that is not an entity and says what to do', async () => {
    const { ws, client } = await session();
    const uri = await client.open(ws.path(XIAOMI_US), read(ws.path(XIAOMI_US)));
    await findingsOf(client, uri);
    const result = await client.executeCommand(COMMANDS.tagEntityMentions, [{ uri, kind: 'entity', start: 7, end: 12, status: 'verified' }]);
    expect(result).toMatchObject({ ok: false });
    expect(client.messages.at(-1)?.message).toMatch(/no entity at the cursor/);
  });

  it('re-analyses: a sidecar edited behind the server\'s back is read again', async () => {
    const { ws, client } = await session();
    const uri = await client.open(ws.path(XIAOMI_US), read(ws.path(XIAOMI_US)));
    const claim = (await findingsOf(client, uri)).findings.find((f) => f.kind === 'claim')!;
    await client.executeCommand(COMMANDS.tag, [{ uri, kind: 'claim', start: claim.start, end: claim.end, status: 'verified' }]);
    // No file watcher told the server: only re-analysing picks up the removal.
    rmSync(`${ws.path(XIAOMI_US)}.annotations.json`);
    expect(await client.executeCommand(COMMANDS.reanalyse, [])).toEqual({ ok: true });
    await client.waitFor(() => changedSummaries(client, uri).at(-1)?.counts.verified === 0, 'sourceChanged after re-analysis');
  });
});
