// Plain data that flows from core to the server, the CLI and the tests.
// Offsets are UTF-16 code units (JavaScript string indices), start inclusive, end exclusive.

/**
 * The kinds of findings, in the order they are listed and sorted everywhere, with the words that
 * name them: `plural` names the kind ("entities"), `one`/`many` count its findings ("4 entity
 * mentions"). Each kind has its folder in kinds/ and one line in the registry (kinds/index.ts),
 * which the compiler holds to this list. Plain data, so the client can read it too.
 */
export const KIND_WORDS = {
  claim: { plural: 'claims', one: 'claim', many: 'claims' },
  entity: { plural: 'entities', one: 'entity mention', many: 'entity mentions' },
  date: { plural: 'dates', one: 'date', many: 'dates' },
  quotation: { plural: 'quotations', one: 'quotation', many: 'quotations' },
} as const;
export type FindingKind = keyof typeof KIND_WORDS;
export const FINDING_KINDS = Object.keys(KIND_WORDS) as readonly FindingKind[];

/**
 * `kind`'s index in FINDING_KINDS (their count for a string that is none of them), found by
 * comparing it with each: a table keyed by each finding's kind cost the main thread ~1 ms a pass
 * over the 18,700 findings of 1 MB, on every keystroke.
 */
export function kindIndex(kind: string): number {
  let k = 0;
  while (k < FINDING_KINDS.length && FINDING_KINDS[k] !== kind) k++;
  return k;
}

/** "1 claim", "4 entity mentions". */
export function countOf(kind: FindingKind, n: number): string {
  return `${n} ${n === 1 ? KIND_WORDS[kind].one : KIND_WORDS[kind].many}`;
}

export type TagStatus = 'verified' | 'speculative' | 'contradicted';
export const TAG_STATUSES: readonly TagStatus[] = ['verified', 'speculative', 'contradicted'];

/** Characters in one tag's note (the sidecar's limit too). */
export const MAX_NOTE_LENGTH = 20_000;

export type EntityType = 'person' | 'organisation' | 'place' | 'product' | 'event' | 'other';

/** Where in a source a finding sits. Boilerplate is never flagged. */
export type Region = 'title' | 'body' | 'comment' | 'comment-meta' | 'boilerplate';

export type CueKind =
  | 'attribution'
  | 'hedge'
  | 'quantity'
  | 'comparison'
  | 'plan'
  | 'prediction'
  | 'event'
  | 'entity'
  | 'date'
  | 'opinion'
  | 'question'
  | 'first-person';

export interface Cue {
  kind: CueKind;
  text: string;
  start: number;
  end: number;
}

/**
 * A cue as a finding holds it: `at` counts from the finding's start (negative for an attribution
 * before its quote), and the cue is `text` from there. An edit before a finding moves the finding,
 * not its cues, so its moved copies share them: with offsets of their own, copying the cues of the
 * ~4,000 claims after an edit of 1 MB was the main thread's largest cost per keystroke after GC.
 */
export interface FindingCue {
  kind: CueKind;
  text: string;
  at: number;
}

/** Where a finding's cue is in the text. */
export function cueSpan(f: { start: number }, cue: FindingCue): { start: number; end: number } {
  const start = f.start + cue.at;
  return { start, end: start + cue.text.length };
}

/** A detector's cue (its offsets as the finding's) as the finding at `start` holds it. */
export function findingCue(cue: Cue, start: number): FindingCue {
  return { kind: cue.kind, text: cue.text, at: cue.start - start };
}

export interface EntityInfo {
  type: EntityType;
  /** Canonical (longest) name of the entity this mention belongs to. */
  canonical: string;
  /** Stable key of the entity within the source (lower-cased canonical name). */
  key: string;
  /** Mentions of this entity in the source, aliases included. */
  mentions: number;
  /** Other surface forms of the same entity in the source. */
  aliases: string[];
}

export type DateMod = 'START' | 'MID' | 'END' | 'APPROX' | 'BEFORE' | 'AFTER' | 'ON_OR_BEFORE';

export interface DateInfo {
  /** TIMEX3-like value (`2018`, `2018-Q4`, `2015-11-09`, `P2Y`, `PRESENT_REF`); null when unresolved. */
  value: string | null;
  timexType: 'DATE' | 'DURATION' | 'TIME' | 'SET';
  mod?: DateMod;
  /** What a relative expression was resolved against. */
  anchor: 'absolute' | 'document' | 'setting' | 'unresolved';
  /** The reference date used, when one was. */
  referenceDate?: string;
}

export interface Attribution {
  /** Who the claim is attributed to, when named. */
  speaker?: string;
  /** The attribution phrase ("according to IDC data", "said"). */
  cue: string;
}

export interface ClaimInfo {
  attribution?: Attribution;
  hedges: string[];
  /** Status a reviewer is most likely to choose first. */
  suggestedStatus?: TagStatus;
}

/** Who said a quotation, as the text names them. */
export interface Speaker {
  /** The words that name them: "Xiaomi's executive Wang Xian", "he", "the people". */
  text: string;
  start: number;
  end: number;
  /** The entity they are, when the text names one; a pronoun is the nearest person or organisation before it. */
  entity?: { canonical: string; key: string; type: EntityType };
  /** How the speaker was found when the quote itself names none. */
  via?: 'pronoun' | 'earlier-quote' | 'previous-quote';
}

export interface QuotationInfo {
  /** `direct`: words in quotation marks; `reported`: "X said that …", "according to X, …". */
  form: 'direct' | 'reported';
  /** What was said: the words inside the marks, or the reported clause. */
  words: string;
  /** How the text attributes it: "said", "according to", "claimed"; absent when it does not. */
  cue?: string;
  /** Absent when the text names no one. */
  speaker?: Speaker;
}

export interface Finding {
  /** Unique within a source and kept across edits elsewhere: kind, a hash of the text, an ordinal (findingIds.ts). */
  id: string;
  kind: FindingKind;
  start: number;
  end: number;
  text: string;
  region: Region;
  /** In a reader comment (or its metadata line): the commenter's handle. */
  commenter?: string;
  /** 0–1: check-worthiness for claims, confidence for entities and dates. */
  score: number;
  cues: FindingCue[];
  entity?: EntityInfo;
  date?: DateInfo;
  claim?: ClaimInfo;
  quotation?: QuotationInfo;
}

/**
 * A finding with every field present, in one order (those it does not have `undefined`): V8 then
 * gives every finding one hidden class. As four kinds, with and without a commenter, findings had
 * eight, and every pass over a source's findings (ids, visibility, tags, the deltas and diagnostics
 * of the server, v8.deserialize on its main thread) read them through megamorphic lookups: a loop
 * and a sort over 1 MB's 27,000 findings took 70-132 ms as made and 53-76 ms of one shape,
 * deserialising them 80-115 and 58-92 ms, for 15 % more bytes. JSON leaves the `undefined` out.
 */
export function finding(f: Finding): Finding {
  return {
    id: f.id, kind: f.kind, start: f.start, end: f.end, text: f.text, region: f.region, score: f.score, cues: f.cues,
    entity: f.entity, date: f.date, claim: f.claim, quotation: f.quotation, commenter: f.commenter,
  };
}

/**
 * `f` with `changes`, copied by finding() when untagged: a spread copy (`{ ...f, id }`) gets a hidden
 * class of its own (entityMention.ts), which the passes over findings met late in a batch and were
 * deoptimised for. A tagged finding (it has `annotation`) is spread: tags are few.
 */
export function findingWith<F extends Finding>(f: F, changes: Partial<Finding>): F {
  if ('annotation' in f) return { ...f, ...changes };
  return finding({ ...f, ...changes }) as F;
}

/** `e` with `changes`, written as resolution writes an entity (its keys in that order): one hidden class for all (findingWith). */
export function entityWith(e: EntityInfo, changes: Partial<EntityInfo>): EntityInfo {
  const x = { ...e, ...changes };
  return { type: x.type, canonical: x.canonical, key: x.key, mentions: x.mentions, aliases: x.aliases };
}

/**
 * The cues of a finding that has none: one list, frozen, shared by the ~20,000 names and dates of
 * 1 MB (a list each cost every keystroke's analysis ~4 ms). Frozen, so that writing to it throws.
 */
export const NO_CUES: FindingCue[] = Object.freeze([]) as unknown as FindingCue[];

export interface AnalysisOptions {
  /** ISO date (YYYY-MM-DD) used when the source states no publication date. */
  referenceDate?: string;
  /** Claims scoring below this are not reported. */
  claimThreshold: number;
  kinds: readonly FindingKind[];
  /**
   * The regions analysed; absent: every region but page boilerplate.
   * A block of another region is analysed only when it holds one of `analyseAround`: reader
   * comments a user does not show cost nothing (a third of a news page's text), yet a tag there
   * keeps its full finding. Which findings are shown is decided after (see visibility.ts).
   */
  analysedRegions?: ReadonlySet<Region>;
  /** Places (tags) whose blocks are analysed whatever their region. */
  analyseAround?: readonly { readonly start: number; readonly end: number }[];
}

export const DEFAULT_ANALYSIS_OPTIONS: AnalysisOptions = {
  claimThreshold: 0.5,
  kinds: FINDING_KINDS,
};

export interface AnalysisResult {
  findings: Finding[];
  /**
   * Claims not flagged because the same sentence was flagged earlier in the source (a headline the
   * page prints twice). A tag placed on one of them still lands on it, with its region and score.
   */
  repeats?: Finding[];
  /** Publication date stated by the source, if any (ISO). */
  publicationDate?: string;
  /** The date relative expressions were resolved against, and where it came from. */
  reference: { date?: string; from: 'document' | 'setting' | 'none' };
  /** Text of the source looks binary or is too large to analyse. */
  skipped?: { reason: string };
  /** Parts of the source not analysed as prose, and why: shown to the user, in text order. */
  notes?: AnalysisNote[];
  /** Where each region of the source is, in text order (blocks; a commenter's handle on comment blocks). */
  regions: RegionSpan[];
}

/**
 * What an analysis says besides its lists of findings and regions: all that is read of it once its
 * findings have their tags (ShownAnalysis). A long open source's analysis crosses from its worker
 * as this and its tagged findings only.
 */
export type AnalysisSummary = Omit<AnalysisResult, 'findings' | 'repeats' | 'regions'>;

export interface RegionSpan {
  start: number;
  end: number;
  region: Region;
  commenter?: string;
}

/** A stretch of a source that was analysed differently from prose, with a message for the user. */
export interface AnalysisNote {
  start: number;
  end: number;
  message: string;
}

/** Text order: by start, then end, then kind (FINDING_KINDS order). */
export function compareFindings(a: Finding, b: Finding): number {
  return a.start - b.start || a.end - b.end || kindIndex(a.kind) - kindIndex(b.kind);
}

/** By kind (FINDING_KINDS order), then start. */
export function compareByKind(a: Finding, b: Finding): number {
  return kindIndex(a.kind) - kindIndex(b.kind) || a.start - b.start;
}
