import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DiagnosticSeverity, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol';
import { COMMANDS, DIAGNOSTIC_CODES } from '../../src/shared/protocol';
import { cleanupsAfterEach, coveredText, positionOf, read, serverSession, write, XIAOMI_US } from './fixtureWorkspace';
import { inProcessServer, type LspTestClient } from './lspTestClient';
import { FileSidecarStore } from '../../src/core/tags/sidecarStore';

const TITLE_CLAIM = "Xiaomi plans to enter the US market by 2018's end or by early 2019";
const FOURTH_LARGEST = 'Xiaomi is the fourth largest handset maker in China';

const cleanups = cleanupsAfterEach();
const session = (files?: string[]) => serverSession(cleanups, files);

function claimDiagnostic(text: string, diagnostics: Diagnostic[], startsWith: string): Diagnostic {
  const d = diagnostics.find((x) => (x.code === DIAGNOSTIC_CODES.untaggedClaim || x.code === DIAGNOSTIC_CODES.taggedClaim) && coveredText(text, x).startsWith(startsWith));
  if (!d) throw new Error(`no claim diagnostic starting "${startsWith}"`);
  return d;
}

async function tagVia(client: LspTestClient, uri: string, d: Diagnostic, title: string): Promise<CodeAction> {
  const actions = await client.codeActions(uri, d.range, [d]);
  const action = actions.find((a) => a.title === title);
  if (!action?.command) throw new Error(`no "${title}" action among ${actions.map((a) => a.title).join(', ')}`);
  const result = await client.executeCommand(action.command.command, action.command.arguments ?? []);
  expect(result).toEqual({ ok: true });
  return action;
}

describe('language server over in-process LSP streams', () => {
  it('flags claims, entities and dates with the configured severities', async () => {
    const { ws, client } = await session();
    const text = read(ws.path(XIAOMI_US));
    const uri = await client.open(ws.path(XIAOMI_US), text);
    // By default names and dates are coloured, not diagnostics: only claims (and conflicts, orphans) are.
    const byDefault = await client.waitForDiagnostics(uri, (d) => d.length > 0);
    expect(byDefault.filter((d) => d.code === DIAGNOSTIC_CODES.entity || d.code === DIAGNOSTIC_CODES.date)).toEqual([]);
    client.settings = { diagnostics: { entities: true, dates: true } };
    await client.executeCommand(COMMANDS.reanalyse, [{}]);
    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === DIAGNOSTIC_CODES.entity));

    const claim = claimDiagnostic(text, diagnostics, FOURTH_LARGEST);
    expect(claim.severity).toBe(DiagnosticSeverity.Information);
    expect(claim.message).toMatch(/^Claim “Xiaomi is the fourth largest .+…” · untagged · check-worthiness 0\.\d\d/);
    const entity = diagnostics.find((d) => d.code === DIAGNOSTIC_CODES.entity && coveredText(text, d) === 'Lei Jun');
    expect(entity?.severity).toBe(DiagnosticSeverity.Hint);
    expect(entity?.message).toBe('Lei Jun (person) · 1 mention');
    const date = diagnostics.find((d) => d.code === DIAGNOSTIC_CODES.date && coveredText(text, d) === 'end 2018');
    expect(date?.message).toBe('Date “end 2018”: end of 2018');
    // Boilerplate is never flagged.
    const boilerplateStart = text.indexOf('This copy is for your personal');
    expect(diagnostics.filter((d) => coveredText(text, d).length && text.indexOf(coveredText(text, d), boilerplateStart) === boilerplateStart)).toEqual([]);
  });

  it('says once, on its first line, that a paragraph without sentence ends was not read as prose', async () => {
    const { ws, client } = await session();
    const long = 'the price of phones went up on March 3, 2018 and Lei Jun said nothing '.repeat(1500).trim();
    const text = `Xiaomi plans to enter the United States by 2019.\n\n${long}\nand so on\n\nSales rose 20% in 2018.\n`;
    const uri = await client.open(ws.path('long.txt'), text);
    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.length > 0);
    const notes = diagnostics.filter((d) => d.code === DIAGNOSTIC_CODES.notProse);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.severity).toBe(DiagnosticSeverity.Information);
    expect(notes[0]!.range).toEqual({ start: { line: 2, character: 0 }, end: { line: 2, character: long.length } });
    expect(notes[0]!.message).toMatch(/^This paragraph \(\d[\d,]* characters\) runs more than 2,000 characters without a sentence end, so it is not read as prose/);
    expect(diagnostics.filter((d) => d.code === DIAGNOSTIC_CODES.untaggedClaim).map((d) => coveredText(text, d))).toEqual(['Xiaomi plans to enter the United States by 2019.', 'Sales rose 20% in 2018.']);
  });

  it('applies severity settings fetched for the document', async () => {
    const { ws, client } = await session();
    client.settings = { severity: { claim: 'warning', entity: 'off' }, kinds: ['claim', 'entity'] };
    const text = read(ws.path(XIAOMI_US));
    const uri = await client.open(ws.path(XIAOMI_US), text);
    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.length > 0);
    expect(claimDiagnostic(text, diagnostics, FOURTH_LARGEST).severity).toBe(DiagnosticSeverity.Warning);
    expect(diagnostics.some((d) => d.code === DIAGNOSTIC_CODES.entity || d.code === DIAGNOSTIC_CODES.date)).toBe(false);
  });

  it('explains findings on hover: entity type and mentions, date value, claim attribution and hedges', async () => {
    const { ws, client } = await session();
    const text = read(ws.path(XIAOMI_US));
    const uri = await client.open(ws.path(XIAOMI_US), text);
    await client.waitForDiagnostics(uri, (d) => d.length > 0);

    const person = await client.hover(uri, positionOf(text, 'Lei Jun'));
    const value = (person?.contents as { value: string }).value;
    expect(value).toContain('**Entity** · person');
    expect(value).toContain('Lei Jun: mentioned 1 time in this source');
    expect(value).toContain('**Claim**');
    expect(value).toContain('Attribution: said (Lei Jun)');

    const org = await client.hover(uri, positionOf(text, 'Xiaomi has been planning'));
    expect((org?.contents as { value: string }).value).toMatch(/Xiaomi: mentioned \d+ times/);

    const date = await client.hover(uri, positionOf(text, 'early 2019.'));
    expect((date?.contents as { value: string }).value).toContain('Means: early 2019 · a date');

    const relative = await client.hover(uri, positionOf(text, 'this year'));
    expect((relative?.contents as { value: string }).value).toContain('Not resolved: this source states no publication date');

    const hedged = await client.hover(uri, positionOf(text, 'plans to enter'));
    expect((hedged?.contents as { value: string }).value).toContain('Hedging: “plans to”');
  });

  it('offers speculative first on a hedged claim and verified first otherwise', async () => {
    const { ws, client } = await session();
    const text = read(ws.path(XIAOMI_US));
    const uri = await client.open(ws.path(XIAOMI_US), text);
    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.length > 0);

    const hedged = claimDiagnostic(text, diagnostics, TITLE_CLAIM);
    const hedgedActions = (await client.codeActions(uri, hedged.range, [hedged])).filter((a) => !a.title.includes('('));
    expect(hedgedActions.map((a) => a.title).slice(0, 3)).toEqual(['Tag as speculative', 'Tag as verified', 'Tag as contradicted']);
    expect(hedgedActions[0].isPreferred).toBe(true);

    const plain = claimDiagnostic(text, diagnostics, FOURTH_LARGEST);
    const plainActions = await client.codeActions(uri, plain.range, [plain]);
    expect(plainActions.map((a) => a.title).slice(0, 3)).toEqual(['Tag as verified', 'Tag as speculative', 'Tag as contradicted']);
    expect(plainActions.some((a) => a.title.startsWith('Clear tag'))).toBe(false);
  });

  it('saves a tag to the sidecar at once, changes the diagnostic, and restores it after reopening', async () => {
    const { ws, client } = await session();
    const file = ws.path(XIAOMI_US);
    const text = read(file);
    const uri = await client.open(file, text);
    const before = await client.waitForDiagnostics(uri, (d) => d.length > 0);
    const claim = claimDiagnostic(text, before, FOURTH_LARGEST);
    const claimText = coveredText(text, claim);

    await tagVia(client, uri, claim, 'Tag as verified');
    const sidecar = JSON.parse(read(`${file}.annotations.json`));
    expect(sidecar).toMatchObject({ schemaVersion: 3, source: XIAOMI_US });
    expect(sidecar.sourceSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(sidecar.annotations).toHaveLength(1);
    const [a] = sidecar.annotations;
    expect(a).toMatchObject({ kind: 'claim', status: 'verified', createdAt: '2026-11-22T10:00:00.000Z' });
    expect(a.target.exact).toBe(claimText);
    expect(text.slice(a.target.start, a.target.end)).toBe(claimText);
    expect(a.target.prefix).toBe(text.slice(a.target.start - 32, a.target.start));
    expect(a.target.suffix).toBe(text.slice(a.target.end, a.target.end + 32));
    expect(read(`${file}.annotations.json`).endsWith('}\n')).toBe(true);

    const after = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === DIAGNOSTIC_CODES.taggedClaim));
    const tagged = claimDiagnostic(text, after, FOURTH_LARGEST);
    expect(tagged.message).toMatch(/^Claim “.+” · tagged verified$/);
    expect(tagged.severity).toBe(DiagnosticSeverity.Hint);
    const hover = await client.hover(uri, tagged.range.start);
    expect((hover?.contents as { value: string }).value).toContain('Tag: **verified**');

    // A new server (VS Code reopened) finds the tag again, exactly where it was.
    await client.close(uri);
    const again = inProcessServer();
    cleanups.push(() => again.shutdown());
    await again.initialize(ws.dir);
    const uri2 = await again.open(file, text);
    const restored = await again.waitForDiagnostics(uri2, (d) => d.length > 0);
    const restoredClaim = claimDiagnostic(text, restored, FOURTH_LARGEST);
    expect(restoredClaim.code).toBe(DIAGNOSTIC_CODES.taggedClaim);
    expect(restoredClaim.range).toEqual(claim.range);
  });

  it('keeps finding ids over an edit above, so a quick fix still finds the diagnostic the editor shows', async () => {
    const { ws, client } = await session();
    const file = ws.path(XIAOMI_US);
    const text = read(file);
    const uri = await client.open(file, text);
    const claim = claimDiagnostic(text, await client.waitForDiagnostics(uri, (d) => d.length > 0), FOURTH_LARGEST);
    expect(claim.range.start.line).toBeGreaterThan(0);
    // A word typed into the title, above the claim, shifts every offset after it.
    await client.change(uri, [{ range: { start: { line: 0, character: 6 }, end: { line: 0, character: 6 } }, text: ' really' }]);
    const edited = `${text.slice(0, 6)} really${text.slice(6)}`;
    const after = await client.waitForDiagnostics(uri, (d) => d.length > 0);
    const moved = claimDiagnostic(edited, after, FOURTH_LARGEST);
    expect(moved).toEqual(claim);
    // The editor still shows the diagnostic of before the edit (same id): the quick fixes name it.
    const actions = await client.codeActions(uri, { start: claim.range.start, end: claim.range.start }, [claim]);
    const verify = actions.find((a) => a.title === 'Tag as verified (claim)');
    expect(verify?.diagnostics).toEqual([claim]);
    expect(verify?.isPreferred).toBe(true);
  });

  it('re-tags, adds a note shown in hover, and clears a tag on purpose', async () => {
    const { ws, client } = await session();
    const file = ws.path(XIAOMI_US);
    const text = read(file);
    const uri = await client.open(file, text);
    const claim = claimDiagnostic(text, await client.waitForDiagnostics(uri, (d) => d.length > 0), FOURTH_LARGEST);

    await tagVia(client, uri, claim, 'Tag as contradicted');
    const tagged = await client.waitForDiagnostics(uri, (d) => d.some((x) => String(x.message).endsWith('· tagged contradicted')));
    const taggedClaim = claimDiagnostic(text, tagged, FOURTH_LARGEST);
    const actions = await client.codeActions(uri, taggedClaim.range, [taggedClaim]);
    const titles = actions.map((a) => a.title);
    expect(titles).toEqual(['Tag as verified', 'Tag as speculative', 'Clear tag']);

    const noteArgs = { ...(actions[0].command!.arguments![0] as object), note: 'IDC Q4 2017 report says fifth <b>*not*</b>' };
    expect(await client.executeCommand(COMMANDS.setNote, [noteArgs])).toEqual({ ok: true });
    await client.waitFor(() => JSON.parse(read(`${file}.annotations.json`)).annotations[0]?.comments?.[0]?.body, 'note in sidecar');
    const hover = await client.hover(uri, claim.range.start);
    const md = (hover?.contents as { value: string }).value;
    expect(md).toMatch(/^Tag: \*\*contradicted\*\*.*\n.*Note by [^\n]+: IDC Q4 2017 report says fifth &lt;b&gt;\\\*not\\\*&lt;\/b&gt;/m);
    expect(md).not.toMatch(/lightbulb/i);

    const clear = actions.find((a) => a.title === 'Clear tag')!;
    expect(await client.executeCommand(clear.command!.command, clear.command!.arguments!)).toEqual({ ok: true });
    expect(JSON.parse(read(`${file}.annotations.json`)).annotations).toEqual([]);
    await client.waitForDiagnostics(uri, (d) => claimDiagnostic(text, d, FOURTH_LARGEST).code === DIAGNOSTIC_CODES.untaggedClaim);
  });

  it('keeps tags in step with edits made in the editor', async () => {
    const { ws, client } = await session();
    const file = ws.path(XIAOMI_US);
    const text = read(file);
    const uri = await client.open(file, text);
    const claim = claimDiagnostic(text, await client.waitForDiagnostics(uri, (d) => d.length > 0), FOURTH_LARGEST);
    await tagVia(client, uri, claim, 'Tag as verified');

    const inserted = 'Editor note: a new first paragraph.\n\n';
    await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: inserted }]);
    const edited = inserted + text;
    const moved = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === DIAGNOSTIC_CODES.taggedClaim));
    const taggedNow = moved.find((x) => x.code === DIAGNOSTIC_CODES.taggedClaim)!;
    expect(coveredText(edited, taggedNow)).toBe(coveredText(text, claim));
    expect(moved.some((d) => d.code === DIAGNOSTIC_CODES.orphan)).toBe(false);
  });

  it('reports a broken sidecar and never overwrites it', async () => {
    const { ws, client } = await session();
    const file = ws.path(XIAOMI_US);
    const broken = '{"schemaVersion": 1, "annotations": [ oops';
    write(`${file}.annotations.json`, broken);
    const text = read(file);
    const uri = await client.open(file, text);
    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.length > 0);
    const problem = diagnostics.find((d) => d.code === DIAGNOSTIC_CODES.invalidSidecar);
    expect(problem?.severity).toBe(DiagnosticSeverity.Error);
    expect(problem?.message).toContain('not valid JSON');

    const claim = claimDiagnostic(text, diagnostics, FOURTH_LARGEST);
    const action = (await client.codeActions(uri, claim.range, [claim])).find((a) => a.title === 'Tag as verified')!;
    const result = (await client.executeCommand(action.command!.command, action.command!.arguments!)) as { ok: boolean };
    expect(result.ok).toBe(false);
    expect(client.messages.at(-1)?.message).toMatch(/Cannot save the tag: .* is not a valid sidecar/);
    expect(read(`${file}.annotations.json`)).toBe(broken);
  });

  it('reports a sidecar from a newer schema version and leaves it alone', async () => {
    const { ws, client } = await session();
    const file = ws.path(XIAOMI_US);
    const future = JSON.stringify({ schemaVersion: 4, source: XIAOMI_US, annotations: [] });
    write(`${file}.annotations.json`, future);
    const uri = await client.open(file, read(file));
    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.length > 0);
    expect(diagnostics.find((d) => d.code === DIAGNOSTIC_CODES.invalidSidecar)?.message).toMatch(/newer Sourcemark \(schema version 4\)/);
    expect(read(`${file}.annotations.json`)).toBe(future);
  });

  it('shows a tag whose text is gone as an orphan on the first line', async () => {
    const { ws, client } = await session();
    const file = ws.path(XIAOMI_US);
    const text = read(file);
    const uri = await client.open(file, text);
    const claim = claimDiagnostic(text, await client.waitForDiagnostics(uri, (d) => d.length > 0), FOURTH_LARGEST);
    await tagVia(client, uri, claim, 'Tag as verified');
    await client.close(uri);

    const rewritten = text.replace(/Xiaomi is the fourth largest handset maker in China[^.]*\./, 'Xiaomi sells phones.');
    write(file, rewritten);
    const uri2 = await client.open(file, rewritten);
    const diagnostics = await client.waitForDiagnostics(uri2, (d) => d.some((x) => x.code === DIAGNOSTIC_CODES.orphan));
    const orphan = diagnostics.find((d) => d.code === DIAGNOSTIC_CODES.orphan)!;
    expect(orphan.range.start.line).toBe(0);
    expect(orphan.message).toContain('Xiaomi is the fourth largest handset maker');
    expect(JSON.parse(read(`${file}.annotations.json`)).annotations).toHaveLength(1);
  });

  it('finishes a sidecar write under way before it answers shutdown', async () => {
    const { ws, client } = await session();
    const file = ws.path(XIAOMI_US);
    const text = read(file);
    const uri = await client.open(file, text);
    await tagVia(client, uri, claimDiagnostic(text, await client.waitForDiagnostics(uri, (d) => d.length > 0), FOURTH_LARGEST), 'Tag as verified');
    await client.close(uri);
    await client.shutdown();

    // Changed on disk: opening it re-anchors the tag and records that in the sidecar, a write no request waits for.
    const edited = `Updated.\n${text}`;
    write(file, edited);
    let renames = 0;
    const slow = inProcessServer({ store: new FileSidecarStore({ hooks: { beforeRename: () => new Promise<void>((r) => setTimeout(() => { renames++; r(); }, 300)) } }) });
    cleanups.push(() => slow.shutdown());
    await slow.initialize(ws.dir);
    const uri2 = await slow.open(file, edited);
    await slow.waitForDiagnostics(uri2, (d) => d.some((x) => x.code === DIAGNOSTIC_CODES.taggedClaim));
    await slow.shutdown();
    expect(renames).toBe(1);
    const saved = JSON.parse(read(`${file}.annotations.json`));
    expect(saved.annotations[0].target.start).toBe(edited.indexOf(FOURTH_LARGEST));
  });

  it('handles an empty file, a binary file and a file over the size limit with a clear message', async () => {
    const { ws, client } = await session([]);
    const empty = await client.open(ws.path('empty.txt'), '');
    expect(await client.waitForDiagnostics(empty)).toEqual([]);

    const binary = await client.open(ws.path('photo.txt'), 'PNG\u0000\u0001\u0002\uFFFD\uFFFD'.repeat(100));
    const binaryDiags = await client.waitForDiagnostics(binary, (d) => d.length > 0);
    expect(binaryDiags).toHaveLength(1);
    expect(binaryDiags[0].message).toMatch(/does not look like text/);

    const paragraph = 'Xiaomi said on Monday that it sold 10 million phones in 2017, according to IDC. ';
    const big = `${paragraph.repeat(40)}\n\n`.repeat(Math.ceil((10 * 1024 * 1024) / (paragraph.length * 40 + 2)));
    const bigUri = await client.open(ws.path('big.txt'), big);
    const bigDiags = await client.waitForDiagnostics(bigUri, (d) => d.length > 0);
    expect(bigDiags).toHaveLength(1);
    expect(bigDiags[0].message).toMatch(/is 10\.\d MB, over the 8 MB limit/);
    expect(existsSync(ws.path('big.txt.annotations.json'))).toBe(false);
  });

  it('ignores files outside the sources glob', async () => {
    const { ws, client } = await session();
    client.settings = { sources: 'articles/**/*.txt' };
    const outside = await client.open(ws.path(XIAOMI_US), read(ws.path(XIAOMI_US)));
    const inside = await client.open(ws.path('articles/a.txt'), 'Xiaomi said it sold 10 million phones in 2017.');
    // Documents are handled in order: once the second is published, the first was decided.
    expect((await client.waitForDiagnostics(inside, (d) => d.length > 0)).length).toBeGreaterThan(0);
    expect(client.diagnostics.has(outside)).toBe(false);
  });
});
