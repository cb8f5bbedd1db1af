import * as vscode from 'vscode';
import type { LspRange } from '../shared/protocol';

/** An LSP range (UTF-16 positions, as the server sends them) as a VS Code range. */
export function toRange(r: LspRange): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}
