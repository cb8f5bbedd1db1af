// Quotations: who said what. Direct quotes ("…", “…”, ‘…’ where it cannot be an apostrophe) and
// reported speech ("X said that …", "according to X, …"), each with its speaker resolved to an
// entity when the text names one (a pronoun to the nearest person or organisation before it), the
// words said and the attribution.
import type { Root } from 'nlcst';
import type { VFile } from 'vfile';
import { lastMade, rememberMade } from '../../madeFindings';
import { finding, type Finding, type Speaker } from '../../model';
import { sentencesOfFile } from '../../pipeline/plugins';
import type { AnalysedParagraph, FindingKindDefinition, ParagraphEdit } from '../kind';
import { endBefore, keptBefore, moved, paragraphList, pushMade, type ParagraphList } from '../keptByParagraph';
import { firstStartingAt } from '../../text/sortedSearch';
import { describeQuotation } from './describe';
import { detectQuotations, type QuoteCandidate } from './quotationDetector';
import { comparableWords, PRONOUN_REACH, resolveSpeaker, sameAsSpeaker } from './speakers';

declare module 'vfile' {
  interface DataMap {
    quotations: QuoteCandidate[];
  }
}

/** Finds the paragraph's quotations and the words that name their speakers. */
function sourcemarkQuotations() {
  return (_tree: Root, file: VFile) => {
    // Comment metadata lines ("Posts: 12; Member since …") quote no one.
    file.data.quotations = file.data.sourcemark?.region === 'comment-meta' ? [] : detectQuotations(String(file.value), sentencesOfFile(file));
  };
}

/** Fewer words than this and a quote is not recognised as one quoted before. */
const MIN_REPEATED_WORDS = 4;
/** How many quotations back an unattributed quote looks for the same words. */
const REPEATED_REACH = 200;

/** How sure the finding is: quotation marks and a named speaker are the surest. */
function scoreOf(form: 'direct' | 'reported', speaker: Speaker | undefined): number {
  if (form === 'direct') return speaker?.entity ? 0.9 : speaker ? 0.75 : 0.6;
  return speaker?.entity ? 0.8 : 0.6;
}

/** Per finding, its words as quotedBefore compares them, where it has a speaker. */
type Comparable = (string | undefined)[];

/**
 * Pushes the quotation findings of paragraph `p` after those of the paragraphs before it (`list`,
 * `comparable`) and fills in its end. Returns whether one of its quotes looked for its speaker among
 * earlier quotes (quotedBefore), which an edit before it may change.
 */
function paragraphQuotations(p: AnalysedParagraph, i: number, entities: readonly Finding[], list: ParagraphList, comparable: Comparable): boolean {
  const findings = list.items;
  let previous: Speaker | undefined;
  let consulted = false;
  for (const q of p.data.quotations ?? []) {
    const shift = (o: number) => o + p.start;
    const phrase = q.speaker && { ...q.speaker, start: shift(q.speaker.start), end: shift(q.speaker.end) };
    let speaker = phrase && resolveSpeaker(phrase, entities);
    // "according to" a source that names no one ("according to users' feedback") is not reported speech.
    if (phrase?.pick === 'first' && !speaker) continue;
    if (!speaker && q.form === 'direct') {
      consulted = true;
      speaker = quotedBefore(findings, comparable, q.words) ?? (previous && { ...previous, via: 'previous-quote' });
    }
    if (q.form === 'direct' && speaker && !speaker.via) previous = speaker;
    comparable.push(speaker ? comparableWords(q.words) : undefined);
    const start = shift(q.start);
    const score = scoreOf(q.form, speaker);
    const last = lastMade(q);
    // The quote, its place and its speaker as the last analysis had them: its finding is that one.
    if (last && last.start === start && last.region === p.region && last.score === score && sameSpeaker(last.quotation!.speaker, speaker)) {
      pushMade(list, last, q);
      continue;
    }
    const f = finding({
      id: '', kind: 'quotation', start, end: shift(q.end), text: q.text, region: p.region, score,
      cues: q.cue ? [{ kind: 'attribution', text: q.cue.text, at: q.cue.start - q.start }] : [],
      quotation: { form: q.form, words: q.words, ...(q.cue ? { cue: q.cue.text } : {}), ...(speaker ? { speaker } : {}) },
    });
    rememberMade(q, f);
    pushMade(list, f, q);
  }
  list.ends[i] = findings.length;
  return consulted;
}

/**
 * What the quotation kind keeps of its last collect (CollectContext.memo): its findings and their
 * compared words, per paragraph how many it and those before it gave and whether one of its quotes
 * looked among earlier quotes for its speaker.
 */
interface QuotationMemo {
  analysis: number;
  /** The names its speakers were looked for among (the entity findings). */
  entities: readonly Finding[];
  findings: ParagraphList;
  comparable: Comparable;
  consulted: Uint8Array;
}

/**
 * How far back from its speaker's words a quote's speaker is looked for among the names (a pronoun's
 * reach and the names before it that start within 200 more: speakers.ts).
 */
const SPEAKER_REACH = PRONOUN_REACH + 200;

/**
 * The quotations after `edit`, when the names outside its paragraphs are the last analysis's (the
 * entity kind took the edit): those before it are as they were; its own are found again, and so are
 * those after it whose speaker may read a name near it or an earlier quote; the others are moved.
 */
function collectEdit(paragraphs: readonly AnalysedParagraph[], entities: readonly Finding[], edit: ParagraphEdit, last: QuotationMemo, analysis: number): QuotationMemo | undefined {
  if (last.analysis !== edit.since) return undefined;
  const was = last.findings.ends.length;
  const to = paragraphs.length - edit.suffix;
  const findings = keptBefore(last.findings, edit, paragraphs.length);
  const comparable = last.comparable.slice(0, findings.items.length);
  const consulted = new Uint8Array(paragraphs.length);
  consulted.set(last.consulted.subarray(0, edit.prefix));
  for (let i = edit.prefix; i < to; i++) consulted[i] = paragraphQuotations(paragraphs[i]!, i, entities, findings, comparable) ? 1 : 0;
  // Past the reach of a name of the edit's, a paragraph whose quotes read nothing before it gives what it gave, moved.
  const far = to < paragraphs.length ? paragraphs[to]!.start + SPEAKER_REACH : 0;
  for (let i = to, j = was - edit.suffix; i < paragraphs.length; i++, j++) {
    const p = paragraphs[i]!;
    if (p.start < far || last.consulted[j]) {
      consulted[i] = paragraphQuotations(p, i, entities, findings, comparable) ? 1 : 0;
      continue;
    }
    for (let k = endBefore(last.findings.ends, j); k < last.findings.ends[j]!; k++) {
      pushMade(findings, moved(last.findings.items[k]!, last.findings.from[k]!, edit.shift), last.findings.from[k]!);
      comparable.push(last.comparable[k]);
    }
    findings.ends[i] = findings.items.length;
  }
  return { analysis, entities, findings, comparable, consulted };
}

/**
 * Whether the names outside `edit`'s paragraphs read as speakers as the last collect's did, when
 * the entity kind resolved them afresh (the edit changed a name): an edit that adds or drops a
 * mention of an entity changes that entity's count in every finding of it, not the speakers, and a
 * type or confidence that moved may change no entity at all.
 */
function speakersSameOutside(paragraphs: readonly AnalysedParagraph[], entities: readonly Finding[], edit: ParagraphEdit, last: QuotationMemo): boolean {
  const was = last.entities;
  const to = paragraphs.length - edit.suffix;
  const editStart = edit.prefix < paragraphs.length ? paragraphs[edit.prefix]!.start : Infinity;
  const before = firstStartingAt(entities, editStart);
  if (before !== firstStartingAt(was, editStart)) return false;
  for (let i = 0; i < before; i++) if (entities[i] !== was[i] && !sameAsSpeaker(entities[i]!, was[i]!, 0)) return false;
  const afterStart = to < paragraphs.length ? paragraphs[to]!.start : Infinity;
  const after = entities.length - firstStartingAt(entities, afterStart);
  if (after !== was.length - firstStartingAt(was, afterStart - edit.shift)) return false;
  for (let i = 1; i <= after; i++) {
    const a = entities[entities.length - i]!;
    const b = was[was.length - i]!;
    if (a !== b && !sameAsSpeaker(a, b, edit.shift)) return false;
  }
  return true;
}

export const quotationKind: FindingKindDefinition<'quotation'> = {
  kind: 'quotation',
  statement: true,
  needs: ['entity'],
  labels: ['quotation'],
  plugin: sourcemarkQuotations,
  collect({ paragraphs, found, memo, edit, tookEdit, analysis = 0 }) {
    const entities = found.get('entity') ?? [];
    const kept = memo?.value as QuotationMemo | undefined;
    const taken = edit && kept && kept.analysis === edit.since && (tookEdit?.has('entity') || speakersSameOutside(paragraphs, entities, edit, kept))
      ? collectEdit(paragraphs, entities, edit, kept, analysis)
      : undefined;
    if (taken) {
      memo!.value = taken;
      return { findings: taken.findings.items, fromEdit: true };
    }
    const findings = paragraphList(paragraphs.length);
    const comparable: Comparable = [];
    const consulted = new Uint8Array(paragraphs.length);
    for (let i = 0; i < paragraphs.length; i++) consulted[i] = paragraphQuotations(paragraphs[i]!, i, entities, findings, comparable) ? 1 : 0;
    if (memo) memo.value = { analysis, entities, findings, comparable, consulted } satisfies QuotationMemo;
    return { findings: findings.items };
  },
  describe: describeQuotation,
};

/**
 * Whether two speakers (or their entities) say the same, key for key in the same order: each
 * analysis makes its speakers anew. Every key, so a field added to Speaker is compared too.
 */
function sameSpeaker(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  let i = 0;
  for (const k in y) if (keys[i++] !== k || !sameSpeaker(x[k], y[k])) return false;
  return i === keys.length;
}

/** The speaker of an earlier quotation of this source whose words hold these ("quoting the article above"). */
function quotedBefore(earlier: readonly Finding[], comparable: readonly (string | undefined)[], words: string): Speaker | undefined {
  const these = comparableWords(words);
  if (these.split(' ').length < MIN_REPEATED_WORDS) return undefined;
  // Read back from the last, no slice: this runs for each unattributed quote on every keystroke.
  for (let i = earlier.length - 1; i >= 0 && i >= earlier.length - REPEATED_REACH; i--) {
    if (comparable[i]?.includes(these)) return { ...earlier[i]!.quotation!.speaker!, via: 'earlier-quote' };
  }
  return undefined;
}
