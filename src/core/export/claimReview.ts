// schema.org ClaimReview (JSON-LD) for every claim or quotation tagged verified or contradicted:
// what a fact check publishes so search engines and aggregators can show the verdict next to it.
import { noteOf } from '../tags/noteThread';
import { describe, kindDefinition } from '../kinds';
import type { TagStatus } from '../model';
import type { TaggedFinding } from '../taggedFindings';
import type { ExportSource } from './exportSource';

/** The verdicts a ClaimReview states; a speculative claim has not been checked, so it gets none. */
export const CLAIM_REVIEW_RATINGS: Partial<Record<TagStatus, { ratingValue: number; alternateName: string }>> = {
  verified: { ratingValue: 5, alternateName: 'True' },
  contradicted: { ratingValue: 1, alternateName: 'False' },
};

export interface ClaimReviewOptions {
  /** Who published the fact check (schema.org `author`, an Organization). */
  author?: string;
  /** Base URL of the published fact checks: each review's `url` is base + source path + `#` + tag id. */
  urlBase?: string;
}

function speakerOf(source: ExportSource, claim: TaggedFinding) {
  const name = describe(claim).speaker;
  if (!name) return undefined;
  // Type the speaker when the source names it as a person or an organisation; else leave it a Thing.
  const entity = source.findings.find((f) => f.entity && (f.entity.canonical === name || f.text === name))?.entity;
  const type = entity?.type === 'person' ? 'Person' : entity?.type === 'organisation' ? 'Organization' : 'Thing';
  return { '@type': type, name };
}

export function toClaimReviews(sources: readonly ExportSource[], options: ClaimReviewOptions = {}) {
  const reviews: Record<string, unknown>[] = [];
  for (const s of sources) {
    for (const f of s.findings) {
      const tag = f.annotation;
      const rating = tag && kindDefinition(f.kind).statement ? CLAIM_REVIEW_RATINGS[tag.status] : undefined;
      if (!tag || !rating) continue;
      const author = speakerOf(s, f);
      const evidence = tag.evidence ?? [];
      reviews.push({
        '@context': 'https://schema.org',
        '@type': 'ClaimReview',
        ...(options.urlBase ? { url: `${options.urlBase}${encodeURI(s.path)}#${encodeURIComponent(tag.id)}` } : {}),
        claimReviewed: f.text.replace(/\s+/g, ' ').trim(),
        // The day the verdict was last given, in the tag's own (UTC) time.
        datePublished: tag.updatedAt.slice(0, 10),
        ...(options.author ? { author: { '@type': 'Organization', name: options.author } } : {}),
        reviewRating: { '@type': 'Rating', ratingValue: rating.ratingValue, bestRating: 5, worstRating: 1, alternateName: rating.alternateName },
        ...(noteOf(tag) ? { reviewBody: noteOf(tag) } : {}),
        ...(evidence.length ? { citation: evidence.map((e) => (e.kind === 'url' ? { '@type': 'WebPage', url: e.url, ...(e.title ? { name: e.title } : {}) } : { '@type': 'Quotation', text: e.quote, isPartOf: { '@type': 'CreativeWork', url: e.source } })) } : {}),
        itemReviewed: {
          '@type': 'Claim',
          ...(author ? { author } : {}),
          ...(s.publicationDate ? { datePublished: s.publicationDate } : {}),
          appearance: { '@type': 'CreativeWork', url: s.iri, ...(s.publicationDate ? { datePublished: s.publicationDate } : {}) },
        },
      });
    }
  }
  return reviews;
}
