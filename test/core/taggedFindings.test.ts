import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/core/analyzer';
import type { Finding, FindingKind, TagStatus } from '../../src/core/model';
import { taggedOnlyId } from '../../src/core/findingIds';
import { attachTags, rebaseSidecar } from '../../src/core/taggedFindings';
import type { Annotation, Sidecar } from '../../src/core/tags/annotation';
import { makeQuoteTarget, sha256Hex } from '../../src/core/tags/quoteSelector';

const analyzer = new Analyzer();

const SOURCE = [
  'Xiaomi to enter the US market',
  '',
  'Xiaomi sold 10 million phones in India in 2017, according to IDC.',
  '',
  'Huawei is reportedly negotiating with AT&T about the Mate 10 Pro.',
].join('\n');

const CLAIM = 'Xiaomi sold 10 million phones in India in 2017, according to IDC.';

function annotation(
  id: string, text: string, exact: string,
  over: { kind?: FindingKind; status?: TagStatus; note?: string; occurrence?: number } = {},
): Annotation {
  let start = -1;
  for (let i = 0; i <= (over.occurrence ?? 0); i++) start = text.indexOf(exact, start + 1);
  expect(start, `"${exact}" in the source`).toBeGreaterThanOrEqual(0);
  return {
    id,
    kind: over.kind ?? 'claim',
    status: over.status ?? 'verified',
    target: makeQuoteTarget(text, start, start + exact.length),
    ...(over.note ? { note: over.note } : {}),
    createdAt: '2025-01-31T14:05:00.000Z',
    updatedAt: '2025-01-31T14:05:00.000Z',
  };
}

function sidecarOf(text: string, annotations: Annotation[]): Sidecar {
  return { schemaVersion: 3, source: 'source.txt', sourceSha256: sha256Hex(text), annotations };
}

function findingsOf(text: string): Finding[] {
  return analyzer.analyze(text).findings;
}

describe('attachTags', () => {
  it('puts each annotation on the finding at its span', () => {
    const claimTag = annotation('a_claim', SOURCE, CLAIM, { status: 'verified', note: 'IDC Q4 report, p. 3' });
    const entityTag = annotation('a_entity', SOURCE, 'Huawei', { kind: 'entity', status: 'verified' });
    const findings = findingsOf(SOURCE);
    const tagged = attachTags(SOURCE, findings, sidecarOf(SOURCE, [claimTag, entityTag]));

    expect(tagged.orphans).toEqual([]);
    expect(tagged.findings).toHaveLength(findings.length);
    const withTags = tagged.findings.filter((f) => f.annotation);
    expect(withTags.map((f) => [f.kind, f.text, f.annotation!.id])).toEqual([
      ['claim', CLAIM, 'a_claim'],
      ['entity', 'Huawei', 'a_entity'],
    ]);
    // The finding keeps what the analysis found.
    const claim = withTags[0];
    expect(claim.score).toBeGreaterThan(0.5);
    expect(claim.claim?.attribution?.speaker).toBe('IDC');
    expect(claim.annotation).toBe(claimTag);
  });

  it('flags a repeated sentence once, and a tag on a later copy lands on that copy as analysed', () => {
    const text = `${CLAIM}\n\nHuawei is reportedly negotiating with AT&T.\n\n${CLAIM}`;
    const analysis = analyzer.analyze(text);
    const claims = analysis.findings.filter((f) => f.kind === 'claim');
    expect(claims.map((c) => c.start)).toEqual([0]);
    expect(analysis.repeats?.map((r) => r.start)).toEqual([text.lastIndexOf(CLAIM)]);
    // Entities and dates of the copy are still found (they count as mentions).
    expect(analysis.findings.filter((f) => f.kind === 'entity' && f.text === 'Xiaomi')).toHaveLength(2);

    const tag = annotation('a_copy', text, CLAIM, { occurrence: 1 });
    const tagged = attachTags(text, analysis.findings, sidecarOf(text, [tag]), undefined, analysis.repeats);
    const copy = tagged.findings.find((f) => f.annotation?.id === 'a_copy')!;
    expect(copy.start).toBe(text.lastIndexOf(CLAIM));
    expect(copy.score).toBe(analysis.repeats![0]!.score);
    expect(copy.claim?.attribution?.speaker).toBe('IDC');
    expect(tagged.findings.filter((f) => f.kind === 'claim').map((c) => c.start)).toEqual([0, text.lastIndexOf(CLAIM)]);
    // Not asked for claims: no repeats either.
    expect(analyzer.analyze(text, { kinds: ['entity'] }).repeats).toBeUndefined();
  });

  it('a tag only matches a finding of its own kind', () => {
    // "Huawei" is an entity; a claim tag on it is a finding of its own.
    const tag = annotation('a1', SOURCE, 'Huawei', { kind: 'claim' });
    const tagged = attachTags(SOURCE, findingsOf(SOURCE), sidecarOf(SOURCE, [tag]));
    const onHuawei = tagged.findings.filter((f) => f.text === 'Huawei');
    expect(onHuawei.map((f) => [f.kind, f.annotation?.id])).toEqual([
      ['claim', 'a1'],
      ['entity', undefined],
    ]);
  });

  it('makes a finding for a tagged span that is no longer detected', () => {
    const tag = annotation('a_gone', SOURCE, 'negotiating with AT&T', { status: 'speculative' });
    const findings = findingsOf(SOURCE);
    expect(findings.some((f) => f.text === 'negotiating with AT&T')).toBe(false);
    const tagged = attachTags(SOURCE, findings, sidecarOf(SOURCE, [tag]));
    expect(tagged.findings).toHaveLength(findings.length + 1);
    const synthetic = tagged.findings.find((f) => f.annotation?.id === 'a_gone')!;
    expect(synthetic).toEqual({
      id: taggedOnlyId('claim', 'negotiating with AT&T', tag.id),
      kind: 'claim',
      start: tag.target.start,
      end: tag.target.end,
      text: 'negotiating with AT&T',
      region: 'body',
      score: 0,
      cues: [],
      annotation: tag,
      anchor: { start: tag.target.start, end: tag.target.end, method: 'position', confidence: 1 },
    });
  });

  it('keeps a tag on a claim that a higher threshold no longer reports', () => {
    const tag = annotation('a1', SOURCE, CLAIM);
    const strict = analyzer.analyze(SOURCE, { claimThreshold: 1.01 }).findings;
    expect(strict.some((f) => f.kind === 'claim')).toBe(false);
    const tagged = attachTags(SOURCE, strict, sidecarOf(SOURCE, [tag]));
    expect(tagged.findings.filter((f) => f.kind === 'claim').map((f) => [f.text, f.score, f.annotation?.id])).toEqual([[CLAIM, 0, 'a1']]);
  });

  it('follows a tagged claim whose text changed a little, and says so', () => {
    const tag = annotation('a1', SOURCE, CLAIM);
    const edited = SOURCE.replace('10 million', '11 million');
    const tagged = attachTags(edited, findingsOf(edited), sidecarOf(SOURCE, [tag]));
    expect(tagged.orphans).toEqual([]);
    const f = tagged.findings.find((x) => x.annotation?.id === 'a1')!;
    expect(f.text).toBe(CLAIM.replace('10', '11'));
    expect(f.anchor).toMatchObject({ method: 'fuzzy' });
  });

  it('lists tags whose text is gone as orphans', () => {
    const kept = annotation('a_kept', SOURCE, 'Huawei', { kind: 'entity' });
    const gone = annotation('a_gone', SOURCE, CLAIM);
    const edited = SOURCE.replace(CLAIM, 'Sales figures were not disclosed.');
    const tagged = attachTags(edited, findingsOf(edited), sidecarOf(SOURCE, [kept, gone]));
    expect(tagged.orphans).toEqual([gone]);
    expect(tagged.findings.filter((f) => f.annotation).map((f) => f.annotation!.id)).toEqual(['a_kept']);
    expect(tagged.findings.some((f) => f.annotation?.id === 'a_gone')).toBe(false);
  });

  it('follows a tagged finding that moved after an insertion', () => {
    const tag = annotation('a1', SOURCE, CLAIM);
    const edited = SOURCE.replace('\n\nXiaomi sold', '\n\nEditor’s note: figures updated.\n\nXiaomi sold');
    const tagged = attachTags(edited, findingsOf(edited), sidecarOf(SOURCE, [tag]));
    const claim = tagged.findings.find((f) => f.annotation?.id === 'a1')!;
    expect(claim.start).toBe(edited.indexOf(CLAIM));
    expect(claim.start).not.toBe(tag.target.start);
    expect(claim.text).toBe(CLAIM);
    expect(claim.score).toBeGreaterThan(0); // the detected finding, not a synthetic one
    expect(tagged.orphans).toEqual([]);
  });

  it('returns the findings sorted, without changing its input', () => {
    const findings = findingsOf(SOURCE);
    const copy = structuredClone(findings);
    const tag = annotation('a1', SOURCE, 'negotiating with AT&T');
    const tagged = attachTags(SOURCE, findings, sidecarOf(SOURCE, [tag]));
    expect(findings).toEqual(copy);
    const starts = tagged.findings.map((f) => f.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it('with no sidecar, gives the findings untagged and no orphans', () => {
    const findings = findingsOf(SOURCE);
    const tagged = attachTags(SOURCE, findings, undefined);
    expect(tagged.orphans).toEqual([]);
    expect(tagged.findings).toEqual(findings);
    expect(tagged.findings.some((f) => 'annotation' in f)).toBe(false);
  });
});

describe('attachTags with ranges kept in step by the editor', () => {
  const tag = annotation('a1', SOURCE, CLAIM);

  it('uses a tracked range whose text is still like the quote, even where the quote alone would not decide', () => {
    const edited = SOURCE.replace('10 million phones in India', '9.6 million handsets in India');
    const start = edited.indexOf('Xiaomi sold');
    const span = { start, end: start + CLAIM.length + 2 };
    const tagged = attachTags(edited, findingsOf(edited), sidecarOf(SOURCE, [tag]), new Map([['a1', span]]));
    expect(tagged.anchors.get('a1')).toEqual({ ...span, method: 'tracked', confidence: 1 });
    expect(tagged.orphans).toEqual([]);
  });

  it('falls back to the quote when the tracked range no longer looks like it', () => {
    const tagged = attachTags(SOURCE, findingsOf(SOURCE), sidecarOf(SOURCE, [tag]), new Map([['a1', { start: 0, end: 5 }]]));
    expect(tagged.anchors.get('a1')).toMatchObject({ start: tag.target.start, end: tag.target.end, method: 'position' });
  });
});

describe('two tags on one finding', () => {
  it('keeps both anchored and lists the second as a duplicate', () => {
    const first = annotation('a1', SOURCE, CLAIM, { status: 'verified' });
    const second = annotation('a2', SOURCE, CLAIM, { status: 'contradicted' });
    const tagged = attachTags(SOURCE, findingsOf(SOURCE), sidecarOf(SOURCE, [first, second]));
    expect(tagged.orphans).toEqual([]);
    expect(tagged.duplicates.map((d) => [d.annotation.id, d.finding.annotation?.id])).toEqual([['a2', 'a1']]);
    expect([...tagged.anchors.keys()]).toEqual(['a1', 'a2']);
  });
});

describe('rebaseSidecar', () => {
  const claimTag = annotation('a_claim', SOURCE, CLAIM, { note: 'checked' });
  const titleTag = annotation('a_title', SOURCE, 'Xiaomi', { kind: 'entity', status: 'speculative' });
  const huaweiTag = annotation('a_huawei', SOURCE, 'Huawei', { kind: 'entity' });
  const sidecar = sidecarOf(SOURCE, [titleTag, claimTag, huaweiTag]);

  it('updates offsets and quote context after an insertion and the source hash', () => {
    const insert = 'Editor’s note: figures updated.\n\n';
    const edited = SOURCE.replace('Xiaomi sold', insert + 'Xiaomi sold');
    const tagged = attachTags(edited, findingsOf(edited), sidecar);
    const rebased = rebaseSidecar(sidecar, edited, tagged);

    expect(rebased.sourceSha256).toBe(sha256Hex(edited));
    expect(rebased.sourceSha256).not.toBe(sidecar.sourceSha256);
    expect(rebased.schemaVersion).toBe(3);
    expect(rebased.source).toBe('source.txt');

    const [title, claim, huawei] = rebased.annotations;
    // Before the insertion: same offsets; only the suffix context, which reaches the insertion, is refreshed.
    expect(title.target).toEqual(makeQuoteTarget(edited, titleTag.target.start, titleTag.target.end));
    expect(title.target.start).toBe(titleTag.target.start);
    expect(title.target.suffix).not.toBe(titleTag.target.suffix);
    expect({ ...title, target: undefined }).toEqual({ ...titleTag, target: undefined });
    // After it: moved by the inserted length, with fresh context.
    const shift = insert.length;
    expect(claim.target).toEqual(makeQuoteTarget(edited, claimTag.target.start + shift, claimTag.target.end + shift));
    expect(claim.target.exact).toBe(CLAIM);
    expect(claim.target.prefix.endsWith('updated.\n\n')).toBe(true);
    expect(huawei.target.start).toBe(huaweiTag.target.start + shift);
    expect(edited.slice(huawei.target.start, huawei.target.end)).toBe('Huawei');
    // Everything else about the tags is kept.
    expect({ ...claim, target: undefined }).toEqual({ ...claimTag, target: undefined });
    expect(claim.updatedAt).toBe(claimTag.updatedAt);
  });

  it('returns the very same annotation object when nothing about its target changed', () => {
    const tagged = attachTags(SOURCE, findingsOf(SOURCE), sidecar);
    const rebased = rebaseSidecar(sidecar, SOURCE, tagged);
    rebased.annotations.forEach((a, i) => expect(a).toBe(sidecar.annotations[i]));
  });

  it('leaves orphans with their last known target, marked as orphans since now', () => {
    const edited = SOURCE.replace('Huawei is reportedly', 'A rival is reportedly');
    const tagged = attachTags(edited, findingsOf(edited), sidecar);
    expect(tagged.orphans.map((a) => a.id)).toEqual(['a_huawei']);
    const now = new Date('2026-03-01T00:00:00.000Z');
    const rebased = rebaseSidecar(sidecar, edited, tagged, now);
    expect(rebased.annotations.map((a) => a.id)).toEqual(['a_title', 'a_claim', 'a_huawei']);
    expect(rebased.annotations[2]).toEqual({ ...huaweiTag, orphanedAt: now.toISOString() });
    // Already marked: the mark (and so the file) stays as it is.
    const again = rebaseSidecar(rebased, edited, attachTags(edited, findingsOf(edited), rebased), new Date());
    expect(again.annotations[2]).toBe(rebased.annotations[2]);
    // Found again: the mark goes.
    const back = rebaseSidecar(rebased, SOURCE, attachTags(SOURCE, findingsOf(SOURCE), rebased));
    expect(back.annotations[2]).toEqual(huaweiTag);
  });

  it('keeps annotations it did not anchor (written meanwhile by another process) as they are', () => {
    const tagged = attachTags(SOURCE, findingsOf(SOURCE), sidecarOf(SOURCE, [claimTag]));
    const other = annotation('a_other', SOURCE, 'Huawei', { kind: 'entity' });
    const onDisk = sidecarOf(SOURCE, [claimTag, other]);
    const rebased = rebaseSidecar(onDisk, 'New line.\n' + SOURCE, tagged);
    expect(rebased.annotations[1]).toBe(other);
  });

  it('keeps every annotation as is when the text did not move', () => {
    const tagged = attachTags(SOURCE, findingsOf(SOURCE), sidecar);
    const rebased = rebaseSidecar(sidecar, SOURCE, tagged);
    expect(rebased.annotations).toEqual(sidecar.annotations);
    rebased.annotations.forEach((a, i) => expect(a).toBe(sidecar.annotations[i]));
    expect(rebased.sourceSha256).toBe(sha256Hex(SOURCE));
  });

  it('does not change the sidecar it is given', () => {
    const before = structuredClone(sidecar);
    const edited = 'New first line.\n\n' + SOURCE;
    rebaseSidecar(sidecar, edited, attachTags(edited, findingsOf(edited), sidecar));
    expect(sidecar).toEqual(before);
  });
});
