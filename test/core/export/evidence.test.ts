import { describe, expect, it } from 'vitest';
import { describeEvidence, parseEvidence } from '../../../src/core/export/evidence';

describe('evidence items in exports and imports', () => {
  it('keeps a cited page\'s title, day read and quote through an import, and drops only what is malformed', () => {
    expect(parseEvidence({ kind: 'url', url: 'https://example.org/a', title: 'IDC Q4', accessed: '2026-11-22', quote: 'fell 4.9%' }))
      .toEqual({ kind: 'url', url: 'https://example.org/a', title: 'IDC Q4', accessed: '2026-11-22', quote: 'fell 4.9%' });
    expect(parseEvidence({ kind: 'url', url: 'https://example.org/a', title: 3, accessed: 'yesterday', quote: '' }))
      .toEqual({ kind: 'url', url: 'https://example.org/a' });
    expect(parseEvidence({ kind: 'url', url: '' })).toBeUndefined();
    expect(parseEvidence({ kind: 'annotation', source: 'b.txt', annotationId: 'a_1', quote: 'x', extra: 1 }))
      .toEqual({ kind: 'annotation', source: 'b.txt', annotationId: 'a_1', quote: 'x' });
  });

  it('says a page in one line: the bare address when that is all, else title, address, day read and quote', () => {
    expect(describeEvidence({ kind: 'url', url: 'https://example.org/a' })).toBe('https://example.org/a');
    expect(describeEvidence({ kind: 'url', url: 'https://example.org/a', title: 'IDC Q4', accessed: '2026-11-22', quote: 'fell 4.9%' }))
      .toBe('IDC Q4 <https://example.org/a> (read 2026-11-22): “fell 4.9%”');
    expect(describeEvidence({ kind: 'annotation', source: 'b.txt', annotationId: 'a_1', quote: 'x' })).toBe('b.txt: “x” (a_1)');
  });
});
