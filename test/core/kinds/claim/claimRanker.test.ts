import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../../../src/core/analyzer';
import { CLAIM_RANKER, rankerInputs, rankerLogit, rankInContext, speakerLabels, transcriptSpeakers, withNeighbours, type RankerRow } from '../../../../src/core/kinds/claim/claimRanker';
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

  it('scores a transcript line with the word "constructor" as one with a word the model has no weight for (it scored NaN: the weights object’s prototype answered)', () => {
    const words = (w: string) => TRANSCRIPT.replace('Unemployment fell', `The ${w} said unemployment fell`);
    const scores = (text: string) => analyzer.analyze(text, { claimThreshold: 0 }).findings.filter((f) => f.kind === 'claim').map((f) => f.score);
    const withConstructor = scores(words('constructor'));
    for (const s of withConstructor) expect(Number.isFinite(s)).toBe(true);
    expect(withConstructor).toEqual(scores(words('zzyzx')));
    expect(rankerLogit(CLAIM_RANKER, { dense: [], words: ['constructor', 'tostring', '__proto__'] }, new Map())).toBe(0);
  });

  it('gives every feature the model was fitted on, in the same order', () => {
    const rows = rowsOf(TRANSCRIPT);
    const { names, inputs } = rankerInputs(rows, transcriptSpeakers(rows)!);
    expect(names).toEqual(CLAIM_RANKER.dense);
    expect(CLAIM_RANKER.weights).toHaveLength(names.length);
    for (const x of inputs) for (const v of x.dense) expect(Number.isFinite(v)).toBe(true);
  });
});

describe('claim ranker context features', () => {
  const DEBATE = [
    'HOST: Welcome to the debate tonight, and thank you for joining us.',
    'HOST: What will you do about jobs?',
    'SMITH: Unemployment fell to 4 percent last year.',
    'SMITH: Wages rose too.',
    'JONES: That is not what happened in my state --',
    'HOST: Senator Jones, how do you answer that?',
    'JONES: Factories closed across the valley and 12,000 jobs went with them.',
    'HOST: Why should voters trust you on taxes?',
    'SMITH: I have always kept my word.',
    'JONES: We will build a better economy for every family.',
  ].join('\n\n');

  const featuresOf = (text: string) => {
    const rows = rowsOf(text);
    const speakers = transcriptSpeakers(rows)!;
    const { names, inputs } = rankerInputs(rows, speakers);
    return rows.map((r, i) => ({ text: r.text, speaker: speakers[i], get: (k: string) => inputs[i].dense[names.indexOf(k)] }));
  };

  it('marks as moderator the speaker who asks in many of their lines, never a candidate who asks once', () => {
    const rows = featuresOf(DEBATE);
    const asking = new Set(rows.filter((r) => r.text.trimEnd().endsWith('?')).map((r) => r.speaker));
    for (const r of rows) {
      const lines = rows.filter((o) => o.speaker === r.speaker);
      const questions = lines.filter((o) => o.text.trimEnd().endsWith('?')).length;
      expect(r.get('moderator')).toBe(questions / lines.length >= 0.12 ? 1 : 0);
    }
    expect(asking.has('HOST')).toBe(true);
    expect(rows.filter((r) => r.speaker === 'HOST').every((r) => r.get('moderator') === 1)).toBe(true);
    expect(rows.filter((r) => r.speaker !== 'HOST').every((r) => r.get('moderator') === 0)).toBe(true);
  });

  it('reads change verbs, cut-off lines and the neighbours’ questions and figures', () => {
    const rows = featuresOf(DEBATE);
    const at = (start: string) => rows.findIndex((r) => r.text.includes(start));
    expect(rows[at('Unemployment fell')].get('changeVerb')).toBe(1);
    expect(rows[at('Wages rose')].get('changeVerb')).toBe(1);
    expect(rows[at('I have always')].get('changeVerb')).toBe(0);
    expect(rows[at('That is not what')].get('interrupted')).toBe(1);
    expect(rows[at('Factories closed')].get('interrupted')).toBe(0);
    // The line after a question, and the line before a figure.
    expect(rows[at('Factories closed')].get('prevQuestion')).toBe(1);
    expect(rows[at('Wages rose')].get('prevQuestion')).toBe(0);
    expect(rows[at('Senator Jones')].get('nextFigure')).toBe(1);
    expect(rows[at('Why should voters')].get('nextFigure')).toBe(0);
  });

  it('is calibrated: a line scores 0.5 or more exactly when its log-odds under the model, bias included, are 0 or more', () => {
    const rows = rowsOf(DEBATE);
    const speakers = transcriptSpeakers(rows)!;
    const { names, inputs } = rankerInputs(rows, speakers);
    const index = new Map(names.map((k, j) => [k, j]));
    const logits = withNeighbours(inputs.map((x) => rankerLogit(CLAIM_RANKER, x, index)), speakers, CLAIM_RANKER);
    const scores = rankInContext(rows)!;
    scores.forEach((s, i) => {
      expect(s >= 0.5).toBe(logits[i] >= 0);
      expect(s).toBeCloseTo(1 / (1 + Math.exp(-logits[i])), 3);
    });
    // The same model with its bias raised by d shifts every line's log-odds by d.
    const shifted = rankInContext(rows, { ...CLAIM_RANKER, bias: CLAIM_RANKER.bias + 1 })!;
    shifted.forEach((s, i) => expect(s).toBeCloseTo(1 / (1 + Math.exp(-(logits[i] + 1))), 3));
  });

  it('scores news with a text model only when one is given', () => {
    const news = rowsOf('Xiaomi sells phones\n\nXiaomi said on Friday that sales rose 20%.\n\nThe company plans to enter India next year.');
    expect(rankInContext(news)).toBeUndefined();
    const text = { ...CLAIM_RANKER, dense: ['rules'], weights: [4], bias: 0, neighbour: 0 };
    const scores = rankInContext(news, CLAIM_RANKER, text)!;
    // rules is the rules' log-odds clamped to ±8 and divided by 4: this model gives the rules' own score back.
    scores.forEach((s, i) => expect(s).toBeCloseTo(1 / (1 + Math.exp(-Math.max(-8, Math.min(8, news[i].logit)))), 3));
  });
});

describe('speakerLabels', () => {
  const labelled = (n: number) => Array.from({ length: n }, (_, i) => `${i % 2 ? 'HOLT' : 'TRUMP'}: We will see about jobs number ${i}.`);
  const plain = (n: number) => Array.from({ length: n }, (_, i) => `The market grew ${i} per cent last year.`);

  it('reads a transcript when at least half its paragraphs open with a speaker who comes back', () => {
    // Exactly half labelled, plain paragraphs first or last: a transcript either way.
    for (const firsts of [[...labelled(6), ...plain(6)], [...plain(6), ...labelled(6)]]) {
      const labels = speakerLabels(firsts)!;
      expect(labels).toHaveLength(12);
      expect(labels.filter(Boolean)).toEqual(['TRUMP', 'HOLT', 'TRUMP', 'HOLT', 'TRUMP', 'HOLT']);
    }
  });

  it('is no transcript with one plain paragraph more than half, wherever it stands', () => {
    for (const firsts of [[...plain(7), ...labelled(6)], [...labelled(6), ...plain(7)], [...labelled(3), ...plain(7), ...labelled(3)]]) expect(speakerLabels(firsts)).toBeUndefined();
    // Too few labels, or labels that do not come back (datelines).
    expect(speakerLabels(labelled(4))).toBeUndefined();
    expect(speakerLabels(['LONDON: a', 'PARIS: b', 'ROME: c', 'OSLO: d', 'BONN: e', 'KIEV: f'].map((s) => `${s} said.`))).toBeUndefined();
  });
});
