import { SemanticTokensBuilder, type SemanticTokens, type SemanticTokensLegend } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FindingKind } from '../core/model';
import { SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES } from '../shared/protocol';
import { atOnce, type SliceRunner } from './slices';
import type { SourceState } from './sourceState';

export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = {
  tokenTypes: [...SEMANTIC_TOKEN_TYPES],
  tokenModifiers: [...SEMANTIC_TOKEN_MODIFIERS],
};

/** The token type of each kind that has one; claims and quotations are sentences, left to diagnostics and decorations. */
const TYPE_INDEX: Partial<Record<FindingKind, number>> = { entity: 0, date: 1 };
const modifierBit = (name: (typeof SEMANTIC_TOKEN_MODIFIERS)[number]) => 1 << SEMANTIC_TOKEN_MODIFIERS.indexOf(name);

/**
 * Entities and dates as semantic tokens, so the theme colours them (claims are sentences and are
 * left to diagnostics and decorations, which would otherwise colour whole paragraphs).
 * Tokens may not overlap or span lines: the first of two overlapping findings wins, and a
 * finding across a line break is cut into one token per line. `run` goes through the findings
 * (a slice per turn of the event loop in the server: editors ask again after every edit), `doc`
 * unchanged meanwhile.
 */
export async function semanticTokensFor(doc: TextDocument, state: SourceState, run: SliceRunner = atOnce): Promise<SemanticTokens> {
  const builder = new SemanticTokensBuilder();
  let covered = 0;
  await run(state.tagged.findings, (f) => {
    const type = TYPE_INDEX[f.kind];
    if (type === undefined || f.start < covered || f.end <= f.start) return;
    covered = f.end;
    let modifiers = f.annotation ? modifierBit('tagged') : 0;
    if (f.entity) modifiers |= modifierBit(f.entity.type);
    const start = doc.positionAt(f.start);
    const end = doc.positionAt(f.end);
    for (let line = start.line; line <= end.line; line++) {
      const from = line === start.line ? start.character : 0;
      const length = (line === end.line ? end.character : lineLength(doc, line)) - from;
      if (length > 0) builder.push(line, from, length, type, modifiers);
    }
  });
  return builder.build();
}

/** Length of a line without its line break. */
function lineLength(doc: TextDocument, line: number): number {
  const text = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  return text.replace(/\r?\n$|\r$/, '').length;
}
