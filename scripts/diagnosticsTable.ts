// Prints, for the five sample sources, what a plain LSP client is shown (diagnostics by kind and by
// region) and what the CLI reports (analyze --json, findings by kind and region), with the defaults
// and with every region and every kind as diagnostics (how it was before issue 12).
// Run: npm run build && npx tsx scripts/diagnosticsTable.ts
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { spawnedServer } from '../test/server/lspTestClient';
import { DocumentFindingsRequest, IndexStatusRequest, type FindingDiagnosticData } from '../src/shared/protocol';

const ROOT = path.resolve(__dirname, '..');
const SOURCES = path.join(ROOT, 'test-fixtures/sources');
const files = readdirSync(SOURCES).filter((f) => f.endsWith('.txt')).sort();

const BEFORE = { regions: ['title', 'body', 'comments', 'commentMeta'], diagnostics: { entities: true, dates: true, quotations: true } };

type Row = { source: string; total: number; byKind: Record<string, number>; byRegion: Record<string, number> };

const KIND_OF_CODE: Record<string, string> = { 'untagged-claim': 'claim', 'tagged-claim': 'claim', 'cross-source-conflict': 'conflict', 'orphaned-tag': 'orphan' };

async function lspRows(settings: Record<string, unknown>): Promise<Row[]> {
  const { client } = spawnedServer(path.join(ROOT, 'dist/server.js'));
  client.settings = settings;
  await client.initialize(SOURCES);
  const rows: Row[] = [];
  for (const file of files) {
    const full = path.join(SOURCES, file);
    const uri = await client.open(full, readFileSync(full, 'utf8'));
    await client.connection.sendRequest(IndexStatusRequest, { wait: true });
    // Conflicts arrive once the index has linked the source: diagnostics are published again then.
    const diagnostics: Diagnostic[] = await client.waitForDiagnostics(uri);
    const findings = await client.connection.sendRequest(DocumentFindingsRequest, { uri });
    const regionOf = new Map(findings.findings.map((f) => [f.id, f.region]));
    const row: Row = { source: file.slice(0, 3), total: diagnostics.length, byKind: {}, byRegion: {} };
    for (const d of diagnostics) {
      const kind = KIND_OF_CODE[String(d.code)] ?? String(d.code);
      row.byKind[kind] = (row.byKind[kind] ?? 0) + 1;
      const region = regionOf.get((d.data as FindingDiagnosticData | undefined)?.findingId ?? '') ?? (kind === 'conflict' ? 'body' : 'first line');
      row.byRegion[region] = (row.byRegion[region] ?? 0) + 1;
    }
    rows.push(row);
    await client.close(uri);
  }
  await client.shutdown();
  return rows;
}

function cliRows(regions: string): Row[] {
  const out = execFileSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'analyze', '--json', '--regions', regions, ...files.map((f) => path.join(SOURCES, f))], { encoding: 'utf8' });
  const json = JSON.parse(out) as { files: { file: string; findings: { kind: string; region: string }[] }[] };
  return json.files.map((f) => {
    const row: Row = { source: path.basename(f.file).slice(0, 3), total: f.findings.length, byKind: {}, byRegion: {} };
    for (const x of f.findings) {
      row.byKind[x.kind] = (row.byKind[x.kind] ?? 0) + 1;
      row.byRegion[x.region] = (row.byRegion[x.region] ?? 0) + 1;
    }
    return row;
  });
}

const fmt = (r: Record<string, number>) => Object.entries(r).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k} ${v}`).join(', ');

function table(title: string, rows: Row[]): void {
  console.log(`\n${title}\n`);
  console.log('| source | total | by kind | by region |');
  console.log('|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.source} | ${r.total} | ${fmt(r.byKind)} | ${fmt(r.byRegion)} |`);
}

async function main(): Promise<void> {
  table('LSP diagnostics, defaults (article; claims, conflicts, orphans)', await lspRows({}));
  table('LSP diagnostics, every region and kind (as before issue 12)', await lspRows(BEFORE));
  table('CLI analyze --json, defaults (--regions article)', cliRows('article'));
  table('CLI analyze --json --regions title,body,comments,commentMeta (as before)', cliRows('title,body,comments,commentMeta'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
