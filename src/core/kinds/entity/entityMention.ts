import type { EntityType } from '../../model';

/** One mention of a name in a sentence, typed from its own shape and context. */
export interface EntityMention {
  start: number;
  end: number;
  text: string;
  type: EntityType;
  /** How sure the type is: 1 for a gazetteer hit, lower for context rules. */
  confidence: number;
  /** Canonical name from the gazetteer, when known. */
  canonical?: string;
  /** The first word starts the sentence, so its capital proves nothing. */
  sentenceInitial: boolean;
  /** Why the type was chosen, for hover. */
  reason: string;
  /** Follows a preposition of place ("at Twickenham"): the place itself, even where a team shares its name. */
  venue?: boolean;
  /** The type came from a generated lexicon, which a person's name part may override. */
  generatedName?: boolean;
  /** Found or typed by the learned tagger, whose type holds for this mention even where its entity's other mentions differ. */
  learned?: boolean;
  /** Found by the rules only: kept only where the source names the same entity elsewhere with a surer mention. */
  fallback?: boolean;
  /** One word the news writes in lower case ("Hardware"): at a sentence's start its capital proves nothing. */
  commonWord?: boolean;
}

/**
 * A mention with every field present, in one order (with `changes`, `m` with those changed): V8 then
 * gives all mentions one hidden class, and the passes that read them stay monomorphic (made as
 * literals of ten different shapes, the entity passes were megamorphic and were compiled again and
 * again). Every copy is made here: a spread `{ ...m, type }` gets a class of its own (V8 clones the
 * object's layout into a new map, and a copy of that copy another), and each met first by an
 * optimised pass late in a batch, after hundreds of sources, deoptimised it and had it compiled
 * again. A field a mention does not have is `undefined`.
 */
export function mention(m: EntityMention, changes?: Partial<EntityMention>): EntityMention {
  const out: EntityMention = {
    start: m.start, end: m.end, text: m.text, sentenceInitial: m.sentenceInitial, type: m.type, confidence: m.confidence,
    canonical: m.canonical, reason: m.reason, venue: m.venue, generatedName: m.generatedName, learned: m.learned,
    fallback: m.fallback, commonWord: m.commonWord,
  };
  // The changes written over the copy's own fields (each is one of them, so its class stays): not `{ ...m, ...changes }`
  // first, an object of a class of its own per call site, read field by field after.
  return changes ? Object.assign(out, changes) : out;
}

/**
 * Two mentions made at load, one with every optional field unset and a whole confidence, one with
 * each set and a fraction, then each changed: every field of the mentions' hidden class is then in
 * its most general form before any pass is compiled. Otherwise the class was generalised after
 * hundreds of sources (a rare field set, or a copy changed), and every compiled pass that reads
 * mentions was deoptimised at once (27–28 functions, `scripts/bench/recompiles.ts`).
 */
function sample(set: boolean): EntityMention {
  const flag = set || undefined;
  return { start: set ? 1 : 0, end: 2, text: set ? 'B' : 'A', sentenceInitial: set, type: set ? 'person' : 'other', confidence: set ? 0.5 : 1, canonical: set ? 'B' : undefined, reason: set ? 'x' : '', venue: flag, generatedName: flag, learned: flag, fallback: flag, commonWord: flag };
}
mention(sample(false), sample(true));
mention(sample(true), sample(false));
