import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../../src/core/tags/annotation';
import { parseSidecar, serializeSidecar } from '../../../src/core/tags/sidecarFormat';
import { setTag } from '../../../src/core/tags/tagOperations';
import { ann, rawSidecar, sidecar } from './fixtures';

const other: Evidence = { kind: 'annotation', source: '../b/002.txt', annotationId: 'a_000000000009', quote: 'CEO Lei Jun' };
const url: Evidence = { kind: 'url', url: 'https://example.invalid/report' };

describe('evidence on a tag', () => {
  it('round-trips, sorted (other tags by source and id, then URLs) and without duplicates', () => {
    const s = sidecar([ann('a_1', 0, 4, { evidence: [url, other, { ...other, quote: 'later quote wins' }, url] })]);
    const text = serializeSidecar(s);
    const parsed = parseSidecar(text);
    expect(parsed.ok).toBe(true);
    const evidence = parsed.ok ? parsed.sidecar.annotations[0].evidence : undefined;
    expect(evidence).toEqual([{ ...other, quote: 'later quote wins' }, url]);
    expect(serializeSidecar(parsed.ok ? parsed.sidecar : s)).toBe(text);
    // Key order in the file: after the note, before the dates.
    expect(Object.keys(JSON.parse(text).annotations[0])).toEqual(['id', 'kind', 'status', 'target', 'evidence', 'createdAt', 'updatedAt']);
  });

  it('is rejected by the schema when malformed, so a broken sidecar is never overwritten', () => {
    for (const bad of [{ kind: 'annotation', source: 'b.txt' }, { kind: 'url' }, { kind: 'file', path: 'x' }, 'https://x']) {
      const raw = rawSidecar();
      raw.annotations[0].evidence = [bad];
      const parsed = parseSidecar(JSON.stringify(raw));
      expect(parsed.ok).toBe(false);
    }
  });

  it('is added by setTag to what the tag already has', () => {
    const text = 'Lei Jun is the chairman.';
    const now = new Date('2026-01-01T00:00:00.000Z');
    let s = setTag(sidecar([]), { kind: 'claim', start: 0, end: text.length, status: 'contradicted', sourceText: text, now, evidence: [other] });
    expect(s.annotations[0].evidence).toEqual([other]);
    const later = new Date('2026-01-02T00:00:00.000Z');
    s = setTag(s, { kind: 'claim', start: 0, end: text.length, status: 'contradicted', sourceText: text, now: later, evidence: [url, other] });
    expect(s.annotations[0].evidence).toEqual([other, url]);
    expect(s.annotations[0].updatedAt).toBe(later.toISOString());
    // The same evidence again changes nothing, not even the time stamp.
    const again = setTag(s, { kind: 'claim', start: 0, end: text.length, status: 'contradicted', sourceText: text, now: new Date(), evidence: [url] });
    expect(again.annotations[0]).toBe(s.annotations[0]);
  });
});
