// How the regions setting reads in the status bar and the quick pick. Pure (no vscode), so it is
// tested on its own; the words come through @vscode/l10n, which the extension gives VS Code's bundle.
import * as l10n from '@vscode/l10n';
import type { RegionChoice } from '../core/regions';

/** A region's name and what it covers, in the user's language. */
export function regionLabel(region: RegionChoice): { label: string; detail: string } {
  switch (region) {
    case 'title': return { label: l10n.t('Title'), detail: l10n.t('The headline.') };
    case 'body': return { label: l10n.t('Article body'), detail: l10n.t('The article itself.') };
    case 'comments': return { label: l10n.t('Reader comments'), detail: l10n.t('What readers wrote under the article, grouped by commenter in the Sourcemark view.') };
    case 'commentMeta': return { label: l10n.t('Comment metadata'), detail: l10n.t('Lines such as "Posts: 12; Member since: 2013" under each comment.') };
    case 'boilerplate': return { label: l10n.t('Page boilerplate'), detail: l10n.t('Menus, footers, share buttons and other text of the page around the article.') };
  }
}

/** "Article", "Article + comments", or the regions named. */
export function regionsText(regions: readonly RegionChoice[]): string {
  const has = (r: RegionChoice) => regions.includes(r);
  const rest = regions.filter((r) => r !== 'title' && r !== 'body');
  if (has('title') && has('body')) {
    if (!rest.length) return l10n.t('Article');
    if (rest.length === 1 && rest[0] === 'comments') return l10n.t('Article + comments');
  }
  return regions.length ? regions.map((r) => regionLabel(r).label).join(', ') : l10n.t('nothing');
}
