// The cross-source digest of a long open source is made in the worker that analysed it (the worker
// has the analysis at hand) and follows the analysis over; the workspace index takes it from here
// instead of digesting on the main thread (200–500 ms for 250 KB, in one go) or analysing the
// source a second time in an index worker (sources over 256 KB). It is made only once edits pause
// (a 1 MB source's took ~250 ms to make and ~75 ms to send, on every keystroke), or at once when a
// request needs the index current. Keyed by the analysis's tagged findings object, which the
// source's state shares: a state made otherwise has no digest here.
import type { SourceDigest } from '../core/corpus';
import type { TaggedFindings } from '../core/taggedFindings';

export interface ComingDigest {
  /** The digest; 'superseded': a newer analysis of the source brings one instead; undefined: it could not be made. */
  digest: Promise<SourceDigest | 'superseded' | undefined>;
  /** Have it made now rather than once edits pause. */
  now: () => void;
}

const coming = new WeakMap<TaggedFindings, ComingDigest>();

/** The digest of the analysis whose tagged findings are `tagged` will come. */
export function digestComing(tagged: TaggedFindings, digest: ComingDigest['digest'], now: () => void = () => undefined): void {
  coming.set(tagged, { digest, now });
}

/** The digest coming for this analysis, if its worker makes one; taken once. */
export function takeDigest(tagged: TaggedFindings): ComingDigest | undefined {
  const digest = coming.get(tagged);
  coming.delete(tagged);
  return digest;
}
