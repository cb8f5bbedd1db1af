import type { Region } from '../model';
import type { ClaimCandidate } from '../detect/claimDetector';
import type { DateDetection } from '../detect/dateDetector';
import type { EntityMention } from '../detect/entityDetector';
import type { Sentence } from '../text/sentences';

/** What the detector plugins read from and write to a paragraph's VFile (`file.data.sourcemark`). */
export interface ParagraphContext {
  region: Region;
  commenter?: string;
  referenceDate?: string;
}

/** Findings of one paragraph, with offsets relative to the paragraph's start. */
export interface ParagraphFindings {
  sentences: Sentence[];
  dates: DateDetection[];
  entities: EntityMention[];
  claims: ClaimCandidate[];
  /** Sentences too long to be prose, not scored as claims (see MAX_CLAIM_LENGTH). */
  unscored?: number;
}

declare module 'vfile' {
  interface DataMap {
    sourcemark: ParagraphContext;
    findings: ParagraphFindings;
  }
}
