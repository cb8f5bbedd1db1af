// Work on the server's main thread over many items (the 50,000 findings of a 1 MB source) is done
// a slice at a time, yielding to the event loop between slices, so that a hover or any request
// waiting in the queue is answered in between instead of after the whole run (issue 15: hover on
// another source within 100 ms while a big result lands).

/** Items of one slice by default: 1,000 diagnostics took up to 75 ms on a loaded machine (npm run bench:hover); 250 keep a slice to a few ms. */
export const SLICE_ITEMS = 250;

/** The largest slice run since the process started (or since `resetSliceStats`): tests assert on it, a count, not a time. */
let largest = 0;
let slices = 0;

export function sliceStats(): { largest: number; slices: number } {
  return { largest, slices };
}

export function resetSliceStats(): void {
  largest = 0;
  slices = 0;
}

/**
 * Turns of the event loop a yield takes. A request read in the first turn waits behind the yield's
 * own setImmediate twice: vscode-jsonrpc decodes it in an immediate of its reader's, then handles it
 * in one of its connection's. Going on in the third turn answers it before the next slice; going on
 * in the first answered it two slices later (hover while a workspace reopens: p50 6.2 → 3.2 ms).
 */
const YIELD_TURNS = 3;

/** Lets the event loop run what waits (I/O, a request) before going on. */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => {
    let turns = YIELD_TURNS;
    const next = (): void => {
      if (--turns > 0) setImmediate(next);
      else resolve();
    };
    setImmediate(next);
  });
}

/** Counts a slice of `size` items run without yielding (for work not sliced by `inSlices`). */
export function countSlice(size: number): void {
  slices++;
  if (size > largest) largest = size;
}

/**
 * Calls `each` on every item, `size` items at a time, yielding to the event loop between slices
 * (not before the first: a short list costs no extra turn of the loop).
 */
export async function inSlices<T>(items: readonly T[], each: (item: T, index: number) => void, size = SLICE_ITEMS): Promise<void> {
  for (let from = 0; from < items.length; from += size) {
    if (from > 0) await yieldToLoop();
    const to = Math.min(items.length, from + size);
    for (let i = from; i < to; i++) each(items[i]!, i);
    countSlice(to - from);
  }
}

/** Goes through items calling `each`: in slices (inSlices), or at once (atOnce). */
export type SliceRunner = <T>(items: readonly T[], each: (item: T, index: number) => void) => Promise<void>;

/** A SliceRunner that yields to nothing. */
export const atOnce: SliceRunner = async (items, each) => {
  for (let i = 0; i < items.length; i++) each(items[i]!, i);
};

/**
 * Drives stepped work of core (core/corpus/steps.ts) one step per turn of the event loop (the first
 * step at once: work of one step costs no extra turn). Counted as slices of `items` each.
 */
export async function inSteps<T = void>(steps: Iterator<unknown, T>, items: number): Promise<T> {
  for (;;) {
    const r = steps.next();
    countSlice(items);
    if (r.done) return r.value;
    await yieldToLoop();
  }
}
