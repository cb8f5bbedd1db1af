// Counts in messages, grouped as en-US writes them ("12,345"). Without ICU: Node's first
// toLocaleString or Intl.NumberFormat loads its number data, 26 ms of CPU, which held the language
// server's main thread while a reopened workspace's progress message was first written.

const GROUPS = /\B(?=(\d{3})+(?!\d))/g;

/** `n` as `n.toLocaleString('en-US')` writes it, for safe integers; other numbers go to that. */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US');
  return String(n).replace(GROUPS, ',');
}

/** `n` and a noun, plural unless `n` is 1: "1 source", "2,001 sources". */
export const plural = (n: number, one: string, many = `${one}s`): string => `${formatCount(n)} ${n === 1 ? one : many}`;
