import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../../../src/core/analyzer';
import { CLAIM_RANKER, rankerInputs, rankInContext, transcriptSpeakers, type RankerRow } from '../../../../src/core/kinds/claim/claimRanker';
import { claimKind, claimRows } from '../../../../src/core/kinds/claim';
import type { CollectContext } from '../../../../src/core/kinds/kind';

const analyzer = new Analyzer();

const TRANSCRIPT = [
  'MODERATOR: Good evening and welcome to the debate on the economy.',
  'SMITH: Unemployment fell to 4 percent last year, the lowest rate in two decades.',
  'SMITH: My opponent voted against the jobs bill three times.',
  'JONES: That is simply not true.',
  'JONES: Taxes on working families rose by $2,000 under his plan.',
  'MODERATOR: Unemployment fell to 4 percent last year, the lowest rate in two decades.',
  'SMITH: We will keep fighting for every family in this state.',
  'JONES: I grew up in a small town.',
].join('\n\n');

/** The rows the claim kind hands the ranker, captured from a real analysis. */
function rowsOf(text: string): RankerRow[] {
  let rows: RankerRow[] = [];
  const collect = claimKind.collect;
  claimKind.collect = (ctx: CollectContext) => {
    rows = claimRows(ctx.paragraphs);
    return collect(ctx);
  };
  try {
    analyzer.analyze(text, { claimThreshold: 0 });
  } finally {
    claimKind.collect = collect;
  }
  return rows;
}

describe('claim ranker', () => {
  it('finds the speaker of each line of a transcript, and none in news text', () => {
    const rows = rowsOf(TRANSCRIPT);
    expect(transcriptSpeakers(rows)).toEqual(['MODERATOR', 'SMITH', 'SMITH', 'JONES', 'JONES', 'MODERATOR', 'SMITH', 'JONES']);
    const news = rowsOf('Xiaomi sells phones\n\nXiaomi said on Friday that sales rose 20%.\n\nThe company plans to enter India next year.');
    expect(transcriptSpeakers(news)).toBeUndefined();
    expect(rankInContext(news)).toBeUndefined();
    // A wire digest whose paragraphs open with datelines is news, not a conversation.
    const digest = rowsOf(['LONDON: Shares fell 3% on Monday.', 'PARIS: The minister said taxes would rise.', 'BERLIN: Exports grew 2% in May.',
      'TOKYO: The yen hit a 20-year low.', 'NEW YORK: Oil rose to $90 a barrel.', 'MADRID: Unemployment fell to 12%.'].join('\n\n'));
    expect(transcriptSpeakers(digest)).toBeUndefined();
  });

  it('keeps the rules’ scores outside transcripts', () => {
    const text = 'Phones\n\nXiaomi said on Friday that sales rose 20%.\n\nCLINTON: is a label in one line only.';
    const rows = rowsOf(text);
    const scores = analyzer.analyze(text, { claimThreshold: 0 }).findings.filter((f) => f.kind === 'claim').map((f) => f.score);
    const ruleScores = rows.map((r) => Math.round(1000 / (1 + Math.exp(-r.logit))) / 1000);
    expect(scores).toEqual(ruleScores);
  });

  it('re-scores a transcript: every line gets a score between 0 and 1, and a moderator’s line ranks below the same line by a candidate', () => {
    const findings = analyzer.analyze(TRANSCRIPT, { claimThreshold: 0 }).findings.filter((f) => f.kind === 'claim');
    const rows = rowsOf(TRANSCRIPT);
    expect(findings.map((f) => f.score)).toEqual(rankInContext(rows));
    for (const f of findings) {
      expect(f.score).toBeGreaterThanOrEqual(0);
      expect(f.score).toBeLessThanOrEqual(1);
    }
    const line = 'Unemployment fell to 4 percent last year, the lowest rate in two decades.';
    const byCandidate = findings.find((f) => f.text === `SMITH: ${line}`)!;
    const byModerator = findings.find((f) => f.text === `MODERATOR: ${line}`)!;
    expect(byModerator.score).toBeLessThan(byCandidate.score);
  });

  it('gives every feature the model was fitted on, in the same order', () => {
    const rows = rowsOf(TRANSCRIPT);
    const { names, inputs } = rankerInputs(rows, transcriptSpeakers(rows)!);
    expect(names).toEqual(CLAIM_RANKER.dense);
    expect(CLAIM_RANKER.weights).toHaveLength(names.length);
    for (const x of inputs) for (const v of x.dense) expect(Number.isFinite(v)).toBe(true);
  });
});
