// Work of the cross-source index over many items (the 50,000 mentions of a 1 MB source) can be done
// in steps: a generator yields after every `size` items. Core knows nothing of event loops: the
// language server drives such a generator one step per turn of its loop, so a hover waiting in the
// queue is answered in between (issue 15); everyone else runs it to the end at once (runSteps).

/** Items handled per step by default: a few ms of work (1,000 took up to 35 ms of claims on 1 MB of prose, scripts/bench-corpus-steps.ts). */
export const STEP_ITEMS = 250;

/** Work in steps: each `next()` does one step; the last returns the result. */
export type Steps<T = void> = Generator<void, T, void>;

/** Runs stepped work to its end at once. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Counts items done; `tick` says when a step is full (then the generator yields). */
export class StepCounter {
  private done = 0;

  constructor(readonly size = STEP_ITEMS) {}

  tick(items = 1): boolean {
    this.done += items;
    if (this.done < this.size) return false;
    this.done = 0;
    return true;
  }
}
