import * as l10n from '@vscode/l10n';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { describe } from '../core/kinds';
import { FINDING_KINDS, type FindingKind } from '../core/model';
import { entityTypeWord, kindHeading, statusWord } from '../shared/words';
import type { TaggedFinding } from '../core/taggedFindings';
import { sameContentAs } from '../core/text/movedCopies';
import { oneLine } from '../core/text/shorten';
import { atOnce, type SliceRunner } from './slices';
import { sameRange, sentAgainLater } from './sentAgain';
import type { SourceState } from './sourceState';
import { ENTITY_SYMBOL_KIND } from './workspaceSymbols';

/**
 * A symbol's words (name and detail) for a claim, a date or another kind, kept with the finding they
 * were made for (its first original: a copy an edit moved finds them) and the language: editors ask
 * for the Outline after every edit, and a 1 MB source's 7,000 symbols were made anew each time.
 * An entity's detail counts its mentions in the source: made each time.
 */
const words = new WeakMap<object, { language: string; name: string; detail: string }>();

/**
 * A source's symbols as last answered, by finding id, and those of this answer: after an edit nearly
 * all say what they said and sit where they sat (lines and characters, not offsets), and are handed
 * over as the same objects, whose JSON the writer keeps (`sentAgainLater`): a 1 MB source's Outline
 * is 1.85 MB of JSON, asked for after every edit.
 */
export interface SymbolReuse {
  readonly before: ReadonlyMap<string, DocumentSymbol>;
  readonly now: Map<string, DocumentSymbol>;
}

/**
 * The Outline: a source's claims, entities (one per entity, at its first mention), dates and any
 * other kind, grouped by kind. `run` goes through the findings (a slice per turn of the event loop
 * in the server: a 1 MB source's held it 57–76 ms), `doc` unchanged meanwhile.
 */
export async function documentSymbols(doc: TextDocument, state: SourceState, run: SliceRunner = atOnce, reuse?: SymbolReuse): Promise<DocumentSymbol[]> {
  const language = l10n.t('Claim');
  const symbol = (label: string, detail: string, kind: SymbolKind, f: TaggedFinding): DocumentSymbol => {
    const name = label || '(empty)';
    const start = doc.positionAt(f.start);
    const end = doc.positionAt(f.end);
    const last = reuse?.before.get(f.id);
    const same = last && last.name === name && last.detail === detail && last.kind === kind && sameRange(last.range, { start, end });
    const made = same ? last : sentAgainLater<DocumentSymbol>({ name, detail, kind, range: { start, end }, selectionRange: { start, end } });
    reuse?.now.set(f.id, made);
    return made;
  };
  const tag = (f: TaggedFinding) => (f.annotation ? ` · ${statusWord(f.annotation.status)}` : '');
  const status = (f: TaggedFinding) => statusWord(f.annotation ? f.annotation.status : 'untagged');
  const wordsOf = (f: TaggedFinding): { name: string; detail: string } => {
    const origin = sameContentAs(f);
    const known = words.get(origin);
    if (known?.language === language) return known;
    const made = { language, ...(
      f.kind === 'claim' ? { name: oneLine(f.text, 80), detail: `${status(f)} · ${f.score.toFixed(2)}` }
        : f.kind === 'date' ? { name: oneLine(f.text, 60), detail: `${f.date?.value ?? l10n.t('unresolved')}${f.date?.mod ? ` ${f.date.mod}` : ''}${tag(f)}` }
          : { name: oneLine(f.text, 80), detail: [...describe(f).notes, status(f)].join(' · ') }) };
    words.set(origin, made);
    return made;
  };
  const symbolKind = (kind: FindingKind) => (kind === 'date' ? SymbolKind.Number : SymbolKind.String);

  const byKind = new Map<FindingKind, DocumentSymbol[]>(FINDING_KINDS.map((k) => [k, []]));
  const firstOf = new Map<string, { f: TaggedFinding; count: number }>();
  await run(state.tagged.findings, (f) => {
    if (f.kind !== 'entity') {
      const w = wordsOf(f);
      byKind.get(f.kind)!.push(symbol(w.name, w.detail, symbolKind(f.kind), f));
      return;
    }
    const key = f.entity?.key ?? f.text.toLowerCase();
    const seen = firstOf.get(key);
    if (seen) seen.count++;
    else firstOf.set(key, { f, count: 1 });
  });
  const entities = byKind.get('entity')!;
  await run([...firstOf.values()], ({ f, count }) => {
    entities.push(symbol(f.entity?.canonical ?? f.text, `${f.entity ? entityTypeWord(f.entity.type) : l10n.t('name')} · ${count === 1 ? l10n.t('{0} mention', count) : l10n.t('{0} mentions', count)}${tag(f)}`, ENTITY_SYMBOL_KIND[f.entity?.type ?? 'other'], f));
  });

  const group = (kind: FindingKind): DocumentSymbol[] => {
    const children = byKind.get(kind)!;
    if (!children.length) return [];
    // A group spans its children so editors can nest and reveal them.
    const start = children.reduce((a, c) => (c.range.start.line < a.line || (c.range.start.line === a.line && c.range.start.character < a.character) ? c.range.start : a), children[0]!.range.start);
    const end = children.reduce((a, c) => (c.range.end.line > a.line || (c.range.end.line === a.line && c.range.end.character > a.character) ? c.range.end : a), children[0]!.range.end);
    return [{ name: `${kindHeading(kind)} (${children.length})`, kind: SymbolKind.Module, range: { start, end }, selectionRange: children[0]!.selectionRange, children }];
  };
  // Claims, entities and dates first; kinds without a layout of their own after, listed by their description.
  const first: FindingKind[] = ['claim', 'entity', 'date'];
  return [...first, ...FINDING_KINDS.filter((k) => !first.includes(k))].flatMap(group);
}
