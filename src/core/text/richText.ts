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

/**
 * A translated template ("Speaker: {0} ({1})", from l10n.t without arguments) with each {n}
 * replaced by the n-th rich text, so that source text stays apart in any language's word order.
 */
export function fillRich(template: string, ...fills: ReadonlyArray<Run | RichText>): Run[] {
  const out: Run[] = [];
  const parts = template.split(/\{(\d+)\}/);
  parts.forEach((part, i) => {
    if (i % 2 === 0) {
      if (part) out.push(part);
      return;
    }
    const fill = fills[Number(part)];
    if (fill === undefined) out.push(`{${part}}`);
    else if (typeof fill === 'string' || !Array.isArray(fill)) out.push(fill as Run);
    else out.push(...(fill as RichText));
  });
  return out;
}
