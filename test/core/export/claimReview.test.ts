import { describe, expect, it } from 'vitest';
import { toClaimReviews } from '../../../src/core/export/claimReview';
import { exportSource, tagSidecar, TRICKY_TEXT } from './exportFixtures';

describe('ClaimReview export', () => {
  const text = `${TRICKY_TEXT}Lei Jun said Xiaomi would sell phones in the US by 2019.\n`;
  const sidecar = tagSidecar(text, [
    { kind: 'claim', quote: 'Lei Jun said Xiaomi would sell phones in the US by 2019.', status: 'contradicted', note: 'No US launch in 2019.', evidence: [{ kind: 'url', url: 'https://example.org/x' }] },
    { kind: 'claim', quote: 'Apple said on 3 March 2018 that sales rose 20% 📈 in China.', status: 'verified' },
    { kind: 'claim', quote: '"enter the US market"', status: 'speculative' },
    { kind: 'entity', quote: 'Lei Jun', status: 'verified' },
  ]);
  const source = { ...exportSource(text, sidecar, 'news/a.txt'), publicationDate: '2018-03-10' };

  it('has one review per claim tagged verified or contradicted, with the required fields', () => {
    const reviews = toClaimReviews([source], { author: 'Example Checks', urlBase: 'https://checks.example/' });
    expect(reviews).toHaveLength(2);
    for (const r of reviews) {
      expect(r['@context']).toBe('https://schema.org');
      expect(r['@type']).toBe('ClaimReview');
      expect(typeof r.claimReviewed).toBe('string');
      expect((r.claimReviewed as string).length).toBeGreaterThan(10);
      expect(r.datePublished).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(r.reviewRating).toMatchObject({ '@type': 'Rating', bestRating: 5, worstRating: 1 });
      expect(typeof (r.reviewRating as { alternateName: string }).alternateName).toBe('string');
      expect(r.itemReviewed).toMatchObject({ '@type': 'Claim', appearance: { '@type': 'CreativeWork', url: 'news/a.txt' }, datePublished: '2018-03-10' });
      expect(r.author).toEqual({ '@type': 'Organization', name: 'Example Checks' });
      expect(r.url).toMatch(/^https:\/\/checks\.example\/news\/a\.txt#a_\d+$/);
    }
    const contradicted = reviews.find((r) => (r.claimReviewed as string).startsWith('Lei Jun'))!;
    expect(contradicted.reviewRating).toMatchObject({ ratingValue: 1, alternateName: 'False' });
    expect(contradicted.reviewBody).toBe('No US launch in 2019.');
    expect(contradicted.itemReviewed).toMatchObject({ author: { '@type': 'Person', name: 'Lei Jun' } });
    expect(contradicted.citation).toEqual([{ '@type': 'WebPage', url: 'https://example.org/x' }]);
    const verified = reviews.find((r) => (r.claimReviewed as string).startsWith('Apple'))!;
    expect(verified.reviewRating).toMatchObject({ ratingValue: 5, alternateName: 'True' });
    expect(verified.datePublished).toBe('2020-02-02');
  });
});
