// The learned claim ranker: re-scores the rules' claims in a transcript (lines led by a speaker's
// name, "CLINTON: …") from the sentence and its context: who speaks (moderator or candidate, their
// share of the lines, how often they ask), where (turn, position), the neighbours, the words.
// Fitted on the CLEF CheckThat! 2019 debates by scripts/trainClaimRanker.ts; weights in claimRankerWeights.json.
import type { ClaimFeatures } from './claimDetector';
import weights from './claimRankerWeights.json';
import { allMatches } from '../../text/allMatches';

/** One scored sentence of a source, in text order, as the claim kind collects it. */
export interface RankerRow {
  text: string;
  /** Index of its paragraph: a speaker's label leads a paragraph. */
  paragraph: number;
  /** The rules' log-odds and evidence. */
  logit: number;
  features: ClaimFeatures;
  /** Offsets in the source. */
  start: number;
  end: number;
}

export interface RankerModel {
  /** Names of the dense features, in the order of `dense`. */
  dense: string[];
  weights: number[];
  /** Weights of lower-case words (figures as "0"). */
  words: Record<string, number>;
  /** Chosen so that the share of lines at or above 0.5 is the rules' share on the debates. */
  bias: number;
  /**
   * Weight of the stronger neighbour in the same turn: check-worthy sentences come in runs (one
   * claim argued over two or three sentences), so a sentence next to one is likelier to be one.
   */
  neighbour: number;
}

export const CLAIM_RANKER: RankerModel = weights;

/**
 * Features that need a transcript's speakers or a sentence's neighbours. A text model fitted without
 * them (npm run train:claims -- --text <file>) can score news; it is not shipped: measured on
 * ClaimBuster it ranks below the rules (see scripts/claimErrors.ts).
 */
export const CONTEXT_FEATURES: ReadonlySet<string> = new Set([
  'share', 'asks', 'lowShare', 'topSpeaker', 'firstSpeaker', 'role', 'oneSpeaker', 'firstInTurn', 'lastInTurn', 'turnLength', 'position',
  'prevRules', 'nextRules', 'afterQuestion', 'neighbourFigure', 'moderator', 'prevQuestion', 'nextFigure',
]);

/** "CLINTON:", "SEN. SANDERS:", "MODERATOR:": an upper-case speaker label leading a line. */
const SPEAKER_LABEL = /^\s*([A-Z][A-Z.'’ -]{1,30}[A-Z.]):\s+\S/;
/** Labels of people who run the debate rather than take part. */
const ROLE_LABEL = /\b(?:MODERATOR|HOST|ANNOUNCER|QUESTION|AUDIENCE|PANELIST|UNIDENTIFIED|UNKNOWN|MALE|FEMALE)\b/;
/** Fewer labelled paragraphs than this, or fewer than half of them, and the text is not a transcript. */
const MIN_LABELLED = 5;
const WORD = /[a-z][a-z'’]*|\d/g;
/** A moderator asks: at least this share of their lines are questions (candidates ask under a tenth). */
const MODERATOR_ASKS = 0.12;

// Cues the rules do not weigh, read from the sentence's words (after the speaker's label).
/** A change in a measure: "increased", "fell", "doubled", "lost". */
const CHANGE_VERB = /\b(?:increas|decreas|doubl|tripl|quadrupl|rose\b|risen\b|fell\b|fallen\b|drop|declin|grew\b|grown\b|cut\b|raised\b|lost\b|gained\b|created\b|went (?:up|down)\b)/;
/** Cut off: ends in a dash or an ellipsis, or is led by one (an interrupted speaker). */
const INTERRUPTED = /(?:--|—|–|…|\.\.\.)\s*$|^\s*(?:--|—|–|-)/;

/**
 * Each paragraph's speaker label (undefined where it has none), from the first scored sentence of
 * each paragraph that has one; undefined when the source is not a transcript.
 */
export function speakerLabels(
  firstSentences: readonly string[],
  /** Given: how many of the sentences read have no label, counted before the reading stops. */
  seen?: { unlabelled: number },
): (string | undefined)[] | undefined {
  // Most sources are not transcripts: the reading stops once more than half the paragraphs have no
  // label (each claim collect asks, on every keystroke: 8,000 paragraphs for 1 MB).
  const byParagraph: (string | undefined)[] = [];
  let unlabelled = 0;
  for (const text of firstSentences) {
    const label = SPEAKER_LABEL.exec(text)?.[1].replace(/\s+/g, ' ');
    if (!label && ++unlabelled * 2 > firstSentences.length) {
      if (seen) seen.unlabelled = unlabelled;
      return undefined;
    }
    byParagraph.push(label);
  }
  if (seen) seen.unlabelled = unlabelled;
  const labels = byParagraph.filter((l): l is string => !!l);
  const labelled = labels.length;
  if (labelled < MIN_LABELLED || labelled * 2 < byParagraph.length) return undefined;
  // Speakers come back, turn after turn; a wire digest's datelines ("LONDON:", "PARIS:") mostly do not.
  if (new Set(labels).size * 2 > labelled) return undefined;
  return byParagraph;
}

/** Whether a paragraph's first sentence opens with a speaker's label ("LEI JUN: …"), as speakerLabels reads it. */
export function hasSpeakerLabel(firstSentence: string): boolean {
  return SPEAKER_LABEL.test(firstSentence);
}

/** The speaker of each row, or undefined when the source is not a transcript. */
export function transcriptSpeakers(rows: readonly RankerRow[]): string[] | undefined {
  // Rows come in text order: a paragraph's label is read from its first row, without a map per row.
  const firsts: string[] = [];
  let last = -1;
  for (const r of rows) {
    if (r.paragraph === last) continue;
    last = r.paragraph;
    firsts.push(r.text);
  }
  const byParagraph = speakerLabels(firsts);
  if (!byParagraph) return undefined;
  // A paragraph without a label continues the last speaker's turn.
  let current = '';
  let paragraph = -1;
  last = -1;
  return rows.map((r) => {
    if (r.paragraph !== last) {
      last = r.paragraph;
      current = byParagraph[++paragraph] ?? current;
    }
    return current;
  });
}

export interface RankerInput {
  dense: number[];
  words: string[];
}

const clampLogit = (x: number) => Math.max(-8, Math.min(8, x)) / 4;

/** The ranker's features of every row, given the speakers (see transcriptSpeakers). */
export function rankerInputs(rows: readonly RankerRow[], speakers: readonly string[]): { names: string[]; inputs: RankerInput[] } {
  const n = rows.length;
  const lines = new Map<string, number>();
  const questions = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    lines.set(speakers[i], (lines.get(speakers[i]) ?? 0) + 1);
    questions.set(speakers[i], (questions.get(speakers[i]) ?? 0) + rows[i].features.question);
  }
  const top = [...lines.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  const first = speakers[0];
  // Turns: runs of rows by one speaker.
  const turnStart: number[] = [];
  const turnEnd: number[] = [];
  for (let i = 0; i < n; i++) turnStart[i] = i > 0 && speakers[i - 1] === speakers[i] ? turnStart[i - 1] : i;
  for (let i = n - 1; i >= 0; i--) turnEnd[i] = i < n - 1 && speakers[i + 1] === speakers[i] ? turnEnd[i + 1] : i;

  const names: string[] = [];
  const inputs = rows.map((r, i) => {
    const f = r.features;
    const s = speakers[i];
    const share = (lines.get(s) ?? 0) / n;
    const asks = (questions.get(s) ?? 0) / (lines.get(s) ?? 1);
    const words = r.features.length * 30;
    const figure = f.quantity || f.moneyOrPercent;
    const prev = i > 0 ? rows[i - 1] : undefined;
    const next = i < n - 1 ? rows[i + 1] : undefined;
    const turnLength = turnEnd[i] - turnStart[i] + 1;
    const said = r.text.replace(SPEAKER_LABEL, (all) => all.slice(all.indexOf(':') + 1)).trim();
    const lower = said.toLowerCase();
    const dense: Record<string, number> = {
      rules: clampLogit(r.logit),
      ...(f as unknown as Record<string, number>),
      share,
      asks,
      lowShare: share < 0.1 ? 1 : 0,
      topSpeaker: s === top ? 1 : 0,
      firstSpeaker: s === first ? 1 : 0,
      role: ROLE_LABEL.test(s) ? 1 : 0,
      oneSpeaker: lines.size === 1 ? 1 : 0,
      firstInTurn: turnStart[i] === i ? 1 : 0,
      lastInTurn: turnEnd[i] === i ? 1 : 0,
      turnLength: Math.min(1, Math.log1p(turnLength) / 4),
      position: n > 1 ? i / (n - 1) : 0,
      prevRules: prev ? clampLogit(prev.logit) : 0,
      nextRules: next ? clampLogit(next.logit) : 0,
      afterQuestion: prev && speakers[i - 1] !== s && prev.features.question ? 1 : 0,
      neighbourFigure: (prev?.features.quantity ?? 0) || (next?.features.quantity ?? 0),
      figureNoTopic: figure && !f.topic ? 1 : 0,
      figureNoEntity: figure && !f.entity ? 1 : 0,
      firstPersonNoFigure: f.firstSingular && !figure ? 1 : 0,
      shortAssertion: words < 12 && words >= 4 && !f.question && !figure ? 1 : 0,
      logWords: Math.min(1, Math.log1p(words) / 4),
      moderator: lines.size > 1 && asks >= MODERATOR_ASKS ? 1 : 0,
      changeVerb: CHANGE_VERB.test(lower) ? 1 : 0,
      interrupted: INTERRUPTED.test(said) ? 1 : 0,
      prevQuestion: prev?.features.question ?? 0,
      nextFigure: next?.features.quantity ?? 0,
    };
    if (!names.length) names.push(...Object.keys(dense));
    const tokens = new Set<string>();
    for (const m of allMatches(WORD, lower)) tokens.add(/^\d/.test(m[0]) ? '0' : m[0]);
    return { dense: names.map((k) => dense[k]), words: [...tokens] };
  });
  return { names, inputs };
}

/**
 * A model's word weights as a map: `words` is an object (read from JSON), whose prototype answered
 * the word "constructor" with a function, which made a transcript line's score NaN.
 */
const wordWeights = new WeakMap<RankerModel['words'], ReadonlyMap<string, number>>();

/** Log-odds of one input under a model, before the bias and neighbours (see withNeighbours). */
export function rankerLogit(model: RankerModel, input: RankerInput, index: ReadonlyMap<string, number>): number {
  let z = 0;
  for (let j = 0; j < input.dense.length; j++) {
    const k = index.get(model.dense[j]);
    if (k !== undefined) z += model.weights[j] * input.dense[k];
  }
  let words = wordWeights.get(model.words);
  if (!words) wordWeights.set(model.words, (words = new Map(Object.entries(model.words))));
  for (const w of input.words) z += words.get(w) ?? 0;
  return z;
}

/**
 * Scores (0–1, 0.5 means flag) of every row: a transcript's by the model, in context; other text's
 * by `textModel`, sentence by sentence, when one is given (undefined otherwise: the rules' scores stand).
 */
export function rankInContext(rows: readonly RankerRow[], model: RankerModel = CLAIM_RANKER, textModel?: RankerModel): number[] | undefined {
  const transcript = transcriptSpeakers(rows);
  if (!transcript && !textModel) return undefined;
  const speakers = transcript ?? rows.map(() => '');
  const used = transcript ? model : textModel!;
  const { names, inputs } = rankerInputs(rows, speakers);
  const index = new Map(names.map((k, j) => [k, j]));
  const logits = inputs.map((x) => rankerLogit(used, x, index));
  return (transcript ? withNeighbours(logits, speakers, used) : logits.map((z) => z + used.bias)).map((z) => Math.round(1000 / (1 + Math.exp(-z))) / 1000);
}

/** Each log-odds plus the weighted larger of its neighbours' by the same speaker (its own when it has none), then the bias. */
export function withNeighbours(logits: readonly number[], speakers: readonly string[], model: Pick<RankerModel, 'bias' | 'neighbour'>): number[] {
  return logits.map((z, i) => {
    const near = [i - 1, i + 1].filter((j) => j >= 0 && j < logits.length && speakers[j] === speakers[i]).map((j) => logits[j]);
    return model.bias + z + model.neighbour * (near.length ? Math.max(...near) : z);
  });
}
