// Which of a source's findings each section of the Sourcemark view lists, in one place for both
// sides: the server counts them for a source's collapsed sections (a 1 MB source's 18,000 findings
// are never sent to draw its section rows), the client lists them when a section is expanded.
import type { FindingKind, Region, TagStatus } from '../core/model';
import { isCommentRegion } from '../core/regions';

/** The view's filter ("Filter Findings…"): the kinds it lists and the statuses (`untagged` or a tag status). */
export interface FindingFilter {
  kinds: readonly FindingKind[];
  statuses: readonly string[];
}

/** The article, or the reader comments (their metadata lines included). */
export type SourcePart = 'article' | 'comments';

/** What the view reads of a finding to place it. */
export interface Placed {
  kind: FindingKind;
  region: Region;
  status?: TagStatus;
  /** An entity's key, shared by its mentions. */
  entityKey?: string;
  /** The words (a mention without an entity key is grouped by them). */
  text: string;
  commenter?: string;
}

/** A finding of a reader comment (its metadata lines included): listed under its commenter. */
export const inComment = (f: Pick<Placed, 'region'>): boolean => isCommentRegion(f.region);

export const inPart = (f: Pick<Placed, 'region'>, part: SourcePart): boolean => inComment(f) === (part === 'comments');

export const matchesFilter = (f: Pick<Placed, 'kind' | 'status'>, filter: FindingFilter): boolean =>
  filter.kinds.includes(f.kind) && filter.statuses.includes(f.status ?? 'untagged');

/** The group of an entity's mention in the view: its entity, or its words when it has none. */
export const entityGroupKey = (f: Pick<Placed, 'entityKey' | 'text'>): string => f.entityKey ?? f.text;

/** How many rows each lazily listed section of a source has under a filter. */
export interface SectionCounts {
  /** The article's entities (one row each) and their mentions. */
  entities: number;
  mentions: number;
  /** The article's dates and quotations. */
  dates: number;
  quotations: number;
  /** Commenters with a finding listed under them (comments that name no one count as one). */
  commenters: number;
}

/** Counts findings into SectionCounts: `add` each, then `counts()`. */
export class SectionCounter {
  private readonly entityKeys = new Set<string>();
  private readonly commenterKeys = new Set<string | undefined>();
  private mentions = 0;
  private dates = 0;
  private quotations = 0;

  constructor(private readonly filter: FindingFilter) {}

  add(f: Placed): void {
    if (!matchesFilter(f, this.filter)) return;
    if (inComment(f)) {
      this.commenterKeys.add(f.commenter);
      return;
    }
    if (f.kind === 'entity') {
      this.mentions++;
      this.entityKeys.add(entityGroupKey(f));
    } else if (f.kind === 'date') this.dates++;
    else if (f.kind === 'quotation') this.quotations++;
  }

  counts(): SectionCounts {
    return { entities: this.entityKeys.size, mentions: this.mentions, dates: this.dates, quotations: this.quotations, commenters: this.commenterKeys.size };
  }
}
