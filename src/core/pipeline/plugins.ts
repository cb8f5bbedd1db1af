import type { Root } from 'nlcst';
import type { Plugin } from 'unified';
import type { VFile } from 'vfile';
import { sentencesOf, type Sentence } from '../text/sentences';
import './paragraphData';

// The kinds' detector plugins (kinds/<kind>/index.ts) are transformers in the unified style: each
// reads the NLCST tree and what earlier plugins left in `file.data`, and adds its own findings
// there, the way retext plugins report messages. The sentence split comes first, for all of them.

export const sourcemarkSentences: Plugin<[], Root> = () => (tree: Root, file: VFile) => {
  file.data.sentences = sentencesOf(tree, String(file.value));
};

/** The paragraph's sentences (none before the sentence plugin ran). */
export function sentencesOfFile(file: VFile): Sentence[] {
  return file.data.sentences ?? [];
}

/**
 * The items of each sentence, for items found sentence by sentence (so in text order, each within
 * its sentence): one pass over them, where a scan of all the paragraph's items for every sentence
 * is quadratic in a long paragraph.
 */
export function perSentence<T extends { start: number; end: number }>(sentences: readonly Sentence[], items: readonly T[]): T[][] {
  let i = 0;
  return sentences.map((s) => {
    while (i < items.length && items[i].start < s.start) i++;
    const from = i;
    while (i < items.length && items[i].start < s.end) i++;
    return items.slice(from, i);
  });
}
