import type { Location } from 'vscode-languageserver';
import type { CorpusIndex } from '../core/corpus';
import { locationOf } from './crossSource';
import { findingsAt, type SourceState } from './sourceState';

/**
 * Find All References: on an entity, every mention of it across the workspace, aliases included;
 * on a quotation, every quotation of its speaker; on a claim, the claim and the claims of other
 * sources that state the same thing.
 */
export function referencesAt(corpus: CorpusIndex, state: SourceState, offset: number): Location[] {
  const found = findingsAt(state, offset);
  const entity = found.find((f) => f.kind === 'entity');
  if (entity) {
    const group = corpus.entityGroupOf(state.uri, entity.id);
    return group ? corpus.mentionsOf(group.id).map((m) => locationOf(corpus, m.sourceId, m.span)) : [];
  }
  const quotation = found.find((f) => f.kind === 'quotation');
  if (quotation) {
    const of = corpus.quotationsOfSpeaker(state.uri, quotation.id);
    if (of) return of.quotes.map((q) => locationOf(corpus, q.sourceId, q.quotation));
    const own = corpus.digest(state.uri)?.quotations.find((q) => q.findingId === quotation.id);
    return own ? [locationOf(corpus, state.uri, own)] : [];
  }
  const claim = found.find((f) => f.kind === 'claim');
  if (!claim) return [];
  const own = corpus.digest(state.uri)?.claims.find((c) => c.findingId === claim.id);
  if (!own) return [];
  return [locationOf(corpus, state.uri, own), ...corpus.linksFor(state.uri, claim.id).map((l) => locationOf(corpus, l.sourceId, l.claim))];
}

/** Go to Definition on an entity: its first mention in the workspace (earliest-published source first). */
export function definitionAt(corpus: CorpusIndex, state: SourceState, offset: number): Location | null {
  const entity = findingsAt(state, offset).find((f) => f.kind === 'entity');
  const group = entity && corpus.entityGroupOf(state.uri, entity.id);
  const first = group && corpus.firstMention(group.id);
  return first ? locationOf(corpus, first.sourceId, first.span) : null;
}
