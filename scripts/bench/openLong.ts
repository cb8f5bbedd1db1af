// Opening the bench's generated 1 MB source (engine.ts's text) in a spawned server whose workspace
// holds only it: didOpen → its first diagnostics, and the server's CPU until then, round after round,
// two builds alternated (the row moves 10–20 % between runs on a shared machine). Build dist/ first.
//   npx tsx scripts/bench/openLong.ts [--rounds 6] --server A/dist/server.js [--server B/dist/server.js]
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { spawnedServer } from '../../test/server/lspTestClient';
import { MB, median } from './format';
import { poolsFrom, SourceGenerator } from './generate';
import { procCpuMs } from './memory';

const ROOT = path.resolve(__dirname, '../..');
const args = process.argv.slice(2);
const servers = args.flatMap((a, i) => (a === '--server' && args[i + 1] ? [path.resolve(args[i + 1]!)] : []));
if (!servers.length) servers.push(path.join(ROOT, 'dist/server.js'));
const rounds = Number(args.includes('--rounds') ? args[args.indexOf('--rounds') + 1] : 6);
const SEED = 0x5eed; // engine.ts

async function openOnce(server: string, file: string, text: string): Promise<{ ms: number; cpuMs?: number }> {
  const { client, child } = spawnedServer(server);
  try {
    await client.initialize(path.dirname(file));
    const started = performance.now();
    const uri = await client.open(file, text);
    await client.waitFor(() => {
      const p = client.diagnostics.get(uri);
      return p && p.version === client.versionOf(uri) ? true : undefined;
    }, 'diagnostics', 600_000);
    return { ms: performance.now() - started, cpuMs: procCpuMs(child.pid!) };
  } finally {
    await client.shutdown();
  }
}

async function main(): Promise<void> {
  const dir = path.join(ROOT, 'test-fixtures/sources');
  const samples = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(path.join(dir, f), 'utf8'));
  const text = new SourceGenerator(poolsFrom(samples), SEED).source(MB);
  const ws = mkdtempSync(path.join(tmpdir(), 'sourcemark-open-long-'));
  const file = path.join(ws, 'generated-1mb.txt');
  writeFileSync(file, text);
  const runs = servers.map(() => [] as number[]);
  process.stdout.write(`1 MB open, ${rounds} rounds; load average at start ${loadavg().map((l) => l.toFixed(2)).join(' / ')}\n`);
  try {
    for (let r = 0; r < rounds; r++) {
      // Each round in the other order: neither build always runs on a machine the other just warmed.
      const order = r % 2 ? [...servers.keys()].reverse() : [...servers.keys()];
      for (const k of order) {
        const run = await openOnce(servers[k]!, file, text);
        runs[k]!.push(run.ms);
        process.stdout.write(`  round ${r + 1}, ${path.relative(process.cwd(), servers[k]!)}: ${run.ms.toFixed(0)} ms${run.cpuMs === undefined ? '' : ` (server CPU at the end ${run.cpuMs.toFixed(0)} ms)`}\n`);
      }
    }
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
  servers.forEach((s, k) => {
    const xs = runs[k]!;
    process.stdout.write(`${path.relative(process.cwd(), s)}: sorted ${[...xs].sort((a, b) => a - b).map((x) => x.toFixed(0)).join(' ')} ms; median ${median(xs).toFixed(0)} ms\n`);
  });
}

void main();
