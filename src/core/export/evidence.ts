import type { Evidence } from '../tags/annotation';

/** What backs a verdict: a quote from another source's tag, or a web page. */
export type { Evidence };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/**
 * An evidence item read from an import file, or undefined when the sidecar schema would refuse it
 * (same required fields and non-empty strings as sidecar-v2's evidence items; extra keys dropped).
 */
export function parseEvidence(v: unknown): Evidence | undefined {
  if (!isObject(v)) return undefined;
  if (v.kind === 'url' && nonEmpty(v.url)) {
    // What the user said about the page travels with it; a field of the wrong shape is dropped, not the page.
    return {
      kind: 'url', url: v.url,
      ...(nonEmpty(v.title) ? { title: v.title } : {}),
      ...(typeof v.accessed === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v.accessed) ? { accessed: v.accessed } : {}),
      ...(nonEmpty(v.quote) ? { quote: v.quote } : {}),
    };
  }
  if (v.kind === 'annotation' && nonEmpty(v.source) && nonEmpty(v.annotationId) && typeof v.quote === 'string') {
    return { kind: 'annotation', source: v.source, annotationId: v.annotationId, quote: v.quote };
  }
  return undefined;
}

/** One line of plain text per evidence item, for tables and notes. */
export function describeEvidence(e: Evidence): string {
  if (e.kind !== 'url') return `${e.source}: “${e.quote}” (${e.annotationId})`;
  if (!e.title && !e.accessed && !e.quote) return e.url;
  return `${e.title ? `${e.title} ` : ''}<${e.url}>${urlDetails(e)}`;
}

/** " (read 2026-11-22): “quote”": what a cited page's title and address do not say. */
export function urlDetails(e: Extract<Evidence, { kind: 'url' }>): string {
  return `${e.accessed ? ` (read ${e.accessed})` : ''}${e.quote ? `: “${e.quote}”` : ''}`;
}
