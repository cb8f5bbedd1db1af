// Property test of the incremental analysis: an Analyzer that has seen earlier versions of a text
// (its paragraph cache warm, as in the editor after every keystroke) gives exactly what a fresh
// Analyzer gives for the same text after random edit sequences: the same findings, notes, repeats
// and publication date, and the same tags attached; and no earlier analysis's result changed by a later one.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/core/analyzer';
import type { AnalysisResult } from '../../src/core/model';
import { analyzeSource } from '../../src/core/sourceAnalysis';
import { emptySidecar } from '../../src/core/tags/sidecarFormat';
import { sha256Hex } from '../../src/core/tags/quoteSelector';
import { setTags } from '../../src/core/tags/tagOperations';
import type { Sidecar } from '../../src/core/tags/annotation';
import { poolsFrom, SourceGenerator } from '../../scripts/bench/generate';
import { applyEdit, editArb } from './randomEdits';

const SAMPLES_DIR = path.resolve(__dirname, '../../test-fixtures/sources');
const samples = readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.txt')).sort()
  .map((name) => ({ name, text: readFileSync(path.join(SAMPLES_DIR, name), 'utf8') }));
const generated = new SourceGenerator(poolsFrom(samples.map((s) => s.text)), 0x1ec).source(24 * 1024);

/** Every third finding of the original text tagged, so attaching tags is compared too. */
function sidecarFor(name: string, text: string): Sidecar {
  const findings = new Analyzer().analyze(text, { referenceDate: '2018-03-10' }).findings.filter((_, i) => i % 3 === 0);
  return setTags(emptySidecar(name, sha256Hex(text)), findings.map((f) => ({
    kind: f.kind, start: f.start, end: f.end, status: 'verified' as const, sourceText: text, now: new Date('2026-01-01T00:00:00Z'),
  })), (() => {
    let n = 0;
    return () => `tag-${n++}`;
  })());
}

describe('incremental analysis', () => {
  const sources = [...samples, { name: 'generated-24kb.txt', text: generated }];
  it.each(sources)('equals a fresh analysis after random edits: $name', ({ name, text }) => {
    const sidecar = sidecarFor(name, text);
    // One Analyzer for every run: its cache holds paragraphs of many earlier versions, as in a long editing session.
    const warm = new Analyzer();
    const options = { referenceDate: '2018-03-10' };
    warm.analyze(text, options);
    fc.assert(
      fc.property(fc.array(editArb(5), { minLength: 1, maxLength: 6 }), (edits) => {
        let current = text;
        // Each analysis as it was returned: a later one keeps findings of it (madeFindings.ts), never changes them.
        const held: [AnalysisResult, AnalysisResult][] = [];
        for (const e of edits) {
          current = applyEdit(current, e);
          const result = warm.analyze(current, options); // what the editor does after each keystroke
          held.push([result, structuredClone(result)]);
        }
        const incremental = analyzeSource(warm, current, sidecar, options);
        const fresh = analyzeSource(new Analyzer(), current, sidecar, options);
        expect(incremental).toEqual(fresh);
        // Keys in the same order too: outputs and sidecars are written as JSON.
        expect(JSON.stringify(incremental)).toBe(JSON.stringify(fresh));
        for (const [result, asReturned] of held) expect(result).toEqual(asReturned);
      }),
      { numRuns: 12, seed: 0x14 + name.length },
    );
  });
});

describe('incremental analysis without a paragraph cache', () => {
  // Only the last analysis's paragraphs outside the edit are reused (found by place, not by a key made of their text).
  it.each([samples[0]!, { name: 'generated-24kb.txt', text: generated }])('equals a fresh analysis after random edits, reusing what the edit did not touch: $name', ({ text }) => {
    const options = { referenceDate: '2018-03-10' };
    fc.assert(
      fc.property(fc.array(editArb(5), { minLength: 1, maxLength: 4 }), (edits) => {
        const warm = new Analyzer(0);
        let current = text;
        warm.analyze(current, options);
        for (const e of edits) {
          current = applyEdit(current, e);
          expect(warm.analyze(current, options)).toEqual(new Analyzer(0).analyze(current, options));
        }
        // Most paragraphs came from the analysis before.
        expect(warm.lastStats.cacheHits).toBeGreaterThan(warm.lastStats.paragraphs / 2);
      }),
      { numRuns: 5, seed: 0x1e },
    );
  });
});

describe('incremental analysis of the article alone', () => {
  // Reader comments hidden: only the blocks of the article and those holding a tag are analysed
  // (AnalysisOptions.analysedRegions), so an edit can turn a block's analysis on or off.
  const withComments = [samples[0]!, samples[3]!, { name: 'generated-24kb.txt', text: generated }];
  it.each(withComments)('equals a fresh analysis after random edits: $name', ({ name, text }) => {
    const sidecar = sidecarFor(name, text);
    const warm = new Analyzer();
    const options = { referenceDate: '2018-03-10', regions: ['title', 'body'] as const };
    analyzeSource(warm, text, sidecar, options);
    fc.assert(
      fc.property(fc.array(editArb(5), { minLength: 1, maxLength: 5 }), (edits) => {
        let current = text;
        for (const e of edits) {
          current = applyEdit(current, e);
          analyzeSource(warm, current, sidecar, options);
        }
        expect(analyzeSource(warm, current, sidecar, options)).toEqual(analyzeSource(new Analyzer(), current, sidecar, options));
      }),
      { numRuns: 8, seed: 0x2c + name.length },
    );
  });
});

describe('incremental analysis where an edit elsewhere changes what a name is', () => {
  // "Smartphone" opening a sentence is a name for the learned tagger until the source writes
  // "smartphone" in lower case somewhere (kinds/entity/index.ts, markWrittenLower): an edit in
  // another paragraph that writes or unwrites it changes the entity far from the edit.
  // Paragraphs enough around the edit that the analyser hands the kinds the edit (it keeps more than it changes).
  const text = 'Smartphone sales in China fell by 4.9 per cent in 2017, according to IDC data.\n\nThe market grew in India, Lei Jun said.\n\nXiaomi shipped more phones than Apple.\n\nThe company opened stores in Europe.\n\nSales rose again in the spring.\n';
  const written = text.replace('The market grew', 'The smartphone market grew');
  it.each([['writes the word', text, written], ['unwrites the word', written, text]])('equals a fresh analysis when an edit %s', (_, from, to) => {
    const warm = new Analyzer();
    const options = { referenceDate: '2018-03-10' };
    const before = warm.analyze(from, options);
    const after = warm.analyze(to, options);
    expect(after).toEqual(new Analyzer().analyze(to, options));
    // The case is the one meant: the name is there in one text and not in the other.
    const named = (r: AnalysisResult) => r.findings.some((f) => f.kind === 'entity' && f.text === 'Smartphone');
    expect(named(before)).not.toBe(named(after));
  });
});

describe('incremental analysis where an edit changes who said a quote far from it', () => {
  const filler = (n: number) => Array.from({ length: n }, (_, i) => `The market for phones grew again in the region during quarter number ${i}.`).join(' ');
  const options = { referenceDate: '2018-03-10' };
  // Paragraphs around the edit, enough that the analyser hands the kinds the edit (it keeps more than it changes).
  const others = 'The company opened stores in Europe.\n\nSales rose again in the spring.\n\n';
  const speakers = (r: AnalysisResult) => r.findings.filter((f) => f.kind === 'quotation').map((f) => f.quotation?.speaker?.entity?.canonical);
  // kinds/quotation/index.ts, collectEdit: the names are unchanged (the entity kind takes the edit), so
  // quotes after the edit are moved as they were unless their speaker may read something the edit changed.
  it.each([
    // A quote with no speaker of its own takes that of an earlier quote of the same words, thousands of characters before.
    ['an earlier quote\'s words', (t: string) => t, (t: string) => t.replace('"We will open stores in India soon," Lei', '"We will open shops in India soon," Lei'),
      `Lei Jun spoke at the launch. "We will open stores in India soon," Lei Jun said.\n\n${filler(12)}\n\n${filler(12)}\n\n"We will open stores in India soon" was the line of the day.\n`],
    // "he said" reads back 600 characters for a person: the edit moves the name out of that reach.
    ['the distance to a pronoun\'s person', (t: string) => t, (t: string) => t.replace('launch.', `launch.${' x'.repeat(10)}`),
      `${others}Lei Jun spoke at the launch.${' x'.repeat(20)} ${filler(7)}\n\n"We are ready for India," he said.\n\n${others}`],
  ])('equals a fresh analysis after an edit that changes %s', (_, before, after, text) => {
    const warm = new Analyzer();
    const first = warm.analyze(before(text), options);
    const edited = warm.analyze(after(text), options);
    expect(edited).toEqual(new Analyzer().analyze(after(text), options));
    expect(speakers(edited)).not.toEqual(speakers(first));
  });
});

describe('incremental analysis where an edit changes the date a later paragraph leans on', () => {
  // kinds/date/index.ts, collectEdit: "the following year" reads the last date before it, "a year
  // earlier" the latest quarter named before it, paragraphs away; dates after the edit are moved as they
  // were only when the edit leaves both as they were.
  const text = 'Xiaomi reported results on March 3, 2015.\n\nThe company sells phones in India and Europe.\n\nThe following year, sales doubled again.\n\nIn the third quarter of 2016, profit rose.\n\nThe market grew in Kenya.\n\nProfit was lower a year earlier, Lei Jun said.\n';
  const options = { referenceDate: '2018-03-10' };
  const values = (r: AnalysisResult) => r.findings.filter((f) => f.kind === 'date').map((f) => f.date?.value);
  it.each([
    ['the last date', text.replace('March 3, 2015', 'March 3, 2014')],
    ['the latest quarter', text.replace('third quarter of 2016', 'second quarter of 2016')],
  ])('equals a fresh analysis after an edit of %s', (_, edited) => {
    const warm = new Analyzer();
    const before = warm.analyze(text, options);
    const after = warm.analyze(edited, options);
    expect(after).toEqual(new Analyzer().analyze(edited, options));
    // A date far from the edit changed with it.
    expect(values(after).slice(1)).not.toEqual(values(before).slice(1));
  });
});
