import { describe, expect, it } from 'vitest';
import { pickFinding } from '../../src/client/findingPicker';
import type { FindingItem } from '../../src/shared/protocol';

const item = (kind: FindingItem['kind'], start: number, end: number, status?: FindingItem['status']): FindingItem => ({
  id: `${kind}:${start}:${end}`, kind, start, end, text: 'x', region: 'body', score: 0.5, label: 'x', range: { start: { line: 0, character: start }, end: { line: 0, character: end } }, ...(status ? { status } : {}),
});

// "Xiaomi plans to enter the US market by end 2018." with an entity, a date and the claim around them.
const entity = item('entity', 0, 6);
const date = item('date', 39, 47);
const claim = item('claim', 0, 48);
const later = item('claim', 60, 90);
const findings = [entity, claim, date, later];

describe('pickFinding', () => {
  it('a bare cursor picks the claim around it, even on a name inside it', () => {
    expect(pickFinding(findings, 3, 3)).toBe(claim);
    expect(pickFinding(findings, 40, 40)).toBe(claim);
  });

  it('a selection picks the finding it matches exactly, else the narrowest that contains it', () => {
    expect(pickFinding(findings, 0, 6)).toBe(entity);
    expect(pickFinding(findings, 40, 44)).toBe(date);
    expect(pickFinding(findings, 0, 48)).toBe(claim);
    expect(pickFinding(findings, 10, 20)).toBe(claim);
    expect(pickFinding(findings, 45, 70)).toBeUndefined();
  });

  it('outside every claim the narrowest finding under the cursor wins; nothing there gives nothing', () => {
    const loose = [item('entity', 100, 110), item('date', 100, 104)];
    expect(pickFinding(loose, 102, 102)?.kind).toBe('date');
    expect(pickFinding(findings, 55, 55)).toBeUndefined();
  });

  it('can be limited to one kind, and can prefer a tagged finding (a note needs a tag)', () => {
    expect(pickFinding(findings, 3, 3, { kind: 'entity' })).toBe(entity);
    const taggedEntity = { ...entity, status: 'verified' as const };
    expect(pickFinding([taggedEntity, claim], 3, 3, { preferTagged: true })).toBe(taggedEntity);
    expect(pickFinding([entity, claim], 3, 3, { preferTagged: true })).toBe(claim);
  });
});
