import * as l10n from '@vscode/l10n';
import type { EntityType } from '../../model';
import type { TaggedFinding } from '../../taggedFindings';
import { fillRich, joinRich, type RichText } from '../../text/richText';
import { oneLine } from '../../text/shorten';
import type { FindingDescription } from '../kind';
import { tagSuffix } from '../wording';

/** An entity type as a heading word: "Person", "Name" for a name of no known type. */
export function entityTypeTitle(type: EntityType): string {
  switch (type) {
    case 'person': return l10n.t('Person');
    case 'organisation': return l10n.t('Organisation');
    case 'place': return l10n.t('Place');
    case 'product': return l10n.t('Product');
    case 'event': return l10n.t('Event');
    case 'other': return l10n.t('Name');
  }
}

/** An entity type in running text: "person", "other name". */
export function entityTypeNoun(type: EntityType): string {
  switch (type) {
    case 'person': return l10n.t('person');
    case 'organisation': return l10n.t('organisation');
    case 'place': return l10n.t('place');
    case 'product': return l10n.t('product');
    case 'event': return l10n.t('event');
    case 'other': return l10n.t('other name');
  }
}

/** A name: its type, the entity it belongs to and how often the source mentions it. */
export function describeEntity(f: TaggedFinding): FindingDescription {
  const e = f.entity;
  const written = oneLine(f.text, 80);
  const mentions = e && (e.mentions === 1 ? l10n.t('{0} mention', e.mentions) : l10n.t('{0} mentions', e.mentions));
  return {
    title: l10n.t('Entity'),
    heading: [e ? entityTypeNoun(e.type) : l10n.t('name')],
    message: e
      ? [
          ...(written !== e.canonical
            ? fillRich(l10n.t('{0} ({1}), written “{2}”'), { source: e.canonical }, entityTypeNoun(e.type), { source: written })
            : fillRich(l10n.t('{0} ({1})'), { source: e.canonical }, entityTypeNoun(e.type))),
          ` · ${mentions}${tagSuffix(f)}`,
        ]
      : [...fillRich(l10n.t('Name “{0}”'), { source: written }), tagSuffix(f)].filter(Boolean),
    get details() {
      const details: RichText[] = [];
      if (e) {
        details.push(fillRich(e.mentions === 1 ? l10n.t('{0}: mentioned {1} time in this source') : l10n.t('{0}: mentioned {1} times in this source'), { source: e.canonical }, String(e.mentions)));
        if (e.aliases.length) details.push(fillRich(l10n.t('Also written: {0}'), joinRich(e.aliases.map((a) => [{ source: a }]), ', ')));
      }
      return details;
    },
    label: e && e.type !== 'other' ? e.type : 'entity',
    ...(e ? { canonical: e.canonical } : {}),
    notes: [],
  };
}
