// Hover latency on the built server over stdio (issue 15: "hover on another source answered within
// 100 ms throughout"). Two measures, each in fresh server processes:
//   first hover   — a server is initialised, a short source opened and hovered at once: time to the
//                   answer (the analyser warms up meanwhile; it used to block the first hover).
//   during        — while a 1 MB hostile source is analysed (off the main thread) and its results
//                   land, a hover on another source is sent again as soon as the last is answered:
//                   p50/p95/max latency and how many were answered.
//
//   npm run bench:hover [-- --runs 5] [-- --cpu-prof DIR] [-- --server dist/server.js] [-- --node-flags "--trace-gc"] [-- --after-ms 10000] [-- --first-only] [-- --ipc] [-- shape ...]
// (--server: another build's server, to compare with the same client and the same load; --ipc: over
// Node's IPC channel, instead of stdio, VS Code's transport as every other client's.)
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { spawnedServer } from '../test/server/lspTestClient';
import { TEXT_GENERATORS } from '../test/fuzz/textGenerators';
import { ownCacheFolder } from './bench/cacheFolder';

const argv = process.argv.slice(2);
const option = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const SERVER = path.resolve(option('--server') ?? path.join(__dirname, '../dist/server.js'));
const SMALL = path.resolve(__dirname, '../test-fixtures/sources/000_10788ba24ea37e24.txt');
const SIZE = 1024 * 1024;
const DEFAULT_SHAPES = ['dates-one-line', 'chained-said', 'random-prose'];

const runs = Number(option('--runs') ?? 5);
const profileDir = option('--cpu-prof');
const transport = argv.includes('--ipc') ? 'ipc' as const : 'stdio' as const;
/** How long hovers go on after the big source's diagnostics came (the workspace index takes it in then). */
const afterMs = Number(option('--after-ms') ?? 10_000);
const WITH_VALUE = new Set(['--runs', '--cpu-prof', '--server', '--after-ms', '--node-flags', '--server-log']);
/** Node options for the server (e.g. "--trace-gc --max-semi-space-size=2"), to compare settings. */
const nodeFlags = option('--node-flags')?.split(/\s+/).filter(Boolean) ?? [];
const shapes = argv.filter((a, i) => !a.startsWith('--') && !WITH_VALUE.has(argv[i - 1] ?? ''));

/** With --cpu-prof: hovers over 50 ms go to stderr with the monotonic time they were answered (µs, the profiles' clock). */
const slow = (ms: number, what: string) => {
  if (profileDir && ms > 50) process.stderr.write(`gap ${ms.toFixed(0)} ms ending at ${process.hrtime.bigint() / 1000n} µs (${what})\n`);
};
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const fmt = (ms: number) => ms.toFixed(ms < 10 ? 1 : 0).padStart(8);

async function session(name: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'sourcemark-bench-'));
  const small = path.join(dir, path.basename(SMALL));
  copyFileSync(SMALL, small);
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  // One file per thread (main, workers), named by node: CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile.
  const execArgv = [...nodeFlags, ...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', path.join(profileDir, name)] : [])];
  const { client, exited, stderr } = spawnedServer(SERVER, { execArgv, transport });
  await client.initialize(dir);
  const smallText = readFileSync(small, 'utf8');
  const offset = smallText.indexOf('Xiaomi is the fourth largest') + 1;
  const at = TextDocument.create('file:///x', 'plaintext', 1, smallText).positionAt(offset);
  return {
    dir, client, exited, small, smallText, at,
    close: async () => {
      await client.shutdown();
      // --server-log FILE: what the server wrote (over --ipc also stdout, e.g. --trace-gc), appended.
      if (option('--server-log')) appendFileSync(option('--server-log')!, `== ${name}\n${stderr()}`);
      rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
    },
  };
}

async function firstHover(): Promise<number> {
  const s = await session('first-hover');
  const t = performance.now();
  const uri = await s.client.open(s.small, s.smallText);
  const hover = await Promise.race([s.client.hover(uri, s.at), s.exited]);
  const ms = performance.now() - t;
  if (!JSON.stringify(hover).includes('Claim')) throw new Error(`the first hover found no claim: ${JSON.stringify(hover)}`);
  await s.close();
  return ms;
}

async function during(shape: string) {
  const s = await session(shape);
  const smallUri = await s.client.open(s.small, s.smallText);
  await Promise.race([s.client.waitForDiagnostics(smallUri, (d) => d.length > 0), s.exited]);
  const bigText = TEXT_GENERATORS.find((g) => g.name === shape)!.make(SIZE);
  const big = path.join(s.dir, `${shape}.txt`);
  writeFileSync(big, bigText);
  const started = performance.now();
  const bigUri = await s.client.open(big, bigText);
  let analysed = false;
  const done = s.client.waitFor(() => s.client.diagnostics.get(bigUri), 'the big source\'s diagnostics', 600_000)
    .finally(() => (analysed = true)).then(() => performance.now() - started);
  const latencies: number[] = [];
  // The answer to a hover sent just before the diagnostics go out arrives behind them: the client
  // reads and parses their 5–6 MB first. That hover is counted, and also shown apart.
  let behind: number | undefined;
  while (!analysed) {
    const t = performance.now();
    await Promise.race([s.client.hover(smallUri, s.at), s.exited]);
    const ms = performance.now() - t;
    slow(ms, 'during');
    if (s.client.diagnostics.get(bigUri)) behind = ms;
    else latencies.push(ms);
  }
  const analysisMs = await done;
  const items = s.client.diagnostics.get(bigUri)!.diagnostics.length;
  // Then the workspace index takes the source in and cross-source views are brought up to date.
  const after: number[] = [];
  const until = performance.now() + afterMs;
  while (performance.now() < until) {
    const t = performance.now();
    await Promise.race([s.client.hover(smallUri, s.at), s.exited]);
    after.push(performance.now() - t);
    slow(after[after.length - 1]!, 'after');
  }
  await s.close();
  return { analysisMs, items, latencies: [...latencies, ...(behind !== undefined ? [behind] : [])], before: latencies, behind, after };
}

async function main(): Promise<void> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`${SERVER} over ${transport}${nodeFlags.length ? ` (node ${nodeFlags.join(' ')})` : ''}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const first: number[] = [];
  for (let i = 0; i < runs; i++) first.push(await firstHover());
  out(`first hover after open (${runs} fresh servers): p50 ${fmt(percentile(first, 0.5))} ms  max ${fmt(first.reduce((a, b) => Math.max(a, b), 0))} ms`);
  if (argv.includes('--first-only')) return;
  out(`hover on another source while a 1 MB source is analysed and its results land (bound: 100 ms)`);
  out(`${'shape'.padEnd(18)}${'analysis'.padStart(10)}${'diags'.padStart(8)}${'hovers'.padStart(8)}${'p50'.padStart(8)}${'p95'.padStart(8)}${'max'.padStart(8)}${'max¹'.padStart(8)}${'last²'.padStart(8)}${'after³'.padStart(8)}${'max³'.padStart(8)}  (ms)`);
  for (const shape of shapes.length ? shapes : DEFAULT_SHAPES) {
    const r = await during(shape);
    out(`${shape.padEnd(18)}${r.analysisMs.toFixed(0).padStart(10)}${String(r.items).padStart(8)}${String(r.latencies.length).padStart(8)}`
      + `${fmt(percentile(r.latencies, 0.5))}${fmt(percentile(r.latencies, 0.95))}${fmt(r.latencies.reduce((a, b) => Math.max(a, b), 0))}${fmt(r.before.reduce((a, b) => Math.max(a, b), 0))}`
      + `${r.behind === undefined ? '-'.padStart(8) : fmt(r.behind)}${String(r.after.length).padStart(8)}${r.after.length ? fmt(r.after.reduce((a, b) => Math.max(a, b), 0)) : '-'.padStart(8)}`);
  }
  out('¹ without the last hover; ² the last hover, whose answer came behind the diagnostics (the client parses those first)');
  out(`³ hovers in the ${afterMs / 1000} s after the diagnostics came (the workspace index takes the big source in), and their max`);
  out(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}

const dropCache = ownCacheFolder();
main().finally(dropCache).catch((e) => {
  console.error(e);
  process.exit(1);
});
