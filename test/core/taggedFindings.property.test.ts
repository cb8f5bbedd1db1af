// attachTags finds the finding under each tag by a binary search over the findings' starts. On
// random findings, repeats and tags (the editor's tracked ranges, so each tag's place is known) it
// must do what a map by place did, and keep every finding even where two share a place.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { placeKey, taggedOnlyId } from '../../src/core/findingIds';
import { compareFindings, type Finding, type FindingKind, type RegionSpan } from '../../src/core/model';
import { regionAt } from '../../src/core/regions';
import { attachTags, type TaggedFinding, type TaggedFindings } from '../../src/core/taggedFindings';
import type { Annotation, Sidecar } from '../../src/core/tags/annotation';
import type { Anchor } from '../../src/core/tags/anchoring';
import { makeQuoteTarget, sha256Hex } from '../../src/core/tags/quoteSelector';

const TEXT = 'Xiaomi sold 10 million phones in India in 2017, IDC said. Huawei rose.';
const KINDS: FindingKind[] = ['claim', 'entity', 'date'];
const REGIONS: RegionSpan[] = [
  { start: 0, end: 40, region: 'body' },
  { start: 40, end: TEXT.length, region: 'comment', commenter: 'reader1' },
];

const place = fc.record({
  kind: fc.constantFrom(...KINDS),
  start: fc.integer({ min: 0, max: 20 }),
  length: fc.integer({ min: 1, max: 6 }),
});

const findingAt = (p: { kind: FindingKind; start: number; length: number }, id: string): Finding => ({
  id, kind: p.kind, start: p.start, end: p.start + p.length, text: TEXT.slice(p.start, p.start + p.length), region: 'body', score: 0.5, cues: [],
});

const inputs = fc.record({
  findings: fc.array(place, { maxLength: 20 }),
  repeats: fc.array(place, { maxLength: 6 }),
  tags: fc.array(place, { maxLength: 12 }),
}).map(({ findings, repeats, tags }) => {
  const annotations: Annotation[] = tags.map((p, i) => ({
    id: `a${i}`, kind: p.kind, status: 'verified', target: makeQuoteTarget(TEXT, p.start, p.start + p.length),
    createdAt: '2025-01-31T14:05:00.000Z', updatedAt: '2025-01-31T14:05:00.000Z',
  }));
  return {
    findings: findings.map((p, i) => findingAt(p, `f${i}`)).sort(compareFindings),
    repeats: repeats.map((p, i) => findingAt(p, `r${i}`)).sort(compareFindings),
    annotations,
    tracked: new Map(tags.map((p, i) => [`a${i}`, { start: p.start, end: p.start + p.length }])),
  };
});

const sidecarOf = (annotations: Annotation[]): Sidecar => ({ schemaVersion: 3, source: 'source.txt', sourceSha256: sha256Hex(TEXT), annotations });

/** What attachTags did before the binary search: a map by place (where two findings share a place, the last one wins). */
function byPlaceMap(findings: readonly Finding[], unflagged: readonly Finding[], annotations: readonly Annotation[], anchors: Map<string, Anchor>): TaggedFindings {
  const byKey = new Map<string, TaggedFinding>(findings.map((f) => [placeKey(f.kind, f.start, f.end), f]));
  const spare = new Map(unflagged.map((f) => [placeKey(f.kind, f.start, f.end), f]));
  const duplicates: TaggedFindings['duplicates'] = [];
  for (const annotation of annotations) {
    const anchor = anchors.get(annotation.id)!;
    const key = placeKey(annotation.kind, anchor.start, anchor.end);
    const finding = byKey.get(key);
    if (finding && !finding.annotation) byKey.set(key, { ...finding, annotation, anchor });
    else if (!finding && spare.has(key)) byKey.set(key, { ...spare.get(key)!, annotation, anchor });
    else if (!finding) {
      const block = regionAt(REGIONS, anchor.start);
      const words = TEXT.slice(anchor.start, anchor.end);
      byKey.set(key, {
        id: taggedOnlyId(annotation.kind, words, annotation.id), kind: annotation.kind, start: anchor.start, end: anchor.end, text: words, region: block?.region ?? 'body',
        ...(block?.commenter ? { commenter: block.commenter } : {}), score: 0, cues: [], annotation, anchor,
      });
    } else duplicates.push({ annotation, finding });
  }
  return { findings: [...byKey.values()].sort(compareFindings), orphans: [], anchors, duplicates };
}

const samePlaceTwice = (findings: readonly Finding[]) => new Set(findings.map((f) => placeKey(f.kind, f.start, f.end))).size < findings.length;

describe('attachTags by place', () => {
  it('tags as a map by place did, where no two findings share a place', () => {
    fc.assert(fc.property(inputs, ({ findings, repeats, annotations, tracked }) => {
      fc.pre(!samePlaceTwice(findings) && !samePlaceTwice(repeats));
      const got = attachTags(TEXT, findings, sidecarOf(annotations), tracked, repeats, REGIONS);
      expect(got.orphans).toEqual([]);
      expect(got).toEqual(byPlaceMap(findings, repeats, annotations, got.anchors));
    }), { numRuns: 300 });
  });

  it('keeps every finding, and a tag lands on the first finding at its place', () => {
    fc.assert(fc.property(inputs, ({ findings, repeats, annotations, tracked }) => {
      const got = attachTags(TEXT, findings, sidecarOf(annotations), tracked, repeats, REGIONS);
      const tagless = got.findings.map(({ annotation, anchor, ...f }) => f);
      // Each finding once, as it was or with a tag; the rest are tags' own findings.
      for (const f of findings) expect(tagless.filter((t) => t.id === f.id)).toEqual([f]);
      expect(got.findings.length).toBe(findings.length + got.findings.filter((f) => !findings.some((o) => o.id === f.id)).length);
      expect([...got.findings].sort(compareFindings)).toEqual(got.findings);
      for (const a of annotations) {
        const on = got.findings.filter((f) => f.annotation === a);
        const duplicate = got.duplicates.some((d) => d.annotation === a);
        expect(on.length + (duplicate ? 1 : 0)).toBe(1);
        if (duplicate) continue;
        const t = tracked.get(a.id)!;
        const first = findings.find((f) => f.kind === a.kind && f.start === t.start && f.end === t.end);
        if (first) expect(on[0]!.id).toBe(first.id);
        expect(on[0]).toMatchObject({ kind: a.kind, start: t.start, end: t.end });
      }
    }), { numRuns: 300 });
  });
});
