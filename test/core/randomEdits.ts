// Random edits for property tests of incremental work (fast-check): where, how much to remove and
// what to insert, drawn from pieces that change what the detectors see.
import fc from 'fast-check';

/** What edits insert: words, names, dates, figures, quotes, sentence ends, line and paragraph breaks, non-ASCII. */
export const EDIT_PIECES = [' ', 'the ', 'said ', ' Xiaomi', 'Lei Jun said ', ' on March 3, 2018', ' last week', ' 20%', ' $3 billion', '"', '“', '”',
  '.', '. ', '?', '\n', '\n\n', '\r\n', 'Posted on Jan 5, 2016\n\n', 'plans to ', 'could ', ' not', 'é', '😀', 'According to Reuters, '];

export interface RandomEdit { at: number; remove: number; insert: string }

/** An edit at a relative place (0–1) of the text, removing up to 40 characters and inserting up to `maxPieces` pieces. */
export const editArb = (maxPieces = 5): fc.Arbitrary<RandomEdit> => fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 40 })),
  insert: fc.oneof(fc.constant(''), fc.constantFrom(...EDIT_PIECES), fc.array(fc.constantFrom(...EDIT_PIECES), { minLength: 2, maxLength: maxPieces }).map((p) => p.join(''))),
});

export function applyEdit(text: string, e: RandomEdit): string {
  const at = Math.min(text.length, Math.floor(e.at * text.length));
  return text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
}
