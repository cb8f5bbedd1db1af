// What a kind of finding is made of. Each kind is one folder (kinds/<kind>/) whose index.ts exports
// one FindingKindDefinition; the registry (kinds/index.ts) lists them.
import type { Root } from 'nlcst';
import type { Plugin } from 'unified';
import type { Data } from 'vfile';
import type { AnalysisOptions, AnalysisResult, Finding, FindingKind, Region } from '../model';
import type { TaggedFinding } from '../taggedFindings';
import type { RichText } from '../text/richText';

/** One paragraph after the pipeline ran: where it is and what the plugins put in its data (offsets within the paragraph). */
export interface AnalysedParagraph {
  /** Offset of the paragraph in the source. */
  start: number;
  region: Region;
  data: Data;
}

/**
 * How this analysis's paragraphs stand to those of the analyser's last one (analysis `since`): the
 * first `prefix` are its first ones (the same data at the same place), the last `suffix` are its
 * last ones moved by `shift`; between them, `removed` (the last analysis's, at their places then)
 * gave way to this analysis's.
 */
export interface ParagraphEdit {
  since: number;
  prefix: number;
  suffix: number;
  shift: number;
  removed: readonly AnalysedParagraph[];
}

export interface CollectContext {
  /** Every analysed paragraph of the source, in text order. */
  paragraphs: readonly AnalysedParagraph[];
  /** This analysis, as a number the analyser gives each of its analyses (ParagraphEdit.since names one). */
  analysis?: number;
  /** Against the analyser's last analysis, when it has one: a kind whose memo is of that analysis may collect only what the edit changed. */
  edit?: ParagraphEdit;
  /** The kinds collected before this one that took the edit (Collected.fromEdit): their findings outside its paragraphs are the last analysis's, kept or moved. */
  tookEdit?: ReadonlySet<FindingKind>;
  reference: AnalysisResult['reference'];
  options: AnalysisOptions;
  /** The findings of the kinds this one needs, collected before it, in text order. */
  found: ReadonlyMap<FindingKind, readonly Finding[]>;
  /**
   * What this kind kept from its last collect by the same analyser, to reuse what an edit did not
   * change (compared, never trusted: the analyser may have read another source since).
   */
  memo?: { value?: unknown };
}

export interface Collected {
  findings: Finding[];
  /** Findings not flagged on their own (a sentence printed twice) that a tag can still land on. */
  repeats?: Finding[];
  /**
   * Collected from the last collect and the edit's paragraphs only (CollectContext.edit): outside
   * them, the last collect's findings and repeats, kept or moved (a claim said again may move
   * between the two).
   */
  fromEdit?: boolean;
}

/**
 * A finding as people read it, in parts each output lays out its own way: a hover card, a
 * diagnostic, a row of a report or an export. Nothing here knows about tags' severity or ranges.
 */
export interface FindingDescription {
  /** What the kind is called in a heading: "Claim", "Entity", "Date". */
  title: string;
  /** What sets this finding apart, beside the title: "organisation", "check-worthiness 0.86". */
  heading: RichText;
  /** One line for a diagnostic or a list, the tag included. */
  message: RichText;
  /**
   * The lines a hover card shows about the finding itself (before its tag and other sources). Each
   * kind makes them in a getter: only a hover reads them, and every diagnostic describes its finding.
   */
  readonly details: RichText[];
  /** How exports classify it: the kind, or an entity's type ("person"; "entity" when untyped). */
  label: string;
  /** Its normalised value, when it has one: a date's TIMEX3 value (for exports and data, not for people). */
  value?: string;
  /** That value in words, for people: "February, year unknown", "now". */
  valueLabel?: string;
  /** The name it stands for, when it is a name: an entity's canonical name. */
  canonical?: string;
  /** Who said it, when the text names someone. */
  speaker?: string;
  /** Short plain facts for a table row: "by Lei Jun", "hedged: plans to". */
  notes: string[];
}

/** What a description may use beyond the finding: the analysis of its source. */
export interface DescribeContext {
  reference?: AnalysisResult['reference'];
}

export interface FindingKindDefinition<K extends FindingKind = FindingKind> {
  readonly kind: K;
  /** The kinds whose findings this one reads, in its paragraphs and when collecting; they run first. */
  readonly needs: readonly FindingKind[];
  /** Its findings say that something is so (a claim, a quotation): a verdict on one is a fact check. */
  readonly statement: boolean;
  /** The labels exports classify its findings by (see FindingDescription.label). */
  readonly labels: readonly string[];
  /** The unified plugin that finds this kind in one paragraph and leaves it in the file's data. */
  readonly plugin: Plugin<[], Root>;
  /** The source's findings of this kind from every paragraph's data; steps over the whole source happen here. */
  collect(ctx: CollectContext): Collected;
  describe(f: TaggedFinding, ctx?: DescribeContext): FindingDescription;
}
