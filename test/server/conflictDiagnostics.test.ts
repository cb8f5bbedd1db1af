// A place of a source that many other sources contradict (a story copied by hundreds, one copy
// with another date) is one diagnostic, a few quick fixes, a hover of bounded length and one row of
// the view, however many conflicts the index found.
import { DiagnosticSeverity } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/core/analyzer';
import type { Conflict, ConflictSide } from '../../src/core/corpus/conflicts';
import { analyzeSource } from '../../src/core/sourceAnalysis';
import { codeActionsFor } from '../../src/server/codeActions';
import { MAX_CONFLICT_RELATED, toDiagnostics } from '../../src/server/diagnostics';
import { hoverAt } from '../../src/server/hover';
import { DEFAULT_SETTINGS } from '../../src/server/settings';
import { documentExtras, MAX_CONFLICT_LISTED } from '../../src/server/sourceSummary';
import { loadState, type SourceState } from '../../src/server/sourceState';
import { DIAGNOSTIC_CODES } from '../../src/shared/protocol';

const URI = 'file:///work/news/a.txt';
const TEXT = 'Xiaomi will enter the US market within two years, the company said on Monday.\n';

async function stateWith(conflicts: (claimId: string) => Conflict[]): Promise<SourceState> {
  const state = await loadState(new Analyzer(), {
    uri: URI, version: 1, settings: { ...DEFAULT_SETTINGS, referenceDate: '2018-03-10' }, text: TEXT, sidecar: { state: 'missing' },
  }, undefined, async (a, t, s, o, tracked) => analyzeSource(a, t, s, o, tracked));
  const claim = state.tagged.findings.find((f) => f.kind === 'claim')!;
  const list = conflicts(claim.id);
  const labels = new Map(list.map((c) => [c.sides[1].sourceId, c.sides[1].sourceId.split('/').pop()!]));
  return { ...state, crossSource: { links: new Map(), conflicts: list, entities: new Map(), speakers: new Map(), labels, lines: new Map([...labels.keys()].map((id) => [id, [0]])), indexed: 1 + list.length, indexing: false } };
}

const span = (start: number, end: number) => ({ start, end });

/** `n` sources, each with a claim giving the plan the end of 2018: each a conflict with this source's "two years". */
function contradictedBy(n: number, claimId: string, sourcesOf = (i: number) => `file:///work/news/copy-${String(i).padStart(3, '0')}.txt`): Conflict[] {
  const at = TEXT.indexOf('two years');
  const mine: ConflictSide = {
    sourceId: URI, findingId: claimId, findingKind: 'claim', span: span(0, TEXT.indexOf('\n')), focus: span(at, at + 9),
    quote: TEXT.trim(), focusText: 'two years', value: 'by 2020-03-10, counted from 2018-03-10',
  };
  return Array.from({ length: n }, (_, i) => {
    const other: ConflictSide = {
      sourceId: sourcesOf(i), findingId: `claim:x${i}`, findingKind: 'claim', span: span(0, 40), focus: span(30, 41),
      quote: `Xiaomi will enter the US by end of 2018 (copy ${i}).`, focusText: 'end of 2018', value: '2018-09-01 … 2018-12-31',
    };
    return { id: `time-frame:${URI}#${claimId}|${other.sourceId}#${other.findingId}`, kind: 'time-frame', subject: TEXT.trim(), sides: [mine, other] };
  });
}

const conflictDiagnostics = (state: SourceState) =>
  toDiagnostics(TextDocument.create(URI, 'plaintext', 1, TEXT), state).filter((d) => d.code === DIAGNOSTIC_CODES.conflict);

describe('a place many sources contradict', () => {
  it('is one diagnostic naming the first source and counting the others, with a bounded list of the other quotes', async () => {
    const state = await stateWith((id) => contradictedBy(30, id));
    const [d, ...rest] = conflictDiagnostics(state);
    expect(rest).toEqual([]);
    expect(d!.message).toBe('Sources disagree on the time frame: here "two years" (by 2020-03-10, counted from 2018-03-10); copy-000.txt says "end of 2018" (2018-09-01 … 2018-12-31), and 29 other places disagree too.');
    expect(d!.relatedInformation).toHaveLength(MAX_CONFLICT_RELATED);
    expect(d!.relatedInformation![1]!.message).toBe('copy-001.txt: "Xiaomi will enter the US by end of 2018 (copy 1)."');
    expect(TEXT.slice(d!.range.start.character, d!.range.end.character)).toBe('two years');
  });

  it('says one conflict as before, and two as "1 other place"', async () => {
    expect(conflictDiagnostics(await stateWith((id) => contradictedBy(1, id)))[0]!.message).toMatch(/\(2018-09-01 … 2018-12-31\)\.$/);
    expect(conflictDiagnostics(await stateWith((id) => contradictedBy(2, id)))[0]!.message).toMatch(/, and 1 other place disagrees too\.$/);
  });

  it('offers to tag it contradicted citing a few sources, the one its diagnostic names first', async () => {
    // Two conflicts in each source: one action per source.
    const state = await stateWith((id) => contradictedBy(30, id, (i) => `file:///work/news/copy-${String(i >> 1).padStart(3, '0')}.txt`));
    const [d] = conflictDiagnostics(state);
    const at = TEXT.indexOf('two years');
    const cite = codeActionsFor(state, at, at + 9, [d!], (p) => TextDocument.create(URI, 'plaintext', 1, TEXT).offsetAt(p)).filter((a) => a.title.startsWith('Tag as contradicted, citing'));
    expect(cite.map((a) => a.title)).toEqual([
      'Tag as contradicted, citing copy-000.txt: “end of 2018” (tags it verified)',
      'Tag as contradicted, citing copy-001.txt: “end of 2018” (tags it verified)',
      'Tag as contradicted, citing copy-002.txt: “end of 2018” (tags it verified)',
    ]);
    expect(cite.map((a) => a.isPreferred)).toEqual([true, false, false]);
  });

  it('shows a few conflicts in the hover and counts the rest', async () => {
    const state = await stateWith((id) => contradictedBy(30, id));
    const hover = hoverAt(TextDocument.create(URI, 'plaintext', 1, TEXT), state, TEXT.indexOf('two years'))!;
    const value = (hover.contents as { value: string }).value;
    expect(value.match(/Sources disagree on the time frame/g)).toHaveLength(5);
    expect(value).toContain('**⚠** and 25 more conflicts (the Sourcemark view lists them under Conflicts)');
  });

  it('is one row of the view\'s Conflicts, with the message of its diagnostic and the other places, a bounded list of them', async () => {
    const doc = TextDocument.create(URI, 'plaintext', 1, TEXT);
    const state = await stateWith((id) => contradictedBy(60, id));
    const rows = documentExtras(doc, state).conflicts!;
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row!.message).toBe(conflictDiagnostics(state)[0]!.message);
    expect(row!.label).toBe('time frame: "two years"');
    expect(TEXT.slice(row!.start, row!.end)).toBe('two years');
    expect(row!.otherCount).toBe(60);
    expect(row!.others).toHaveLength(MAX_CONFLICT_LISTED);
    expect(row!.others[1]).toEqual({
      uri: 'file:///work/news/copy-001.txt', range: { start: { line: 0, character: 30 }, end: { line: 0, character: 41 } },
      words: 'end of 2018', value: '2018-09-01 … 2018-12-31', quote: 'Xiaomi will enter the US by end of 2018 (copy 1).',
    });
    const one = documentExtras(doc, await stateWith((id) => contradictedBy(1, id))).conflicts!;
    expect(one.map((c) => [c.others.length, c.otherCount])).toEqual([[1, 1]]);
  });

  it('is settled once both sides of each conflict are tagged: a hint, then, and a tick in the view', async () => {
    const doc = TextDocument.create(URI, 'plaintext', 1, TEXT);
    const tagOthers = (n: number) => (id: string) => contradictedBy(30, id).map((c, i) => (i < n ? { ...c, sides: [c.sides[0], { ...c.sides[1], tag: { id: `t${i}`, status: 'verified' as const } }] as Conflict['sides'] } : c));
    /** This source's claim tagged, as the quick fix "Tag as contradicted, citing …" does. */
    const taggedHere = (state: SourceState): SourceState => ({
      ...state,
      tagged: { ...state.tagged, findings: state.tagged.findings.map((f) => (f.kind === 'claim' ? { ...f, annotation: { id: 'mine', status: 'contradicted' } as unknown as NonNullable<typeof f.annotation> } : f)) },
    });
    // Every other side tagged, and this one: one settled place, shown as a tagged claim is.
    const all = taggedHere(await stateWith(tagOthers(30)));
    const [settled, ...none] = conflictDiagnostics(all);
    expect(none).toEqual([]);
    expect(settled!.severity).toBe(DiagnosticSeverity.Hint);
    expect(settled!.message).toMatch(/, and 29 other places disagree too\. Both sides are tagged\.$/);
    expect(documentExtras(doc, all).conflicts!.map((c) => [c.settled, c.otherCount])).toEqual([[true, 30]]);
    // Ten other sides still untagged: the warning stays, counting those.
    const some = taggedHere(await stateWith(tagOthers(20)));
    const [open, ...rest] = conflictDiagnostics(some);
    expect(rest).toEqual([]);
    expect(open!.severity).toBe(DiagnosticSeverity.Warning);
    expect(open!.message).toMatch(/copy-020\.txt says .*, and 9 other places disagree too\.$/);
    // Every other side tagged but not this one: still a warning.
    expect(conflictDiagnostics(await stateWith(tagOthers(30)))[0]!.severity).toBe(DiagnosticSeverity.Warning);
  });
});
