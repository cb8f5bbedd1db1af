import { SymbolKind, type SymbolInformation } from 'vscode-languageserver';
import type { CorpusIndex } from '../core/corpus';
import type { EntityType } from '../core/model';
import { locationOf } from './crossSource';
import { entityTypeWord } from '../shared/words';
import { mentionsInSources } from './hover';

export const ENTITY_SYMBOL_KIND: Record<EntityType, SymbolKind> = {
  person: SymbolKind.Object,
  organisation: SymbolKind.Class,
  place: SymbolKind.Namespace,
  product: SymbolKind.Package,
  event: SymbolKind.Event,
  other: SymbolKind.Constant,
};

const MAX_SYMBOLS = 500;

/** Each character of the query in order, case-insensitive (what editors do for Ctrl+T). */
function fuzzy(query: string, name: string): boolean {
  const q = query.toLowerCase().replace(/\s+/g, '');
  const n = name.toLowerCase();
  let i = 0;
  for (const c of n) if (c === q[i]) i++;
  return i === q.length;
}

/** Workspace Symbols: the entities of every source, each at its first mention, matched on any of its names. */
export function workspaceSymbols(corpus: CorpusIndex, query: string): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  for (const g of corpus.entityGroups()) {
    if (query && !g.names.some((n) => fuzzy(query, n))) continue;
    const first = corpus.firstMention(g.id);
    if (!first) continue;
    out.push({
      name: g.canonical,
      kind: ENTITY_SYMBOL_KIND[g.type],
      location: locationOf(corpus, first.sourceId, first.span),
      containerName: `${entityTypeWord(g.type)} · ${mentionsInSources(g.mentions, g.sources)}`,
    });
    if (out.length >= MAX_SYMBOLS) break;
  }
  return out;
}
