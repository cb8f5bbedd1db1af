// Objects an answer's maker hands over again, unchanged, in later answers (an Outline's symbols, the
// view's findings that an edit did not move): the stdio writer keeps their bytes, as it does a
// publish's diagnostics (slicedWriter.ts). Such an object is never changed once made. Apart from the
// writer so that what makes answers in an index worker does not bring the protocol library along.

const marked = new WeakSet<object>();

/** Marks `item` as one that later answers will hold again as it is. */
export function sentAgainLater<T extends object>(item: T): T {
  marked.add(item);
  return item;
}

export function isSentAgain(item: object): boolean {
  return marked.has(item);
}
