import type { EntityInfo, EntityType } from '../model';
import type { EntityMention } from './entityDetector';

export interface ResolvedMention {
  mention: EntityMention;
  info: EntityInfo;
}

interface Group {
  canonical: string;
  mentions: EntityMention[];
  fromGazetteer: boolean;
}

const words = (s: string) => s.split(/\s+/);

/**
 * Links the mentions of one source into entities: the same name, a gazetteer alias ("US" and
 * "United States"), or part of a person's full name ("Jun" for "Lei Jun"). Each mention then
 * carries its entity's type, canonical name and mention count.
 */
export function resolveEntities(all: EntityMention[]): ResolvedMention[] {
  const confirmed = new Set(all.filter((m) => !m.sentenceInitial).map((m) => m.text));
  // "Lei made the remarks": a sentence-initial word that is part of a full name is that person.
  for (const m of all) if (m.type === 'person' && m.text.includes(' ')) for (const part of words(m.text)) confirmed.add(part);
  // A capital at the start of a sentence proves nothing unless the name recurs elsewhere.
  const mentions = all.filter(
    (m) => !(m.sentenceInitial && m.type === 'other' && !m.canonical && !m.text.includes(' ') && !confirmed.has(m.text)),
  );

  const groups = new Map<string, Group>();
  const groupOf = new Map<EntityMention, Group>();
  const add = (key: string, canonical: string, m: EntityMention, fromGazetteer: boolean) => {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { canonical, mentions: [], fromGazetteer }));
    g.mentions.push(m);
    groupOf.set(m, g);
  };

  // Longer names first, so shorter ones can attach to them as aliases.
  const wordCount = new Map(mentions.map((m) => [m, words(m.text).length]));
  const ordered = [...mentions].sort((a, b) => wordCount.get(b)! - wordCount.get(a)! || a.start - b.start);
  const persons: Group[] = [];
  for (const m of ordered) {
    // "Xian" after "Wang Xian" is the person, though a city has the same name.
    const asPerson = m.generatedName && !m.text.includes(' ') ? persons.find((g) => isNamePart(m.text, g.canonical)) : undefined;
    if (asPerson) {
      asPerson.mentions.push({ ...m, type: 'person' });
      groupOf.set(m, asPerson);
      continue;
    }
    if (m.canonical) {
      add(`=${m.canonical.toLowerCase()}`, m.canonical, m, true);
      continue;
    }
    const exact = groups.get(m.text.toLowerCase());
    if (exact) {
      exact.mentions.push(m);
      groupOf.set(m, exact);
      continue;
    }
    const isPart = (g: Group) => words(m.text).length < words(g.canonical).length && isNamePart(m.text, g.canonical);
    const person = (m.type === 'person' || m.type === 'other') && persons.find(isPart);
    if (person) {
      person.mentions.push(m);
      groupOf.set(m, person);
      continue;
    }
    add(m.text.toLowerCase(), m.text, m, false);
    if (m.type === 'person' && words(m.text).length > 1) persons.push(groups.get(m.text.toLowerCase())!);
  }

  const info = new Map<Group, EntityInfo>();
  for (const [key, g] of groups) {
    const type = groupType(g);
    const aliases = [...new Set(g.mentions.map((m) => m.text))].filter((t) => t !== g.canonical).sort();
    info.set(g, { type, canonical: g.canonical, key: key.replace(/^=/, ''), mentions: g.mentions.length, aliases });
  }
  return mentions
    .map((m) => ({ mention: m, info: info.get(groupOf.get(m)!)! }))
    .sort((a, b) => a.mention.start - b.mention.start);
}

/** "Jun" or "Lei" is part of "Lei Jun"; "Xian" of "Wang Xian". */
function isNamePart(short: string, full: string): boolean {
  const parts = words(full);
  const s = words(short);
  const first = parts.slice(0, s.length).join(' ');
  const last = parts.slice(-s.length).join(' ');
  return short === first || short === last;
}

function groupType(g: Group): EntityType {
  if (g.fromGazetteer) return g.mentions[0].type;
  const weight = new Map<EntityType, number>();
  for (const m of g.mentions) weight.set(m.type, (weight.get(m.type) ?? 0) + (m.type === 'other' ? 0.1 : m.confidence));
  return [...weight.entries()].sort((a, b) => b[1] - a[1])[0][0];
}
