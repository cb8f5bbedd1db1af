// movedFinding makes the same copy as the generic `moved` (every `start`/`end` at any depth moved,
// nothing else, key order kept) for every finding of the sample sources and of generated news, tagged
// ones included: if a kind ever holds an offset deeper down, this fails rather than a moved copy
// keeping an old offset.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/core/analyzer';
import { movedFinding } from '../../src/core/movedFinding';
import { analyzeSource } from '../../src/core/sourceAnalysis';
import { sha256Hex } from '../../src/core/tags/quoteSelector';
import { emptySidecar } from '../../src/core/tags/sidecarFormat';
import { setTags } from '../../src/core/tags/tagOperations';
import { moved, sameContentAs } from '../../src/core/text/movedCopies';
import { poolsFrom, SourceGenerator } from '../../scripts/bench/generate';

const SAMPLES_DIR = path.resolve(__dirname, '../../test-fixtures/sources');
const samples = readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(path.join(SAMPLES_DIR, f), 'utf8'));
const texts = [...samples, new SourceGenerator(poolsFrom(samples), 0x3e).source(48 * 1024)];

describe('movedFinding', () => {
  it.each(texts.map((text, i) => ({ i, text })))('is the generic moved copy of every finding, tagged ones too: text $i', ({ text }) => {
    const options = { referenceDate: '2018-03-10' };
    const plain = new Analyzer().analyze(text, options).findings;
    // Every fifth finding tagged: a tag's target and anchor hold offsets of their own.
    let n = 0;
    const sidecar = setTags(emptySidecar('s.txt', sha256Hex(text)), plain.filter((_, i) => i % 5 === 0).map((f) => ({
      kind: f.kind, start: f.start, end: f.end, status: 'verified' as const, sourceText: text, now: new Date('2026-01-01T00:00:00Z'),
    })), () => `tag-${n++}`);
    const tagged = analyzeSource(new Analyzer(), text, sidecar, options).tagged.findings;
    expect(tagged.some((f) => f.annotation)).toBe(true);
    for (const f of tagged) {
      for (const shift of [9, -4]) {
        const copy = movedFinding(f, shift);
        expect(JSON.stringify(copy)).toBe(JSON.stringify(moved(f, shift)));
        expect(sameContentAs(copy)).toBe(f);
        expect(sameContentAs(movedFinding(copy, -shift))).toBe(f);
      }
      expect(movedFinding(f, 0)).toBe(f);
    }
    // Every kind is among them, cues and quotation speakers too, so each path is taken.
    expect(new Set(tagged.map((f) => f.kind)).size).toBeGreaterThanOrEqual(text.length > 40_000 ? 4 : 3);
    expect(tagged.some((f) => f.cues.length > 0)).toBe(true);
  });
});
