/**
 * `compute` with its last result kept: a rule that reads its whole sentence for every match ("is the
 * sentence about the future?") reads a sentence of a thousand matches once, not a thousand times.
 */
export function memoLast<T>(compute: (text: string) => T): (text: string) => T {
  let last: { text: string; value: T } | undefined;
  return (text) => {
    if (last?.text !== text) last = { text, value: compute(text) };
    return last.value;
  };
}
