/** Past this length the library's sort is the faster. */
const SHORT = 32;

/**
 * `list.sort(compare)` (stable) in place: an insertion sort for a short list, which leaves one
 * already in order as it is, where the library's sort copies every list into a work array first
 * (half of what the entity kind's combining allocated). The detectors sort a sentence's handful.
 */
export function sortInPlace<T>(list: T[], compare: (a: T, b: T) => number): T[] {
  const n = list.length;
  if (n > SHORT) return list.sort(compare);
  for (let i = 1; i < n; i++) {
    const item = list[i]!;
    let j = i - 1;
    // An item moves before only those that sort after it: equal ones keep their order.
    while (j >= 0 && compare(list[j]!, item) > 0) {
      list[j + 1] = list[j]!;
      j--;
    }
    list[j + 1] = item;
  }
  return list;
}
