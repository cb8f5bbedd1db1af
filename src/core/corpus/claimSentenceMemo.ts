// What a claim's digest reads of its own sentence, kept from one digest of a source to the next.
// An edit of a long open source digests it again once typing pauses: all but the edited claims are
// sentences seen before, with their names and dates in the same places, and working their figures,
// terms, anaphors and quote out again was ~30 ms of each such digest on 1 MB.
import type { Anaphor } from './anaphora';
import type { Figure } from './figures';

/** A claim's sentence read once: offsets relative to the sentence's start. */
export interface SentenceParts {
  quote: string;
  figures: readonly Figure[];
  terms: readonly string[];
  anaphors: readonly Anaphor[];
}

interface Held {
  /** Where names, their titles and dates are in the sentence: they decide the figures and terms. */
  spans: readonly number[];
  parts: SentenceParts;
}

/** Layouts (where its names and dates are) kept per sentence text. */
const LAYOUTS_KEPT = 8;

const sameSpans = (a: readonly number[], b: readonly number[]) => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

/**
 * The parts of each claim sentence of a source's last digest, by the sentence and its spans. Holds
 * only what the last digest used (`endDigest`), so it stays the size of one digest's claims.
 */
export class ClaimSentenceMemo {
  private held = new Map<string, Held[]>();
  private used = new Map<string, Held[]>();

  /** The parts of `sentence` with names, titles and dates at `spans`; `read` works them out when not held. */
  parts(sentence: string, spans: readonly number[], read: () => SentenceParts): SentenceParts {
    const found = this.held.get(sentence)?.find((h) => sameSpans(h.spans, spans)) ?? { spans, parts: read() };
    const list = this.used.get(sentence);
    if (!list) this.used.set(sentence, [found]);
    // A sentence repeated with its names in ever other places would make each lookup longer: past a
    // few layouts, the others are read every time.
    else if (!list.includes(found) && list.length < LAYOUTS_KEPT) list.push(found);
    return found.parts;
  }

  /** After a digest: what it did not use is dropped. */
  endDigest(): void {
    this.held = this.used;
    this.used = new Map();
  }
}
