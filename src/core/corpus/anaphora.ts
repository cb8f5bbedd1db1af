// What "the company", "the market", "it" or "she" in a claim stand for: the last entity of a
// compatible type named before them in the same source. News copy names a company once and then
// says "the carrier" or "its shares"; a claim that only says so names no entity, and another
// source's claim that names it would share nothing with it but words.
import type { EntityType } from '../model';
import { allMatches } from '../text/allMatches';

/** Nouns that, after "the", stand for an organisation or a place named earlier. */
const ORG_NOUNS = [
  'company', 'firm', 'group', 'carrier', 'airline', 'chipmaker', 'carmaker', 'automaker', 'manufacturer', 'maker', 'buyer',
  'bank', 'retailer', 'insurer', 'lender', 'operator', 'giant', 'conglomerate', 'startup', 'brand', 'vendor', 'supplier',
  'agency', 'regulator', 'ministry', 'union', 'club', 'team', 'party',
];
const PLACE_NOUNS = ['market', 'country', 'nation', 'city', 'region', 'state'];
const NOMINAL = new RegExp(
  String.raw`\b(?:the|this|that)\s+(?:(?:same|chinese|american|european|japanese|korean|german|british|french|indian|norwegian|electric|dairy|food|tech|technology)\s+)?(${ORG_NOUNS.join('|')}|${PLACE_NOUNS.join('|')})(?:['’]s)?\b`,
  'gi',
);
// "it" as a pronoun, not in "it is believed", "it's likely" (no antecedent there).
const PRONOUN = /\b(?:(its)|(it)(?!['’]s\b|\s+(?:is|was|seems|appears|remains|has\s+been)\b)|(she|her|he|his))\b/gi;
const PLACE_NOUN_SET = new Set(PLACE_NOUNS);
/**
 * Last words of company names: such a name is a company whatever type the tagger gave it (unknown
 * names such as "Kestrel Semiconductor" are often typed as people), so "it" can stand for it.
 */
const COMPANY_HEADS = new Set([
  'airways', 'airlines', 'air', 'aviation', 'motors', 'automotive', 'foods', 'food', 'dairy', 'communications', 'telecom',
  'semiconductor', 'semiconductors', 'micro', 'electronics', 'technologies', 'technology', 'systems', 'software', 'networks',
  'energy', 'oil', 'gas', 'power', 'pharma', 'pharmaceuticals', 'bank', 'capital', 'insurance', 'group', 'holdings',
  'inc', 'inc.', 'corp', 'corp.', 'corporation', 'co', 'co.', 'ltd', 'ltd.', 'plc', 'llc', 'ag', 'sa', 'gmbh', 'industries', 'labs', 'media',
]);
export const isCompanyName = (key: string): boolean => {
  const words = key.split(/\s+/);
  return words.length > 1 && COMPANY_HEADS.has(words[words.length - 1]);
};
/** Farther back than this, "the company" is as likely to be another one. */
const MAX_DISTANCE = 1500;

export interface MentionSpan {
  start: number;
  end: number;
  type: EntityType;
  key: string;
}

export interface Anaphor {
  start: number;
  end: number;
  types: readonly EntityType[];
}

const ORG: readonly EntityType[] = ['organisation'];
const PLACE: readonly EntityType[] = ['place'];
const PERSON: readonly EntityType[] = ['person'];

/** The anaphors of `text`, offsets relative to it. */
export function findAnaphors(text: string): Anaphor[] {
  const out: Anaphor[] = [];
  for (const m of allMatches(NOMINAL, text)) {
    out.push({ start: m.index!, end: m.index! + m[0].length, types: PLACE_NOUN_SET.has(m[1].toLowerCase()) ? PLACE : ORG });
  }
  for (const m of allMatches(PRONOUN, text)) out.push({ start: m.index!, end: m.index! + m[0].length, types: m[3] ? PERSON : ORG });
  return out.sort((a, b) => a.start - b.start);
}

/** Index of the first mention starting at or after `x` (mentions sorted by start). */
function firstFrom(mentions: readonly MentionSpan[], x: number): number {
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid].start < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Start of the sentence around `at`: after the last ". ", "! ", "? " or line break before it (bounded). */
function sentenceStart(text: string, at: number): number {
  const from = Math.max(0, at - 400);
  for (let i = at - 1; i > from; i--) {
    const c = text[i];
    if (c === '\n' || c === '\r') return i + 1;
    if ((c === ' ' || c === '\t') && /[.!?]/.test(text[i - 1]!)) return i;
  }
  return from;
}

/**
 * Entity keys the anaphors of a claim (`start`–`end` of `text`, its source) stand for: for each, the
 * closest sentence before it (or its own, before it) naming an entity of a compatible type, at most
 * MAX_DISTANCE characters back, and in that sentence the first such entity: news sentences put
 * their subject first ("Skyline Airways has ordered jets from Valmont Aviation. The airline …").
 * `mentions` are the source's entity mentions, sorted by start. Keys the claim names itself are left out.
 * `anaphors`: the claim's, when the caller has them (findAnaphors of the claim's text).
 */
export function resolveAnaphors(
  text: string, start: number, end: number, mentions: readonly MentionSpan[], own: ReadonlySet<string>,
  anaphors: readonly Anaphor[] = findAnaphors(text.slice(start, end)),
): string[] {
  const found = new Set<string>();
  const fits = (a: Anaphor, m: MentionSpan) => a.types.includes(m.type) || (a.types === ORG && isCompanyName(m.key));
  for (const a of anaphors) {
    const at = start + a.start;
    const next = firstFrom(mentions, at);
    // "the Valencia region" names its entity: no anaphor.
    if (next < mentions.length && mentions[next].start < start + a.end) continue;
    let chosen = -1;
    for (let i = next - 1; i >= 0; i--) {
      const m = mentions[i];
      if (at - m.end > MAX_DISTANCE) break;
      if (m.end > at || !fits(a, m)) continue;
      chosen = i;
      break;
    }
    if (chosen < 0) continue;
    const from = sentenceStart(text, mentions[chosen].start);
    for (let i = chosen - 1; i >= 0 && mentions[i].start >= from; i--) if (fits(a, mentions[i])) chosen = i;
    const key = mentions[chosen].key;
    if (!own.has(key)) found.add(key);
  }
  return [...found].sort();
}
