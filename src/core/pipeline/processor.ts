import retextEnglish from 'retext-english';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { DateDetector } from '../kinds/date/dateDetector';
import { EntityDetector } from '../kinds/entity/entityDetector';
import type { ParagraphContext, ParagraphFindings } from './paragraphData';
import { sourcemarkClaims, sourcemarkDates, sourcemarkEntities, sourcemarkSentences } from './plugins';

/** The unified pipeline for one paragraph: parse to NLCST, then the detector plugins in order. */
export function createParagraphProcessor() {
  const processor = unified()
    .use(retextEnglish)
    .use(sourcemarkSentences)
    .use(sourcemarkDates, { detector: new DateDetector() })
    .use(sourcemarkEntities, { detector: new EntityDetector() })
    .use(sourcemarkClaims)
    .freeze();

  return function analyseParagraph(text: string, context: ParagraphContext): ParagraphFindings {
    const file = new VFile({ value: text, data: { sourcemark: context } });
    processor.runSync(processor.parse(file), file);
    return file.data.findings ?? { sentences: [], dates: [], entities: [], claims: [] };
  };
}
