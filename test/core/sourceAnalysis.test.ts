// Regions not shown are not analysed (sourceAnalysis.ts, AnalysisOptions.analysedRegions): reader
// comments cost nothing while the article alone is shown, yet a tag in them keeps its full finding.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/core/analyzer';
import { REGION_CHOICES } from '../../src/core/regions';
import { analyzeSource } from '../../src/core/sourceAnalysis';
import { sha256Hex } from '../../src/core/tags/quoteSelector';
import { emptySidecar } from '../../src/core/tags/sidecarFormat';
import { setTags } from '../../src/core/tags/tagOperations';

// A sample with a reader-comment thread under the article.
const NAME = '000_10788ba24ea37e24.txt';
const text = readFileSync(path.resolve(__dirname, '../../test-fixtures/sources', NAME), 'utf8');
const options = { referenceDate: '2018-03-10' };
const article = { ...options, regions: ['title', 'body'] as const };
const THREAD = new Set(['comment', 'comment-meta']);

describe('analyzeSource and the regions shown', () => {
  const all = analyzeSource(new Analyzer(), text, undefined, { ...options, regions: REGION_CHOICES });

  it('analyses reader comments only when they are shown', () => {
    const hidden = analyzeSource(new Analyzer(), text, undefined, article);
    expect(all.analysis!.findings.filter((f) => THREAD.has(f.region)).length).toBeGreaterThan(50);
    expect(hidden.analysis!.findings.filter((f) => THREAD.has(f.region))).toEqual([]);
    // The article's own findings are found either way, at the same places with the same ids.
    const place = (f: { kind: string; start: number; end: number; id: string }) => `${f.kind}:${f.start}:${f.end}:${f.id}`;
    expect(hidden.tagged.findings.map(place)).toEqual(all.tagged.findings.filter((f) => f.region === 'title' || f.region === 'body').map(place));
    // The blocks of a thread are still told apart: the regions come from segmentation, not analysis.
    expect(hidden.analysis!.regions).toEqual(all.analysis!.regions);
  });

  it('analyses a hidden block that holds a tag, so the tag keeps its full finding', () => {
    const comments = all.analysis!.findings.filter((f) => f.region === 'comment' && f.kind === 'claim');
    const target = comments[comments.length - 1]!;
    const sidecar = setTags(emptySidecar(NAME, sha256Hex(text)), [
      { kind: target.kind, start: target.start, end: target.end, status: 'contradicted', sourceText: text, now: new Date('2026-01-01T00:00:00Z') },
    ], () => 'tag-1');
    const hidden = analyzeSource(new Analyzer(), text, sidecar, article);
    const tagged = hidden.tagged.findings.find((f) => f.annotation?.id === 'tag-1')!;
    // The detected claim, not a stand-in made from the tag alone (id `…:@tag-1`, no score).
    expect(tagged).toMatchObject({ id: target.id, score: target.score, region: 'comment', claim: target.claim });
    // Only that tag's block was analysed: no other comment's findings, and none shown untagged.
    const block = all.analysis!.regions.find((r) => r.start <= target.start && target.end <= r.end)!;
    const inThread = hidden.analysis!.findings.filter((f) => THREAD.has(f.region));
    expect(inThread.length).toBeGreaterThan(0);
    expect(inThread.every((f) => f.start >= block.start && f.end <= block.end)).toBe(true);
    expect(hidden.tagged.findings.filter((f) => THREAD.has(f.region))).toEqual([tagged]);
  });

  it('analyses boilerplate only when it is shown, as before', () => {
    const boilerplate = (r: typeof all) => r.analysis!.findings.filter((f) => f.region === 'boilerplate').length;
    const withBoilerplate = analyzeSource(new Analyzer(), text, undefined, { ...options, regions: ['title', 'body', 'boilerplate'] });
    const plainAnalyzer = new Analyzer().analyze(text, options);
    expect(boilerplate(withBoilerplate)).toBeGreaterThan(0);
    expect(boilerplate(all)).toBe(boilerplate(withBoilerplate));
    expect(plainAnalyzer.findings.filter((f) => f.region === 'boilerplate')).toEqual([]);
    // An Analyzer asked without regions analyses comments, as the eval and the goldens need.
    expect(plainAnalyzer.findings.some((f) => f.region === 'comment')).toBe(true);
  });
});
