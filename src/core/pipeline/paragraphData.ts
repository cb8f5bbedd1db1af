import type { Region } from '../model';
import type { ClaimCandidate } from '../kinds/claim/claimDetector';
import type { DateDetection } from '../kinds/date/dateDetector';
import type { EntityMention } from '../kinds/entity/entityDetector';
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
}

declare module 'vfile' {
  interface DataMap {
    sourcemark: ParagraphContext;
    findings: ParagraphFindings;
  }
}
