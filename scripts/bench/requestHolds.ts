// What the editor's own requests about a long source hold the server's main thread for (issue 14:
// hover p95 ≤ 5 ms), each asked while a sample is hovered every 5 ms: the Sourcemark view expanding a
// closed 1 MB source, the view and the decorations of an open one, and what editors ask after an edit
// of it (semantic tokens, the Outline, code lenses); then the view's listing of a workspace of
// generated 5 KB sources, its timeline, a workspace symbol search and the references of a name. Per request: its time, hover p50 / p95 / max, and the main thread's holds
// over 4 ms (stallLogger.cjs) while it ran. A hover can wait longer than the longest hold: the
// client reads a long answer before the hover's behind it.
//
//   npm run build && node --import tsx scripts/bench/requestHolds.ts [--server PATH] [--ipc] [--sources 2000] [--rounds 2] [--no-sections]

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { spawnedServer, type LspTestClient } from '../../test/server/lspTestClient';
import { median, MB, ms, quantile, table } from './format';
import { poolsFrom, SourceGenerator } from './generate';

const ROOT = path.resolve(__dirname, '../..');
const SAMPLES_DIR = path.join(ROOT, 'test-fixtures/sources');
const args = process.argv.slice(2);
const value = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const server = path.resolve(value('--server') ?? path.join(ROOT, 'dist/server.js'));
const transport = args.includes('--ipc') ? 'ipc' as const : 'stdio' as const;
const sources = Number(value('--sources') ?? 2000);
const rounds = Number(value('--rounds') ?? 2);
/** Servers before the view asked for sections (kinds, part, sections) refuse those requests. */
const sectionRows = !args.includes('--no-sections');
const HOLD_MS = 4;

type Row = [string, string, string, string, string];

interface Session {
  client: LspTestClient;
  /** The stall logger's holds so far: [end µs, ms]. */
  holds: () => [number, number][];
  close: () => Promise<void>;
}

async function session(dir: string, cacheDir: string): Promise<Session> {
  const stallFile = path.join(cacheDir, `stalls-${Date.now()}.txt`);
  process.env.SOURCEMARK_STALL_FILE = stallFile;
  process.env.SOURCEMARK_STALL_MS = String(HOLD_MS);
  process.env.SOURCEMARK_CACHE_DIR = cacheDir;
  const { client } = spawnedServer(server, { transport, execArgv: ['--require', path.join(__dirname, 'stallLogger.cjs')] });
  delete process.env.SOURCEMARK_STALL_FILE;
  client.settings = { referenceDate: '2018-03-10' };
  await client.initialize(dir);
  let closed: [number, number][] | undefined;
  return {
    client,
    holds: () => closed ?? [],
    close: async () => {
      await client.shutdown();
      // The logger writes its list at exit.
      for (let i = 0; i < 100 && !existsSync(stallFile); i++) await new Promise((r) => setTimeout(r, 20));
      closed = existsSync(stallFile) ? readFileSync(stallFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => l.split(' ').map(Number) as [number, number]) : [];
    },
  };
}

const nowUs = () => Number(process.hrtime.bigint() / 1000n);

/** `ask` while `hoverUri` is hovered every 5 ms; its time, the hovers and its window (µs). */
async function whileHovering(client: LspTestClient, hoverUri: string, at: { line: number; character: number }[], ask: () => Promise<unknown>) {
  const hovers: number[] = [];
  let done = false;
  const from = nowUs();
  const t0 = performance.now();
  const answer = ask().finally(() => (done = true));
  while (!done) {
    const t = performance.now();
    await client.hover(hoverUri, at[hovers.length % at.length]!);
    hovers.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 5));
  }
  const size = Buffer.byteLength(JSON.stringify(await answer) ?? '');
  return { took: performance.now() - t0, size, hovers, window: [from, nowUs()] as [number, number] };
}

const diagnosticsOf = (client: LspTestClient, uri: string) => client.waitFor(() => {
  const p = client.diagnostics.get(uri);
  return p && p.version === client.versionOf(uri) ? p.diagnostics : undefined;
}, 'diagnostics', 600_000);

async function main(): Promise<void> {
  const names = readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.txt')).sort();
  const texts = names.map((f) => readFileSync(path.join(SAMPLES_DIR, f), 'utf8'));
  const pools = poolsFrom(texts);
  const long = new SourceGenerator(pools, 0x77).source(MB);
  const measured: { name: string; took: number[]; size: number; hovers: number[]; windows: [number, number][] }[] = [];
  const record = (name: string, r: { took: number; size: number; hovers: number[]; window: [number, number] }) => {
    let m = measured.find((x) => x.name === name);
    if (!m) measured.push((m = { name, took: [], size: r.size, hovers: [], windows: [] }));
    m.took.push(r.took);
    m.hovers.push(...r.hovers);
    m.windows.push(r.window);
  };
  const allHolds: [number, number][] = [];
  process.stdout.write(`Requests about a 1 MB source and a listing of ${sources + 1} sources, ${rounds} rounds each; ${path.relative(process.cwd(), server)} over ${transport}; load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')}.\n`);

  // 1. A workspace of a sample and a 1 MB source: the view of it closed, then open; editors' requests after edits.
  const dir = mkdtempSync(path.join(tmpdir(), 'sourcemark-holds-'));
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'sourcemark-holds-cache-'));
  try {
    writeFileSync(path.join(dir, names[0]!), texts[0]!);
    writeFileSync(path.join(dir, 'long.txt'), long);
    const s = await session(dir, cacheDir);
    const { client } = s;
    const sample = await client.open(path.join(dir, names[0]!), texts[0]!);
    const at = (await diagnosticsOf(client, sample)).map((d) => d.range.start);
    await client.waitFor(() => client.progress.some((p) => p.kind === 'end') || undefined, 'the index', 600_000);
    const longUri = `file://${path.join(dir, 'long.txt')}`;
    // What the view asks to draw a source's sections (its article's claims and the sections' counts),
    // and to list one section when expanded; all findings is what other clients may ask (and the view did).
    const ask = (params: object) => () => client.connection.sendRequest('sourcemark/documentFindings', { uri: longUri, ...params });
    const sections = ask({ kinds: ['claim'], part: 'article', sections: { kinds: ['claim', 'entity', 'date', 'quotation'], statuses: ['untagged', 'verified', 'speculative', 'contradicted'] } });
    const dates = ask({ kinds: ['date'], part: 'article' });
    for (let r = 0; r < rounds; r++) {
      record('view of the closed 1 MB source (all findings)', await whileHovering(client, sample, at, ask({ scope: 'all' })));
      if (sectionRows) {
        record('view of the closed 1 MB source (its sections)', await whileHovering(client, sample, at, sections));
        record('its Dates section expanded (closed)', await whileHovering(client, sample, at, dates));
      }
    }
    await client.open(path.join(dir, 'long.txt'), long);
    await diagnosticsOf(client, longUri);
    for (let r = 0; r < rounds; r++) {
      record('view of the open 1 MB source (all findings)', await whileHovering(client, sample, at, ask({ scope: 'all' })));
      if (sectionRows) {
        record('view of the open 1 MB source (its sections)', await whileHovering(client, sample, at, sections));
        record('its Dates section expanded (open)', await whileHovering(client, sample, at, dates));
      }
      record('its decorations (claims and tagged findings)', await whileHovering(client, sample, at, () => client.connection.sendRequest('sourcemark/documentFindings', { uri: longUri, scope: 'decorated' })));
    }
    let text = long;
    for (let r = 0; r < rounds; r++) {
      const offset = Math.floor(((r + 0.5) / rounds) * text.length);
      const pos = TextDocument.create(longUri, 'plaintext', 0, text).positionAt(offset);
      await client.change(longUri, [{ range: { start: pos, end: pos }, text: 'x' }]);
      text = text.slice(0, offset) + 'x' + text.slice(offset);
      await diagnosticsOf(client, longUri);
      const doc = { textDocument: { uri: longUri } };
      record('after an edit: semantic tokens', await whileHovering(client, sample, at, () => client.connection.sendRequest('textDocument/semanticTokens/full', doc)));
      record('after an edit: the Outline (document symbols)', await whileHovering(client, sample, at, () => client.connection.sendRequest('textDocument/documentSymbol', doc)));
      record('after an edit: code lenses', await whileHovering(client, sample, at, () => client.connection.sendRequest('textDocument/codeLens', doc)));
    }
    await s.close();
    allHolds.push(...s.holds());
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  }

  // 2. The view's listing of generated sources, indexed.
  const ws = mkdtempSync(path.join(tmpdir(), 'sourcemark-holds-ws-'));
  const wsCache = mkdtempSync(path.join(tmpdir(), 'sourcemark-holds-ws-cache-'));
  try {
    for (let i = 0; i < sources; i++) writeFileSync(path.join(ws, `gen-${String(i).padStart(5, '0')}.txt`), new SourceGenerator(pools, 0x1dea + i).source(5 * 1024));
    writeFileSync(path.join(ws, names[0]!), texts[0]!);
    const s = await session(ws, wsCache);
    const { client } = s;
    const sample = await client.open(path.join(ws, names[0]!), texts[0]!);
    const at = (await diagnosticsOf(client, sample)).map((d) => d.range.start);
    await client.waitFor(() => client.progress.some((p) => p.kind === 'end') || undefined, 'the index', 600_000);
    for (let r = 0; r < rounds + 1; r++) record(`the view's listing of ${sources + 1} sources`, await whileHovering(client, sample, at, () => client.connection.sendRequest('sourcemark/workspaceSummary', {})));
    // Across the workspace: the timeline, a workspace symbol search, the references of a name.
    const name = (await client.connection.sendRequest<{ findings: { kind: string; range: { start: { line: number; character: number } } }[] }>('sourcemark/documentFindings', { uri: sample, scope: 'all' })).findings.find((f) => f.kind === 'entity')!;
    for (let r = 0; r < rounds; r++) {
      record('the timeline of the workspace', await whileHovering(client, sample, at, () => client.connection.sendRequest('sourcemark/timeline', {})));
      record('workspace symbols "xiaomi"', await whileHovering(client, sample, at, () => client.connection.sendRequest('workspace/symbol', { query: 'xiaomi' })));
      record('references of a name', await whileHovering(client, sample, at, () => client.connection.sendRequest('textDocument/references', { textDocument: { uri: sample }, position: name.range.start, context: { includeDeclaration: true } })));
    }
    await s.close();
    allHolds.push(...s.holds());
  } finally {
    rmSync(ws, { recursive: true, force: true });
    rmSync(wsCache, { recursive: true, force: true });
  }

  const rows: Row[] = measured.map((m) => {
    const held = allHolds.filter(([end, took]) => m.windows.some(([a, b]) => end - took * 1000 >= a && end <= b)).map(([, took]) => took).sort((a, b) => b - a);
    return [
      m.name,
      m.took.map((t) => ms(t)).join(', '),
      m.size >= 10_000 ? `${(m.size / 1e6).toFixed(2)} MB` : `${m.size} B`,
      `${ms(median(m.hovers))} / ${ms(quantile(m.hovers, 0.95))} / ${ms(Math.max(...m.hovers))}`,
      held.length ? `${held.length}: ${held.slice(0, 3).map((h) => ms(h)).join(', ')}` : 'none',
    ];
  });
  process.stdout.write(`${table(['request', '>time each', '>answer', '>hover p50 / p95 / max', `>holds over ${HOLD_MS} ms: count, longest`], rows)}\n`);
}

main().then(() => process.exit(0), (e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
