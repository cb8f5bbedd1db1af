import type { Data } from 'vfile';
import { DETECTION_ORDER } from './kinds';
import type { AnalysedParagraph, ParagraphEdit } from './kinds/kind';
import { DateDetector } from './kinds/date/dateDetector';
import { MAX_CLAIM_LENGTH } from './kinds/claim/claimDetector';
import type { AnalysisNote, AnalysisOptions, AnalysisResult, Finding, FindingKind, Region, RegionSpan } from './model';
import { compareFindings, DEFAULT_ANALYSIS_OPTIONS, findingWith } from './model';
import { assignFindingIds, FindingIdBases } from './findingIds';
import { madeEarlier } from './madeFindings';
import { createParagraphProcessor } from './pipeline/processor';
import { segment, type Block, type Segmentation } from './text/blocks';
import { resegment } from './text/blockEdits';
import { commonEnds } from './text/commonEnds';
import { ownCopy } from './text/ownCopy';
import { paragraphPieces } from './text/pieces';
import { firstAtLeast } from './text/sortedSearch';
import { findPublicationDate } from './text/publicationDate';
import { formatCount } from './text/count';

/**
 * Paragraphs kept between analyses; an edit re-analyses only the paragraphs it touched. Sized for
 * a source at the default 8 MB limit (about 70,000 paragraphs), about 40 MB of results per MB of text.
 */
const DEFAULT_CACHE_LIMIT = 120_000;

export interface AnalyzerStats {
  paragraphs: number;
  cacheHits: number;
}

/**
 * Turns a source's text into findings. Paragraph results are cached by their text and context,
 * so re-analysing after an edit costs only the changed paragraphs plus a cheap document pass.
 */
export class Analyzer {
  /**
   * Made on first use (an analysis, a warm-up): its entity tagger's weights and gazetteer took ~45 ms
   * to build, which a language server made at startup paid before it could answer `initialize`.
   */
  private paragraphProcessor?: ReturnType<typeof createParagraphProcessor>;
  private get analyseParagraph(): ReturnType<typeof createParagraphProcessor> {
    return (this.paragraphProcessor ??= createParagraphProcessor());
  }

  /** Builds the paragraph processor now rather than on first use (for a benchmark that times analyses alone). */
  prepare(): void {
    void this.analyseParagraph;
  }

  private readonly dates = new DateDetector();
  private readonly cache = new Map<string, Data>();
  /** The last analysis's finding id bases (FindingIdBases). */
  private readonly idBases = new FindingIdBases();
    /** What each kind kept from its last collect (CollectContext.memo). */
  private readonly memos = new Map<FindingKind, { value?: unknown }>();
  lastStats: AnalyzerStats = { paragraphs: 0, cacheHits: 0 };
  /**
   * The last text analysed and its paragraphs by start: after an edit, a paragraph wholly before or
   * after the changed text is this one's (same text, region, commenter and reference date), found
   * without building its cache key, which copied and hashed the whole text on every keystroke.
   */
  private last?: { text: string; pieces: Pieces; segmentation: Segmentation; paragraphs: AnalysedParagraph[]; analysis: number };
  /** Analyses begun: each one's number (CollectContext.analysis). */
  private analyses = 0;
  /**
   * Called before each paragraph: a budget set by the caller may throw to stop a long analysis
   * (the paragraphs analysed so far stay cached).
   */
  checkpoint?: () => void;

  /** Set by warmUpBeforeFirstUse: the first analysis warms up first. */
  private warmBeforeUse = false;

  constructor(private readonly cacheLimit = DEFAULT_CACHE_LIMIT) {}

  /**
   * Warms up before the first analysis rather than now: an index worker reopening a workspace whose
   * sources are all in the digest cache analyses nothing, and warming up cost it ~0.6 s of CPU.
   */
  warmUpBeforeFirstUse(): void {
    this.warmBeforeUse = true;
  }

  /**
   * Compiles the detectors' regular expressions ahead of the first source, which otherwise pays
   * ~200–300 ms for them. V8 interprets a regular expression on its first run and compiles it on the
   * next, so the sentence is analysed twice (`rounds`; the server runs them one at a time).
   */
  warmUp(rounds = 2): void {
    for (let i = 0; i < rounds; i++) {
      this.analyseParagraph('Xiaomi said on Friday, Nov 09, 2015, that sales rose 20% three days ago.', { region: 'body', referenceDate: '2015-11-10' });
    }
  }

  analyze(text: string, options: Partial<AnalysisOptions> = {}): AnalysisResult {
    if (this.warmBeforeUse) {
      this.warmBeforeUse = false;
      this.warmUp();
    }
    const opts: AnalysisOptions = { ...DEFAULT_ANALYSIS_OPTIONS, ...options };
    const last = this.last;
    const ends = last ? commonEnds(last.text, text) : undefined;
    // Only the blocks around the edit are segmented again (text/blockEdits.ts).
    const segmentation = last ? resegment(last, text, ends!) : segment(text);
    const blocks = segmentation.blocks;
    const publicationDate = findPublicationDate(blocks, this.dates);
    const reference = publicationDate
      ? { date: publicationDate, from: 'document' as const }
      : opts.referenceDate
        ? { date: opts.referenceDate, from: 'setting' as const }
        : { from: 'none' as const };

    const stats: AnalyzerStats = { paragraphs: 0, cacheHits: 0 };
    const paragraphs: AnalysedParagraph[] = [];
    const notes: AnalysisNote[] = [];
    const regions = regionSpans(blocks);
    const unchanged = this.unchangedSince(text, ends);
    const lastPieces = last?.pieces;
    const pieces: Pieces = { starts: [], ends: [], keys: [], data: [] };
    // Per paragraph, the index of the last analysis's paragraph it is (−1: none), for the kinds (ParagraphEdit).
    const kept: number[] = [];
    const analysis = ++this.analyses;
    // Pieces side by side mostly share their context: its key is written once for a run of them
    // (a string built and compared for each of 8,900 paragraphs cost every keystroke of 1 MB).
    let keyRegion: Region | undefined;
    let keyCommenter: string | undefined;
    let key = '';
    this.last = undefined; // until this analysis is whole (a budget may stop it)
    const analysed = blocksAnalysed(opts);
    for (const block of blocks) {
      if (!analysed(block)) continue;
      let unscored = 0;
      for (const piece of paragraphPieces(block)) {
        this.checkpoint?.();
        stats.paragraphs++;
        if (!key || piece.region !== keyRegion || piece.commenter !== keyCommenter) {
          keyRegion = piece.region;
          keyCommenter = piece.commenter;
          key = contextKey(piece, reference.date);
        }
        const context = key;
        const before = unchanged(piece);
        let data: Data;
        if (before >= 0 && lastPieces!.keys[before] === context) {
          stats.cacheHits++;
          data = lastPieces!.data[before]!;
          kept.push(before);
        } else {
          data = this.paragraph(piece, reference.date, stats);
          kept.push(-1);
        }
        pieces.starts.push(piece.start);
        pieces.ends.push(piece.end);
        pieces.keys.push(context);
        pieces.data.push(data);
        unscored += data.unscored ?? 0;
        paragraphs.push({ start: piece.start, region: piece.region, data });
      }
      if (unscored) notes.push({ start: block.start, end: block.end, message: notProse(block.end - block.start) });
    }

    // An edit keeps most paragraphs, at one end or both. The next source of a batch keeps none, or a
    // footer it shares with the last: its kinds collect everything, without first comparing.
    const around = last ? paragraphEdit(last, paragraphs, kept, text.length - last.text.length) : undefined;
    const changed = around ? paragraphs.length - around.prefix - around.suffix + around.removed.length : 0;
    const edit = around && around.prefix + around.suffix > changed ? around : undefined;
    // Each kind collects its findings over the whole source, after the kinds it reads.
    const found = new Map<FindingKind, Finding[]>();
    const flagged: Finding[][] = [];
    const repeated: Finding[][] = [];
    const kinds = new Set(opts.kinds);
    const tookEdit = new Set<FindingKind>();
    for (const kind of DETECTION_ORDER) {
      let memo = this.memos.get(kind.kind);
      if (!memo) this.memos.set(kind.kind, (memo = {}));
      const collected = kind.collect({ paragraphs, reference, options: opts, found, memo, analysis, ...(edit ? { edit, tookEdit } : {}) });
      found.set(kind.kind, collected.findings);
      if (collected.fromEdit) tookEdit.add(kind.kind);
      if (!kinds.has(kind.kind)) continue;
      flagged.push(collected.findings);
      if (collected.repeats) repeated.push(collected.repeats);
    }

    this.lastStats = stats;
    this.last = { text, pieces, segmentation, paragraphs, analysis };
    const findings = inTextOrder(flagged);
    const repeats = inTextOrder(repeated);
    // Commenters first: until its id, a finding made now is told apart from one kept (madeFindings.ts).
    assignCommenters(findings, regions);
    assignCommenters(repeats, regions);
    assignFindingIds(findings, repeats, this.idBases);
    return {
      findings,
      regions,
      ...(notes.length ? { notes } : {}),
      ...(repeats.length ? { repeats } : {}),
      ...(publicationDate ? { publicationDate } : {}),
      reference,
    };
  }

  /**
   * For a paragraph of `text`, the index among the last analysis's pieces of the paragraph of the
   * same text at the same place (moved by the edit's length if after it), when it lies wholly
   * outside the changed text; else −1.
   */
  private unchangedSince(text: string, common: { prefix: number; suffix: number } | undefined): (piece: Block) => number {
    const last = this.last;
    if (!last || !common) return () => -1;
    const { prefix, suffix } = common;
    const shift = text.length - last.text.length;
    const after = text.length - suffix;
    const { starts, ends } = last.pieces;
    // Pieces are asked for in text order: the search goes on from where the last one was found.
    let at = 0;
    return (piece) => {
      const from = piece.end <= prefix ? piece.start : piece.start >= after ? piece.start - shift : -1;
      if (from < 0) return -1;
      if (at >= starts.length || starts[at]! > from) at = firstAtLeast(starts, from);
      while (at < starts.length && starts[at]! < from) at++;
      if (starts[at] !== from || ends[at] !== piece.end - (from === piece.start ? 0 : shift)) return -1;
      return at;
    };
  }

  private paragraph(block: Block, referenceDate: string | undefined, stats: AnalyzerStats): Data {
    // The key in memory of its own at once (what the cache keeps must not keep this version of the
    // whole source), and the paragraph's text a view of it: one copy and one hash of the text, where
    // a key built, hashed, copied and hashed again, and the text copied apart, were ~40 ms of 1 MB.
    const context = contextKey(block, referenceDate);
    const key = ownCopy(`${context}\u0000${block.text}`);
    const cached = this.cache.get(key);
    if (cached) {
      stats.cacheHits++;
      // Re-insert to keep the map in least-recently-used order.
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const commenter = block.commenter === undefined ? undefined : ownCopy(block.commenter);
    const result = this.analyseParagraph(key.slice(context.length + 1), { region: block.region, commenter, referenceDate });
    this.cache.set(key, result);
    if (this.cache.size > this.cacheLimit) this.cache.delete(this.cache.keys().next().value!);
    return result;
  }
}


/**
 * The paragraphs kept from the last analysis at each end (`kept`: per paragraph, the index of the
 * last analysis's paragraph it is, or −1): at the start, each at its own index and place; at the
 * end, each as far from the last as it was, moved by `shift`.
 */
function paragraphEdit(last: { paragraphs: readonly AnalysedParagraph[]; analysis: number }, paragraphs: readonly AnalysedParagraph[], kept: readonly number[], shift: number): ParagraphEdit {
  const was = last.paragraphs;
  const most = Math.min(was.length, paragraphs.length);
  let prefix = 0;
  while (prefix < most && kept[prefix] === prefix && paragraphs[prefix]!.start === was[prefix]!.start) prefix++;
  let suffix = 0;
  for (; suffix < most - prefix; suffix++) {
    const i = paragraphs.length - 1 - suffix;
    const j = was.length - 1 - suffix;
    if (kept[i] !== j || paragraphs[i]!.start !== was[j]!.start + shift) break;
  }
  return { since: last.analysis, prefix, suffix, shift, removed: was.slice(prefix, was.length - suffix) };
}

/** The paragraphs of an analysis in text order, column by column: a map of 8,500 entries per keystroke of 1 MB cost ~5 ms. */
interface Pieces {
  starts: number[];
  ends: number[];
  keys: string[];
  data: Data[];
}

/** What a paragraph's analysis depends on besides its text. */
const contextKey = (block: Block, referenceDate: string | undefined) => `${block.region}\u0000${block.commenter ?? ''}\u0000${referenceDate ?? ''}`;

/**
 * Which blocks an analysis reads, asked in text order: those of `analysedRegions` and those holding
 * a place of `analyseAround`; without `analysedRegions`, every block but boilerplate.
 */
function blocksAnalysed(opts: AnalysisOptions): (block: Block) => boolean {
  const regions = opts.analysedRegions;
  if (!regions) return (block) => block.region !== 'boilerplate';
  const held = overlapsInOrder(opts.analyseAround ?? []);
  return (block) => regions.has(block.region) || held(block.start, block.end);
}

/** Whether each of a run of spans, asked in text order without overlapping, overlaps one of `spans`. */
function overlapsInOrder(spans: readonly { readonly start: number; readonly end: number }[]): (start: number, end: number) => boolean {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let next = 0;
  let reach = -Infinity; // the furthest end of the spans starting before the last start asked
  return (start, end) => {
    while (next < sorted.length && sorted[next]!.start < start) reach = Math.max(reach, sorted[next++]!.end);
    return reach > start || (next < sorted.length && sorted[next]!.start < end);
  };
}

/**
 * The blocks as region spans. A thread's header and metadata lines name the commenter of the comment
 * they head (blocks give it to the comment only, which the claim detector attributes to them).
 */
function regionSpans(blocks: readonly Block[]): RegionSpan[] {
  const spans: RegionSpan[] = blocks.map((b) => ({ start: b.start, end: b.end, region: b.region, ...(b.commenter ? { commenter: b.commenter } : {}) }));
  let next: string | undefined;
  for (let i = spans.length - 1; i >= 0; i--) {
    const s = spans[i]!;
    if (s.region === 'comment') next = s.commenter;
    else if (s.region === 'comment-meta' && next) s.commenter = next;
    else if (s.region !== 'comment-meta') next = undefined;
  }
  return spans;
}

/**
 * The kinds' lists as one in compareFindings order, as a stable sort of them one after the other
 * would give. Each kind collects in text order, so the lists are merged (a sort of 19,000 findings
 * cost ~4 ms of a keystroke on 1 MB); a list out of order is sorted with the rest.
 */
export function inTextOrder(lists: Finding[][]): Finding[] {
  const ordered = lists.every((list) => {
    for (let i = 1; i < list.length; i++) if (compareFindings(list[i - 1]!, list[i]!) > 0) return false;
    return true;
  });
  if (!ordered) {
    const all: Finding[] = [];
    // One by one: a large source has more findings than a call's arguments can hold.
    for (const list of lists) for (const f of list) all.push(f);
    return all.sort(compareFindings);
  }
  // Merged in pairs, the earlier list first on a tie, as the stable sort keeps them.
  let round = lists;
  while (round.length > 1) {
    const next: Finding[][] = [];
    for (let i = 0; i < round.length; i += 2) next.push(i + 1 < round.length ? mergeSorted(round[i]!, round[i + 1]!) : round[i]!);
    round = next;
  }
  // A kind's own list is its to keep (later kinds read it): never handed out as the whole.
  const merged = round[0] ?? [];
  return lists.includes(merged) ? merged.slice() : merged;
}

/** Two lists sorted by compareFindings as one. */
function mergeSorted(a: readonly Finding[], b: readonly Finding[]): Finding[] {
  if (!b.length) return a as Finding[];
  const out: Finding[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) out.push(j >= b.length || (i < a.length && compareFindings(a[i]!, b[j]!) <= 0) ? a[i++]! : b[j++]!);
  return out;
}

/** Each finding in a comment gets its block's commenter; one pass, both lists in text order. */
function assignCommenters(findings: Finding[], regions: readonly RegionSpan[]): void {
  let i = 0;
  for (let k = 0; k < findings.length; k++) {
    const f = findings[k]!;
    while (i < regions.length && regions[i]!.end <= f.start) i++;
    const r = regions[i];
    const commenter = r?.commenter && r.start <= f.start ? r.commenter : undefined;
    if (f.commenter === commenter) continue;
    if (!madeEarlier(f)) f.commenter = commenter;
    else if (commenter !== undefined) findings[k] = findingWith(f, { commenter });
    // A kept finding no longer in a thread: a copy without one, as a finding made now would be.
    else findings[k] = findingWith(f, { commenter: undefined });
  }
}

/** The note on a paragraph with a "sentence" too long to be prose. */
export function notProse(length: number): string {
  return `This paragraph (${formatCount(length)} characters) runs more than ${formatCount(MAX_CLAIM_LENGTH)} characters without a sentence end, so it is not read as prose: no claim is flagged there, only names and dates.`;
}
