// W3C Web Annotation Data Model (JSON-LD): one AnnotationCollection holding an Annotation per
// finding or tag. The target names the source and carries a TextQuoteSelector (quote with
// context, which survives edits) and a TextPositionSelector (code point offsets).
import { noteOf } from '../tags/noteThread';
import type { TaggedFinding } from '../taggedFindings';
import type { Annotation } from '../tags/annotation';
import { makeQuoteTarget } from '../tags/quoteSelector';
import { CodePointIndex } from './codePoints';
import type { Evidence } from './evidence';
import { describe } from '../kinds';
import { selectFindings, type ExportScope, type ExportSource } from './exportSource';

export const W3C_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

export interface W3cOptions {
  scope: ExportScope;
}

type Body = Record<string, unknown>;

function textBody(purpose: string, value: string): Body {
  return { type: 'TextualBody', purpose, value, format: 'text/plain' };
}

function evidenceBody(e: Evidence): Body {
  if (e.kind === 'url') return { type: 'SpecificResource', purpose: 'linking', source: e.url };
  return {
    type: 'SpecificResource',
    purpose: 'linking',
    source: e.source,
    selector: { type: 'TextQuoteSelector', exact: e.quote },
    // The other tag's id inside that source's sidecar, so a reader can find it exactly.
    identifier: e.annotationId,
  };
}

function bodies(label: string, tag: Annotation | undefined, f?: TaggedFinding): Body[] {
  const out = [textBody('classifying', label)];
  const d = f && describe(f);
  if (d?.value) out.push(textBody('describing', d.value));
  if (d?.canonical && d.canonical !== f!.text) out.push(textBody('identifying', d.canonical));
  if (tag) {
    out.push(textBody('tagging', tag.status));
    if (noteOf(tag)) out.push(textBody('commenting', noteOf(tag)!));
    out.push(...(tag.evidence ?? []).map(evidenceBody));
  }
  return out;
}

const fragment = (id: string) => encodeURIComponent(id);

function annotationJson(source: ExportSource, index: CodePointIndex, f: TaggedFinding) {
  const tag = f.annotation;
  const id = tag ? tag.id : `${f.kind}-${f.start}-${f.end}`;
  const quote = tag && tag.target.start === f.start && tag.target.end === f.end
    ? tag.target
    : makeQuoteTarget(source.text, f.start, f.end);
  return {
    id: `${source.iri}#${fragment(id)}`,
    type: 'Annotation',
    // A tag is a verdict on the text; an untagged finding only says what the text is.
    motivation: tag ? 'assessing' : 'classifying',
    ...(tag ? { created: tag.createdAt, modified: tag.updatedAt } : {}),
    body: bodies(describe(f).label, tag, f),
    target: {
      source: source.iri,
      selector: [
        { type: 'TextQuoteSelector', exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix },
        { type: 'TextPositionSelector', start: index.toCodePoints(f.start), end: index.toCodePoints(f.end) },
      ],
    },
  };
}

/** An orphan's text is gone, so only its quote is given: a reader can re-find it if it returns. */
function orphanJson(source: ExportSource, tag: Annotation) {
  return {
    id: `${source.iri}#${fragment(tag.id)}`,
    type: 'Annotation',
    motivation: 'assessing',
    created: tag.createdAt,
    modified: tag.updatedAt,
    body: bodies(tag.kind, tag),
    target: {
      source: source.iri,
      selector: [{ type: 'TextQuoteSelector', exact: tag.target.exact, prefix: tag.target.prefix, suffix: tag.target.suffix }],
    },
  };
}

export function toW3c(sources: readonly ExportSource[], options: W3cOptions) {
  const items = sources.flatMap((s) => {
    const index = new CodePointIndex(s.text);
    return [...selectFindings(s, options.scope).map((f) => annotationJson(s, index, f)), ...s.orphans.map((o) => orphanJson(s, o))];
  });
  return {
    '@context': W3C_CONTEXT,
    type: 'AnnotationCollection',
    label: 'Sourcemark findings and tags',
    total: items.length,
    first: { type: 'AnnotationPage', startIndex: 0, items },
  };
}
