import type { EntityType } from '../../model';
import type { TaggedFinding } from '../../taggedFindings';
import { joinRich, type RichText } from '../../text/richText';
import { oneLine } from '../../text/shorten';
import type { FindingDescription } from '../kind';
import { counted, tagSuffix } from '../wording';

/** How each entity type is named: as a heading word and in running text. */
export const ENTITY_TYPE_NAMES: Record<EntityType, { title: string; noun: string }> = {
  person: { title: 'Person', noun: 'person' },
  organisation: { title: 'Organisation', noun: 'organisation' },
  place: { title: 'Place', noun: 'place' },
  product: { title: 'Product', noun: 'product' },
  event: { title: 'Event', noun: 'event' },
  other: { title: 'Name', noun: 'other name' },
};

/** A name: its type, the entity it belongs to and how often the source mentions it. */
export function describeEntity(f: TaggedFinding): FindingDescription {
  const e = f.entity;
  const details: RichText[] = [];
  if (e) {
    details.push([{ source: e.canonical }, `: mentioned ${counted(e.mentions, 'time')} in this source`]);
    if (e.aliases.length) details.push(['Also written: ', ...joinRich(e.aliases.map((a) => [{ source: a }]), ', ')]);
  }
  return {
    title: 'Entity',
    heading: [e ? ENTITY_TYPE_NAMES[e.type].noun : 'name'],
    message: e
      ? [
          { source: e.canonical }, ` (${ENTITY_TYPE_NAMES[e.type].noun})`,
          ...(oneLine(f.text, 80) !== e.canonical ? [', written “', { source: oneLine(f.text, 80) }, '”'] : []),
          ` · ${counted(e.mentions, 'mention')}${tagSuffix(f)}`,
        ]
      : ['Name “', { source: oneLine(f.text, 80) }, `”${tagSuffix(f)}`],
    details,
    label: e && e.type !== 'other' ? e.type : 'entity',
    ...(e ? { canonical: e.canonical } : {}),
    notes: [],
  };
}
