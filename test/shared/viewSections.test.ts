import { describe, expect, it } from 'vitest';
import { inPart, SectionCounter, type FindingFilter, type Placed } from '../../src/shared/viewSections';

const EVERY: FindingFilter = { kinds: ['claim', 'entity', 'date', 'quotation'], statuses: ['untagged', 'verified', 'speculative', 'contradicted'] };

function counted(findings: Placed[], filter = EVERY) {
  const counter = new SectionCounter(filter);
  for (const f of findings) counter.add(f);
  return counter.counts();
}

describe('the view\'s section counts', () => {
  it('counts an entity once however many mentions, by key or, without one, by its words', () => {
    expect(counted([
      { kind: 'entity', region: 'body', entityKey: 'xiaomi', text: 'Xiaomi' },
      { kind: 'entity', region: 'title', entityKey: 'xiaomi', text: 'the company' },
      { kind: 'entity', region: 'body', text: 'Lei Jun' },
      { kind: 'entity', region: 'body', text: 'Lei Jun' },
      { kind: 'date', region: 'body', text: '2018' },
      { kind: 'quotation', region: 'body', text: '"no"' },
      { kind: 'claim', region: 'body', text: 'Sales rose.' },
    ])).toEqual({ entities: 2, mentions: 4, dates: 1, quotations: 1, commenters: 0 });
  });

  it('puts every kind of a comment under its commenter, a comment naming no one under one row, and nothing of it in the article\'s sections', () => {
    expect(counted([
      { kind: 'entity', region: 'comment', commenter: 'ann', text: 'Apple' },
      { kind: 'claim', region: 'comment', commenter: 'ann', text: 'Apple lies.' },
      { kind: 'date', region: 'comment-meta', commenter: 'bob', text: 'May 3' },
      { kind: 'claim', region: 'comment', text: 'Nobody said.' },
      { kind: 'claim', region: 'comment', text: 'Nor this.' },
    ])).toEqual({ entities: 0, mentions: 0, dates: 0, quotations: 0, commenters: 3 });
  });

  it('counts only what the filter lets through', () => {
    const findings: Placed[] = [
      { kind: 'entity', region: 'body', entityKey: 'a', text: 'A', status: 'verified' },
      { kind: 'entity', region: 'body', entityKey: 'b', text: 'B' },
      { kind: 'date', region: 'body', text: '2018', status: 'verified' },
      { kind: 'claim', region: 'comment', commenter: 'ann', text: 'x' },
    ];
    expect(counted(findings, { kinds: ['entity'], statuses: ['verified'] })).toEqual({ entities: 1, mentions: 1, dates: 0, quotations: 0, commenters: 0 });
    expect(counted(findings, { kinds: ['claim', 'date'], statuses: ['untagged'] })).toEqual({ entities: 0, mentions: 0, dates: 0, quotations: 0, commenters: 1 });
    expect(counted(findings, { kinds: [], statuses: [] })).toEqual({ entities: 0, mentions: 0, dates: 0, quotations: 0, commenters: 0 });
  });

  it('splits a source into its article and its comments, the metadata lines with the comments', () => {
    expect(['title', 'body', 'boilerplate', 'comment', 'comment-meta'].map((region) => inPart({ region } as Placed, 'comments'))).toEqual([false, false, false, true, true]);
    expect(inPart({ region: 'body' } as Placed, 'article')).toBe(true);
  });
});
