// Tags over real LSP streams through their whole life: edits in the editor, saves, edits outside the
// editor, orphans re-attached or deleted, renames, two servers writing one sidecar, broken and old files.
import { existsSync, renameSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { sha256Hex } from '../../src/core/tags/quoteSelector';
import { COMMANDS, DIAGNOSTIC_CODES } from '../../src/shared/protocol';
import { cleanupsAfterEach, coveredText, read, tempWorkspace, write, XIAOMI_US } from './fixtureWorkspace';
import { inProcessServer, type LspTestClient } from './lspTestClient';

const FOURTH_LARGEST = 'Xiaomi is the fourth largest handset maker in China';
const RECENTLY = 'More recently, it kicked off operations';
const RECENTLY_SENTENCE = 'More recently, it kicked off operations in some European countries, including Spain.';

const cleanups = cleanupsAfterEach();

let clock = Date.parse('2026-11-22T10:00:00.000Z');
const now = () => new Date((clock += 60_000));

async function server(dir: string): Promise<LspTestClient> {
  const client = inProcessServer({ now });
  cleanups.push(() => client.shutdown());
  await client.initialize(dir);
  return client;
}

async function session() {
  const ws = tempWorkspace();
  cleanups.push(ws.cleanup);
  const client = await server(ws.dir);
  const file = ws.path(XIAOMI_US);
  return { ws, client, file, sidecarPath: `${file}.annotations.json` };
}

const sidecarJson = (p: string) => JSON.parse(read(p));

/** Polls the disk: the server writes files without telling the client. */
async function until<T>(check: () => T | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function claim(text: string, diagnostics: Diagnostic[], startsWith: string): Diagnostic {
  const d = diagnostics.find((x) => (x.code === DIAGNOSTIC_CODES.untaggedClaim || x.code === DIAGNOSTIC_CODES.taggedClaim) && coveredText(text, x).startsWith(startsWith));
  if (!d) throw new Error(`no claim diagnostic starting "${startsWith}"`);
  return d;
}

async function run(client: LspTestClient, action: CodeAction | undefined): Promise<void> {
  if (!action?.command) throw new Error('no such action');
  expect(await client.executeCommand(action.command.command, action.command.arguments ?? [])).toEqual({ ok: true });
}

async function tag(client: LspTestClient, uri: string, d: Diagnostic, title: string): Promise<void> {
  const actions = await client.codeActions(uri, d.range, [d]);
  await run(client, actions.find((a) => a.title === title));
}

const rangeOf = (text: string, start: number, end: number) => {
  const doc = TextDocument.create('file:///x', 'plaintext', 1, text);
  return { start: doc.positionAt(start), end: doc.positionAt(end) };
};

async function openTagged(client: LspTestClient, file: string, text: string, ...claims: [string, string][]) {
  const uri = await client.open(file, text);
  for (const [startsWith, title] of claims) {
    const d = claim(text, await client.waitForDiagnostics(uri, (x) => x.length > 0), startsWith);
    await tag(client, uri, d, title);
    await client.waitForDiagnostics(uri, (x) => claim(text, x, startsWith).code === DIAGNOSTIC_CODES.taggedClaim);
  }
  return uri;
}

describe('tags while the source is edited in the editor', () => {
  it('follow a typo fix inside the tagged claim, and saving writes the new offsets and quote', async () => {
    const { client, file, sidecarPath } = await session();
    const text = read(file);
    const uri = await openTagged(client, file, text, [FOURTH_LARGEST, 'Tag as verified']);

    // A new paragraph at the top, then "handset maker" → "handset-maker" inside the claim.
    const inserted = 'Update: Xiaomi confirmed the plan.\n\n';
    await client.change(uri, [{ range: rangeOf(text, 0, 0), text: inserted }]);
    let edited = inserted + text;
    const at = edited.indexOf('handset maker') + 'handset'.length;
    await client.change(uri, [{ range: rangeOf(edited, at, at + 1), text: '-' }]);
    edited = edited.slice(0, at) + '-' + edited.slice(at + 1);

    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === DIAGNOSTIC_CODES.taggedClaim));
    const tagged = diagnostics.find((x) => x.code === DIAGNOSTIC_CODES.taggedClaim)!;
    expect(coveredText(edited, tagged)).toMatch(/^Xiaomi is the fourth largest handset-maker in China/);
    expect(diagnostics.some((d) => d.code === DIAGNOSTIC_CODES.orphan)).toBe(false);
    // It followed the edits; it was not re-found from its quote.
    const hover = await client.hover(uri, tagged.range.start);
    expect((hover?.contents as { value: string }).value).not.toContain('Found again');

    // Not saved yet: the sidecar still describes the file on disk.
    expect(sidecarJson(sidecarPath).sourceSha256).toBe(sha256Hex(text));
    write(file, edited);
    await client.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
    const saved = await until(() => {
      const s = sidecarJson(sidecarPath);
      return s.sourceSha256 === sha256Hex(edited) ? s : undefined;
    }, 'sidecar saved with the source');
    const [a] = saved.annotations;
    expect(edited.slice(a.target.start, a.target.end)).toBe(a.target.exact);
    expect(a.target.exact).toMatch(/handset-maker/);
    expect(a.target.prefix).toBe(edited.slice(a.target.start - 32, a.target.start));
    expect(a.orphanedAt).toBeUndefined();
  });

  it('a tag whose text is deleted in the editor becomes an orphan, and undo brings it back', async () => {
    const { client, file } = await session();
    const text = read(file);
    const uri = await openTagged(client, file, text, [RECENTLY, 'Tag as speculative']);
    const start = text.indexOf(RECENTLY_SENTENCE);
    const end = start + RECENTLY_SENTENCE.length;
    await client.change(uri, [{ range: rangeOf(text, start, end), text: '' }]);
    const orphaned = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === DIAGNOSTIC_CODES.orphan));
    expect(orphaned.find((x) => x.code === DIAGNOSTIC_CODES.orphan)!.message).toContain(RECENTLY);
    const edited = text.slice(0, start) + text.slice(end);
    await client.change(uri, [{ range: rangeOf(edited, start, start), text: text.slice(start, end) }]);
    const back = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === DIAGNOSTIC_CODES.taggedClaim));
    expect(back.some((d) => d.code === DIAGNOSTIC_CODES.orphan)).toBe(false);
  });
});

describe('tags after the source changed outside the editor', () => {
  it('are re-anchored on open (typo fixed, paragraph inserted), and the sidecar is brought in step', async () => {
    const { client, file, sidecarPath } = await session();
    const text = read(file);
    const uri = await openTagged(client, file, text, [FOURTH_LARGEST, 'Tag as verified'], [RECENTLY, 'Tag as contradicted']);
    await client.close(uri);
    const before = sidecarJson(sidecarPath);

    // A colleague's edit arrives through git: a paragraph above, a typo fixed inside one claim,
    // the other claim's paragraph removed.
    const outside = ('Correction appended below.\n\n' + text).replace('handset maker', 'handset-maker').replace(' ' + RECENTLY_SENTENCE, '');
    write(file, outside);
    const uri2 = await client.open(file, outside);
    const diagnostics = await client.waitForDiagnostics(uri2, (d) => d.some((x) => x.code === DIAGNOSTIC_CODES.orphan));
    const tagged = diagnostics.filter((x) => x.code === DIAGNOSTIC_CODES.taggedClaim);
    expect(tagged.map((d) => coveredText(outside, d).slice(0, 52))).toEqual(['Xiaomi is the fourth largest handset-maker in China ']);

    const after = await until(() => {
      const s = sidecarJson(sidecarPath);
      return s.sourceSha256 === sha256Hex(outside) ? s : undefined;
    }, 'sidecar re-based after the outside edit');
    const byStatus = Object.fromEntries(after.annotations.map((a: any) => [a.status, a]));
    expect(outside.slice(byStatus.verified.target.start, byStatus.verified.target.end)).toBe(byStatus.verified.target.exact);
    expect(byStatus.verified.orphanedAt).toBeUndefined();
    // The orphan keeps its last target, marked as such; nothing is dropped.
    expect(byStatus.contradicted.orphanedAt).toMatch(/^2026-/);
    expect(byStatus.contradicted.target).toEqual(before.annotations.find((a: any) => a.status === 'contradicted').target);

    // Hover on the first line lists it with its quote.
    const hover = await client.hover(uri2, { line: 0, character: 1 });
    const md = (hover?.contents as { value: string }).value;
    expect(md).toContain('**Orphaned tag**');
    expect(md).toContain(`contradicted claim: “${RECENTLY}`);
  });
});

describe('orphaned tags', () => {
  async function withOrphan() {
    const s = await session();
    const text = read(s.file);
    const uri = await openTagged(s.client, s.file, text, [RECENTLY, 'Tag as contradicted']);
    await s.client.close(uri);
    const rewritten = text.replace(RECENTLY_SENTENCE, 'Xiaomi already sells cameras and speakers in America.');
    write(s.file, rewritten);
    const uri2 = await s.client.open(s.file, rewritten);
    const diagnostics = await s.client.waitForDiagnostics(uri2, (d) => d.some((x) => x.code === DIAGNOSTIC_CODES.orphan));
    return { ...s, uri: uri2, text: rewritten, orphan: diagnostics.find((x) => x.code === DIAGNOSTIC_CODES.orphan)! };
  }

  it('can be re-attached to the selection, keeping status, history and creation time', async () => {
    const { client, uri, text, sidecarPath, orphan } = await withOrphan();
    // The lightbulb on the orphan's own diagnostic, with nothing selected, says to select first.
    const onDiagnostic = await client.codeActions(uri, { start: orphan.range.start, end: orphan.range.start }, [orphan]);
    expect(onDiagnostic.find((a) => a.title.startsWith('Re-attach'))?.disabled?.reason).toMatch(/Select the text/);

    const sentence = 'Xiaomi already sells cameras and speakers in America.';
    const start = text.indexOf(sentence);
    const actions = await client.codeActions(uri, rangeOf(text, start, start + sentence.length), []);
    const reattach = actions.find((a) => a.title.startsWith('Re-attach orphaned tag (contradicted claim'));
    expect(reattach?.title).toBe('Re-attach orphaned tag (contradicted claim “More recently, it kicked off operations…”) to the selection');
    const createdAt = sidecarJson(sidecarPath).annotations[0].createdAt;
    await run(client, reattach);

    const [a] = sidecarJson(sidecarPath).annotations;
    expect(a).toMatchObject({ status: 'contradicted', createdAt, target: { start, end: start + sentence.length, exact: sentence } });
    expect(a.orphanedAt).toBeUndefined();
    const diagnostics = await client.waitForDiagnostics(uri, (d) => !d.some((x) => x.code === DIAGNOSTIC_CODES.orphan));
    const reattached = diagnostics.find((d) => coveredText(text, d) === sentence);
    expect(reattached?.message).toMatch(/^Claim “.+” · tagged contradicted$/);
  });

  it('can be deleted on purpose from its diagnostic, and only then leaves the sidecar', async () => {
    const { client, uri, sidecarPath, orphan } = await withOrphan();
    expect(sidecarJson(sidecarPath).annotations).toHaveLength(1);
    const actions = await client.codeActions(uri, { start: orphan.range.start, end: orphan.range.start }, [orphan]);
    await run(client, actions.find((a) => a.title.startsWith('Delete orphaned tag (contradicted claim')));
    expect(sidecarJson(sidecarPath).annotations).toEqual([]);
    await client.waitForDiagnostics(uri, (d) => !d.some((x) => x.code === DIAGNOSTIC_CODES.orphan));
  });
});

describe('audit trail', () => {
  it('hover shows how the verdict evolved', async () => {
    const { client, file, sidecarPath } = await session();
    const text = read(file);
    const uri = await openTagged(client, file, text, [FOURTH_LARGEST, 'Tag as speculative']);
    const d = claim(text, await client.waitForDiagnostics(uri), FOURTH_LARGEST);
    await tag(client, uri, d, 'Tag as verified');
    await client.waitForDiagnostics(uri, (x) => claim(text, x, FOURTH_LARGEST).message.toString().endsWith('· tagged verified'));
    const history = sidecarJson(sidecarPath).annotations[0].history;
    expect(history.map((h: any) => [h.from, h.to])).toEqual([[undefined, 'speculative'], ['speculative', 'verified']]);
    const hover = await client.hover(uri, d.range.start);
    expect((hover?.contents as { value: string }).value).toMatch(/History: set speculative 2026-11-22 · speculative → verified 2026-11-22/);
  });
});

describe('renames and moves in the editor', () => {
  const renameNotice = (client: LspTestClient, from: string, to: string) =>
    client.connection.sendNotification('workspace/didRenameFiles', { files: [{ oldUri: pathToFileURL(from).href, newUri: pathToFileURL(to).href }] });

  it('the server asks to be told about renames', async () => {
    const ws = tempWorkspace();
    cleanups.push(ws.cleanup);
    const client = inProcessServer();
    cleanups.push(() => client.shutdown());
    const init = (await client.initialize(ws.dir)) as any;
    expect(init.capabilities.workspace.fileOperations.didRename.filters[0]).toMatchObject({ scheme: 'file' });
    expect(init.capabilities.textDocumentSync).toMatchObject({ change: 2, save: { includeText: false } });
  });

  it('a renamed source takes its sidecar with it; a sidecar renamed on its own stays where the user put it', async () => {
    const { ws, client, file, sidecarPath } = await session();
    const text = read(file);
    const uri = await openTagged(client, file, text, [FOURTH_LARGEST, 'Tag as verified']);
    await client.close(uri);

    const moved = ws.path('renamed.txt');
    renameSync(file, moved);
    await renameNotice(client, file, moved);
    await until(() => existsSync(`${moved}.annotations.json`) && sidecarJson(`${moved}.annotations.json`).source === 'renamed.txt', 'sidecar moved');
    expect(existsSync(sidecarPath)).toBe(false);
    expect(sidecarJson(`${moved}.annotations.json`).source).toBe('renamed.txt');
    const uri2 = await client.open(moved, text);
    await client.waitForDiagnostics(uri2, (d) => claim(text, d, FOURTH_LARGEST).code === DIAGNOSTIC_CODES.taggedClaim);

    // The user renames only the sidecar (to hand its tags to another copy of the source): not moved back, not lost.
    const copy = ws.path('copy.txt');
    write(copy, text);
    renameSync(`${moved}.annotations.json`, `${copy}.annotations.json`);
    await renameNotice(client, `${moved}.annotations.json`, `${copy}.annotations.json`);
    const uri3 = await client.open(copy, text);
    await client.waitForDiagnostics(uri3, (d) => claim(text, d, FOURTH_LARGEST).code === DIAGNOSTIC_CODES.taggedClaim);
    expect(existsSync(`${moved}.annotations.json`)).toBe(false);
    // Its "source" field follows its new owner on the next save.
    const d = claim(text, await client.waitForDiagnostics(uri3), FOURTH_LARGEST);
    await tag(client, uri3, d, 'Tag as speculative');
    expect(sidecarJson(`${copy}.annotations.json`).source).toBe('copy.txt');
  });

  it('never overwrites a sidecar already at the new name', async () => {
    const { ws, client, file, sidecarPath } = await session();
    const text = read(file);
    await client.close(await openTagged(client, file, text, [FOURTH_LARGEST, 'Tag as verified']));
    const target = ws.path('taken.txt');
    write(`${target}.annotations.json`, '{"not": "mine"}');
    renameSync(file, target);
    await renameNotice(client, file, target);
    await client.waitFor(() => client.messages.find((m) => /stay in .*already exists/.test(m.message)), 'warning');
    expect(read(`${target}.annotations.json`)).toBe('{"not": "mine"}');
    expect(sidecarJson(sidecarPath).annotations).toHaveLength(1);
  });
});

describe('two editor windows on one sidecar', () => {
  it('keep each other’s tags', async () => {
    const { ws, client: first, file, sidecarPath } = await session();
    const second = await server(ws.dir);
    const text = read(file);
    // Both open the source before either tags, so each has an old view of the sidecar.
    const uri1 = await first.open(file, text);
    const uri2 = await second.open(file, text);
    const d1 = claim(text, await first.waitForDiagnostics(uri1, (d) => d.length > 0), FOURTH_LARGEST);
    const d2 = claim(text, await second.waitForDiagnostics(uri2, (d) => d.length > 0), RECENTLY);
    await Promise.all([tag(first, uri1, d1, 'Tag as verified'), tag(second, uri2, d2, 'Tag as contradicted')]);
    const statuses = sidecarJson(sidecarPath).annotations.map((a: any) => `${a.status}:${a.target.exact.slice(0, 20)}`).sort();
    expect(statuses).toEqual([`contradicted:${RECENTLY.slice(0, 20)}`, `verified:${FOURTH_LARGEST.slice(0, 20)}`]);
  });
});

describe('broken and old sidecars', () => {
  it('a sidecar whose offsets do not fit the source it names is reported and never overwritten', async () => {
    const { client, file, sidecarPath } = await session();
    const text = read(file);
    const start = text.indexOf(FOURTH_LARGEST);
    const bad = {
      schemaVersion: 2, source: XIAOMI_US, sourceSha256: sha256Hex(text),
      annotations: [{ id: 'a_1', kind: 'claim', status: 'verified', target: { start: start + 3, end: start + 3 + FOURTH_LARGEST.length, exact: FOURTH_LARGEST, prefix: '', suffix: '' }, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' }],
    };
    const raw = JSON.stringify(bad, null, 2);
    write(sidecarPath, raw);
    const uri = await client.open(file, text);
    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === DIAGNOSTIC_CODES.invalidSidecar));
    expect(diagnostics.find((x) => x.code === DIAGNOSTIC_CODES.invalidSidecar)!.message).toMatch(/a_1.*is not its quote.*64 zeros/);
    const d = claim(text, diagnostics, RECENTLY);
    const action = (await client.codeActions(uri, d.range, [d])).find((a) => a.title === 'Tag as verified')!;
    const result = (await client.executeCommand(action.command!.command, action.command!.arguments!)) as { ok: boolean };
    expect(result.ok).toBe(false);
    expect(read(sidecarPath)).toBe(raw);
  });

  it('a version 1 sidecar is read, and backed up before it is first rewritten as version 3', async () => {
    const { client, file, sidecarPath } = await session();
    const text = read(file);
    const start = text.indexOf(FOURTH_LARGEST);
    const v1 = JSON.stringify({
      schemaVersion: 1, source: XIAOMI_US, sourceSha256: sha256Hex(text),
      annotations: [{ id: 'a_old', kind: 'claim', status: 'speculative', target: { start, end: start + FOURTH_LARGEST.length, exact: FOURTH_LARGEST, prefix: text.slice(start - 32, start), suffix: text.slice(start + FOURTH_LARGEST.length, start + FOURTH_LARGEST.length + 32) }, createdAt: '2025-01-01T00:00:00Z', updatedAt: '2025-01-01T00:00:00Z' }],
    }, null, 2);
    write(sidecarPath, v1);
    const uri = await client.open(file, text);
    const d = claim(text, await client.waitForDiagnostics(uri, (x) => x.length > 0), RECENTLY);
    await tag(client, uri, d, 'Tag as verified');
    expect(read(`${sidecarPath}.v1.bak`)).toBe(v1);
    const now = sidecarJson(sidecarPath);
    expect(now.schemaVersion).toBe(3);
    expect(now.annotations.map((a: any) => a.id)).toContain('a_old');
  });
});
