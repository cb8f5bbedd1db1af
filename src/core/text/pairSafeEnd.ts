// Text cut into slices (a piece of a long paragraph, a text hashed or written a slice at a time)
// must not cut between the two halves of a surrogate pair: each half alone is a lone surrogate,
// which UTF-8 and JSON write differently from the pair.

/**
 * The end of a slice of `text` from `from` to about `end`: `end`, one before it when `end` falls
 * between the halves of a pair, or one after it when that would leave the slice empty.
 */
export function pairSafeEnd(text: string, from: number, end: number): number {
  if (end >= text.length) return text.length;
  const first = text.charCodeAt(end - 1);
  const second = text.charCodeAt(end);
  if (first < 0xd800 || first > 0xdbff || second < 0xdc00 || second > 0xdfff) return end;
  return end - 1 > from ? end - 1 : end + 1;
}
