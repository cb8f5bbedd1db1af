// Diagnostics pushed (publishDiagnostics after each analysis) against pulled (LSP 3.17, as VS Code
// pulls them: a pull with each edit carrying the last answer's result id): two spawned servers on
// the bench's generated 1 MB, given the same one-word edits in turn (which goes first alternates),
// each edit's server CPU until quiet, its latency and the bytes that reached the client.
//
//   npm run build && node --import tsx scripts/bench/pulledDiagnostics.ts [--edits 30] [--server PATH]

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import type { DocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { spawnedServer, type LspTestClient } from '../../test/server/lspTestClient';
import { bytes, MB, median, ms, quantile, table } from './format';
import { EDIT_WORD, editOffset, poolsFrom, prng, SourceGenerator } from './generate';
import { procCpuMs } from './memory';

const ROOT = path.resolve(__dirname, '../..');
const SAMPLES_DIR = path.join(ROOT, 'test-fixtures/sources');
const args = process.argv.slice(2);
const value = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const SERVER = path.resolve(value('--server') ?? path.join(ROOT, 'dist/server.js'));
const EDITS = Number(value('--edits') ?? 30);

async function cpuWhenQuiet(pid: number): Promise<number> {
  let last = procCpuMs(pid) ?? 0;
  let still = 0;
  while (still < 3) {
    await new Promise((r) => setTimeout(r, 100));
    const now = procCpuMs(pid) ?? 0;
    still = now - last < 1 ? still + 1 : 0;
    last = now;
  }
  return last;
}

interface Side {
  name: string;
  client: LspTestClient;
  pid: number;
  uri: string;
  /** One edit sent; resolves with the bytes that reached the client for it. */
  after: () => Promise<number>;
  cpu: number[];
  latency: number[];
  sent: number[];
  unchanged: number;
}

async function side(name: string, pulls: boolean, dir: string, file: string, text: string): Promise<Side> {
  const { client, child } = spawnedServer(SERVER);
  client.pullsDiagnostics = pulls;
  await client.initialize(dir);
  const uri = await client.open(file, text);
  const s: Side = { name, client, pid: child.pid!, uri, after: async () => 0, cpu: [], latency: [], sent: [], unchanged: 0 };
  if (pulls) {
    let last: DocumentDiagnosticReport = await client.pullDiagnostics(uri);
    s.after = async () => {
      last = await client.pullDiagnostics(uri, 'resultId' in last ? last.resultId : undefined);
      if (last.kind === 'unchanged') s.unchanged++;
      return Buffer.byteLength(JSON.stringify(last));
    };
  } else {
    await client.waitForDiagnostics(uri);
    s.after = async () => Buffer.byteLength(JSON.stringify((await client.waitFor(() => {
      const p = client.diagnostics.get(uri);
      return p && p.version === client.versionOf(uri) ? p : undefined;
    }, 'diagnostics', 600_000))));
  }
  await client.indexed();
  await cpuWhenQuiet(s.pid);
  return s;
}

async function main(): Promise<void> {
  const texts = readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(path.join(SAMPLES_DIR, f), 'utf8'));
  const text = new SourceGenerator(poolsFrom(texts), 24301).source(MB);
  const dir = mkdtempSync(path.join(tmpdir(), 'sourcemark-pulled-'));
  const file = path.join(dir, 'generated-1mb.txt');
  writeFileSync(file, text);
  process.stdout.write(`Pushed against pulled diagnostics: ${EDITS} one-word edits of a 1 MB source, each given to both servers in turn; ${path.relative(process.cwd(), SERVER)}; load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')}.\n`);
  const sides = [await side('pushed (publishDiagnostics)', false, dir, file, text), await side('pulled (textDocument/diagnostic)', true, dir, file, text)];
  try {
    const random = prng(0x5eed + 13);
    const doc = TextDocument.create('file:///x', 'plaintext', 1, text);
    for (let i = 0; i < EDITS; i++) {
      const offset = editOffset(doc.getText(), random);
      const at = doc.positionAt(offset);
      const change = { range: { start: at, end: at }, text: ` ${EDIT_WORD}` };
      TextDocument.update(doc, [change], doc.version + 1);
      for (const s of i % 2 ? [...sides].reverse() : sides) {
        const before = procCpuMs(s.pid) ?? 0;
        const started = performance.now();
        await s.client.change(s.uri, [change]);
        s.sent.push(await s.after());
        s.latency.push(performance.now() - started);
        s.cpu.push((await cpuWhenQuiet(s.pid)) - before);
      }
    }
    const rows = sides.map((s) => [
      s.name, ms(median(s.cpu)), ms(quantile(s.cpu, 0.95)), ms(median(s.latency)), bytes(s.sent.reduce((a, b) => a + b, 0) / EDITS), bytes(median(s.sent)),
      s.name.startsWith('pulled') ? `${s.unchanged} of ${EDITS}` : '-',
    ]);
    process.stdout.write(`${table(['diagnostics', '>server CPU p50', '>p95', '>edit → diagnostics p50', '>bytes per edit, mean', '>p50', '>answered "unchanged"'], rows)}\n`);
    process.stdout.write(`   Server CPU from /proc/<pid>/stat (10 ms ticks), until quiet. Load average now: ${loadavg().map((l) => l.toFixed(2)).join(' / ')}.\n`);
    for (const s of sides) await s.client.shutdown();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
