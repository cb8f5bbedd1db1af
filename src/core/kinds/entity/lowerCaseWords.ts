// The words a source writes in lower case, counted, for markWrittenLower (index.ts): reading every
// token of 1 MB took ~10 ms of each keystroke. Kept between analyses by the same analyser, an edit
// recounts only the paragraphs that are not the last analysis's at the same place in the list
// (compared by their cached data, never trusted).
import type { Data } from 'vfile';
import type { Token } from '../../text/sentences';
import type { AnalysedParagraph } from '../kind';

/**
 * A paragraph's words that start with a lower-case letter (a–z), as often as it writes them, in one
 * string, space-separated (a word token holds no space): what the entity plugin keeps of the
 * paragraph's tokens (`lowerWords`). The analyser caches each paragraph's data; its token objects were
 * ~40 % of it, and a string per word still ~20 %.
 */
export function lowerCaseWordsOf(sentences: readonly { tokens: readonly Pick<Token, 'text'>[] }[]): string {
  const words: string[] = [];
  for (const s of sentences) {
    for (const t of s.tokens) {
      const c = t.text.charCodeAt(0);
      if (c >= 97 && c <= 122) words.push(t.text);
    }
  }
  // join makes one flat string; appending would keep a rope of a node per word.
  return words.join(' ');
}

export class LowerCaseWords {
  /** The paragraphs counted, in text order; empty when nothing is counted. */
  private counted: Data[] = [];
  private readonly counts = new Map<string, number>();

  /** Counts the words of `paragraphs`, recounting only those that differ from the last call's. */
  update(paragraphs: readonly AnalysedParagraph[]): void {
    const before = this.counted;
    let head = 0;
    while (head < before.length && head < paragraphs.length && before[head] === paragraphs[head]!.data) head++;
    let tail = 0;
    while (tail < before.length - head && tail < paragraphs.length - head && before[before.length - 1 - tail] === paragraphs[paragraphs.length - 1 - tail]!.data) tail++;
    if (head === 0 && tail === 0) this.counts.clear();
    else for (let i = head; i < before.length - tail; i++) this.add(before[i]!, -1);
    for (let i = head; i < paragraphs.length - tail; i++) this.add(paragraphs[i]!.data, 1);
    this.counted = paragraphs.map((p) => p.data);
  }

  /** Forgets what was counted (the next update counts every paragraph). */
  clear(): void {
    this.counted = [];
    this.counts.clear();
  }

  /** Whether the counted paragraphs write `word` (lower case) as a token. */
  has(word: string): boolean {
    return this.counts.has(word);
  }

  private add(data: Data, by: 1 | -1): void {
    const words = data.lowerWords;
    if (!words) return;
    // Word by word as split(' ') cuts them, without the list of them.
    for (let from = 0; ; ) {
      const space = words.indexOf(' ', from);
      const w = words.slice(from, space < 0 ? words.length : space);
      const n = (this.counts.get(w) ?? 0) + by;
      if (n > 0) this.counts.set(w, n);
      else this.counts.delete(w);
      if (space < 0) break;
      from = space + 1;
    }
  }
}
