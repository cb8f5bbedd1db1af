// How the cost of a piece of work grows with its input: CPU time (user + system, every thread of
// the process) rather than wall time, the best of several runs per size, judged by the exponent of
// a power law fitted over every size long enough to time. One steep doubling on a loaded machine
// (×2.65 was seen for linear work) moves the fitted exponent little; quadratic work fits 2.

const collect = (globalThis as { gc?: () => void }).gc;

/** CPU milliseconds `work` takes, after a full collection when the collector is exposed (--expose-gc). */
export function cpuMs(work: () => void): number {
  collect?.();
  const before = process.cpuUsage();
  work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

export interface GrowthPoint {
  size: number;
  /** Best CPU time over the runs so far. */
  ms: number;
}

export interface Growth {
  points: GrowthPoint[];
  /** k in time ∝ size^k, least squares on log–log over the points at or above the floor; NaN below two such points. */
  exponent: number;
  /** The steepest doubling among those points (time at the larger size / time at the smaller). */
  steepestStep: number;
}

export interface GrowthOptions {
  /** The largest fitted exponent that passes (1 is linear, 2 quadratic). */
  maxExponent: number;
  /** The most one step between sizes may grow, a guard for work that turns steep only at the top. */
  maxStep: number;
  /** Below this a run is too short to judge: noise, not growth. */
  floorMs: number;
  /** Extra runs of every size while the growth fails, each keeping the best time. */
  retries: number;
}

/** Least-squares slope of log(ms) on log(size). */
function fittedExponent(points: readonly GrowthPoint[]): number {
  if (points.length < 2) return Number.NaN;
  const xs = points.map((p) => Math.log(p.size));
  const ys = points.map((p) => Math.log(p.ms));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return num / den;
}

export function growthOf(points: readonly GrowthPoint[], floorMs: number): Growth {
  const timed = points.filter((p) => p.ms >= floorMs);
  let steepestStep = 0;
  for (let i = 1; i < timed.length; i++) steepestStep = Math.max(steepestStep, timed[i]!.ms / timed[i - 1]!.ms);
  return { points: [...points], exponent: fittedExponent(timed), steepestStep };
}

/** Whether growth passes: within both limits, or too short to judge (fewer than two timed sizes). */
export const withinLimit = (g: Growth, o: GrowthOptions) => Number.isNaN(g.exponent) || (g.exponent <= o.maxExponent && g.steepestStep <= o.maxStep);

/** Times `work` on `inputs` (sizes ascending), runs every size again while the growth fails, and returns the growth of the best times. */
export function measureGrowth<T>(inputs: readonly { size: number; input: T }[], work: (input: T) => void, options: GrowthOptions): Growth {
  const points = inputs.map((x) => ({ size: x.size, ms: cpuMs(() => work(x.input)) }));
  let growth = growthOf(points, options.floorMs);
  for (let retry = 0; retry < options.retries && !withinLimit(growth, options); retry++) {
    inputs.forEach((x, i) => (points[i]!.ms = Math.min(points[i]!.ms, cpuMs(() => work(x.input)))));
    growth = growthOf(points, options.floorMs);
  }
  return growth;
}

export const formatGrowth = (g: Growth) =>
  `k=${g.exponent.toFixed(2)}, steepest ×${g.steepestStep.toFixed(2)} (${g.points.map((p) => `${p.size / 1024} KB ${p.ms.toFixed(0)} ms`).join(', ')})`;
