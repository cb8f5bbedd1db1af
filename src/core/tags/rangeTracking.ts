// Keeps tag ranges in step with edits made in the editor, one text replacement at a time.
import type { Span } from '../taggedFindings';

/** A replacement of [start, end) (offsets in the text before it) by `length` new characters. */
export interface TextChange {
  start: number;
  end: number;
  length: number;
}

/**
 * Where `span` is after `change`. Text typed before the span moves it, after it leaves it alone, and
 * inside it becomes part of it (the user corrected the tagged sentence). Typing at either edge stays
 * outside: a new sentence typed right after a tagged claim is not part of it. A replacement that
 * covers the whole span leaves an empty span, and the quote decides where the tag went.
 */
export function transformSpan(span: Span, change: TextChange): Span {
  const delta = change.length - (change.end - change.start);
  if (change.end <= span.start) {
    // Entirely before (an insertion exactly at the start counts as before).
    return change.start === change.end && change.start === span.start && span.start === span.end
      ? span
      : { start: span.start + delta, end: span.end + delta };
  }
  if (change.start >= span.end) return span;
  if (change.start <= span.start && change.end >= span.end) return { start: change.start, end: change.start };
  const start = change.start < span.start ? change.start + change.length : span.start;
  const end = change.end > span.end ? change.start + change.length : span.end + delta;
  return { start, end: Math.max(start, end) };
}

/** Applies `changes` in order (each in the coordinates left by the previous) to every span. */
export function transformSpans<K>(spans: Map<K, Span>, changes: readonly TextChange[]): void {
  for (const change of changes) {
    for (const [key, span] of spans) spans.set(key, transformSpan(span, change));
  }
}
