import type { ShownAnalysis } from '../sourceAnalysis';
import type { TaggedFinding } from '../taggedFindings';
import { lineStarts } from '../text/lineIndex';
import { placeLookup } from '../text/placeLookup';
import { isSpaceAt, oneLine } from '../text/shorten';
import { findAnaphors, resolveAnaphors } from './anaphora';
import type { ClaimSentenceMemo, SentenceParts } from './claimSentenceMemo';
import { contentTerms } from './claimTerms';
import { findFigures } from './figures';
import { findRole } from './roles';
import type { ClaimDigest, DateDigest, DateValueDigest, EntityMentionDigest, QuotationDigest, SourceDigest, Span, TagSummary } from './types';

/** Quotes kept in the index are cut here: enough to read, small enough for 2,000 sources. */
const MAX_QUOTE = 320;

/** Index of the last value ≤ `x` in an ascending array, or −1. */
function lastAtOrBefore(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= x) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

const cut = (s: string) => oneLine(s, MAX_QUOTE);

/**
 * Masks spans of `text` (which starts at `base`) with spaces: all spans in one pass, not one copy
 * each. `spans` holds each span's start and end in turn; it is sorted here, in place.
 */
function maskSpans(text: string, base: number, spans: number[]): string {
  // A sentence has a few spans: sorted by start in place, pairs of numbers rather than an object each.
  for (let i = 2; i < spans.length; i += 2) {
    const start = spans[i];
    const end = spans[i + 1];
    let j = i;
    for (; j > 0 && spans[j - 2] > start; j -= 2) {
      spans[j] = spans[j - 2];
      spans[j + 1] = spans[j - 1];
    }
    spans[j] = start;
    spans[j + 1] = end;
  }
  let out = '';
  let at = 0;
  for (let i = 0; i < spans.length; i += 2) {
    const from = Math.max(at, spans[i] - base);
    const end = Math.min(text.length, spans[i + 1] - base);
    if (end <= from) continue;
    out += text.slice(at, from) + ' '.repeat(end - from);
    at = end;
  }
  return at ? out + text.slice(at) : text;
}

const tagOf = (f: TaggedFinding): TagSummary | undefined => (f.annotation ? { id: f.annotation.id, status: f.annotation.status } : undefined);

/** How far around a date its sentence is looked for: a line of dates without sentence ends is not one sentence. */
const SENTENCE_REACH = 600;

const isBreak = (c: number) => c === 10 || c === 13;
const isStop = (c: number) => c === 46 || c === 33 || c === 63; // . ! ?

/** The sentence around [start, end): from the last sentence end or line break before it to the next one after. */
function sentenceAround(text: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  const from = Math.max(0, start - SENTENCE_REACH);
  while (s > from && !isBreak(text.charCodeAt(s - 1)) && !(s >= 2 && isStop(text.charCodeAt(s - 2)) && isSpaceAt(text, s - 1))) s--;
  let e = end;
  const to = Math.min(text.length, start + SENTENCE_REACH);
  while (e < to && !isBreak(text.charCodeAt(e)) && !isStop(text.charCodeAt(e))) e++;
  if (e < text.length && isStop(text.charCodeAt(e))) e++;
  return { start: s, end: Math.min(e, start + SENTENCE_REACH) };
}

/** Words kept before a date whose sentence is too long to quote from its start. */
const QUOTE_LEAD = 120;

/**
 * The sentence quoted for a date outside any claim: from its start, or, where the cut would leave
 * the date out (a line of dates without a sentence end), from a few words before the date.
 */
function quoteAround(text: string, sentence: { start: number; end: number }, date: { start: number; end: number }): string {
  if (date.end - sentence.start <= MAX_QUOTE - 1) return cut(text.slice(sentence.start, sentence.end));
  let from = Math.max(sentence.start, date.start - QUOTE_LEAD);
  while (from < date.start && !isSpaceAt(text, from)) from++;
  return `…${cut(text.slice(from, sentence.end))}`;
}

const FUTURE_CUES = new Set(['plan', 'prediction']);
// "within two years" runs forward from the source's date; "the past two years" does not.
const FORWARD = /\b(within|in|over|during)(?:\s+the)?(?:\s+next)?\s*$|\bnext\s*$/i;
// Nor does "in eight years" right after a perfect or a superlative: "has slowed in eight years",
// "the highest level in a decade", "for the first time in years" look back from the source's date.
const LOOKING_BACK = /\b(?:(?:has|have|had)(?:n't|\s+not)?(?:\s+been)?|first\s+time|(?:high|low|bigg|larg|small|fast|slow|strong|weak)est|best|worst)\s+(?:[\w'-]+\s+){0,2}$/i;

/**
 * How a duration starting at `start` is counted forward from the source's date: "within two years",
 * "over the next decade" cover every day until it runs out (`throughout`); "in two years" is about
 * the day it runs out (`at-end`); "in the past two years" is not counted forward (undefined).
 */
export function forwardCue(text: string, start: number): 'throughout' | 'at-end' | undefined {
  const before = text.slice(Math.max(0, start - 30), start);
  const cue = FORWARD.exec(before);
  if (!cue) return undefined;
  const word = cue[1]?.toLowerCase();
  if (word === 'within' || /\bnext\b/i.test(cue[0])) return 'throughout';
  const cueStart = start - before.length + cue.index;
  if (LOOKING_BACK.test(text.slice(Math.max(0, cueStart - 60), cueStart))) return undefined;
  return word === 'in' ? 'at-end' : 'throughout';
}

const forwardFields = (cue: ReturnType<typeof forwardCue>): Pick<DateValueDigest, 'forward' | 'throughout'> =>
  cue === 'throughout' ? { forward: true, throughout: true } : cue === 'at-end' ? { forward: true } : {};

/** Where a claim's names, their titles and its dates are, relative to its start: what its figures and terms depend on besides its words. */
function sentenceSpans(base: number, ents: readonly EntityMentionDigest[], ds: readonly DateDigest[]): number[] {
  const out: number[] = [];
  for (const e of ents) out.push(e.start - base, e.end - base, e.role ? e.role.start - base : -1, e.role ? e.role.end - base : -1);
  out.push(-2);
  for (const d of ds) out.push(d.start - base, d.end - base);
  return out;
}

/**
 * What a claim's digest reads of its sentence (`sentence`, at `base` in its source): offsets relative
 * to the sentence. `quote` is the sentence cut, as its dates already quote it.
 */
function readSentence(sentence: string, base: number, ents: readonly EntityMentionDigest[], ds: readonly DateDigest[], quote: string): SentenceParts {
  const figures = findFigures(sentence, ents, base)
    .map((fig) => ({ value: fig.value, unit: fig.unit, ...(fig.qualifier ? { qualifier: fig.qualifier } : {}), text: fig.text, start: fig.start, end: fig.end }));
  // Names, dates, titles and figures are compared as such, not as words.
  const spans: number[] = [];
  for (const e of ents) {
    spans.push(e.start, e.end);
    if (e.role) spans.push(Math.max(base, e.role.start), Math.min(base + sentence.length, e.role.end));
  }
  for (const d of ds) spans.push(d.start, d.end);
  for (const f of figures) spans.push(base + f.start, base + f.end);
  const masked = maskSpans(sentence, base, spans);
  return { quote, figures, terms: contentTerms(masked), anaphors: findAnaphors(sentence) };
}

/**
 * What the cross-source index keeps of one analysed source. Pure and plain: the server computes it
 * in a worker thread and sends it over, the CLI computes it in line. Offsets and lines are UTF-16,
 * as in the findings.
 */
export function digestSource(
  text: string, analysed: ShownAnalysis,
  /** The last digest's claim sentences, for a source digested again and again (a long open one). */
  memo?: ClaimSentenceMemo,
): SourceDigest {
  const findings = analysed.tagged.findings;
  const claims = findings.filter((f) => f.kind === 'claim').sort((a, b) => a.start - b.start);
  const claimStarts = claims.map((c) => c.start);
  const claimAt = (start: number, end: number) => {
    // Claims are sentences and rarely overlap: look back from the last one starting at or before `start`.
    let best: TaggedFinding | undefined;
    const last = lastAtOrBefore(claimStarts, start);
    for (let i = last; i >= 0 && i >= last - 3; i--) {
      const c = claims[i];
      if (c.end >= end && (!best || c.end - c.start < best.end - best.start)) best = c;
    }
    return best;
  };
  // A person's organisation is found by place: a key per entity was ~5 % of a 1 MB digest's profile.
  const entityAt = placeLookup(findings);
  const reference = analysed.analysis?.reference.date;

  const entities: EntityMentionDigest[] = [];
  for (const f of findings) {
    if (f.kind !== 'entity' || !f.entity) continue;
    const claim = claimAt(f.start, f.end);
    const tag = tagOf(f);
    const mention: EntityMentionDigest = {
      findingId: f.id, start: f.start, end: f.end, text: f.text, type: f.entity.type, key: f.entity.key,
      canonical: f.entity.canonical, region: f.region, ...(claim ? { claimId: claim.id } : {}), ...(tag ? { tag } : {}),
    };
    if (f.entity.type === 'person') {
      const role = findRole(text, f.start, f.end);
      if (role?.titles.length) {
        const at = role.org && entityAt(role.org.start, role.org.end, 'entity');
        const orgMention = at === undefined ? undefined : findings[at];
        mention.role = {
          titles: role.titles,
          ...(role.org ? { org: orgMention?.entity?.key ?? role.org.text.toLowerCase() } : {}),
          phrase: text.slice(role.start, role.end),
          start: role.start,
          end: role.end,
        };
      }
    }
    entities.push(mention);
  }

  const dates: DateDigest[] = [];
  /** Each date digest's finding, by the digest (a map of every finding by id was ~7 % of a 1 MB digest's profile). */
  const dateFindings = new Map<DateDigest, TaggedFinding>();
  // A claim holding many dates is cut once.
  const claimQuotes = new Map<TaggedFinding, string>();
  const quoteOf = (c: TaggedFinding) => {
    let q = claimQuotes.get(c);
    if (q === undefined) claimQuotes.set(c, (q = cut(c.text)));
    return q;
  };
  for (const f of findings) {
    if (f.kind !== 'date') continue;
    const claim = claimAt(f.start, f.end);
    const sentence = claim ? undefined : sentenceAround(text, f.start, f.end);
    const tag = tagOf(f);
    const date: DateDigest = {
      findingId: f.id, start: f.start, end: f.end, text: f.text, region: f.region,
      value: f.date?.value ?? null, timexType: f.date?.timexType ?? 'DATE', ...(f.date?.mod ? { mod: f.date.mod } : {}),
      anchor: f.date?.anchor ?? 'unresolved', sentence: claim ? quoteOf(claim) : quoteAround(text, sentence!, f),
      ...(claim ? { claimId: claim.id } : {}), ...(tag ? { tag } : {}),
    };
    dates.push(date);
    dateFindings.set(date, f);
  }

  entities.sort((a, b) => a.start - b.start);
  dates.sort((a, b) => a.start - b.start);
  const entityStarts = entities.map((e) => e.start);
  const dateStarts = dates.map((d) => d.start);
  const mentionSpans = entities.map((e) => ({ start: e.start, end: e.end, type: e.type, key: e.key }));
  const claimDigests: ClaimDigest[] = claims.map((c) => {
    const inside = <T extends Span>(list: T[], starts: number[]) => {
      const out: T[] = [];
      for (let i = lastAtOrBefore(starts, c.start - 1) + 1; i < list.length && list[i].start < c.end; i++) if (list[i].end <= c.end) out.push(list[i]);
      return out;
    };
    const ents = inside(entities, entityStarts);
    const ds = inside(dates, dateStarts);
    const read = () => readSentence(c.text, c.start, ents, ds, quoteOf(c));
    const parts = memo ? memo.parts(c.text, sentenceSpans(c.start, ents, ds), read) : read();
    const figures = parts.figures.map((fig) => ({ ...fig, start: c.start + fig.start, end: c.start + fig.end }));
    const dateValues: DateValueDigest[] = ds.filter((d) => d.value !== null).map((d) => {
      const info = dateFindings.get(d)?.date;
      return {
        value: d.value!, timexType: d.timexType, ...(d.mod ? { mod: d.mod } : {}), text: d.text,
        ...(info?.referenceDate ? { referenceDate: info.referenceDate } : {}), start: d.start, end: d.end,
        ...(d.timexType === 'DURATION' ? forwardFields(forwardCue(text, d.start)) : {}),
      };
    });
    const tag = tagOf(c);
    const keys = [...new Set(ents.map((e) => e.key))].sort();
    const refers = resolveAnaphors(text, c.start, c.end, mentionSpans, new Set(keys), parts.anaphors);
    return {
      findingId: c.id, start: c.start, end: c.end, text: parts.quote, region: c.region,
      ...(c.claim?.attribution?.speaker ? { speaker: c.claim.attribution.speaker } : {}),
      hedged: !!c.claim?.hedges.length,
      future: c.cues.some((cue) => FUTURE_CUES.has(cue.kind)),
      terms: [...parts.terms],
      entities: keys,
      ...(refers.length ? { refers } : {}),
      dates: dateValues,
      figures,
      ...(tag ? { tag } : {}),
    };
  });

  const quotations: QuotationDigest[] = [];
  for (const f of findings) {
    const q = f.quotation;
    if (f.kind !== 'quotation' || !q) continue;
    const tag = tagOf(f);
    quotations.push({
      findingId: f.id, start: f.start, end: f.end, form: q.form, words: cut(q.words), terms: contentTerms(q.words), region: f.region,
      ...(q.speaker ? {
        speaker: {
          text: q.speaker.text, start: q.speaker.start, end: q.speaker.end, name: q.speaker.entity?.canonical ?? q.speaker.text,
          ...(q.speaker.entity ? { key: q.speaker.entity.key } : {}),
        },
      } : {}),
      ...(tag ? { tag } : {}),
    });
  }

  memo?.endDigest();
  return {
    version: 2,
    lines: lineStarts(text),
    ...(analysed.analysis?.publicationDate ? { publicationDate: analysed.analysis.publicationDate } : {}),
    ...(reference ? { referenceDate: reference } : {}),
    claims: claimDigests,
    entities,
    dates,
    quotations,
    ...(analysed.skippedReason ? { skipped: analysed.skippedReason } : {}),
  };
}
