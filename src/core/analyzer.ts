import type { AnalysisNote, AnalysisOptions, AnalysisResult, Finding, Region } from './model';
import { MAX_CLAIM_LENGTH } from './detect/claimDetector';
import { DEFAULT_ANALYSIS_OPTIONS } from './model';
import { DateDetector, dateInfo } from './detect/dateDetector';
import { resolveEntities } from './detect/entityResolution';
import type { EntityMention } from './detect/entityDetector';
import type { ParagraphFindings } from './pipeline/paragraphData';
import { createParagraphProcessor } from './pipeline/processor';
import { segmentBlocks, type Block } from './text/blocks';
import { paragraphPieces } from './text/pieces';
import { findPublicationDate } from './text/publicationDate';

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
  private readonly analyseParagraph = createParagraphProcessor();
  private readonly dates = new DateDetector();
  private readonly cache = new Map<string, ParagraphFindings>();
  lastStats: AnalyzerStats = { paragraphs: 0, cacheHits: 0 };

  constructor(private readonly cacheLimit = DEFAULT_CACHE_LIMIT) {}

  /**
   * Compiles the detectors' regular expressions ahead of the first source, which otherwise pays
   * ~200–300 ms for them. V8 interprets a regular expression on its first run and compiles it on the
   * next, so the sentence is analysed twice.
   */
  warmUp(): void {
    for (let i = 0; i < 2; i++) {
      this.analyseParagraph('Xiaomi said on Friday, Nov 09, 2015, that sales rose 20% three days ago.', { region: 'body', referenceDate: '2015-11-10' });
    }
  }

  analyze(text: string, options: Partial<AnalysisOptions> = {}): AnalysisResult {
    const opts: AnalysisOptions = { ...DEFAULT_ANALYSIS_OPTIONS, ...options };
    const blocks = segmentBlocks(text);
    const publicationDate = findPublicationDate(blocks, this.dates);
    const reference = publicationDate
      ? { date: publicationDate, from: 'document' as const }
      : opts.referenceDate
        ? { date: opts.referenceDate, from: 'setting' as const }
        : { from: 'none' as const };

    const stats: AnalyzerStats = { paragraphs: 0, cacheHits: 0 };
    const findings: Finding[] = [];
    const mentions: { mention: EntityMention; region: Region }[] = [];
    const kinds = new Set(opts.kinds);
    // A sentence repeated word for word (a headline printed twice by the page) is one claim to check: flagged once.
    const claimTexts = new Set<string>();
    const repeats: Finding[] = [];
    const notes: AnalysisNote[] = [];

    for (const block of blocks) {
      if (block.region === 'boilerplate') continue;
      let unscored = 0;
      for (const piece of paragraphPieces(block)) {
        stats.paragraphs++;
        const result = this.paragraph(piece, reference.date, stats);
        unscored += result.unscored ?? 0;
        this.collect(result, piece, reference, opts, { findings, mentions, claimTexts, repeats });
      }
      if (unscored) notes.push({ start: block.start, end: block.end, message: notProse(block.end - block.start) });
    }

    const regionOf = new Map(mentions.map((m) => [m.mention, m.region]));
    for (const { mention, info } of resolveEntities(mentions.map((m) => m.mention))) {
      findings.push({
        id: '', kind: 'entity', start: mention.start, end: mention.end, text: mention.text, region: regionOf.get(mention)!,
        score: mention.confidence, cues: [], entity: info,
      });
    }

    this.lastStats = stats;
    const kept = findings.filter((f) => kinds.has(f.kind));
    const keptRepeats = kinds.has('claim') ? repeats : [];
    for (const f of [...kept, ...keptRepeats]) f.id = `${f.kind}:${f.start}:${f.end}`;
    return {
      findings: kept.sort(compareFindings),
      ...(notes.length ? { notes } : {}),
      ...(keptRepeats.length ? { repeats: keptRepeats } : {}),
      ...(publicationDate ? { publicationDate } : {}),
      reference,
    };
  }

  /** Adds one paragraph piece's findings (offsets within the piece) to the source's. */
  private collect(
    result: ParagraphFindings,
    block: Block,
    reference: AnalysisResult['reference'],
    opts: AnalysisOptions,
    into: { findings: Finding[]; mentions: { mention: EntityMention; region: Region }[]; claimTexts: Set<string>; repeats: Finding[] },
  ): void {
    const { findings, mentions, claimTexts, repeats } = into;
    const shift = block.start;
    for (const d of result.dates) {
      findings.push({
        id: '', kind: 'date', start: d.start + shift, end: d.end + shift, text: d.text, region: block.region,
        score: d.vague ? 0.5 : d.relative ? 0.7 : 0.9, cues: [], date: dateInfo(d, reference),
      });
    }
    for (const e of result.entities) {
      mentions.push({ mention: { ...e, start: e.start + shift, end: e.end + shift }, region: block.region });
    }
    for (const c of result.claims) {
      if (c.score < opts.claimThreshold) continue;
      const said = c.text.replace(/\s+/g, ' ').trim();
      const repeated = claimTexts.has(said);
      claimTexts.add(said);
      (repeated ? repeats : findings).push({
        id: '', kind: 'claim', start: c.start + shift, end: c.end + shift, text: c.text, region: block.region, score: c.score,
        cues: c.cues.map((cue) => ({ ...cue, start: cue.start + shift, end: cue.end + shift })),
        claim: {
          ...(c.attribution ? { attribution: c.attribution } : {}),
          hedges: c.hedges,
          ...(c.hedges.length ? { suggestedStatus: 'speculative' as const } : {}),
        },
      });
    }
  }

  private paragraph(block: Block, referenceDate: string | undefined, stats: AnalyzerStats): ParagraphFindings {
    const key = `${block.region}\u0000${block.commenter ?? ''}\u0000${referenceDate ?? ''}\u0000${block.text}`;
    const cached = this.cache.get(key);
    if (cached) {
      stats.cacheHits++;
      // Re-insert to keep the map in least-recently-used order.
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const result = this.analyseParagraph(block.text, { region: block.region, commenter: block.commenter, referenceDate });
    this.cache.set(key, result);
    if (this.cache.size > this.cacheLimit) this.cache.delete(this.cache.keys().next().value!);
    return result;
  }
}

const KIND_ORDER = { claim: 0, entity: 1, date: 2 };

export function compareFindings(a: Finding, b: Finding): number {
  return a.start - b.start || a.end - b.end || KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
}

/** The note on a paragraph with a "sentence" too long to be prose. */
export function notProse(length: number): string {
  return `This paragraph (${length.toLocaleString('en-US')} characters) runs more than ${MAX_CLAIM_LENGTH.toLocaleString('en-US')} characters without a sentence end, so it is not read as prose: no claim is flagged there, only names and dates.`;
}
