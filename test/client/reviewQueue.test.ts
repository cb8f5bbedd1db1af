import { describe, expect, it } from 'vitest';
import { claimQueue, commenterGroups, entityGroups, nextInQueue, progressText } from '../../src/client/reviewQueue';
import type { FindingItem } from '../../src/shared/protocol';

const item = (kind: FindingItem['kind'], start: number, end: number, extra: Partial<FindingItem> = {}): FindingItem => ({
  id: `${kind}:${start}:${end}`, kind, start, end, text: 'x', label: 'x', region: 'body', score: 0.5,
  range: { start: { line: 0, character: start }, end: { line: 0, character: end } }, ...extra,
});

// Three article claims and one in a comment; the middle one is the most check-worthy.
const a = item('claim', 0, 10, { score: 0.6 });
const b = item('claim', 20, 30, { score: 0.9, status: 'verified' });
const c = item('claim', 40, 50, { score: 0.7 });
const reader = item('claim', 100, 120, { score: 0.95, region: 'comment', commenter: 'jdoe' });
const findings = [a, b, c, reader];

describe('claimQueue', () => {
  it('orders the article by check-worthiness or position, comments after the article', () => {
    expect(claimQueue(findings, 'worthiness')).toEqual([b, c, a, reader]);
    expect(claimQueue(findings, 'position')).toEqual([a, b, c, reader]);
  });

  it('counts tagged claims as reviewed', () => {
    expect(progressText(claimQueue(findings, 'position'))).toBe('1 of 4 reviewed');
    expect(progressText([])).toBe('0 of 0 reviewed');
  });
});

describe('nextInQueue', () => {
  const queue = claimQueue(findings, 'worthiness'); // b (tagged), c, a, reader

  it('from a claim goes to the next untagged one in queue order, wrapping around', () => {
    expect(nextInQueue(queue, 45, 1, 'worthiness')).toBe(a); // c → a
    expect(nextInQueue(queue, 5, 1, 'worthiness')).toBe(reader);
    expect(nextInQueue(queue, 110, 1, 'worthiness')).toBe(c); // wraps past the tagged b
    expect(nextInQueue(queue, 5, -1, 'worthiness')).toBe(c);
    expect(nextInQueue(queue, 45, -1, 'worthiness')).toBe(reader); // wraps backwards past b
  });

  it('away from claims: the queue ends in worthiness order, the nearest in position order', () => {
    expect(nextInQueue(queue, 15, 1, 'worthiness')).toBe(c);
    expect(nextInQueue(queue, 15, -1, 'worthiness')).toBe(reader);
    const byPosition = claimQueue(findings, 'position');
    expect(nextInQueue(byPosition, 15, 1, 'position')).toBe(c);
    expect(nextInQueue(byPosition, 15, -1, 'position')).toBe(a);
    expect(nextInQueue(byPosition, 200, 1, 'position')).toBe(a);
  });

  it('gives nothing when every claim is tagged', () => {
    expect(nextInQueue([b], 0, 1, 'position')).toBeUndefined();
  });
});

describe('entityGroups', () => {
  it('one group per entity, most mentioned first, named by its commonest mention', () => {
    const x1 = item('entity', 0, 6, { text: 'Xiaomi', entityKey: 'xiaomi', entityType: 'organisation' });
    const x2 = item('entity', 30, 36, { text: 'Xiaomi', entityKey: 'xiaomi', entityType: 'organisation' });
    const x3 = item('entity', 50, 64, { text: "Xiaomi's Corp", entityKey: 'xiaomi', entityType: 'organisation' });
    const lei = item('entity', 70, 77, { text: 'Lei Jun', entityKey: 'lei jun', entityType: 'person' });
    const groups = entityGroups([x3, x1, lei, x2, a]);
    expect(groups.map((g) => [g.name, g.entityType, g.mentions.length])).toEqual([['Xiaomi', 'organisation', 3], ['Lei Jun', 'person', 1]]);
  });
});

describe('commenterGroups', () => {
  it('groups comment findings by commenter in order of first comment; the article is left out', () => {
    const m1 = item('entity', 130, 135, { region: 'comment', commenter: 'zed' });
    const m2 = item('date', 140, 145, { region: 'comment-meta' });
    const groups = commenterGroups([a, reader, m1, m2, item('date', 150, 155, { region: 'comment', commenter: 'jdoe' })]);
    expect(groups.map((g) => [g.commenter, g.findings.length])).toEqual([['jdoe', 2], ['zed', 1], [undefined, 1]]);
  });
});
