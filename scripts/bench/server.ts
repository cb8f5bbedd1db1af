// The language-server part of the benchmark: the built server (`dist/server.js --stdio`) spawned
// as a child process and driven over real JSON-RPC by the test client.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { segmentBlocks } from '../../src/core/text/blocks';
import { spawnedServer, type LspTestClient } from '../../test/server/lspTestClient';
import { procStatus } from './memory';

export interface OpenTiming {
  label: string;
  bytes: number;
  /** didOpen sent → publishDiagnostics for version 1 received (includes both JSON encodings). */
  ms: number;
  diagnostics: number;
  settings?: string;
}

export interface LatencySeries {
  samples: number[];
  /** Requests that returned something (a hover, at least one code action). */
  nonEmpty: number;
}

export interface ServerResults {
  opens: OpenTiming[];
  hover: LatencySeries;
  codeAction: LatencySeries;
  warmupRequests: number;
  /** didChange (one character) → publishDiagnostics for that version, per edit. */
  changes: number[];
  changeDelayMs: number;
  peakRss?: number;
  finalRss?: number;
}

export interface ServerInputs {
  serverPath: string;
  /** The sample used for the cold-server open (about 5 KB). */
  sample: { name: string; text: string };
  /** ~5 KB sources generated with their own seeds, so next to no paragraph is already in the server's cache. */
  small: string[];
  oneMb: string;
  tenMb: string;
  requests: number;
  edits: number;
}

const SERVER_CHANGE_DELAY_MS = 150; // ServerOptions.changeDelayMs default; main.ts does not override it.

async function timedOpen(client: LspTestClient, file: string, text: string, timeoutMs: number): Promise<{ uri: string; ms: number; diagnostics: Diagnostic[] }> {
  const started = performance.now();
  const uri = await client.open(file, text);
  const diagnostics = await client.waitFor(() => {
    const p = client.diagnostics.get(uri);
    return p && p.version === 1 ? p.diagnostics : undefined;
  }, `diagnostics for ${path.basename(file)}`, timeoutMs);
  return { uri, ms: performance.now() - started, diagnostics };
}

/** `count` items spread evenly over `list`. */
function spread<T>(list: readonly T[], count: number): T[] {
  const n = Math.min(count, list.length);
  return Array.from({ length: n }, (_, i) => list[Math.floor(((i + 0.5) * list.length) / n)]);
}

export async function benchServer(inputs: ServerInputs): Promise<ServerResults> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sourcemark-bench-'));
  const files = {
    sample: path.join(dir, inputs.sample.name),
    oneMb: path.join(dir, 'generated-1mb.txt'),
    tenMb: path.join(dir, 'generated-10mb.txt'),
  };
  writeFileSync(files.sample, inputs.sample.text);
  writeFileSync(files.oneMb, inputs.oneMb);
  writeFileSync(files.tenMb, inputs.tenMb);

  const results: ServerResults = {
    opens: [], hover: { samples: [], nonEmpty: 0 }, codeAction: { samples: [], nonEmpty: 0 },
    warmupRequests: 3, changes: [], changeDelayMs: SERVER_CHANGE_DELAY_MS,
  };
  await withSpawnedServer(inputs.serverPath, dir, async ({ client, child }) => {
    await client.initialize(dir);

    const sample = await timedOpen(client, files.sample, inputs.sample.text, 60_000);
    results.opens.push({ label: `${inputs.sample.name} (first open, fresh server)`, bytes: Buffer.byteLength(inputs.sample.text), ms: sample.ms, diagnostics: sample.diagnostics.length });
    for (const [i, text] of inputs.small.entries()) {
      const file = path.join(dir, `generated-5kb-${i + 1}.txt`);
      writeFileSync(file, text);
      const small = await timedOpen(client, file, text, 60_000);
      results.opens.push({ label: `generated 5 KB #${i + 1}`, bytes: Buffer.byteLength(text), ms: small.ms, diagnostics: small.diagnostics.length });
    }
    const one = await timedOpen(client, files.oneMb, inputs.oneMb, 180_000);
    results.opens.push({ label: 'generated 1 MB', bytes: Buffer.byteLength(inputs.oneMb), ms: one.ms, diagnostics: one.diagnostics.length });

    // Hover and code actions at the start of real findings, spread over the whole 1 MB source.
    const targets = spread(one.diagnostics, inputs.requests + results.warmupRequests);
    for (const [i, d] of targets.entries()) {
      const started = performance.now();
      const hover = await client.hover(one.uri, d.range.start);
      const elapsed = performance.now() - started;
      if (i < results.warmupRequests) continue;
      results.hover.samples.push(elapsed);
      if (hover) results.hover.nonEmpty++;
    }
    for (const [i, d] of targets.entries()) {
      const started = performance.now();
      const actions = await client.codeActions(one.uri, d.range, [d]);
      const elapsed = performance.now() - started;
      if (i < results.warmupRequests) continue;
      results.codeAction.samples.push(elapsed);
      if (actions.length) results.codeAction.nonEmpty++;
    }

    // One-character inserts in the middle of body paragraphs spread over the source, one at a time.
    const doc = TextDocument.create(one.uri, 'plaintext', 1, inputs.oneMb);
    const body = segmentBlocks(inputs.oneMb).filter((b) => b.region === 'body' && b.text.includes(' ') && !b.text.includes('\n'));
    for (const block of spread(body, inputs.edits)) {
      const space = block.text.indexOf(' ', Math.floor(block.text.length / 2));
      const at = doc.positionAt(block.start + (space < 0 ? block.text.indexOf(' ') : space));
      const started = performance.now();
      await client.change(one.uri, [{ range: { start: at, end: at }, text: 's' }]);
      await client.waitForDiagnostics(one.uri);
      results.changes.push(performance.now() - started);
    }

    // Over the default 8 MB limit: raise it for this document (settings are fetched per document).
    client.settings = { maxFileSizeMB: 20 };
    const ten = await timedOpen(client, files.tenMb, inputs.tenMb, 600_000);
    results.opens.push({ label: 'generated 10 MB', bytes: Buffer.byteLength(inputs.tenMb), ms: ten.ms, diagnostics: ten.diagnostics.length, settings: 'maxFileSizeMB: 20' });

    results.peakRss = procStatus(child.pid!, 'VmHWM');
    results.finalRss = procStatus(child.pid!, 'VmRSS');
  });
  return results;
}

/**
 * Spawns the built server and lets `drive` use it, then shuts it down; on failure kills it and adds
 * its stderr to the error. `dir`, the benchmark's temporary workspace, is removed either way.
 * BENCH_SERVER_ARGS adds Node and V8 options to the server's (`--cpu-prof --cpu-prof-dir=DIR`, a GC flag to try).
 */
export async function withSpawnedServer<T>(serverPath: string, dir: string, drive: (server: ReturnType<typeof spawnedServer>) => Promise<T>): Promise<T> {
  const server = spawnedServer(serverPath, { execArgv: process.env.BENCH_SERVER_ARGS?.split(' ').filter(Boolean) ?? [] });
  try {
    const result = await drive(server);
    await server.client.shutdown();
    return result;
  } catch (e) {
    server.child.kill();
    const err = server.stderr();
    throw err ? new Error(`${(e as Error).message}\nserver stderr:\n${err}`) : e;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
