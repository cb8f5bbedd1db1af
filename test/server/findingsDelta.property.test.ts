// After an edit, a long open source's findings cross from the worker as a delta against the
// previous analysis (src/server/findingsDelta.ts, analysisWire.ts): whatever the edit (inserts,
// deletions, replacements anywhere, paragraph breaks, CRLF, emoji), the main thread must rebuild
// exactly what it reads of the analysis the worker made (its tagged findings and the analysis's
// summary), key order included, and the previous one must stay as it was.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/core/analyzer';
import { analyzeSource, type ShownAnalysis, type SourceAnalysis } from '../../src/core/sourceAnalysis';
import { shown } from './shownAnalysis';
import { sha256Hex } from '../../src/core/tags/quoteSelector';
import { emptySidecar } from '../../src/core/tags/sidecarFormat';
import { setTags } from '../../src/core/tags/tagOperations';
import { digestSource, type SourceDigest } from '../../src/core/corpus';
import { digestFromWire, digestToWire, fromWire, toWire } from '../../src/server/analysisWire';
import { commonEnds } from '../../src/server/findingsDelta';
import { poolsFrom, SourceGenerator } from '../../scripts/bench/generate';
import { applyEdit, editArb } from '../core/randomEdits';

const SAMPLES_DIR = path.resolve(__dirname, '../../test-fixtures/sources');
const samples = readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.txt')).sort()
  .map((name) => ({ name, text: readFileSync(path.join(SAMPLES_DIR, name), 'utf8') }));
const generated = new SourceGenerator(poolsFrom(samples.map((s) => s.text)), 0x14d).source(16 * 1024);

const options = { referenceDate: '2018-03-10' };

/** Every fourth finding of the text tagged: tags and anchors are carried by the findings too. */
function analyse(analyzer: Analyzer, name: string, original: string, text: string): SourceAnalysis {
  const findings = analyzeSource(analyzer, original, undefined, options).tagged.findings.filter((_, i) => i % 4 === 0);
  const sidecar = setTags(emptySidecar(name, sha256Hex(original)), findings.map((f) => ({
    kind: f.kind, start: f.start, end: f.end, status: 'verified' as const, sourceText: original, now: new Date('2026-01-01T00:00:00Z'),
  })), (() => {
    let n = 0;
    return () => `tag-${n++}`;
  })());
  return analyzeSource(analyzer, text, sidecar, options);
}

describe('findings delta', () => {
  it('finds the common ends of two texts without overlapping them', () => {
    expect(commonEnds('abcabc', 'abc')).toEqual({ prefix: 3, suffix: 0 });
    expect(commonEnds('abXc', 'abYYc')).toEqual({ prefix: 2, suffix: 1 });
    expect(commonEnds('aaa', 'aaaa')).toEqual({ prefix: 3, suffix: 0 });
  });

  // The same page twice: its second copies are repeats, a list that crosses as a delta too.
  const twice = `${samples[0]!.text}\n\n${samples[0]!.text}`;
  const sources = [...samples.slice(0, 3), { name: 'generated-16kb.txt', text: generated }, { name: 'twice.txt', text: twice }];
  /**
   * Random edit sequences on `text`: after each edit, what `make` gives for the new text crosses
   * (`cross`) as a delta against what the previous text gave, which must stay as it was; what came
   * back is the next base. Returns the share of items sent as one of the base's.
   */
  async function reusedOverEdits<T>(
    text: string, seed: number, make: (now: string) => T,
    cross: (made: T, now: string, base: { seq: number; text: string; previous: T }) => Promise<{ back: T; from: Int32Array[] }>,
  ): Promise<number> {
    let reused = 0;
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(editArb(4), { minLength: 1, maxLength: 4 }), async (edits) => {
        let previousText = text;
        let previous = make(text);
        for (const [seq, e] of edits.entries()) {
          const now = applyEdit(previousText, e);
          const before = JSON.stringify(previous);
          const { back, from } = await cross(make(now), now, { seq, text: previousText, previous });
          // The base is left as it was: moved items are copies.
          expect(JSON.stringify(previous)).toBe(before);
          for (const f of from) {
            reused += [...f].filter((i) => i >= 0).length;
            sent += f.length;
          }
          previous = back;
          previousText = now;
        }
      }),
      { numRuns: 10, seed },
    );
    return reused / sent;
  }

  it.each(sources)('rebuilds the analysis after random edits exactly: $name', async ({ name, text }) => {
    const analyzer = new Analyzer();
    const share = await reusedOverEdits<ShownAnalysis>(text, 0x14b + name.length, (now) => analyse(analyzer, name, text, now), async (made, now, base) => {
      const analysed = made as SourceAnalysis;
      const expected = shown(analysed);
      const wire = deserialize(serialize(toWire(analysed, 7, { seq: 1, text: base.text, analysed: base.previous }, now))) as ReturnType<typeof toWire>;
      expect(wire.taggedDelta).toBeDefined();
      const back = await fromWire(wire, base.previous);
      expect(back).toEqual(expected);
      expect(JSON.stringify(back)).toBe(JSON.stringify(expected));
      return { back, from: [wire.taggedDelta!.from] };
    });
    // Not a delta in name only: most findings cross as the previous ones (a tagged finding after the
    // edit crosses whole, its tag's stored offsets not moving with it; a quarter are tagged here).
    expect(share).toBeGreaterThan(0.6);
  });

  // As the server runs it: the worker's delta is made against its own last analysis (the findings an
  // edit kept before it are those very objects), the main thread rebuilds it from its own copy.
  it.each(sources)('rebuilds an untagged analysis made against the worker\'s own last one: $name', async ({ name, text }) => {
    const analyzer = new Analyzer();
    let kept = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(editArb(4), { minLength: 1, maxLength: 4 }), async (edits) => {
        let previousText = text;
        let worker = analyzeSource(analyzer, text, undefined, options);
        let main = await fromWire(deserialize(serialize(toWire(worker, 7))) as ReturnType<typeof toWire>);
        for (const e of edits) {
          const now = applyEdit(previousText, e);
          const analysed = analyzeSource(analyzer, now, undefined, options);
          const wire = deserialize(serialize(toWire(analysed, 7, { seq: 1, text: previousText, analysed: worker }, now))) as ReturnType<typeof toWire>;
          const back = await fromWire(wire, main);
          expect(JSON.stringify(back)).toBe(JSON.stringify(shown(analysed)));
          const before = worker.tagged.findings;
          kept += analysed.tagged.findings.filter((f, i) => f === before[i]).length;
          worker = analysed;
          main = back;
          previousText = now;
        }
      }),
      { numRuns: 10, seed: 0x5e1f + name.length },
    );
    // The findings kept before an edit were there to pair as themselves.
    expect(kept).toBeGreaterThan(0);
  });

  // The source's digest follows its analysis over, as a delta against the last one sent too.
  it.each(sources)('rebuilds the digest after random edits exactly: $name', async ({ name, text }) => {
    const analyzer = new Analyzer();
    const share = await reusedOverEdits(text, 0xd16 + name.length, (now): SourceDigest => digestSource(now, analyse(analyzer, name, text, now)), async (digest, now, base) => {
      const wire = deserialize(serialize(digestToWire(digest, 7, { seq: base.seq, text: base.text, digest: base.previous }, now))) as ReturnType<typeof digestToWire>;
      expect(wire.base).toBe(base.seq);
      const back = await digestFromWire(wire, base.previous);
      expect(JSON.stringify(back)).toBe(JSON.stringify(digest));
      return { back, from: wire.lists.map(([, , delta]) => delta!.from) };
    });
    // Fewer than the findings: an edit that adds or removes a line break moves the line of every
    // item after it (a digest's spans carry lines), and those cross whole.
    expect(share).toBeGreaterThan(0.5);
  });

  it('sends a digest whole without a base, and brings it back as it was', async () => {
    const digest = digestSource(generated, analyzeSource(new Analyzer(), generated, undefined, options));
    const wire = digestToWire(digest, 7);
    expect(wire.base).toBeUndefined();
    expect(wire.lists.every(([, , delta]) => delta === undefined)).toBe(true);
    expect(JSON.stringify(await digestFromWire(wire))).toBe(JSON.stringify(digest));
  });
});
