// Quotations across sources: every quotation of the same speaker, and the same words quoted from
// different speakers (a conflict: one source has the attribution wrong).
import { speakerConflict, type Conflict, type QuotedBy } from './conflicts';
import { runSteps, STEP_ITEMS, StepCounter, type Steps } from './steps';
import type { QuotationDigest, SourceDigest } from './types';

/** Quotes with fewer content terms are too short to be recognised in another source. */
const MIN_TERMS = 3;
/** Share of their content terms (Jaccard) from which two quotes are the same words. */
const SAME_WORDS = 0.6;
/** Terms quoted more often than this are left out of the search; they say nothing about which quote it is. */
const COMMON_TERM = 200;
/** Conflicts kept per quotation, so a corpus of near-copies stays linear. */
const MAX_CONFLICTS_EACH = 3;

export interface QuotationsOfSpeaker {
  /** The speaker as a workspace entity id. */
  speaker: string;
  /** Every quotation of the speaker in the workspace, in source order then text order. */
  quotes: { sourceId: string; quotation: QuotationDigest }[];
}

export interface QuotationIndex {
  bySpeaker: Map<string, QuotationsOfSpeaker>;
  /** Finding (`sourceId#findingId`) → the speaker's workspace entity id. */
  speakerOf: Map<string, string>;
  conflicts: Conflict[];
}

const similarity = (a: readonly string[], b: ReadonlySet<string>) => {
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / (a.length + b.size - shared);
};

/**
 * Groups the quotations of `sources` (in the order given) by speaker, and finds the same words
 * attributed to different speakers. `groupOf` turns a source-local entity key into the workspace
 * entity id; quotations whose speaker names no entity take part in neither.
 */
export function indexQuotations(sources: readonly [string, SourceDigest][], groupOf: (key: string) => string | undefined): QuotationIndex {
  return runSteps(indexQuotationsInSteps(sources, groupOf));
}

/** indexQuotations in steps of about `size` quotations (see steps.ts). */
export function* indexQuotationsInSteps(
  sources: readonly [string, SourceDigest][], groupOf: (key: string) => string | undefined, size = STEP_ITEMS,
): Steps<QuotationIndex> {
  const step = new StepCounter(size);
  const bySpeaker = new Map<string, QuotationsOfSpeaker>();
  const speakerOf = new Map<string, string>();
  const all: QuotedBy[] = [];
  for (const [sourceId, digest] of sources) {
    for (const quotation of digest.quotations ?? []) {
      if (step.tick()) yield;
      const key = quotation.speaker?.key;
      const speaker = key === undefined ? undefined : (groupOf(key) ?? key);
      if (speaker === undefined) continue;
      speakerOf.set(`${sourceId}#${quotation.findingId}`, speaker);
      let group = bySpeaker.get(speaker);
      if (!group) bySpeaker.set(speaker, (group = { speaker, quotes: [] }));
      group.quotes.push({ sourceId, quotation });
      all.push({ sourceId, quotation, speaker });
    }
  }

  const postings = new Map<string, QuotedBy[]>();
  for (const q of all) {
    if (step.tick(q.quotation.terms.length)) yield;
    if (q.quotation.terms.length < MIN_TERMS) continue;
    for (const t of q.quotation.terms) {
      let list = postings.get(t);
      if (!list) postings.set(t, (list = []));
      list.push(q);
    }
  }
  const found = new Map<string, Conflict>();
  for (const a of all) {
    if (step.tick()) yield;
    if (a.quotation.terms.length < MIN_TERMS) continue;
    const candidates = new Set<QuotedBy>();
    for (const t of a.quotation.terms) {
      const list = postings.get(t)!;
      if (list.length > COMMON_TERM) continue;
      for (const b of list) if (b !== a && b.sourceId !== a.sourceId && b.speaker !== a.speaker) candidates.add(b);
      // A quotation's candidates are up to COMMON_TERM per term: they count as work of the step.
      if (step.tick(list.length)) yield;
    }
    const terms = new Set(a.quotation.terms);
    let kept = 0;
    for (const b of candidates) {
      if (kept >= MAX_CONFLICTS_EACH) break;
      // Comparing costs the other quotation's terms (hundreds in a chain of "X said Y said …").
      if (step.tick(b.quotation.terms.length)) yield;
      if (similarity(b.quotation.terms, terms) < SAME_WORDS) continue;
      const c = speakerConflict(a, b);
      if (c && !found.has(c.id)) {
        found.set(c.id, c);
        kept++;
      }
    }
  }
  return { bySpeaker, speakerOf, conflicts: [...found.values()].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)) };
}
