// Hover and quick fixes. Asked for right after opening or editing a source, they wait for its analysis.
import { CodeActionKind } from 'vscode-languageserver';
import { codeActionsFor } from './codeActions';
import type { Feature, ServerContext } from './context';
import { hoverAt } from './hover';

const ANALYSING = { contents: { kind: 'markdown' as const, value: '*Sourcemark is analysing this long source; its findings show when it is done.*' } };

export function registerEditorFeatures({ connection, documents, sources }: ServerContext): Feature {
  connection.onHover(async (params) => {
    // A long source being analysed off the main thread: say so now rather than wait for it.
    if (sources.analysing(params.textDocument.uri) && !sources.ready(params.textDocument.uri)) return ANALYSING;
    const state = await sources.current(params.textDocument.uri);
    const doc = documents.get(params.textDocument.uri);
    if (!state || !doc || state.version !== doc.version) return null;
    return hoverAt(doc, state, doc.offsetAt(params.position));
  });

  connection.onCodeAction(async (params) => {
    const state = await sources.current(params.textDocument.uri);
    const doc = documents.get(params.textDocument.uri);
    if (!state || !doc || state.version !== doc.version) return [];
    return codeActionsFor(state, doc.offsetAt(params.range.start), doc.offsetAt(params.range.end), params.context.diagnostics, (p) => doc.offsetAt(p));
  });

  return {
    initialize: () => ({ hoverProvider: true, codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] } }),
  };
}
