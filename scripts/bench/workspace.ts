// The workspace-index part of the benchmark: 2,000 generated sources (about 10 MB) on disk, the
// built server spawned over stdio, one source open and hovered the whole time the index is built.
// Standalone: npx tsx scripts/bench/workspace.ts [sources]

import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { procCpuMs, procStatus } from './memory';
import { poolsFrom, SourceGenerator } from './generate';
import { ownCacheFolder } from './cacheFolder';
import { withSpawnedServer } from './server';

export interface WorkspaceResults {
  sources: number;
  bytes: number;
  workers: string;
  indexMs: number;
  progressReports: number;
  firstProgress?: string;
  lastProgress?: string;
  indexed: number;
  failed: number;
  /** Hover on the open source, sent while the index was being built. */
  hoverWhileIndexing: number[];
  hoverAfter: number[];
  peakRss?: number;
  finalRss?: number;
  /** RSS once the index workers stopped for want of work (SOURCEMARK_INDEX_WORKERS_IDLE_MS set short for the bench). */
  idleRss?: number;
  conflicts: number;
  timelineEntries: number;
  timelineMs: number;
  symbolMs: number;
  referencesMs: number;
  references: number;
  /** With `listing`: the Sourcemark view's workspace listing, requested again and again while indexing. */
  listingMs: number[];
  /** Sources the first listing could not count yet (the index had not reached them). */
  listingPendingFirst?: number;
  /** Server CPU (user + system, main thread and workers) from spawn to the end of indexing. */
  indexCpuMs?: number;
}

export interface WorkspaceBenchOptions {
  /** Request `sourcemark/workspaceSummary` (what the Sourcemark view shows) every 200 ms while indexing. */
  listing?: boolean;
}

const SEED = 0x1dea;

export async function benchWorkspace(serverPath: string, samplesDir: string, count = 2000, bytesEach = 5 * 1024, options: WorkspaceBenchOptions = {}): Promise<WorkspaceResults> {
  const samples = readdirSync(samplesDir).filter((f) => f.endsWith('.txt')).sort();
  const pools = poolsFrom(samples.map((f) => readFileSync(path.join(samplesDir, f), 'utf8')));
  const dir = mkdtempSync(path.join(tmpdir(), 'sourcemark-ws-'));
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const text = new SourceGenerator(pools, SEED + i).source(bytesEach);
    bytes += Buffer.byteLength(text);
    writeFileSync(path.join(dir, `gen-${String(i).padStart(5, '0')}.txt`), text);
  }
  // The open document: a real sample, so hover has real findings under it.
  const openName = samples[0];
  const openText = readFileSync(path.join(samplesDir, openName), 'utf8');
  writeFileSync(path.join(dir, openName), openText);

  const results: WorkspaceResults = {
    sources: count + 1, bytes: bytes + Buffer.byteLength(openText), workers: process.env.SOURCEMARK_INDEX_WORKERS ?? 'default (2, 1 on a single core)',
    indexMs: 0, progressReports: 0, indexed: 0, failed: 0, hoverWhileIndexing: [], hoverAfter: [],
    conflicts: 0, timelineEntries: 0, timelineMs: 0, symbolMs: 0, referencesMs: 0, references: 0, listingMs: [],
  };
  // The workers stop 3 s after their last job here, not 30 s, so that the bench need not wait for
  // the figure (V8 also shrinks a heap a little over time: by default it would be a little lower).
  // Set for this spawn alone.
  const idleBefore = process.env.SOURCEMARK_INDEX_WORKERS_IDLE_MS;
  process.env.SOURCEMARK_INDEX_WORKERS_IDLE_MS ??= '3000';
  // A cache folder of its own unless one is given, as the engine's workspace rows have: the user's
  // may hold this very workspace from an earlier run of the same build, and the first index was then
  // measured partly warm (the build before stop 41: 25.0 s in the bench, 29.0 s with a cache of its own).
  const dropCache = ownCacheFolder();
  const run = withSpawnedServer(serverPath, dir, async ({ client, child }) => {
    client.settings = { referenceDate: '2018-03-10' };
    const started = performance.now();
    await client.initialize(dir);
    const uri = await client.open(path.join(dir, openName), openText);
    const diagnostics: Diagnostic[] = await client.waitForDiagnostics(uri, (d) => d.length > 0);
    const targets = diagnostics.filter((d) => d.range.start.line < 40);
    const ended = () => client.progress.some((p) => p.kind === 'end');
    let i = 0;
    // The view open beside the editor: its listing is asked for again and again while the index is built.
    const listing = options.listing ? (async () => {
      while (!ended()) {
        const t = performance.now();
        const summary: { sources: { pending?: boolean }[] } = await client.connection.sendRequest('sourcemark/workspaceSummary', {});
        results.listingMs.push(performance.now() - t);
        results.listingPendingFirst ??= summary.sources.filter((s) => s.pending).length;
        await new Promise((r) => setTimeout(r, 200));
      }
    })() : Promise.resolve();
    // Hover every 20 ms until the index reports its end.
    while (!ended()) {
      const d = targets[i++ % targets.length];
      const t = performance.now();
      const hover: Hover | null = await client.hover(uri, d.range.start);
      const elapsed = performance.now() - t;
      if (!ended()) results.hoverWhileIndexing.push(elapsed);
      if (!hover) throw new Error('hover returned nothing on a finding');
      await new Promise((r) => setTimeout(r, 20));
      if (performance.now() - started > 600_000) throw new Error('indexing took over 10 minutes');
    }
    results.indexMs = performance.now() - started;
    results.indexCpuMs = procCpuMs(child.pid!);
    await listing;
    results.peakRss = procStatus(child.pid!, 'VmHWM');
    const status: { done: number; failed: number; sources: number } = await client.indexed();
    results.indexed = status.sources;
    results.failed = status.failed;
    const reports = client.progress.filter((p) => p.kind === 'report');
    results.progressReports = reports.length;
    results.firstProgress = client.progress.find((p) => p.kind === 'begin')?.message;
    results.lastProgress = reports.at(-1)?.message;
    for (let k = 0; k < 50; k++) {
      const d = targets[k % targets.length];
      const t = performance.now();
      await client.hover(uri, d.range.start);
      results.hoverAfter.push(performance.now() - t);
    }
    let t = performance.now();
    const timeline: { timeline: { entries: unknown[]; disagreements: unknown[] } } = await client.connection.sendRequest('sourcemark/timeline', {});
    results.timelineMs = performance.now() - t;
    results.timelineEntries = timeline.timeline.entries.length;
    results.conflicts = timeline.timeline.disagreements.length;
    t = performance.now();
    await client.connection.sendRequest('workspace/symbol', { query: 'xiaomi' });
    results.symbolMs = performance.now() - t;
    // Names are coloured, not diagnostics, by default: the open sample's first "Xiaomi" is the entity asked about.
    const name = openText.indexOf('Xiaomi');
    if (name < 0) throw new Error(`${openName} names no Xiaomi to ask for references of`);
    const position = TextDocument.create(uri, 'plaintext', 1, openText).positionAt(name);
    t = performance.now();
    const refs: unknown[] = await client.connection.sendRequest('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: true } });
    results.referencesMs = performance.now() - t;
    results.references = refs.length;
    results.finalRss = procStatus(child.pid!, 'VmRSS');
    await client.waitFor(() => client.logs.some((m) => m.includes('index workers stopped')) || undefined, 'the index workers to stop when idle', 120_000);
    results.idleRss = procStatus(child.pid!, 'VmRSS');
  });
  if (idleBefore === undefined) delete process.env.SOURCEMARK_INDEX_WORKERS_IDLE_MS;
  try {
    await run;
  } finally {
    dropCache();
  }
  return results;
}

if (require.main === module) {
  const root = path.resolve(__dirname, '../..');
  const args = process.argv.slice(2);
  const count = Number(args.find((a) => /^\d+$/.test(a)) ?? 2000);
  benchWorkspace(path.join(root, 'dist/server.js'), path.join(root, 'test-fixtures/sources'), count, undefined, { listing: args.includes('--listing') }).then(
    (r) => {
      const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
      const stats = (xs: number[]) => ({ n: xs.length, p50: q(xs, 0.5), p95: q(xs, 0.95), max: Math.max(...xs) });
      console.log(JSON.stringify({ ...r, hoverWhileIndexing: stats(r.hoverWhileIndexing), hoverAfter: stats(r.hoverAfter), listingMs: r.listingMs.length ? stats(r.listingMs) : undefined }, null, 2));
      process.exit(0);
    },
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
