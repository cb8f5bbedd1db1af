import { englishParser } from './englishParser';
import { unified } from 'unified';
import { VFile, type Data } from 'vfile';
import { DETECTION_ORDER } from '../kinds';
import type { ParagraphContext } from './paragraphData';
import { sourcemarkSentences } from './plugins';

/** The unified pipeline for one paragraph: parse to NLCST, split sentences, then each kind's plugin, each after the kinds it needs. */
export function createParagraphProcessor() {
  const frozen = DETECTION_ORDER.reduce((p, kind) => p.use(kind.plugin), unified().use(englishParser).use(sourcemarkSentences)).freeze();

  /** What the plugins found in the paragraph (`file.data`), offsets relative to its start. */
  return function analyseParagraph(text: string, context: ParagraphContext): Data {
    const file = new VFile({ value: text, data: { sourcemark: context } });
    frozen.runSync(frozen.parse(file), file);
    // The analyser caches this per paragraph (up to 120,000): its sentences' token objects were ~40 %
    // of it, and the kinds' passes over the whole source read none of them (the entity kind keeps
    // its lower-case words). Set to undefined, not deleted: a delete makes the object a dictionary.
    file.data.sentences = undefined;
    return file.data;
  };
}
