// Tests of a word that run on every word of a source, by char codes: the regular expressions they
// stand for (noted on each) cost more there.

/** `/^\d+$/.test(w)` (ASCII digits). */
export function isDigits(w: string): boolean {
  if (!w.length) return false;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** `/['’]s$/.test(w)`: a possessive "'s" or "’s" at the end. */
export function isPossessive(w: string): boolean {
  const n = w.length;
  if (n < 2 || w.charCodeAt(n - 1) !== 115) return false; // "s"
  const q = w.charCodeAt(n - 2);
  return q === 39 || q === 0x2019;
}

/** `w.replace(/['’]s$/, '')`: the word without its possessive. */
export function withoutPossessive(w: string): string {
  return isPossessive(w) ? w.slice(0, -2) : w;
}
