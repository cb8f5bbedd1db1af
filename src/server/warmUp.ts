// The analyser's first sentence costs a few hundred ms (V8 compiles the detectors' regular
// expressions, chrono-node builds its parsers): Analyzer.warmUp pays that ahead of the first source.
// Run on the main thread right after `initialized`, it held up the editor's first requests (the
// first hover took 0.8 s quiet, over 2.5 s loaded). It now runs only while the server has nothing
// else to do: after a pause in which the client opened nothing, one sentence per turn of the event
// loop, and not at all once a source is open, since analysing that source warms the analyser up
// anyway, and a warm-up step then would only delay it. While the workspace index is being built or
// loaded it waits: that is what the user is waiting for (107 ms of a 1.7 s reopening of 2,001
// sources was warm-up), and the index's threads warm up their own analysers.
import type { Analyzer } from '../core/analyzer';

/** How long after `initialized` the warm-up waits for the client to open its first source. */
export const WARM_UP_DELAY_MS = 300;
/** Sentences analysed to warm up: V8 interprets a regular expression on its first run and compiles it on the next. */
export const WARM_UP_ROUNDS = 2;

export interface WarmUp {
  /** Steps run so far (for tests). */
  readonly steps: number;
  dispose(): void;
}

/**
 * Warms `analyzer` up while `busy()` is false (no source open), a step per turn of the event loop,
 * starting after `delayMs`. While `waiting()` (the index is at work) it tries again `delayMs` later.
 */
export function warmUpWhenIdle(analyzer: Analyzer, busy: () => boolean, delayMs = WARM_UP_DELAY_MS, waiting: () => boolean = () => false): WarmUp {
  let steps = 0;
  let stopped = false;
  let handle: NodeJS.Timeout | NodeJS.Immediate | undefined;
  const later = () => {
    const timer = setTimeout(step, delayMs);
    timer.unref();
    handle = timer;
  };
  const step = () => {
    if (stopped || busy() || analyzer.lastStats.paragraphs > 0 || steps >= WARM_UP_ROUNDS) return;
    if (waiting()) return later();
    analyzer.warmUp(1);
    steps++;
    handle = setImmediate(step);
  };
  later();
  return {
    get steps() {
      return steps;
    },
    dispose() {
      stopped = true;
      clearTimeout(handle as NodeJS.Timeout);
      clearImmediate(handle as NodeJS.Immediate);
    },
  };
}
