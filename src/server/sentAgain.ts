// Objects a message's maker hands over again, unchanged, in later messages (a publish's diagnostics,
// an Outline's symbols, the view's findings that an edit did not move): the stdio writer keeps their
// bytes (slicedWriter.ts). Such an object is never changed once made. Apart from the writer so that
// what makes answers in an index worker does not bring the protocol library along.
import type { LspRange } from '../shared/protocol';

const marked = new WeakSet<object>();

/** Marks `item` as one that later answers will hold again as it is. */
export function sentAgainLater<T extends object>(item: T): T {
  marked.add(item);
  return item;
}

export function isSentAgain(item: object): boolean {
  return marked.has(item);
}

/** Whether two editor ranges are the same place: an object made for one is handed over again only there. */
export function sameRange(a: LspRange, b: LspRange): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
