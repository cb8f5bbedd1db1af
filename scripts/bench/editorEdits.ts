// What a keystroke in a long open source costs the server when the editor asks what VS Code asks
// after each change, not only the diagnostics `npm run bench` waits for (issue 14: server CPU per
// edit ≤ 50 ms): semantic tokens, the Outline (breadcrumbs), code lenses, the decorations' findings
// (claims and tagged ones) and the Sourcemark view's sections of that source when it is expanded.
// Per set of requests: one-word edits of the bench's generated 1 MB, each followed by the requests
// once its diagnostics arrive; the server's CPU (all threads) from the edit until it is quiet.
// `--no-sections`: the view asks for every finding, as it did before it asked for sections (servers
// of then refuse the sections request).
//
//   npm run build && node --import tsx scripts/bench/editorEdits.ts [--server PATH] [--edits 10] [--no-sections]

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { spawnedServer } from '../../test/server/lspTestClient';
import { MB, median, ms, quantile, table } from './format';
import { EDIT_WORD, editOffset, poolsFrom, prng, SourceGenerator } from './generate';
import { procCpuMs } from './memory';
import { EDITOR_REQUESTS, EDITOR_REQUESTS_BEFORE_SECTIONS } from './editorRequests';

const ROOT = path.resolve(__dirname, '../..');
const SAMPLES_DIR = path.join(ROOT, 'test-fixtures/sources');
const args = process.argv.slice(2);
const value = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const SERVER = path.resolve(value('--server') ?? path.join(ROOT, 'dist/server.js'));
const EDITS = Number(value('--edits') ?? 10);
const REQUESTS = args.includes('--no-sections') ? EDITOR_REQUESTS_BEFORE_SECTIONS : EDITOR_REQUESTS;
/** Rows: none, each request alone, then all together. */
const SETS: [string, string[]][] = [
  ['diagnostics only (npm run bench\'s row)', []],
  ...Object.keys(REQUESTS).map((name): [string, string[]] => [`+ ${name}`, [name]]),
  ['+ all of them', Object.keys(REQUESTS)],
];

async function cpuWhenQuiet(pid: number): Promise<number> {
  let last = procCpuMs(pid) ?? 0;
  let still = 0;
  while (still < 2) {
    await new Promise((r) => setTimeout(r, 100));
    const now = procCpuMs(pid) ?? 0;
    still = now - last < 1 ? still + 1 : 0;
    last = now;
  }
  return last;
}

async function main(): Promise<void> {
  const texts = readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(path.join(SAMPLES_DIR, f), 'utf8'));
  const text = new SourceGenerator(poolsFrom(texts), 24301).source(MB);
  const dir = mkdtempSync(path.join(tmpdir(), 'sourcemark-editor-edits-'));
  const file = path.join(dir, 'generated-1mb.txt');
  writeFileSync(file, text);
  const { client, child } = spawnedServer(SERVER);
  process.stdout.write(`Edits of a 1 MB source with the requests an editor makes after each; ${EDITS} edits per row, the rows taking turns; ${path.relative(process.cwd(), SERVER)}; load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')}.\n`);
  try {
    await client.initialize(dir);
    const uri = await client.open(file, text);
    const diagnosticsOf = () => client.waitFor(() => {
      const p = client.diagnostics.get(uri);
      return p && p.version === client.versionOf(uri) ? p.diagnostics : undefined;
    }, 'diagnostics', 600_000);
    await diagnosticsOf();
    await client.indexed();
    await cpuWhenQuiet(child.pid!);
    const random = prng(0x5eed + 11);
    const doc = TextDocument.create(uri, 'plaintext', 1, text);
    let current = text;
    // The sets take turns, edit after edit, so that each meets the same mix of places and of the
    // server's warming up.
    const cpu = SETS.map((): number[] => []);
    const answered = SETS.map((): number[] => []);
    for (let i = 0; i < EDITS * SETS.length; i++) {
      const k = i % SETS.length;
      const offset = editOffset(current, random);
      const at = doc.positionAt(offset);
      const insert = ` ${EDIT_WORD}`;
      const before = procCpuMs(child.pid!) ?? 0;
      const started = performance.now();
      await client.change(uri, [{ range: { start: at, end: at }, text: insert }]);
      current = `${current.slice(0, offset)}${insert}${current.slice(offset)}`;
      TextDocument.update(doc, [{ range: { start: at, end: at }, text: insert }], doc.version + 1);
      await diagnosticsOf();
      await Promise.all(SETS[k]![1].map((n) => REQUESTS[n]!(client, uri)));
      answered[k]!.push(performance.now() - started);
      cpu[k]!.push((await cpuWhenQuiet(child.pid!)) - before);
    }
    const rows = SETS.map(([label], k) => [label, ms(median(cpu[k]!)), ms(quantile(cpu[k]!, 0.95)), ms(median(answered[k]!))]);
    process.stdout.write(`${table(['after each edit', '>server CPU p50', '>p95', '>edit → all answered p50'], rows)}\n`);
    process.stdout.write(`   Server CPU from /proc/<pid>/stat (10 ms ticks), until quiet. Load average now: ${loadavg().map((l) => l.toFixed(2)).join(' / ')}.\n`);
    await client.shutdown();
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
