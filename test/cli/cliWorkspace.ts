// The workspace every CLI golden is made in: the five sample sources in `sources/`, with tags on
// some of them (a note with markup in it, evidence, a repeated quote, a date, an entity), an
// orphaned tag and one invalid sidecar. Shared by the tests and scripts/regenerate-fixtures.ts.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { Sidecar } from '../../src/core/tags/annotation';
import { sha256Hex } from '../../src/core/tags/quoteSelector';
import { emptySidecar, serializeSidecar } from '../../src/core/tags/sidecarFormat';
import { setTag } from '../../src/core/tags/tagOperations';
import { tagQuotes, type QuotedTag } from '../core/export/quotedTags';

export const ROOT = path.resolve(__dirname, '../..');
export const CLI = path.join(ROOT, 'dist/cli.js');
export const SAMPLES = path.join(ROOT, 'test-fixtures/sources');
export const GOLDEN_DIR = path.join(ROOT, 'test-fixtures/cli');
export const REFERENCE_DATE = '2018-03-10';
export const TAGGED_AT = new Date('2018-03-12T09:30:00.000Z');

export const S000 = '000_10788ba24ea37e24.txt';
export const S001 = '001_f4f712fbaee730b4.txt';
export const S002 = '002_3b3f9ef10a23df2c.txt';
export const S003 = '003_ec377d852a875d58.txt';
export const S004 = '004_6b7e9ae35fb55bc0.txt';

export interface TagSpec extends QuotedTag {
  source: string;
}

export const TAGS: TagSpec[] = [
  {
    source: S000, kind: 'claim', quote: "Xiaomi plans to enter the US market by 2018's end or by early 2019", occurrence: 1, status: 'verified',
    note: 'Wall Street Journal interview with Lei Jun, 2018-03-08',
  },
  {
    source: S000, kind: 'claim', quote: 'Apple or the US government will surely block their entry if this news is true.', status: 'contradicted',
    note: '=1+1 is no verdict: <script>alert("x")</script> & | pipes',
    evidence: [{ kind: 'url', url: 'javascript:alert(1)' }, { kind: 'url', url: 'https://example.org/checks/apple-block?a=1&b=2' }],
  },
  {
    source: S001, kind: 'claim', quote: 'Smartphone sales in China fell by 4.9 per cent in 2017, the first time growth has slowed in eight years, according to IDC data.',
    status: 'verified', note: 'IDC, Q4 2017 China smartphone tracker', evidence: [{ kind: 'url', url: 'https://example.org/idc/china-q4-2017' }],
  },
  {
    source: S002, kind: 'claim', quote: 'Xiaomi to enter US by end of 2018, according to CEO Lei Jun', status: 'verified',
    evidence: [{ kind: 'annotation', source: `sources/${S000}`, annotationId: 'a_000000000001', quote: "Xiaomi plans to enter the US market by 2018's end or by early 2019" }],
  },
  { source: S002, kind: 'date', quote: '2010', status: 'verified', note: 'MIUI launched in August 2010' },
  {
    source: S003, kind: 'claim', quote: 'Huawei is reportedly negotiating with US carriers the launch of its newest flagship, the Mate 10 Pro.',
    status: 'speculative', note: 'Only Bloomberg reports it;\nno carrier confirms.',
  },
  { source: S003, kind: 'entity', quote: 'Wang Xian', status: 'verified' },
];

/** A tag whose text is not in the source: the CLI must show it, never drop it. */
export const ORPHAN = { source: S002, text: 'Xiaomi will open 1,000 stores in the US by 2019.' };
/** A source the samples disagree with (Lei Jun as CFO, the US plan in 2021); the samples agree with each other. */
export function addMemo(root: string): void {
  copyFileSync(path.join(ROOT, 'test-fixtures/disagreeing/memo.txt'), path.join(root, 'sources', 'memo.txt'));
}

export const INVALID_SIDECAR = { source: S004, content: '{ "schemaVersion": 1, "source": "004_6b7e9ae35fb55bc0.txt", "annotations": [\n' };

function sequentialIds() {
  let n = 0;
  return () => `a_${String(++n).padStart(12, '0')}`;
}

/** Writes the workspace under `root` (sources in root/sources) and returns the sources folder. */
export function buildCliWorkspace(root: string): string {
  const dir = path.join(root, 'sources');
  mkdirSync(dir, { recursive: true });
  const newId = sequentialIds();
  const sidecars = new Map<string, Sidecar>();
  for (const name of [S000, S001, S002, S003, S004]) copyFileSync(path.join(SAMPLES, name), path.join(dir, name));
  const textOf = (name: string) => readFileSync(path.join(dir, name), 'utf8');
  for (const spec of TAGS) {
    const text = textOf(spec.source);
    sidecars.set(spec.source, tagQuotes(sidecars.get(spec.source) ?? emptySidecar(spec.source, sha256Hex(text)), text, [spec], TAGGED_AT, newId));
  }
  {
    const text = textOf(ORPHAN.source);
    const longer = `${text}\n${ORPHAN.text}\n`;
    const at = longer.indexOf(ORPHAN.text);
    const sidecar = setTag(sidecars.get(ORPHAN.source)!, { kind: 'claim', start: at, end: at + ORPHAN.text.length, status: 'contradicted', sourceText: longer, now: TAGGED_AT, note: 'Removed from the article after our query' }, newId);
    // Tagged when the article still had the sentence; it was removed since (so the fingerprint is the old text's).
    sidecars.set(ORPHAN.source, { ...sidecar, sourceSha256: sha256Hex(longer) });
  }
  for (const [name, sidecar] of sidecars) writeFileSync(path.join(dir, `${name}.annotations.json`), serializeSidecar(sidecar));
  writeFileSync(path.join(dir, `${INVALID_SIDECAR.source}.annotations.json`), INVALID_SIDECAR.content);
  return dir;
}

export interface GoldenRun {
  /** File under test-fixtures/cli holding stdout (or, with `outputs`, the files the command wrote). */
  name: string;
  args: string[];
  exitCode: number;
  /** Files (relative to the workspace) the command writes, kept as goldens under `name/`. */
  outputs?: string[];
}

const R = ['--reference-date', REFERENCE_DATE];
export const GOLDEN_RUNS: GoldenRun[] = [
  { name: 'check.txt', args: ['check', ...R, 'sources'], exitCode: 1 },
  { name: 'check.json', args: ['check', '--json', '--fail-on', 'none', ...R, 'sources'], exitCode: 0 },
  { name: 'stats.txt', args: ['stats', ...R, 'sources'], exitCode: 0 },
  { name: 'stats.json', args: ['stats', '--json', ...R, 'sources'], exitCode: 0 },
  { name: 'report.md', args: ['report', '--format', 'md', '--title', 'Xiaomi in the US: review', ...R, 'sources'], exitCode: 0 },
  { name: 'report.html', args: ['report', '--title', 'Xiaomi in the US: review', ...R, 'sources'], exitCode: 0 },
  { name: 'export-w3c-tagged.jsonld', args: ['export', '--format', 'w3c', '--scope', 'tagged', ...R, 'sources'], exitCode: 1 },
  { name: 'export-tagged.csv', args: ['export', '--format', 'csv', '--scope', 'tagged', ...R, 'sources'], exitCode: 1 },
  { name: 'export-claimreview.jsonld', args: ['export', '--format', 'claimreview', '--author', 'Example Fact Check', '--url-base', 'https://factcheck.example/reviews/', ...R, 'sources'], exitCode: 1 },
  {
    name: 'export-brat', args: ['export', '--format', 'brat', '--out-dir', 'brat', ...R, 'sources'], exitCode: 1,
    outputs: ['brat/sources/annotation.conf', ...[S000, S001, S002, S003, S004].map((s) => `brat/sources/${s.replace(/\.txt$/, '.ann')}`)],
  },
];

const run = promisify(execFile);

/** Runs the built CLI in `cwd`; `env` is added to this process's (where SOURCEMARK_CACHE_DIR is off). */
export async function runCli(args: string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { cwd, maxBuffer: 256 * 1024 * 1024, ...(env ? { env: { ...process.env, ...env } } : {}) });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}
