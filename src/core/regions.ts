// Which regions of a source are analysed and shown: the user's choice (setting `sourcemark.regions`,
// CLI `--regions`). The names are the setting's values; core's Region names the blocks themselves.
import type { Region, RegionSpan } from './model';

/** A value of `sourcemark.regions` / `--regions`. */
export type RegionChoice = 'title' | 'body' | 'comments' | 'commentMeta' | 'boilerplate';

export const REGION_CHOICES: readonly RegionChoice[] = ['title', 'body', 'comments', 'commentMeta', 'boilerplate'];

/** The article: what a fact-checker checks first. Reader comments are on demand. */
export const DEFAULT_REGIONS: readonly RegionChoice[] = ['title', 'body'];

/** `--regions` shorthands. */
export const REGION_PRESETS: Readonly<Record<'article' | 'all', readonly RegionChoice[]>> = {
  article: DEFAULT_REGIONS,
  all: REGION_CHOICES,
};

const REGION_OF_CHOICE: Readonly<Record<RegionChoice, Region>> = {
  title: 'title',
  body: 'body',
  comments: 'comment',
  commentMeta: 'comment-meta',
  boilerplate: 'boilerplate',
};

/** A reader comment's region, its metadata lines (handle, date) included. */
export const isCommentRegion = (region: Region): boolean => region === 'comment' || region === 'comment-meta';

/** The block regions a choice shows. */
export function regionSet(choices: readonly RegionChoice[]): ReadonlySet<Region> {
  return new Set(choices.map((c) => REGION_OF_CHOICE[c]));
}

/** Only known values, in REGION_CHOICES order, each once; `undefined` (not set) gives the default. */
export function normaliseRegions(raw: unknown): RegionChoice[] {
  if (!Array.isArray(raw)) return [...DEFAULT_REGIONS];
  return REGION_CHOICES.filter((c) => raw.includes(c));
}

/** The region at `offset`: that of the block holding it (body between blocks). Binary search over text-ordered spans. */
export function regionAt(regions: readonly RegionSpan[], offset: number): RegionSpan | undefined {
  let lo = 0;
  let hi = regions.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = regions[mid]!;
    if (offset < r.start) hi = mid - 1;
    else if (offset >= r.end) lo = mid + 1;
    else return r;
  }
  return undefined;
}
