// Memory stays flat while a long source is edited: what the analyser keeps between analyses (its
// paragraph cache, entity links, finding ids) must not keep a slice of each version's text, which
// in V8 keeps that whole version alive. Before src/core/text/ownCopy.ts, 60 edits of 1 MB kept
// 125 MB; the commenter of a cached comment alone kept 15 MB over 40 edits.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/core/analyzer';
import { poolsFrom, prng, SourceGenerator } from '../../scripts/bench/generate';

const SAMPLES_DIR = path.resolve(__dirname, '../../test-fixtures/sources');
const gc = (globalThis as { gc?: () => void }).gc;

describe.runIf(gc)('editing a long source', () => {
  it('keeps no earlier version of its text: the heap grows by less than 1.5 versions over 40 edits', () => {
    const samples = readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(path.join(SAMPLES_DIR, f), 'utf8'));
    let text = new SourceGenerator(poolsFrom(samples), 0x5eed).source(1024 * 1024);
    // Comment threads with reader handles long enough to be sliced, not copied, out of the text.
    expect(text).toMatch(/^\d+\. \S{13,}$/m);
    const analyzer = new Analyzer();
    analyzer.analyze(text);
    const random = prng(7);
    gc!();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 40; i++) {
      // A new word in a sentence: its paragraph, its claim and their ids are new.
      const at = text.indexOf(' ', Math.floor(random() * text.length));
      text = `${text.slice(0, at)} word${i}x${text.slice(at)}`;
      analyzer.analyze(text);
    }
    gc!();
    // A version of the text is 2 bytes per character here (it holds characters outside Latin-1).
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(1.5 * 2 * text.length);
  });
});
