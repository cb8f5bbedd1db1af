// A finding moved by an edit, as text/movedCopies.ts `moved` makes it, for the shapes nearly every
// finding has: offsets only in its span and its cues. Two spreads of a known shape rather than a
// walk through every nested value (an entity's info and aliases, a date's value): the main thread
// moves about half of a 1 MB source's findings on every keystroke (server/analysisWire.ts).
// test/core/movedFinding.test.ts holds it to `moved` for every finding of the sample sources.
import type { Finding } from './model';
import type { TaggedFinding } from './taggedFindings';
import { asMovedCopy, moved } from './text/movedCopies';

export function movedFinding<T extends Finding>(f: T, shift: number): T {
  if (shift === 0) return f;
  // These hold offsets deeper down: a quotation's speaker, a tag's target and its anchor.
  if (f.quotation || (f as TaggedFinding).annotation || (f as TaggedFinding).anchor) return moved(f, shift);
  const out = { ...f, start: f.start + shift, end: f.end + shift };
  if (f.cues.length) out.cues = f.cues.map((c) => ({ ...c, start: c.start + shift, end: c.end + shift }));
  return asMovedCopy(out, f);
}
