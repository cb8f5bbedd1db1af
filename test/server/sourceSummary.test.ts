import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/core/analyzer';
import { DEFAULT_SETTINGS } from '../../src/server/settings';
import { loadState } from '../../src/server/sourceState';
import { findingItems } from '../../src/server/sourceSummary';
import type { FindingItem } from '../../src/shared/protocol';

const URI = 'file:///work/news/a.txt';
const TEXT = readFileSync(path.resolve(__dirname, '../../test-fixtures/sources/000_10788ba24ea37e24.txt'), 'utf8');

async function itemsOf(analyzer: Analyzer, text: string): Promise<FindingItem[]> {
  const state = await loadState(analyzer, { uri: URI, version: 1, settings: DEFAULT_SETTINGS, text, sidecar: { state: 'missing' } });
  return findingItems(TextDocument.create(URI, 'plaintext', 1, text), state);
}

describe('the findings of a view after an edit', () => {
  it('are the same objects before the edit where the finding is the same, new ones after it, and what a fresh analysis gives', async () => {
    const analyzer = new Analyzer();
    const before = await itemsOf(analyzer, TEXT);
    const at = TEXT.lastIndexOf('\n\n', Math.floor(TEXT.length / 2));
    const edited = `${TEXT.slice(0, at)} notably${TEXT.slice(at)}`;
    const after = await itemsOf(analyzer, edited);
    expect(after).toEqual(await itemsOf(new Analyzer(), edited));
    const was = new Set(before);
    const earlier = after.filter((f) => f.end < at);
    expect(earlier.length).toBeGreaterThan(10);
    // Those whose finding the analysis kept (most: some it makes again, saying the same).
    expect(earlier.filter((f) => was.has(f)).length).toBeGreaterThan(earlier.length / 2);
    // Those after it moved: none is handed over as it was.
    expect(after.filter((f) => f.start > at && was.has(f))).toEqual([]);
    // The same finding on another line (a line break before it) is a new item.
    const broken = `\n${edited}`;
    const again = await itemsOf(analyzer, broken);
    expect(again.filter((f) => new Set(after).has(f))).toEqual([]);
    expect(again).toEqual(await itemsOf(new Analyzer(), broken));
  });
});
