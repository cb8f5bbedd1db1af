// The NLCST parser of the pipeline: parse-english 7's tree, without positions, built by
// latinParse.ts in a few walks of flat arrays instead of parse-latin's plugins. Its nodes carry no
// positions: the tree covers its text exactly, in order (parse-latin is lossless), so a node's
// offsets are the lengths of the nodes before it (text/sentences.ts).
import type { Root } from 'nlcst';
import type { Plugin, Processor } from 'unified';
import { parseEnglish } from './latinParse';

/** A unified plugin, as retext-english is, with parse-english's tree. */
export const englishParser: Plugin<[], string, Root> = function (this: Processor) {
  this.parser = (value: string) => parseEnglish(value);
};
