// Who a quotation's speaker is, decided over the whole source once its entities are known: the
// entity the speaker's words name, or for a pronoun the nearest person or organisation before it.
import type { EntityType, Finding, Speaker } from '../../model';
import type { SpeakerPhrase } from './quotationDetector';
import { firstStartingAt } from '../../text/sortedSearch';

/** How far back a pronoun looks for the person or organisation it stands for (UTF-16 units). */
export const PRONOUN_REACH = 600;
/** "Lei Jun, who said …": a relative pronoun's antecedent is right before it. */
const RELATIVE_REACH = 120;

const SPEAKER_TYPES: ReadonlySet<EntityType> = new Set(['person', 'organisation', 'other', 'place']);

function speakerEntity(e: Finding): NonNullable<Speaker['entity']> {
  return { canonical: e.entity!.canonical, key: e.entity!.key, type: e.entity!.type };
}

/**
 * Whether name `a` reads, as a speaker (resolveSpeaker), as name `b` moved by `shift`: its place,
 * words and entity as a speaker holds it (not the entity's mention count or aliases, which change
 * with any mention of it anywhere in the source).
 */
export function sameAsSpeaker(a: Finding, b: Finding, shift: number): boolean {
  if (a.start !== b.start + shift || a.end !== b.end + shift || a.text !== b.text) return false;
  const x = a.entity;
  const y = b.entity;
  return x === y || (x !== undefined && y !== undefined && x.type === y.type && x.canonical === y.canonical && x.key === y.key);
}

/**
 * The speaker a phrase names. `entities` are the source's entity findings sorted by start. Undefined
 * when the phrase must name an entity and does not ("according to users' feedback").
 */
export function resolveSpeaker(phrase: SpeakerPhrase, entities: readonly Finding[]): Speaker | undefined {
  const named = { text: phrase.text, start: phrase.start, end: phrase.end };
  if (phrase.pronoun) {
    const types = phrase.pronoun === 'either' ? ['person', 'organisation'] : [phrase.pronoun];
    const reach = /^(?:who|which)$/i.test(phrase.text) ? RELATIVE_REACH : PRONOUN_REACH;
    // Back from the pronoun, no further than its reach: names start before they end.
    for (let i = firstStartingAt(entities, phrase.start) - 1; i >= 0 && phrase.start - entities[i].start <= reach + 200; i--) {
      const e = entities[i];
      if (e.end <= phrase.start && phrase.start - e.end <= reach && e.entity && types.includes(e.entity.type)) return { ...named, entity: speakerEntity(e), via: 'pronoun' };
    }
    return named;
  }
  const inside: Finding[] = [];
  for (let i = firstStartingAt(entities, phrase.start); i < entities.length && entities[i].start < phrase.end; i++) {
    const e = entities[i];
    if (e.entity && e.end <= phrase.end && SPEAKER_TYPES.has(e.entity.type)) inside.push(e);
  }
  switch (phrase.pick) {
    case 'first': {
      // "according to Lei Jun's speech at …", "according to IDC data": the first person or organisation.
      const e = inside.find((x) => x.entity!.type === 'person' || x.entity!.type === 'organisation') ?? inside[0];
      return e ? { text: e.text, start: e.start, end: e.end, entity: speakerEntity(e) } : undefined;
    }
    case 'head': {
      // "Xiaomi's executive Wang Xian": the name the phrase ends with; "Apple lawyers" are not Apple.
      const e = inside.findLast((x) => x.end === phrase.end);
      return e ? { ...named, entity: speakerEntity(e) } : named;
    }
    case 'exact': {
      // A name that starts at the phrase (names never nest, so the one before it is the only other candidate).
      const at = firstStartingAt(entities, phrase.start + 1) - 1;
      const e = at >= 0 && entities[at].entity && entities[at].end > phrase.start ? entities[at] : undefined;
      return e ? { ...named, entity: speakerEntity(e) } : named;
    }
  }
}

/** Words compared as a reader would: lower case, letters and digits only. */
export function comparableWords(words: string): string {
  // An unattributed quote compares itself with up to 200 quotations before it: each is worked out once.
  let known = COMPARABLE.get(words);
  if (known === undefined) {
    if (COMPARABLE.size >= COMPARABLE_LIMIT) COMPARABLE.clear();
    COMPARABLE.set(words, (known = words.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()));
  }
  return known;
}

const COMPARABLE_LIMIT = 20_000;
const COMPARABLE = new Map<string, string>();
