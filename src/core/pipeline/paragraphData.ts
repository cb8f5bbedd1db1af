import type { Region } from '../model';
import type { Sentence } from '../text/sentences';

/** What the analyzer tells the plugins about a paragraph (`file.data.sourcemark`). */
export interface ParagraphContext {
  region: Region;
  commenter?: string;
  referenceDate?: string;
}

// Each kind's plugin adds the key it writes (offsets relative to the paragraph's start), the way
// unified plugins declare their data.
declare module 'vfile' {
  interface DataMap {
    sourcemark: ParagraphContext;
    /** The paragraph's sentences, split once for every detector. */
    sentences: Sentence[];
  }
}
