import { mkdtempSync, readFileSync, writeFileSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServerOptions } from '../../src/server/server';
import { inProcessServer, type LspTestClient } from './lspTestClient';

export const FIXTURES = path.resolve(__dirname, '../../test-fixtures/sources');
export const XIAOMI_US = '000_10788ba24ea37e24.txt';
export const CGTN = '002_3b3f9ef10a23df2c.txt';
/**
 * A source that disagrees with the samples, which agree with each other: it calls Lei Jun Xiaomi's
 * CFO (the samples: chairman, CEO) and gives the US plan 2021 (the samples: end 2018 to early 2019,
 * within two years).
 */
export const MEMO_TEXT = readFileSync(path.resolve(__dirname, '../../test-fixtures/disagreeing/memo.txt'), 'utf8');

export function tempWorkspace(files: string[] = [XIAOMI_US]): { dir: string; path: (f: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'sourcemark-'));
  for (const f of files) copyFileSync(path.join(FIXTURES, f), path.join(dir, f));
  // The server may still be finishing a write (a sidecar, the index) when the test ends: retry on ENOTEMPTY.
  return { dir, path: (f) => path.join(dir, f), cleanup: () => rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 }) };
}

export type Cleanup = () => Promise<void> | void;

/** Call once per test file: what a test pushes here is undone after it, last first. */
export function cleanupsAfterEach(): Cleanup[] {
  const cleanups: Cleanup[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  return cleanups;
}

/** A temporary workspace of sample sources with an in-process server initialised on it (fixed clock); both go after the test. */
export async function serverSession(cleanups: Cleanup[], files?: string[], options: ServerOptions = {}): Promise<{ ws: ReturnType<typeof tempWorkspace>; client: LspTestClient }> {
  const ws = tempWorkspace(files);
  const client = inProcessServer({ now: () => new Date('2026-11-22T10:00:00.000Z'), ...options });
  cleanups.push(ws.cleanup, () => client.shutdown());
  await client.initialize(ws.dir);
  return { ws, client };
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
