import type { Annotation, Evidence } from '../tags/annotation';

/** What backs a verdict: a quote from another source's tag, or a web page. */
export type { Evidence };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseEvidence(v: unknown): Evidence | undefined {
  if (!isObject(v)) return undefined;
  if (v.kind === 'url' && typeof v.url === 'string' && v.url) return { kind: 'url', url: v.url };
  if (v.kind === 'annotation' && typeof v.source === 'string' && typeof v.annotationId === 'string' && typeof v.quote === 'string') {
    return { kind: 'annotation', source: v.source, annotationId: v.annotationId, quote: v.quote };
  }
  return undefined;
}

/** The evidence on a tag; malformed entries (a hand-edited sidecar) are left out. */
export function evidenceOf(a: Annotation): Evidence[] {
  const raw: unknown = a.evidence;
  return Array.isArray(raw) ? raw.map(parseEvidence).filter((e): e is Evidence => e !== undefined) : [];
}

/** One line of plain text per evidence item, for tables and notes. */
export function describeEvidence(e: Evidence): string {
  return e.kind === 'url' ? e.url : `${e.source}: “${e.quote}” (${e.annotationId})`;
}
