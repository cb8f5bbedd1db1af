import * as l10n from '@vscode/l10n';
import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { describe } from '../core/kinds';
import { FINDING_KINDS } from '../core/model';
import { entityTypeWord, kindHeading, statusWord } from '../shared/words';
import type { TaggedFinding } from '../core/taggedFindings';
import { oneLine } from '../core/text/shorten';
import type { SourceState } from './sourceState';
import { ENTITY_SYMBOL_KIND } from './workspaceSymbols';

/** The Outline: a source's claims, entities (one per entity, at its first mention), dates and any other kind, grouped by kind. */
export function documentSymbols(doc: TextDocument, state: SourceState): DocumentSymbol[] {
  const range = (start: number, end: number): Range => ({ start: doc.positionAt(start), end: doc.positionAt(end) });
  const symbol = (name: string, detail: string, kind: SymbolKind, f: TaggedFinding): DocumentSymbol => ({
    name: name || '(empty)', detail, kind, range: range(f.start, f.end), selectionRange: range(f.start, f.end),
  });
  const tag = (f: TaggedFinding) => (f.annotation ? ` · ${statusWord(f.annotation.status)}` : '');
  const status = (f: TaggedFinding) => statusWord(f.annotation ? f.annotation.status : 'untagged');
  const findings = state.tagged.findings;

  const claims = findings.filter((f) => f.kind === 'claim').map((f) =>
    symbol(oneLine(f.text, 80), `${status(f)} · ${f.score.toFixed(2)}`, SymbolKind.String, f));

  const firstOf = new Map<string, { f: TaggedFinding; count: number }>();
  for (const f of findings) {
    if (f.kind !== 'entity') continue;
    const key = f.entity?.key ?? f.text.toLowerCase();
    const seen = firstOf.get(key);
    if (seen) seen.count++;
    else firstOf.set(key, { f, count: 1 });
  }
  const entities = [...firstOf.values()].map(({ f, count }) =>
    symbol(f.entity?.canonical ?? f.text, `${f.entity ? entityTypeWord(f.entity.type) : l10n.t('name')} · ${count === 1 ? l10n.t('{0} mention', count) : l10n.t('{0} mentions', count)}${tag(f)}`, ENTITY_SYMBOL_KIND[f.entity?.type ?? 'other'], f));

  const dates = findings.filter((f) => f.kind === 'date').map((f) =>
    symbol(oneLine(f.text, 60), `${f.date?.value ?? l10n.t('unresolved')}${f.date?.mod ? ` ${f.date.mod}` : ''}${tag(f)}`, SymbolKind.Number, f));

  const group = (name: string, kind: SymbolKind, children: DocumentSymbol[]): DocumentSymbol[] => {
    if (!children.length) return [];
    // A group spans its children so editors can nest and reveal them.
    const start = children.reduce((a, c) => (c.range.start.line < a.line || (c.range.start.line === a.line && c.range.start.character < a.character) ? c.range.start : a), children[0].range.start);
    const end = children.reduce((a, c) => (c.range.end.line > a.line || (c.range.end.line === a.line && c.range.end.character > a.character) ? c.range.end : a), children[0].range.end);
    return [{ name: `${name} (${children.length})`, kind, range: { start, end }, selectionRange: children[0].selectionRange, children }];
  };
  // Kinds without a layout of their own here are listed by their description.
  const others = FINDING_KINDS.filter((k) => k !== 'claim' && k !== 'entity' && k !== 'date').flatMap((k) => group(
    kindHeading(k), SymbolKind.Module,
    findings.filter((f) => f.kind === k).map((f) => symbol(oneLine(f.text, 80), [...describe(f).notes, status(f)].join(' · '), SymbolKind.String, f)),
  ));
  return [
    ...group(kindHeading('claim'), SymbolKind.Module, claims),
    ...group(kindHeading('entity'), SymbolKind.Module, entities),
    ...group(kindHeading('date'), SymbolKind.Module, dates),
    ...others,
  ];
}
