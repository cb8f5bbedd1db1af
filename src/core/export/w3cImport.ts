// Reads Web Annotations (ours, or another tool's such as Hypothesis) into tags to merge.
// A status comes from a `tagging` body whose value is verified, speculative or contradicted.
import { TAG_STATUSES, type TagStatus } from '../model';
import { CodePointIndex } from './codePoints';
import { parseEvidence, type Evidence } from './evidence';
import { kindFromLabel } from '../kinds';
import { FINDING_KINDS } from '../model';
import type { ImportedTag } from './mergeImported';

export interface W3cEntry {
  /** The target's `source` IRI as written in the file. */
  source: string;
  tag: Omit<ImportedTag, 'exact' | 'start' | 'end'> & { exact?: string };
  /** TextPositionSelector offsets (code points), when given. */
  position?: { start: number; end: number };
}

export interface W3cParse {
  entries: W3cEntry[];
  /** Annotations that were left out, and why. */
  skipped: { origin: string; reason: string }[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const typeOf = (v: Json) => list(v.type ?? v['@type']).filter((t): t is string => typeof t === 'string');

/** Annotations in a collection, a page, an array, or a single annotation. */
function annotationsIn(doc: unknown): unknown[] {
  if (Array.isArray(doc)) return doc;
  if (!isObject(doc)) return [];
  const types = typeOf(doc);
  if (types.includes('AnnotationCollection')) {
    const pages: unknown[] = [];
    // A page may point to the next one inline; pages given only by IRI cannot be followed offline.
    for (let page: unknown = doc.first; isObject(page); page = page.next) for (const item of list(page.items)) pages.push(item);
    return pages;
  }
  if (types.includes('AnnotationPage')) return list(doc.items);
  return [doc];
}

function evidenceFrom(body: Json): Evidence | undefined {
  const source = str(body.source) ?? str(body.id);
  if (!source) return undefined;
  const selector = list(body.selector).find((s) => isObject(s) && typeOf(s).includes('TextQuoteSelector')) as Json | undefined;
  const quote = selector && str(selector.exact);
  // Without an identifier the quoted tag cannot be found, and the sidecar schema requires one: such a body is left out.
  if (quote !== undefined) return parseEvidence({ kind: 'annotation', source, annotationId: str(body.identifier), quote });
  return { kind: 'url', url: source };
}

function entryFrom(a: Json, origin: string): W3cEntry | string {
  let status: TagStatus | undefined;
  let label: string | undefined;
  const notes: string[] = [];
  const evidence: Evidence[] = [];
  for (const b of list(a.body)) {
    if (typeof b === 'string') {
      if (b) evidence.push({ kind: 'url', url: b });
      continue;
    }
    if (!isObject(b)) continue;
    const purpose = str(b.purpose);
    const value = str(b.value);
    if (purpose === 'tagging' && value && (TAG_STATUSES as readonly string[]).includes(value.toLowerCase())) status = value.toLowerCase() as TagStatus;
    else if (purpose === 'classifying' && value) label = value;
    else if (purpose === 'linking') {
      const e = evidenceFrom(b);
      if (e) evidence.push(e);
    } else if ((purpose === 'commenting' || purpose === undefined) && value !== undefined && typeOf(b).includes('TextualBody')) notes.push(value);
  }
  if (!status) return 'it has no tagging body with verified, speculative or contradicted';
  const kind = label === undefined ? 'claim' : kindFromLabel(label);
  if (!kind) return `its classifying body "${label}" is not a ${FINDING_KINDS.join(', ')} or entity type`;
  const target = list(a.target).find((t) => isObject(t) && str(t.source)) as Json | undefined;
  if (!target) return 'its target names no source';
  const selectors = list(target.selector).filter(isObject);
  const quote = selectors.find((s) => typeOf(s).includes('TextQuoteSelector'));
  const position = selectors.find((s) => typeOf(s).includes('TextPositionSelector'));
  const start = position?.start;
  const end = position?.end;
  const hasPosition = Number.isInteger(start) && Number.isInteger(end) && (start as number) >= 0 && (end as number) >= (start as number);
  if (!str(quote?.exact) && !hasPosition) return 'its target has neither a TextQuoteSelector nor a TextPositionSelector';
  return {
    source: str(target.source)!,
    tag: {
      origin, kind, status,
      ...(notes.length ? { note: notes.join('\n') } : {}),
      ...(evidence.length ? { evidence } : {}),
      ...(str(quote?.exact) ? { exact: str(quote!.exact)!, prefix: str(quote!.prefix) ?? '', suffix: str(quote!.suffix) ?? '' } : {}),
    },
    ...(hasPosition ? { position: { start: start as number, end: end as number } } : {}),
  };
}

export function parseW3c(doc: unknown): W3cParse {
  const out: W3cParse = { entries: [], skipped: [] };
  annotationsIn(doc).forEach((a, i) => {
    const origin = isObject(a) && str(a.id) ? str(a.id)! : `annotation #${i + 1}`;
    const entry = isObject(a) ? entryFrom(a, origin) : 'it is not a JSON object';
    if (typeof entry === 'string') out.skipped.push({ origin, reason: entry });
    else out.entries.push(entry);
  });
  return out;
}

/** The tag ready to merge into the source `text`: positions in UTF-16, the quote from the text if the file gave none. */
export function placeW3cEntry(text: string, index: CodePointIndex, entry: W3cEntry): ImportedTag | undefined {
  const start = entry.position && index.toUtf16(entry.position.start);
  const end = entry.position && index.toUtf16(entry.position.end);
  const positioned = start !== undefined && end !== undefined ? { start, end } : {};
  const exact = entry.tag.exact ?? (start !== undefined && end !== undefined ? text.slice(start, end) : undefined);
  if (!exact) return undefined;
  return { ...entry.tag, exact, ...positioned };
}
