// Sourcemark itself, run exactly as the CLI runs it (analyzeSource over an Analyzer).
import { Analyzer } from '../core/analyzer';
import { cueSpan, DEFAULT_ANALYSIS_OPTIONS, type AnalysisOptions, type EntityType, type Finding } from '../core/model';
import { analyzeSource } from '../core/sourceAnalysis';
import type { GoldDoc } from './gold';
import type { Span } from './metrics';
import { captureClaimRows } from './claimRows';
import type { EvidenceRow } from './claimWeightsFit';
import type { ClaimSystem, DateSystem, EntitySystem, HedgeSystem } from './systems';

/** The CoNLL convention: person→PER, organisation→ORG, place→LOC, anything else→MISC. */
export const CONLL_LABEL: Record<EntityType, string> = {
  person: 'PER', organisation: 'ORG', place: 'LOC', product: 'MISC', event: 'MISC', other: 'MISC',
};

export class SourcemarkSystem implements EntitySystem, DateSystem, ClaimSystem, HedgeSystem {
  readonly name = 'sourcemark';
  readonly threshold = DEFAULT_ANALYSIS_OPTIONS.claimThreshold;
  private readonly analyzer = new Analyzer();

  /** Findings as `sourcemark analyze --reference-date <dct> --threshold …` reports them. */
  findings(doc: GoldDoc, options: Partial<AnalysisOptions>): Finding[] {
    const result = analyzeSource(this.analyzer, doc.text, undefined, { ...(doc.dct ? { referenceDate: doc.dct } : {}), ...options });
    return result.analysis?.findings ?? [];
  }

  entities(doc: GoldDoc): Span[] {
    return this.findings(doc, { kinds: ['entity'] }).map((f) => ({ start: f.start, end: f.end, label: CONLL_LABEL[f.entity!.type] }));
  }

  dates(doc: GoldDoc): Span[] {
    return this.findings(doc, { kinds: ['date'] }).map((f) => ({ start: f.start, end: f.end, label: f.date!.timexType, value: f.date!.value }));
  }

  /** The evidence the rules weighed in each document scored, by id: to fit their weights again per fold. */
  readonly claimEvidence = new Map<string, EvidenceRow[]>();

  score(doc: GoldDoc): number {
    // Every sentence is scored (threshold 0) so the ranking covers the whole set.
    const { result, rows } = captureClaimRows(() => this.findings(doc, { claimThreshold: 0 }));
    this.claimEvidence.set(doc.id, rows.map((r) => ({ text: r.text, features: r.features })));
    return result.filter((f) => f.kind === 'claim').reduce((max, c) => Math.max(max, c.score), 0);
  }

  hedgeCues(doc: GoldDoc): Span[] {
    return this.findings(doc, { claimThreshold: 0 })
      .filter((f) => f.kind === 'claim')
      .flatMap((f) => f.cues.filter((c) => c.kind === 'hedge').map((c) => ({ ...cueSpan(f, c), label: 'HEDGE' })));
  }
}
