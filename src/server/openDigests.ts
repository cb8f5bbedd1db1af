// The cross-source digest of a long open source is made in the worker that analysed it (the worker
// has the analysis at hand) and follows the analysis over; the workspace index takes it from here
// instead of digesting on the main thread (200–500 ms for 250 KB, in one go) or analysing the
// source a second time in an index worker (sources over 256 KB). Keyed by the analysis's tagged
// findings object, which the source's state shares: a state made otherwise has no digest here.
import type { SourceDigest } from '../core/corpus';
import type { TaggedFindings } from '../core/taggedFindings';

/** The digest; 'superseded': a newer analysis of the source brings one instead; undefined: it could not be made. */
export type ComingDigest = Promise<SourceDigest | 'superseded' | undefined>;

const coming = new WeakMap<TaggedFindings, ComingDigest>();

/** The digest of the analysis whose tagged findings are `tagged` will come. */
export function digestComing(tagged: TaggedFindings, digest: ComingDigest): void {
  coming.set(tagged, digest);
}

/** The digest coming for this analysis, if its worker makes one; taken once. */
export function takeDigest(tagged: TaggedFindings): ComingDigest | undefined {
  const digest = coming.get(tagged);
  coming.delete(tagged);
  return digest;
}
