// Quotations: who said what. Direct quotes ("…", “…”, ‘…’ where it cannot be an apostrophe) and
// reported speech ("X said that …", "according to X, …"), each with its speaker resolved to an
// entity when the text names one (a pronoun to the nearest person or organisation before it), the
// words said and the attribution.
import type { Root } from 'nlcst';
import type { VFile } from 'vfile';
import { lastMade, rememberMade } from '../../madeFindings';
import { finding, type Finding, type Speaker } from '../../model';
import { sentencesOfFile } from '../../pipeline/plugins';
import type { FindingKindDefinition } from '../kind';
import { describeQuotation } from './describe';
import { detectQuotations, type QuoteCandidate } from './quotationDetector';
import { comparableWords, resolveSpeaker } from './speakers';

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

export const quotationKind: FindingKindDefinition<'quotation'> = {
  kind: 'quotation',
  statement: true,
  needs: ['entity'],
  labels: ['quotation'],
  plugin: sourcemarkQuotations,
  collect({ paragraphs, found }) {
    const entities = found.get('entity') ?? [];
    const findings: Finding[] = [];
    // Per finding, its words as quotedBefore compares them, where it has a speaker.
    const comparable: (string | undefined)[] = [];
    for (const p of paragraphs) {
      let previous: Speaker | undefined;
      for (const q of p.data.quotations ?? []) {
        const shift = (o: number) => o + p.start;
        const phrase = q.speaker && { ...q.speaker, start: shift(q.speaker.start), end: shift(q.speaker.end) };
        let speaker = phrase && resolveSpeaker(phrase, entities);
        // "according to" a source that names no one ("according to users' feedback") is not reported speech.
        if (phrase?.pick === 'first' && !speaker) continue;
        if (!speaker && q.form === 'direct') speaker = quotedBefore(findings, comparable, q.words) ?? (previous && { ...previous, via: 'previous-quote' });
        if (q.form === 'direct' && speaker && !speaker.via) previous = speaker;
        comparable.push(speaker ? comparableWords(q.words) : undefined);
        const start = shift(q.start);
        const score = scoreOf(q.form, speaker);
        const last = lastMade(q);
        // The quote, its place and its speaker as the last analysis had them: its finding is that one.
        if (last && last.start === start && last.region === p.region && last.score === score && sameSpeaker(last.quotation!.speaker, speaker)) {
          findings.push(last);
          continue;
        }
        const f = finding({
          id: '', kind: 'quotation', start, end: shift(q.end), text: q.text, region: p.region, score,
          cues: q.cue ? [{ kind: 'attribution', text: q.cue.text, start: shift(q.cue.start), end: shift(q.cue.end) }] : [],
          quotation: { form: q.form, words: q.words, ...(q.cue ? { cue: q.cue.text } : {}), ...(speaker ? { speaker } : {}) },
        });
        rememberMade(q, f);
        findings.push(f);
      }
    }
    return { findings };
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
