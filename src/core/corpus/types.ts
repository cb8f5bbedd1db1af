// Plain data of the cross-source index. Everything here survives structured clone (worker
// threads) and JSON, so a digest can be computed anywhere and a result printed by the CLI.
import type { DateMod, EntityType, FindingKind, Region, TagStatus } from '../model';

/**
 * Where something is in its source: UTF-16 offsets. Digest items are spans themselves (no span
 * object each: a fifth of a digest's heap); line and character come from the digest's `lines`.
 */
export interface Span {
  start: number;
  end: number;
}

/** An item's place as a span of its own: what outlives the digest (a conflict's side, a location) holds no digest item. */
export const spanOf = (s: Span): Span => ({ start: s.start, end: s.end });

export interface TagSummary {
  id: string;
  status: TagStatus;
}

/** "Xiaomi's Chairman Lei Jun", "Tim Cook, Apple's chief executive officer". */
export interface RoleMention extends Span {
  /** Normalised title: `ceo`, `chairman`, `president`, `founder`, `executive`, … */
  titles: string[];
  /** Entity key (or lower-cased name) of the organisation, when the text names one. */
  org?: string;
  /** The whole descriptive phrase, name included. */
  phrase: string;
}

export interface EntityMentionDigest extends Span {
  findingId: string;
  text: string;
  type: EntityType;
  /** Key of the entity within its source (lower-cased canonical name). */
  key: string;
  canonical: string;
  region: Region;
  role?: RoleMention;
  /** The claim this mention sits in, if any. */
  claimId?: string;
  tag?: TagSummary;
}

export interface DateValueDigest extends Span {
  value: string;
  timexType: 'DATE' | 'DURATION' | 'TIME' | 'SET';
  mod?: DateMod;
  text: string;
  referenceDate?: string;
  /** A duration counted forward from the reference date ("within two years", "in two years"). */
  forward?: boolean;
  /** A forward duration that covers every day until it runs out ("within two years"), not about that day ("in two years"). */
  throughout?: boolean;
}

export interface FigureDigest extends Span {
  /** The number with its multiplier applied (300 million → 300000000). */
  value: number;
  /** The counted thing, stemmed ("user", "per cent", "store"); "$" for money. */
  unit: string;
  /** "more than", "about", … when the figure is not exact. */
  qualifier?: string;
  text: string;
}

export interface ClaimDigest extends Span {
  findingId: string;
  /** The claim's sentence (cut to a few hundred characters). */
  text: string;
  region: Region;
  speaker?: string;
  hedged: boolean;
  /** Talks about a plan or a prediction (a future fact). */
  future: boolean;
  /** Stemmed content terms, entity mentions excluded. */
  terms: string[];
  /** Entity keys (source-local) mentioned in the claim. */
  entities: string[];
  /** Entity keys (source-local) that "the company", "it", "she" in the claim stand for (anaphora.ts), when not named in it. */
  refers?: string[];
  dates: DateValueDigest[];
  figures: FigureDigest[];
  tag?: TagSummary;
}

export interface DateDigest extends Span {
  findingId: string;
  text: string;
  region: Region;
  value: string | null;
  timexType: 'DATE' | 'DURATION' | 'TIME' | 'SET';
  mod?: DateMod;
  anchor: 'absolute' | 'document' | 'setting' | 'unresolved';
  /** The sentence the date is in (cut to a few hundred characters). */
  sentence: string;
  claimId?: string;
  tag?: TagSummary;
}

export interface QuotationDigest extends Span {
  findingId: string;
  form: 'direct' | 'reported';
  /** The words said (cut to a few hundred characters). */
  words: string;
  /** Stemmed content terms of the words, to find the same quote in other sources. */
  terms: string[];
  /** Who said it: how the text names them, and the entity key (source-local) when it names one. */
  speaker?: { text: string; start: number; end: number; key?: string; name: string };
  region: Region;
  tag?: TagSummary;
}

/** What the index keeps of one analysed source: small, plain, enough for every cross-source answer. */
export interface SourceDigest {
  version: 2;
  /** Where each line starts (UTF-16 offsets; lines end at CRLF, LF or a lone CR): an item's line and character. */
  lines: number[];
  publicationDate?: string;
  referenceDate?: string;
  claims: ClaimDigest[];
  entities: EntityMentionDigest[];
  dates: DateDigest[];
  quotations: QuotationDigest[];
  /** Why the source was not analysed (binary, too large); it then has no findings. */
  skipped?: string;
}

/** A digest's lists of items (each item a span of its source); the rest of a digest is not items. */
export const DIGEST_ITEM_LISTS = ['claims', 'entities', 'dates', 'quotations'] as const satisfies readonly (keyof SourceDigest)[];

/** A location in a source of the index. */
export interface CorpusLocation {
  sourceId: string;
  findingId: string;
  kind: FindingKind;
  span: Span;
  text: string;
}
