// The cross-source index: one entity across sources, claims that state the same thing, conflicts
// between sources, and the workspace timeline. Pure: used by the server and the CLI alike.
export { CorpusIndex, type ClaimLink, type CorpusOptions } from './corpusIndex';
export { digestSource } from './digest';
export type { EntityGroup } from './entityIdentity';
export type { Conflict, ConflictKind, ConflictSide } from './conflicts';
export type { QuotationsOfSpeaker } from './quotations';
export { buildTimeline, type Timeline, type TimelineEntry, type TimelineMention, type TimelineOptions } from './timeline';
export { formatTimelineMarkdown, timelineMarkdownSteps } from './timelineMarkdown';
export { DEFAULT_MATCH_THRESHOLD } from './claimMatching';
export type * from './types';
export { DIGEST_ITEM_LISTS } from './types';
