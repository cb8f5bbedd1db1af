// findingsAt finds what covers an offset by binary search and a walk back (sourceState.ts): it must
// give exactly what a scan of every finding gives, in the same order, for any list in text order
// (nested, overlapping, empty and very long findings alike).
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/core/analyzer';
import { compareFindings, type FindingKind } from '../../src/core/model';
import { analyzeSource } from '../../src/core/sourceAnalysis';
import type { TaggedFinding } from '../../src/core/taggedFindings';
import { findingsAt, findingsOverlapping, type SourceState } from '../../src/server/sourceState';

const KINDS: FindingKind[] = ['claim', 'entity', 'date', 'quotation'];

/** What findingsAt gave before: a scan of every finding. */
const scanned = (findings: readonly TaggedFinding[], offset: number) =>
  findings.filter((f) => f.start <= offset && offset <= f.end && f.end > f.start).sort((a, b) => a.end - a.start - (b.end - b.start));

/** What a code action's filter gave before findingsOverlapping. */
const overlapping = (findings: readonly TaggedFinding[], start: number, end: number) => findings.filter((f) => f.start < end && start < f.end);

const stateOf = (findings: TaggedFinding[]) => ({ tagged: { findings } }) as unknown as SourceState;

describe('findingsAt, findingsOverlapping', () => {
  it('equals a scan of every finding, for any findings in text order and any offset', () => {
    const finding = fc.record({ start: fc.nat(400), length: fc.oneof(fc.nat(6), fc.nat(300)), kind: fc.constantFrom(...KINDS) });
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 60 }), fc.array(fc.integer({ min: -2, max: 720 }), { minLength: 1, maxLength: 20 }), (spans, offsets) => {
        const findings = spans
          .map((s, i) => ({ id: `f${i}`, kind: s.kind, start: s.start, end: s.start + s.length, text: '', score: 0, cues: [], region: 'body' }) as TaggedFinding)
          .sort(compareFindings);
        const state = stateOf(findings);
        for (const offset of offsets) expect(findingsAt(state, offset)).toEqual(scanned(findings, offset));
        for (let i = 0; i + 1 < offsets.length; i += 2) {
          const [start, end] = [Math.min(offsets[i]!, offsets[i + 1]!), Math.max(offsets[i]!, offsets[i + 1]!)];
          expect(findingsOverlapping(state, start, end)).toEqual(overlapping(findings, start, end));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('equals a scan at every offset of a sample source', () => {
    const text = readFileSync(path.resolve(__dirname, '../../test-fixtures/sources/000_10788ba24ea37e24.txt'), 'utf8');
    const { tagged } = analyzeSource(new Analyzer(), text, undefined, { kinds: KINDS });
    expect(tagged.findings.length).toBeGreaterThan(50);
    const state = stateOf(tagged.findings);
    for (let offset = 0; offset <= text.length; offset++) expect(findingsAt(state, offset)).toEqual(scanned(tagged.findings, offset));
  });
});
