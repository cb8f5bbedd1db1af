// The words of the model (kinds, statuses, entity types, counts) as the editor shows them, in the
// user's language. Client and server both say them; the CLI and the report keep core/model's
// English. Each phrase is a literal so that `npm run l10n:export` finds it.
import * as l10n from '@vscode/l10n';
import type { EntityType, FindingKind, TagStatus } from '../core/model';

/** "1 claim", "4 entity mentions": core/model's countOf, translated. */
export function kindCount(kind: FindingKind, n: number): string {
  switch (kind) {
    case 'claim': return n === 1 ? l10n.t('{0} claim', n) : l10n.t('{0} claims', n);
    case 'entity': return n === 1 ? l10n.t('{0} entity mention', n) : l10n.t('{0} entity mentions', n);
    case 'date': return n === 1 ? l10n.t('{0} date', n) : l10n.t('{0} dates', n);
    case 'quotation': return n === 1 ? l10n.t('{0} quotation', n) : l10n.t('{0} quotations', n);
  }
}

/** "1 entity", "30 entities": a count of a kind in a list of what a source mentions. */
export function kindMentions(kind: FindingKind, n: number): string {
  switch (kind) {
    case 'claim': return kindCount(kind, n);
    case 'entity': return n === 1 ? l10n.t('{0} entity', n) : l10n.t('{0} entities', n);
    case 'date': return kindCount(kind, n);
    case 'quotation': return kindCount(kind, n);
  }
}

/** "claim", "entity": the kind of one finding. */
export function kindWord(kind: FindingKind): string {
  switch (kind) {
    case 'claim': return l10n.t('claim');
    case 'entity': return l10n.t('entity');
    case 'date': return l10n.t('date');
    case 'quotation': return l10n.t('quotation');
  }
}

/** "Claims", "Entities": a kind as a heading (document symbols, the view's filter). */
export function kindHeading(kind: FindingKind): string {
  switch (kind) {
    case 'claim': return l10n.t('Claims');
    case 'entity': return l10n.t('Entities');
    case 'date': return l10n.t('Dates');
    case 'quotation': return l10n.t('Quotations');
  }
}

/** "verified" … "untagged": a status as an adjective. */
export function statusWord(status: TagStatus | 'untagged'): string {
  switch (status) {
    case 'verified': return l10n.t('verified');
    case 'speculative': return l10n.t('speculative');
    case 'contradicted': return l10n.t('contradicted');
    case 'untagged': return l10n.t('untagged');
  }
}

/** "person", "place": an entity's type; a type this build does not know stays as it is. */
export function entityTypeWord(type: EntityType | (string & {})): string {
  switch (type) {
    case 'person': return l10n.t('person');
    case 'organisation': return l10n.t('organisation');
    case 'place': return l10n.t('place');
    case 'product': return l10n.t('product');
    case 'event': return l10n.t('event');
    case 'other': return l10n.t('other');
    default: return type;
  }
}

/** "a, b and c". */
export function listText(items: readonly string[]): string {
  if (items.length < 2) return items.join('');
  return l10n.t('{0} and {1}', items.slice(0, -1).join(', '), items[items.length - 1]);
}

/** "Tag as verified": a quick fix and a quick pick item. */
export function tagAsTitle(status: TagStatus): string {
  switch (status) {
    case 'verified': return l10n.t('Tag as verified');
    case 'speculative': return l10n.t('Tag as speculative');
    case 'contradicted': return l10n.t('Tag as contradicted');
  }
}

/** "Verified": a status as a choice of its own. */
export function statusTitle(status: TagStatus): string {
  switch (status) {
    case 'verified': return l10n.t('Verified');
    case 'speculative': return l10n.t('Speculative');
    case 'contradicted': return l10n.t('Contradicted');
  }
}
