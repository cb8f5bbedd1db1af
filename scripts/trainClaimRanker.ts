// npm run train:claims [-- <clef dir>] [--cache <file>] [--errors] [--text <file>]   Fits the claim ranker (src/core/kinds/claim/claimRanker.ts)
// on the CLEF CheckThat! 2019 Task 1 training debates (../shared/eval/claims-clef2019-train, not in
// the project), prints its figures cross-validated by debate (leave one debate out: MAP, mean
// R-Precision, mean P@10 over the 19 debates, beside the rules alone), then fits it on all debates and
// writes the weights to src/core/kinds/claim/claimRankerWeights.json. Seeded: the same data gives the same file.
// --errors: the cross-validated ranker's errors by pattern; --text <file>: also fit a model from the
// sentence alone (no speaker, turn or neighbours) and write it there, to measure on news with
// scripts/claimErrors.ts; --cache <file>: keep the analysis of the debates between runs.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CONTEXT_FEATURES, rankerInputs, rankerLogit, transcriptSpeakers, withNeighbours, type RankerInput, type RankerModel, type RankerRow } from '../src/core/kinds/claim/claimRanker';
import { patternsOf, patternTable, type Pattern } from './claimPatterns';
import { withClaimRows } from '../src/eval/claimRows';
import { prng } from './prng';

const args = process.argv.slice(2);
const cacheAt = args.indexOf('--cache');
const cacheFile = cacheAt >= 0 ? args[cacheAt + 1] : undefined;
const showErrors = args.includes('--errors');
const textAt = args.indexOf('--text');
const textFile = textAt >= 0 ? args[textAt + 1] : undefined;
const SHARED = ['../shared', '../../shared'].map((p) => path.resolve(p, 'eval/claims-clef2019-train'));
// The first argument that is neither an option nor an option's value (an absent option's index is −1, so its "value" is not the first argument).
const valueOf = (at: number, i: number) => at >= 0 && i === at + 1;
const dir = args.find((a, i) => !a.startsWith('--') && !valueOf(cacheAt, i) && !valueOf(textAt, i)) ?? SHARED.find((p) => existsSync(p)) ?? SHARED[0];
const OUT = path.resolve('src/core/kinds/claim/claimRankerWeights.json');

/**
 * Hyperparameters (environment variables override them), picked on the leave-one-debate-out figures
 * from a handful of settings. Words (MINW: least rows a word needs) and the neighbour weight did not
 * help across debates, so they are off; pairwise training (PAIRS samples per check-worthy sentence)
 * ranked better than pointwise (PAIRS=0, also with POSW class weights) and than full-batch balanced
 * logistic regression (BATCH); more L2, epochs or seeds moved MAP by under 0.01.
 */
const env = (k: string, d: number) => Number(process.env[k] ?? d);
const L2 = env('L2', 1e-4);
const EPOCHS = env('EPOCHS', 5);
const RATE = env('RATE', 0.1);
const MIN_WORD_ROWS = env('MINW', Infinity);
const WSCALE = env('WSCALE', 1);
const POSW = env('POSW', 1);
const PAIRS = env('PAIRS', 20);
const NEIGHBOUR = env('NEIGHBOUR', 0);
const SEED = env('SEED', 16);
const SEEDS = env('SEEDS', 5);
/** DROP=a,b: features left out of both models (for ablations). */
const DROP = new Set((process.env.DROP ?? '').split(',').filter(Boolean));
/** BATCH > 0: full-batch logistic regression (Adam, BATCH steps), each debate's check-worthy and other rows weighed equally: deterministic. */
const BATCH = env('BATCH', 0);

interface GoldSentence { start: number; end: number; positive: boolean }
interface Debate { id: string; rows: RankerRow[]; speakers: string[]; gold: GoldSentence[]; names: string[]; inputs: RankerInput[]; labels: number[] }

function loadDebates(): Debate[] {
  if (cacheFile && existsSync(cacheFile)) {
    // The cache holds what the analysis found; the ranker's features are worked out again.
    return (JSON.parse(readFileSync(cacheFile, 'utf8')) as Debate[]).map((d) => {
      const speakers = transcriptSpeakers(d.rows) ?? [];
      return { ...d, speakers, ...without(rankerInputs(d.rows, speakers), DROP) };
    });
  }
  const file = path.join(dir, 'documents.jsonl');
  const docs = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as { id: string; text: string; sentences: { start: number; end: number; label: string }[] });
  const debates = withClaimRows((rowsOf) => docs.map((d): Debate => {
    const rows = rowsOf(d.text);
    const gold = d.sentences.map((s) => ({ start: s.start, end: s.end, positive: s.label === 'CFS' }));
    const speakers = transcriptSpeakers(rows);
    if (!speakers) throw new Error(`${d.id} is not recognised as a transcript`);
    const { names, inputs } = without(rankerInputs(rows, speakers), DROP);
    const labels = rows.map((r) => (gold.some((g) => g.positive && g.start < r.end && r.start < g.end) ? 1 : 0));
    process.stderr.write(`${d.id}: ${rows.length} sentences scored, ${gold.length} gold\n`);
    return { id: d.id, rows, speakers, gold, names, inputs, labels };
  }));
  if (cacheFile) writeFileSync(cacheFile, JSON.stringify(debates));
  return debates;
}


/** The average of models fitted with SEEDS different seeds (a linear model: the same as averaging their log-odds), steadier than one. */
function fit(debates: readonly Debate[]): RankerModel {
  if (BATCH) return fitBatch(debates);
  const models = Array.from({ length: SEEDS }, (_, i) => fitOnce(debates, SEED + i));
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const words: Record<string, number> = {};
  for (const k of Object.keys(models[0].words)) words[k] = avg(models.map((m) => m.words[k]));
  return { ...models[0], weights: models[0].weights.map((_, j) => avg(models.map((m) => m.weights[j]))), words, bias: avg(models.map((m) => m.bias)) };
}

/** Full-batch, balanced per debate, L2-regularised logistic regression by Adam; no words. */
function fitBatch(debates: readonly Debate[]): RankerModel {
  const names = debates[0].names;
  const dims = names.length + 1;
  const xs: number[][] = [];
  const ys: number[] = [];
  const ws: number[] = [];
  for (const d of debates) {
    const pos = d.labels.reduce((a, b) => a + b, 0);
    const neg = d.labels.length - pos;
    if (!pos || !neg) continue;
    d.inputs.forEach((x, i) => {
      xs.push([...x.dense, 1]);
      ys.push(d.labels[i]);
      ws.push(d.labels[i] ? POSW / pos : 1 / neg);
    });
  }
  const total = ws.reduce((a, b) => a + b, 0);
  const w = new Float64Array(dims);
  const m = new Float64Array(dims);
  const v = new Float64Array(dims);
  const grad = new Float64Array(dims);
  for (let t = 1; t <= BATCH; t++) {
    grad.fill(0);
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i];
      let z = 0;
      for (let k = 0; k < dims; k++) z += w[k] * x[k];
      const err = (ws[i] / total) * (1 / (1 + Math.exp(-z)) - ys[i]);
      for (let k = 0; k < dims; k++) if (x[k]) grad[k] += err * x[k];
    }
    for (let k = 0; k < dims; k++) {
      const g = grad[k] + (k < dims - 1 ? L2 * w[k] : 0);
      m[k] = 0.9 * m[k] + 0.1 * g;
      v[k] = 0.999 * v[k] + 0.001 * g * g;
      w[k] -= (RATE * (m[k] / (1 - 0.9 ** t))) / (Math.sqrt(v[k] / (1 - 0.999 ** t)) + 1e-8);
    }
  }
  return { dense: names, weights: [...w.slice(0, names.length)], words: {}, bias: w[dims - 1], neighbour: NEIGHBOUR };
}

/** L2-regularised logistic regression by AdaGrad over shuffled examples. */
function fitOnce(debates: readonly Debate[], seed: number): RankerModel {
  const names = debates[0].names;
  const wordRows = new Map<string, number>();
  for (const d of debates) for (const x of d.inputs) for (const w of x.words) wordRows.set(w, (wordRows.get(w) ?? 0) + 1);
  const vocab = [...wordRows.entries()].filter(([, c]) => c >= MIN_WORD_ROWS).map(([w]) => w).sort();
  const wordIndex = new Map(vocab.map((w, i) => [w, names.length + i]));
  const dims = names.length + vocab.length + 1;
  const bias = dims - 1;
  const w = new Float64Array(dims);
  const g2 = new Float64Array(dims).fill(1e-8);
  const encode = (x: RankerInput) => x.words.map((t) => wordIndex.get(t)).filter((k): k is number => k !== undefined);
  const next = prng(seed);
  const step = (k: number, grad: number) => {
    g2[k] += grad * grad;
    w[k] -= (RATE * grad) / Math.sqrt(g2[k]);
  };
  const score = (x: RankerInput, words: number[]) => {
    let z = w[bias];
    for (let k = 0; k < x.dense.length; k++) z += w[k] * x.dense[k];
    for (const k of words) z += WSCALE * w[k];
    return z;
  };
  /** Moves the weights along d(loss)/dz = `err` for one input (sign +1) or against it (sign -1). */
  const update = (x: RankerInput, words: number[], err: number) => {
    for (let k = 0; k < x.dense.length; k++) if (x.dense[k]) step(k, err * x.dense[k] + L2 * w[k]);
    for (const k of words) step(k, WSCALE * err + L2 * w[k]);
  };
  if (PAIRS) {
    // Pairwise: within a debate, each check-worthy sentence is to rank above sampled others (RankNet).
    const perDebate = debates.map((d) => {
      const items = d.inputs.map((x, i) => ({ x, y: d.labels[i], words: encode(x) }));
      return { pos: items.filter((e) => e.y), neg: items.filter((e) => !e.y) };
    });
    for (let epoch = 0; epoch < EPOCHS; epoch++) {
      for (const { pos, neg } of perDebate) {
        if (!neg.length) continue;
        for (const p of pos) {
          for (let r = 0; r < PAIRS; r++) {
            const n = neg[Math.floor(next() * neg.length)];
            const diff = score(p.x, p.words) - score(n.x, n.words);
            const err = -1 / (1 + Math.exp(diff));
            update(p.x, p.words, err);
            update(n.x, n.words, -err);
          }
        }
      }
    }
    // The bias is set afterwards (see main); pairwise training leaves it at 0.
  } else {
    const examples = debates.flatMap((d) => d.inputs.map((x, i) => ({ x, y: d.labels[i], words: encode(x) })));
    const order = examples.map((_, i) => i);
    for (let epoch = 0; epoch < EPOCHS; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      for (const i of order) {
        const { x, y, words } = examples[i];
        const err = (1 / (1 + Math.exp(-score(x, words))) - y) * (y ? POSW : 1);
        update(x, words, err);
        step(bias, err);
      }
    }
  }
  const words: Record<string, number> = {};
  vocab.forEach((t, i) => (words[t] = WSCALE * w[names.length + i]));
  return { dense: names, weights: [...w.slice(0, names.length)], words, bias: w[bias], neighbour: NEIGHBOUR };
}

const logitsOf = (model: RankerModel, d: Debate) => {
  const index = new Map(d.names.map((k, j) => [k, j]));
  return withNeighbours(d.inputs.map((x) => rankerLogit(model, x, index)), d.speakers, model);
};

/** Each gold sentence's score: the highest of the scored sentences it overlaps (unscored: lowest). */
function sentenceScores(d: Debate, rowScores: readonly number[]): number[] {
  return d.gold.map((g) => {
    let best = -Infinity;
    d.rows.forEach((r, i) => {
      if (r.start < g.end && g.start < r.end) best = Math.max(best, rowScores[i]);
    });
    return best;
  });
}

/** AP, R-Precision and P@10 of one debate's ranking (ties keep line order). */
function rankingFigures(d: Debate, scores: readonly number[]): { ap: number; rp: number; p10: number } {
  const order = d.gold.map((g, i) => ({ positive: g.positive, score: scores[i], i })).sort((a, b) => b.score - a.score || a.i - b.i);
  const relevant = order.filter((o) => o.positive).length;
  let hits = 0;
  let sum = 0;
  order.forEach((o, k) => {
    if (!o.positive) return;
    hits++;
    sum += hits / (k + 1);
  });
  const within = (n: number) => order.slice(0, n).filter((o) => o.positive).length;
  return { ap: relevant ? sum / relevant : 0, rp: relevant ? within(relevant) / relevant : 0, p10: within(10) / 10 };
}

function mean(figures: { ap: number; rp: number; p10: number }[]) {
  const avg = (k: 'ap' | 'rp' | 'p10') => figures.reduce((s, f) => s + f[k], 0) / figures.length;
  return { map: avg('ap'), rp: avg('rp'), p10: avg('p10') };
}

/** A moderator asks: at least this share of their lines are questions (candidates ask under 0.1). */
const MODERATOR_ASKS = 0.12;

/** The false positives in a debate's top R rows and its check-worthy rows below them, by pattern; a few examples of each. */
function collectErrors(d: Debate, logits: readonly number[], out: { fp: Pattern[][]; miss: Pattern[][]; examples: string[] }): void {
  const asks = new Map<string, [number, number]>();
  d.rows.forEach((r, i) => {
    const a = asks.get(d.speakers[i]) ?? [0, 0];
    asks.set(d.speakers[i], [a[0] + r.features.question, a[1] + 1]);
  });
  const moderator = (i: number) => {
    const [q, n] = asks.get(d.speakers[i]) ?? [0, 1];
    return asks.size > 1 && q / n >= MODERATOR_ASKS;
  };
  const order = logits.map((z, i) => i).sort((a, b) => logits[b] - logits[a] || a - b);
  const relevant = d.labels.reduce((s, y) => s + y, 0);
  order.forEach((i, rank) => {
    const top = rank < relevant;
    if (top === !!d.labels[i]) return;
    const patterns = patternsOf(d.rows[i].features, moderator(i));
    (top ? out.fp : out.miss).push(patterns);
    if (rank < 3 || (!top && rank > order.length * 0.8)) out.examples.push(`${top ? 'FP' : 'miss'} ${d.id} #${rank + 1} [${patterns.join(', ')}] ${d.rows[i].text.slice(0, 150)}`);
  });
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

/** The inputs without the named features. */
function without(x: { names: string[]; inputs: RankerInput[] }, drop: ReadonlySet<string>): { names: string[]; inputs: RankerInput[] } {
  const keep = x.names.map((k, j) => (drop.has(k) ? -1 : j)).filter((j) => j >= 0);
  return { names: keep.map((j) => x.names[j]), inputs: x.inputs.map((i) => ({ dense: keep.map((j) => i.dense[j]), words: i.words })) };
}

/** The same debates as text that is not a transcript: no speakers, and only the features of the sentence itself. */
function asText(d: Debate): Debate {
  const speakers = d.rows.map(() => '');
  return { ...d, speakers, ...without(rankerInputs(d.rows, speakers), new Set([...CONTEXT_FEATURES, ...DROP])) };
}

/**
 * Moves the bias so that the model flags (score ≥ 0.5) as large a share of the debates' sentences
 * as the rules do: 0.5 keeps its meaning, "flag", whatever the loss did to the bias.
 */
function calibrate(model: RankerModel, debates: readonly Debate[]): RankerModel {
  const all = debates.flatMap((d) => logitsOf(model, d)).sort((a, b) => b - a);
  const flaggedByRules = debates.reduce((s, d) => s + d.rows.filter((r) => r.logit >= 0).length, 0);
  return { ...model, bias: model.bias - all[Math.max(0, flaggedByRules - 1)] };
}

/** Held-out calibration: the shares flagged by the rules and by the model, and the check-worthy rate per score band. */
interface Calibration { rows: number; rules: number; model: number; bands: { n: number; positive: number }[] }
const BANDS = [0, 0.25, 0.5, 0.75];

function addCalibration(c: Calibration, d: Debate, logits: readonly number[]): void {
  logits.forEach((z, i) => {
    c.rows++;
    if (d.rows[i].logit >= 0) c.rules++;
    if (z >= 0) c.model++;
    const p = 1 / (1 + Math.exp(-z));
    const b = BANDS.findLastIndex((lo) => p >= lo);
    c.bands[b].n++;
    c.bands[b].positive += d.labels[i];
  });
}

const newCalibration = (): Calibration => ({ rows: 0, rules: 0, model: 0, bands: BANDS.map(() => ({ n: 0, positive: 0 })) });

function calibrationLine(name: string, c: Calibration): string {
  const pct = (k: number, n: number) => (n ? `${((100 * k) / n).toFixed(1)} %` : '–');
  return `| ${name} | ${pct(c.rules, c.rows)} | ${pct(c.model, c.rows)} | ${c.bands.map((b) => `${pct(b.positive, b.n)} of ${b.n}`).join(' | ')} |`;
}

const line = (name: string, m: ReturnType<typeof mean>) => `| ${name} | ${m.map.toFixed(3)} | ${m.rp.toFixed(3)} | ${m.p10.toFixed(3)} |`;

function shippable(model: RankerModel): RankerModel {
  const words = Object.fromEntries(Object.entries(model.words).filter(([, v]) => Math.abs(v) >= 0.01).map(([k, v]) => [k, round(v, 3)]));
  return { dense: model.dense, weights: model.weights.map((v) => round(v, 4)), words, bias: round(model.bias, 4), neighbour: model.neighbour };
}

function main(): void {
  const debates = loadDebates();
  const texts = debates.map(asText);
  const rules = debates.map((d) => rankingFigures(d, sentenceScores(d, d.rows.map((r) => r.logit))));
  const errors = { fp: [] as Pattern[][], miss: [] as Pattern[][], examples: [] as string[] };
  const heldOut = { transcript: newCalibration(), text: newCalibration() };
  const crossValidated = (set: Debate[], which: 'transcript' | 'text', neighbour: number) =>
    set.map((d, k) => {
      const model = calibrate({ ...fit(set.filter((_, j) => j !== k)), neighbour }, set.filter((_, j) => j !== k));
      const logits = logitsOf(model, d);
      addCalibration(heldOut[which], d, logits);
      if (showErrors && which === 'transcript') collectErrors(d, logits, errors);
      return rankingFigures(d, sentenceScores(d, logits));
    });
  const ranker = crossValidated(debates, 'transcript', NEIGHBOUR);
  const textRanker = crossValidated(texts, 'text', 0);
  process.stdout.write(
    `CLEF CheckThat! 2019 training debates (${debates.length}), leave-one-debate-out:\n| scorer | MAP | mean R-Precision | mean P@10 |\n|---|---|---|---|\n` +
      `${line('rules alone', mean(rules))}\n${line('ranker (transcripts)', mean(ranker))}\n${line('text ranker (sentence alone, not shipped; see --text)', mean(textRanker))}\n`,
  );
  process.stdout.write(
    `\nCalibration on the held-out debates (bias set on the others):\n| model | rules flag | model flags | check-worthy in [0, 0.25) | [0.25, 0.5) | [0.5, 0.75) | [0.75, 1] |\n|---|---|---|---|---|---|---|\n` +
      `${calibrationLine('transcripts', heldOut.transcript)}\n${calibrationLine('text', heldOut.text)}\n`,
  );
  if (showErrors) {
    process.stdout.write(`\nErrors of the cross-validated ranker (in each debate, the top R rows, R = its check-worthy rows):\n${patternTable(errors.fp, errors.miss)}\n${errors.examples.join('\n')}\n\n`);
  }

  // The shipped model: fitted on every debate, calibrated like the rules.
  const transcript = calibrate({ ...fit(debates), neighbour: NEIGHBOUR }, debates);
  const text = textFile ? calibrate({ ...fit(texts), neighbour: 0 }, texts) : transcript;
  const inSample = mean(debates.map((d) => rankingFigures(d, sentenceScores(d, logitsOf(transcript, d)))));
  process.stdout.write(`${line('ranker fitted on all (in-sample, optimistic; not a measurement)', inSample)}\n`);
  const json = `${JSON.stringify(shippable(transcript))}\n`;
  writeFileSync(`${OUT}.tmp`, json);
  renameSync(`${OUT}.tmp`, OUT);
  process.stdout.write(`Fitted on all ${debates.length} debates: ${transcript.dense.length} features, flags as many sentences as the rules; ${path.relative(process.cwd(), OUT)} ${json.length} bytes\n`);
  // The text model is not shipped (it ranks ClaimBuster below the rules); written on request, to measure it.
  if (textFile) {
    writeFileSync(textFile, `${JSON.stringify(shippable(text))}\n`);
    process.stdout.write(`Text model (${text.dense.length} features) written to ${textFile}\n`);
  }
}

main();
