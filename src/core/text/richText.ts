// Text for people that each output renders its own way (a hover's Markdown, a diagnostic's plain
// line, a report's HTML). Our own words are plain strings; what came from the source is kept apart,
// so every renderer escapes it.
import { escapeHtml, escapeMarkdown } from './escape';

export type Run =
  /** Our own wording: safe in every output as it is. */
  | string
  /** Text taken from a source (a name, a quote, a cue): untrusted, escaped by each renderer. */
  | { source: string }
  /** A value or a setting name, shown as code where the output can. */
  | { code: string }
  /** A word to stress, where the output can. */
  | { em: string };

export type RichText = readonly Run[];

/** Joins rich texts with a separator of our own words: `[a, ', ', b]`. */
export function joinRich(parts: readonly RichText[], separator: string): Run[] {
  return parts.flatMap((p, i) => (i === 0 ? [...p] : [separator, ...p]));
}

export function toPlain(text: RichText): string {
  return text.map((r) => (typeof r === 'string' ? r : 'source' in r ? r.source : 'code' in r ? r.code : r.em)).join('');
}

/** Inline Markdown (hovers, Markdown reports). */
export function toMarkdown(text: RichText): string {
  return text
    .map((r) => (typeof r === 'string' ? r : 'source' in r ? escapeMarkdown(r.source) : 'code' in r ? `\`${r.code}\`` : `*${r.em}*`))
    .join('');
}

export function toHtml(text: RichText): string {
  return text
    .map((r) => (typeof r === 'string' ? escapeHtml(r) : 'source' in r ? escapeHtml(r.source) : 'code' in r ? `<code>${escapeHtml(r.code)}</code>` : `<em>${escapeHtml(r.em)}</em>`))
    .join('');
}
