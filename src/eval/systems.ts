// What an evaluated system must provide for each kind of gold set.
import type { ClaimFeatures } from '../core/kinds/claim/claimDetector';
import type { GoldDoc } from './gold';
import type { Span } from './metrics';

export interface EntitySystem {
  name: string;
  /** Spans labelled PER, ORG, LOC or MISC. */
  entities(doc: GoldDoc): Span[];
}

export interface DateSystem {
  name: string;
  /** Spans labelled with a TIMEX3 type, with the normalised value (null when unresolved). */
  dates(doc: GoldDoc): Span[];
}

export interface ClaimSystem {
  name: string;
  /** Scores at or above this are predicted check-worthy. */
  threshold: number;
  /** Check-worthiness of the document (a sentence), 0–1. */
  score(doc: GoldDoc): number;
  /** The evidence behind each scored document's score, by id, when the system's weights can be fitted again on it. */
  claimEvidence?: ReadonlyMap<string, { text: string; features: ClaimFeatures }[]>;
}

export interface HedgeSystem {
  name: string;
  /** Hedge cue spans. */
  hedgeCues(doc: GoldDoc): Span[];
}
