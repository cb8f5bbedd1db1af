// How the regions setting reads in the status bar and the quick pick. Pure, so it is tested without VS Code.
import type { RegionChoice } from '../core/regions';

export const REGION_LABEL: Record<RegionChoice, { label: string; detail: string }> = {
  title: { label: 'Title', detail: 'The headline.' },
  body: { label: 'Article body', detail: 'The article itself.' },
  comments: { label: 'Reader comments', detail: 'What readers wrote under the article, grouped by commenter in the Sourcemark view.' },
  commentMeta: { label: 'Comment metadata', detail: 'Lines such as "Posts: 12; Member since: 2013" under each comment.' },
  boilerplate: { label: 'Page boilerplate', detail: 'Menus, footers, share buttons and other text of the page around the article.' },
};

/** "Article", "Article + comments", or the regions named. */
export function regionsText(regions: readonly RegionChoice[]): string {
  const has = (r: RegionChoice) => regions.includes(r);
  const rest = regions.filter((r) => r !== 'title' && r !== 'body');
  if (has('title') && has('body')) {
    if (!rest.length) return 'Article';
    if (rest.length === 1 && rest[0] === 'comments') return 'Article + comments';
  }
  return regions.length ? regions.map((r) => REGION_LABEL[r].label).join(', ') : 'nothing';
}
