// The tagger's BIO tags over the CoNLL types: O, then B- and I- of each type.
export const TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;
export type TaggerType = (typeof TYPES)[number];
export const TAGS = ['O', ...TYPES.flatMap((t) => [`B-${t}`, `I-${t}`])];
export const TAG_COUNT = TAGS.length;
