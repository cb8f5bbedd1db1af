// The requests VS Code makes about an open source after each change (and the Sourcemark view, when
// that source is expanded in it), for benchmarks of what a keystroke costs in an editor.
import type { LspTestClient } from '../../test/server/lspTestClient';

const ALL_KINDS = ['claim', 'entity', 'date', 'quotation'];
const ALL_STATUSES = ['untagged', 'verified', 'speculative', 'contradicted'];

export type Ask = (client: LspTestClient, uri: string) => Promise<unknown>;

export const EDITOR_REQUESTS: Record<string, Ask> = {
  'semantic tokens': (c, uri) => c.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } }),
  'Outline': (c, uri) => c.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }),
  'code lenses': (c, uri) => c.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } }),
  'decorations (claims, tagged)': (c, uri) => c.connection.sendRequest('sourcemark/documentFindings', { uri, scope: 'decorated' }),
  'view: its sections': (c, uri) => c.connection.sendRequest('sourcemark/documentFindings', { uri, kinds: ['claim'], part: 'article', sections: { kinds: ALL_KINDS, statuses: ALL_STATUSES } }),
};

/** The same, the view asking for every finding as it did before it asked for sections (for servers of then: `--no-sections`). */
export const EDITOR_REQUESTS_BEFORE_SECTIONS: Record<string, Ask> = {
  ...Object.fromEntries(Object.entries(EDITOR_REQUESTS).filter(([name]) => name !== 'view: its sections')),
  'view: every finding': (c, uri) => c.connection.sendRequest('sourcemark/documentFindings', { uri }),
};

