// How the cost of a piece of work grows with its input: CPU time (user + system, every thread of
// the process) rather than wall time, the best of several runs where a step looks too steep, so a
// loaded machine does not make a linear algorithm look quadratic.

const collect = (globalThis as { gc?: () => void }).gc;

/** CPU milliseconds `work` takes, after a full collection when the collector is exposed (--expose-gc). */
export function cpuMs(work: () => void): number {
  collect?.();
  const before = process.cpuUsage();
  work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

export interface GrowthStep {
  from: number;
  to: number;
  msFrom: number;
  msTo: number;
  ratio: number;
}

export interface GrowthOptions {
  /** The most a step may grow (time at 2n / time at n). */
  limit: number;
  /** Below this the larger run is too short to judge: noise, not growth. */
  floorMs: number;
  /** Extra runs of a step that looks too steep, each keeping the best time of both sizes. */
  retries: number;
}

/** Times `work` on `inputs` (sizes ascending) and returns every step, each measured again while it exceeds the limit. */
export function measureGrowth<T>(inputs: readonly { size: number; input: T }[], work: (input: T) => void, options: GrowthOptions): GrowthStep[] {
  const best = inputs.map((x) => cpuMs(() => work(x.input)));
  const steps: GrowthStep[] = [];
  for (let i = 1; i < inputs.length; i++) {
    const steep = () => best[i]! >= options.floorMs && best[i]! / best[i - 1]! > options.limit;
    for (let retry = 0; retry < options.retries && steep(); retry++) {
      best[i - 1] = Math.min(best[i - 1]!, cpuMs(() => work(inputs[i - 1]!.input)));
      best[i] = Math.min(best[i]!, cpuMs(() => work(inputs[i]!.input)));
    }
    steps.push({ from: inputs[i - 1]!.size, to: inputs[i]!.size, msFrom: best[i - 1]!, msTo: best[i]!, ratio: best[i]! / best[i - 1]! });
  }
  return steps;
}

/** Whether a step passes: within the limit, or too short to judge. */
export const withinLimit = (s: GrowthStep, o: GrowthOptions) => s.msTo < o.floorMs || s.ratio <= o.limit;

export const formatStep = (s: GrowthStep) => `${s.from / 1024}→${s.to / 1024} KB: ${s.msFrom.toFixed(0)}→${s.msTo.toFixed(0)} ms (×${s.ratio.toFixed(2)})`;
