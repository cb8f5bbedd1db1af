// A CPU profile of the keystroke path (issue 14): the built server spawned with --cpu-prof, a
// generated 1 MB source opened, then one-word edits at random word boundaries, one at a time. Only
// the samples taken between the first edit and the last publish count; each thread's profile
// (main thread, analysis worker) is summed by function, self and total time, top rows printed.
//
// `--open` profiles the opening instead: from didOpen to the source's first diagnostics.
// `--requests` asks, after each edit's diagnostics, what an editor asks (editorRequests.ts);
// `--request NAME` only the one of that name (repeatable).
// `--no-pause` sends the next edit 500 ms after a publish, before the pause that asks for the
// source's digest (DIGEST_IDLE_MS): the edit alone, as the bench's "CPU per edit" row counts it.
//
//   npm run build && node --import tsx scripts/bench/profileKeystroke.ts [edits=10] [--open | --no-pause] [--requests | --request NAME]   (PROFILE_TOP=N: rows printed, 25; PROFILE_KEEP=1 keeps the .cpuprofile files)

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { spawnedServer, type LspTestClient } from '../../test/server/lspTestClient';
import { MB, ms, table } from './format';
import { EDITOR_REQUESTS } from './editorRequests';
import { EDIT_WORD, editOffset, poolsFrom, prng, SourceGenerator } from './generate';
import { ownCacheFolder } from './cacheFolder';

const ROOT = path.resolve(__dirname, '../..');
const SAMPLES_DIR = path.join(ROOT, 'test-fixtures/sources');
const SEED = 0x5eed;

export interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
export interface Profile { nodes: ProfileNode[]; startTime: number; samples: number[]; timeDeltas: number[] }

const now = () => Number(process.hrtime.bigint() / 1000n);

const PAUSE_MS = process.argv.includes('--no-pause') ? 500 : 1500;

async function quietDiagnostics(client: LspTestClient, uri: string): Promise<void> {
  await client.waitFor(() => {
    const p = client.diagnostics.get(uri);
    return p && p.version === client.versionOf(uri) ? true : undefined;
  }, 'diagnostics', 600_000);
  await new Promise((r) => setTimeout(r, PAUSE_MS)); // the digest and index work after a publish (1500 ms)
}

/** A profile's nodes by id, and each node's parent. */
export function profileTree(profile: Profile): { byId: Map<number, ProfileNode>; parent: Map<number, number> } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  return { byId, parent };
}

/** A frame as the summaries name it: function, file and line. */
export const frameName = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${path.basename(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;

/** Self and total milliseconds by function (name + file:line) over the samples within [from, to] (µs, monotonic). */
export function summarise(profile: Profile, from: number, to: number): { self: Map<string, number>; total: Map<string, number>; all: number } {
  const { byId, parent } = profileTree(profile);
  const name = frameName;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let t = profile.startTime;
  let all = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i]!;
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (t < from || t > to) continue;
    const node = byId.get(profile.samples[i]!)!;
    if (node.callFrame.functionName === '(idle)') continue;
    all += dt;
    self.set(name(node), (self.get(name(node)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const k = name(byId.get(id)!);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + dt);
    }
  }
  return { self, total, all };
}

async function main(): Promise<void> {
  const opening = process.argv.includes('--open');
  // `--requests`: all of them; `--request NAME` (repeatable): those named.
  const named = process.argv.flatMap((a, i) => (a === '--request' ? [process.argv[i + 1]!] : []));
  const asked = Object.entries(EDITOR_REQUESTS).filter(([name]) => (named.length ? named.includes(name) : process.argv.includes('--requests'))).map(([, ask]) => ask);
  const edits = opening ? 1 : Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 10);
  const samples = readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(path.join(SAMPLES_DIR, f), 'utf8'));
  const text = new SourceGenerator(poolsFrom(samples), SEED).source(MB);
  const dir = mkdtempSync(path.join(tmpdir(), 'sourcemark-profile-'));
  const profDir = mkdtempSync(path.join(tmpdir(), 'sourcemark-cpuprof-'));
  const file = path.join(dir, 'generated-1mb.txt');
  writeFileSync(file, text);
  const { client } = spawnedServer(path.join(ROOT, 'dist/server.js'), { execArgv: ['--cpu-prof', '--cpu-prof-dir', profDir] });
  let from = 0;
  let to = 0;
  try {
    await client.initialize(dir);
    if (opening) from = now();
    const uri = await client.open(file, text);
    if (opening) {
      await client.waitFor(() => (client.diagnostics.get(uri) ? true : undefined), 'diagnostics', 600_000);
      to = now();
      process.stdout.write(`didOpen → diagnostics ${ms((to - from) / 1000)}\n`);
    }
    await quietDiagnostics(client, uri);
    const doc = TextDocument.create(uri, 'plaintext', 1, text);
    const random = prng(SEED + 7);
    let current = text;
    if (!opening) from = now();
    for (let i = 0; i < (opening ? 0 : edits); i++) {
      const offset = editOffset(current, random);
      const at = doc.positionAt(offset);
      const change = { range: { start: at, end: at }, text: ` ${EDIT_WORD}` };
      await client.change(uri, [change]);
      TextDocument.update(doc, [change], doc.version + 1);
      current = doc.getText();
      await quietDiagnostics(client, uri);
      await Promise.all(asked.map((ask) => ask(client, uri)));
    }
    if (!opening) to = now();
    await client.shutdown();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await new Promise((r) => setTimeout(r, 500));
  process.stdout.write(`${opening ? 'Opening profile: a 1 MB source' : `Keystroke profile: ${edits} edits of a 1 MB source`}; load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')}.\n`);
  const per = opening ? 'for the opening' : 'per edit';
  for (const f of readdirSync(profDir).filter((n) => n.endsWith('.cpuprofile')).sort()) {
    const s = summarise(JSON.parse(readFileSync(path.join(profDir, f), 'utf8')) as Profile, from, to);
    process.stdout.write(`\n${f}: ${ms(s.all / edits)} of CPU ${per} (non-idle samples)\n`);
    const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.PROFILE_TOP ?? 25)).map(([k, v]) => [k, ms(v / edits)]);
    process.stdout.write(`${table([`total ${per} (function file:line)`, '>ms'], top(s.total))}\n`);
    process.stdout.write(`${table([`self ${per}`, '>ms'], top(s.self))}\n`);
  }
  if (process.env.PROFILE_KEEP) {
    writeFileSync(path.join(profDir, 'window.json'), `${JSON.stringify({ from, to, edits })}\n`);
    process.stdout.write(`\nProfiles kept in ${profDir} (window.json: the samples counted; profileCallers.ts reads it)\n`);
  }
  else rmSync(profDir, { recursive: true, force: true });
}

if (require.main === module) {
  const dropCache = ownCacheFolder();
  main().finally(dropCache).then(() => process.exit(0), (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exit(1);
  });
}
