import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentSymbol } from 'vscode-languageserver';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/core/analyzer';
import { documentSymbols } from '../../src/server/documentSymbols';
import { DEFAULT_SETTINGS } from '../../src/server/settings';
import { loadState } from '../../src/server/sourceState';

const URI = 'file:///work/news/a.txt';
const TEXT = readFileSync(path.resolve(__dirname, '../../test-fixtures/sources/000_10788ba24ea37e24.txt'), 'utf8');

/** The Outline of `text`, reusing the symbols of the last call with the same `sent` as the server does. */
async function outlineOf(analyzer: Analyzer, text: string, sent?: { last: Map<string, DocumentSymbol> }): Promise<DocumentSymbol[]> {
  const state = await loadState(analyzer, { uri: URI, version: 1, settings: DEFAULT_SETTINGS, text, sidecar: { state: 'missing' } });
  const reuse = { before: sent?.last ?? new Map<string, DocumentSymbol>(), now: new Map<string, DocumentSymbol>() };
  const symbols = await documentSymbols(TextDocument.create(URI, 'plaintext', 1, text), state, undefined, reuse);
  if (sent) sent.last = reuse.now;
  return symbols;
}

const leaves = (outline: DocumentSymbol[]) => outline.flatMap((g) => g.children ?? []);

describe('the Outline after an edit', () => {
  it('hands over each symbol the edit did not move or change as the same object, and makes the others anew, as a fresh analysis has them', async () => {
    const analyzer = new Analyzer();
    const sent = { last: new Map<string, DocumentSymbol>() };
    const before = await outlineOf(analyzer, TEXT, sent);
    // A word added inside a line of the body: the symbols of the lines before and after it stay where they were.
    const lines = TEXT.split('\n');
    const line = lines.findIndex((l, i) => i > 8 && l.split(' ').length > 12);
    const at = lines.slice(0, line).join('\n').length + 1 + lines[line]!.indexOf(' ');
    const edited = `${TEXT.slice(0, at)} notably${TEXT.slice(at)}`;
    const after = await outlineOf(analyzer, edited, sent);
    expect(after).toEqual(await outlineOf(new Analyzer(), edited));
    const was = new Set(leaves(before));
    const kept = leaves(after).filter((s) => was.has(s));
    const onThatLine = leaves(after).filter((s) => s.range.start.line === line || s.range.end.line === line);
    expect(kept.length).toBeGreaterThan(leaves(after).length / 2);
    // Every symbol off the edited line, even one whose finding the analysis made again.
    expect(leaves(after).filter((s) => !onThatLine.includes(s)).every((s) => was.has(s))).toBe(true);
    expect(onThatLine.length).toBeGreaterThan(0);
    // Lines added at the top move every symbol: none is the same object.
    const moved = await outlineOf(analyzer, `Breaking.\n\n${edited}`, sent);
    const now = new Set(leaves(after));
    expect(leaves(moved).filter((s) => now.has(s))).toEqual([]);
    expect(moved).toEqual(await outlineOf(new Analyzer(), `Breaking.\n\n${edited}`));
  });
});
