import { describe, expect, it } from 'vitest';
import { countsDescription, countsText } from '../../src/client/countsText';

const counts = { byKind: { claim: 12, entity: 30, date: 1, quotation: 3 }, untagged: 5, verified: 4, speculative: 2, contradicted: 1, orphans: 0 };

describe('counts text', () => {
  it('reads as the status bar shows it', () => {
    expect(countsText(counts)).toBe('12 claims · 4 ✓ · 2 ? · 1 ✗ · 5 untagged');
    expect(countsText({ ...counts, byKind: { ...counts.byKind, claim: 1 }, untagged: 1, verified: 0, speculative: 0, contradicted: 0 })).toBe('1 claim · 0 ✓ · 0 ? · 0 ✗ · 1 untagged');
  });

  it('mentions orphaned tags only when there are some', () => {
    expect(countsText({ ...counts, orphans: 2 })).toBe('12 claims · 4 ✓ · 2 ? · 1 ✗ · 5 untagged · 2 orphaned tags');
    expect(countsDescription({ ...counts, orphans: 1 })).toMatch(/1 tag whose text is no longer in the source/);
  });

  it('spells the counts out for tooltips and screen readers', () => {
    expect(countsDescription(counts)).toBe('12 claims: 4 verified, 2 speculative, 1 contradicted, 5 untagged\n30 entities, 1 date and 3 quotations mentioned');
  });
});
