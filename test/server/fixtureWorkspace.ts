import { mkdtempSync, readFileSync, writeFileSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const FIXTURES = path.resolve(__dirname, '../../test-fixtures/sources');
export const XIAOMI_US = '000_10788ba24ea37e24.txt';
export const CGTN = '002_3b3f9ef10a23df2c.txt';

export function tempWorkspace(files: string[] = [XIAOMI_US]): { dir: string; path: (f: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'sourcemark-'));
  for (const f of files) copyFileSync(path.join(FIXTURES, f), path.join(dir, f));
  return { dir, path: (f) => path.join(dir, f), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const read = (p: string) => readFileSync(p, 'utf8');
export const write = (p: string, text: string) => writeFileSync(p, text);

/** The text a diagnostic covers, through the same UTF-16 position mapping editors use. */
export function coveredText(text: string, d: Diagnostic): string {
  const doc = TextDocument.create('file:///x', 'plaintext', 1, text);
  return text.slice(doc.offsetAt(d.range.start), doc.offsetAt(d.range.end));
}

export function positionOf(text: string, needle: string, delta = 1): { line: number; character: number } {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`"${needle}" is not in the text`);
  return TextDocument.create('file:///x', 'plaintext', 1, text).positionAt(offset + delta);
}
