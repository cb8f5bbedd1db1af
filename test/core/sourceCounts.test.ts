// A source's counts (the view's listing, the CLI's summaries and reports): findings by kind, claims
// by tag status, orphaned tags, as a plain count of the tagged findings gives them.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/core/analyzer';
import { FINDING_KINDS, type Finding, type TagStatus } from '../../src/core/model';
import { countFindings } from '../../src/core/sourceCounts';
import type { TaggedFinding } from '../../src/core/taggedFindings';

const SOURCES = path.join(__dirname, '../../test-fixtures/sources');
const STATUSES: TagStatus[] = ['verified', 'speculative', 'contradicted'];

/** Every third claim tagged, in turn with each status; a few names tagged too (their status is not counted). */
function tagged(findings: readonly Finding[]): TaggedFinding[] {
  let claims = 0;
  return findings.map((f, i) => {
    const status = f.kind === 'claim' ? (claims++ % 3 === 0 ? STATUSES[claims % 3] : undefined) : i % 7 === 0 ? 'verified' : undefined;
    return status ? { ...f, annotation: { id: `a${i}`, kind: f.kind, status } } as unknown as TaggedFinding : f;
  });
}

describe('countFindings', () => {
  const analyzer = new Analyzer();
  for (const file of readdirSync(SOURCES).filter((f) => f.endsWith('.txt')).sort()) {
    it(`counts ${file} as a plain count does`, () => {
      const findings = tagged(analyzer.analyze(readFileSync(path.join(SOURCES, file), 'utf8')).findings);
      const counts = countFindings({ findings, orphans: [1, 2] });
      for (const kind of FINDING_KINDS) expect(counts.byKind[kind], kind).toBe(findings.filter((f) => f.kind === kind).length);
      const claims = findings.filter((f) => f.kind === 'claim');
      for (const status of STATUSES) expect(counts[status], status).toBe(claims.filter((f) => f.annotation?.status === status).length);
      expect(counts.untagged).toBe(claims.filter((f) => !f.annotation).length);
      expect(counts.orphans).toBe(2);
      expect(Object.keys(counts.byKind)).toEqual([...FINDING_KINDS]);
      expect(counts.verified + counts.speculative + counts.contradicted).toBeGreaterThan(0);
    });
  }
});
