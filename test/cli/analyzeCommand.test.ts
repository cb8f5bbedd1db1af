import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/core/analyzer';
import { serializeSidecar, emptySidecar } from '../../src/core/tags/sidecarFormat';
import { sha256Hex } from '../../src/core/tags/quoteSelector';
import { setTag } from '../../src/core/tags/tagOperations';

const CLI = path.resolve(__dirname, '../../dist/cli.js');
const SOURCES = path.resolve(__dirname, '../../test-fixtures/sources');
const SAMPLE = '003_ec377d852a875d58.txt';
const run = promisify(execFile);

async function cli(args: string[], cwd = process.cwd()) {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { cwd, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sourcemark-cli-'));
  copyFileSync(path.join(SOURCES, SAMPLE), path.join(dir, SAMPLE));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sourcemark analyze', () => {
  it('prints the documented JSON: offsets, kinds, types, values, scores, cues and tags', async () => {
    const file = path.join(dir, SAMPLE);
    const { code, stdout } = await cli(['analyze', '--json', '--regions', 'title,body,comments,commentMeta', '--reference-date', '2018-03-10', file]);
    expect(code).toBe(0);
    expect(stdout.endsWith('}\n')).toBe(true);
    const out = JSON.parse(stdout);
    expect(out.version).toBe(1);
    expect(out.files).toHaveLength(1);
    const report = out.files[0];
    expect(report.reference).toEqual({ date: '2018-03-10', from: 'setting' });
    expect(report.sidecar.state).toBe('missing');
    const text = readFileSync(file, 'utf8');
    for (const f of report.findings) expect(text.slice(f.start, f.end)).toBe(f.text);

    // Every region but page boilerplate: what the analyser finds by default.
    const core = new Analyzer().analyze(text, { referenceDate: '2018-03-10' }).findings;
    expect(report.findings.map((f: { kind: string; start: number; end: number }) => `${f.kind}:${f.start}:${f.end}`)).toEqual(core.map((f) => `${f.kind}:${f.start}:${f.end}`));

    const person = report.findings.find((f: { text: string }) => f.text === 'Wang Xian');
    expect(person).toMatchObject({ kind: 'entity', type: 'person', entity: { canonical: 'Wang Xian', mentions: 2 }, tag: null, line: 7 });
    const duration = report.findings.find((f: { text: string; kind: string }) => f.kind === 'date' && f.text === 'two years');
    expect(duration).toMatchObject({ value: 'P2Y', timexType: 'DURATION' });
    const hedged = report.findings.find((f: { kind: string; text: string }) => f.kind === 'claim' && f.text.startsWith('Huawei is reportedly'));
    expect(hedged.hedges).toContain('reportedly');
    expect(hedged.suggestedStatus).toBe('speculative');
    expect(hedged.cues.some((c: { kind: string }) => c.kind === 'hedge')).toBe(true);
  });

  it('reports the article by default, every region with --regions all, and refuses an unknown region', async () => {
    const file = path.join(dir, SAMPLE);
    const findings = async (...extra: string[]) => {
      const { code, stdout } = await cli(['analyze', '--json', ...extra, '--reference-date', '2018-03-10', file]);
      expect(code).toBe(0);
      return JSON.parse(stdout).files[0].findings as { region: string; kind: string; text: string }[];
    };
    const article = await findings();
    const all = await findings('--regions', 'all');
    const withComments = await findings('--regions', 'title,body,comments');
    expect(new Set(article.map((f) => f.region))).toEqual(new Set(['title', 'body']));
    expect(all.some((f) => f.region === 'comment')).toBe(true);
    // The reader's comments (and their claims) come only on request; the article is the same either way.
    expect(all.filter((f) => f.region === 'comment' && f.kind === 'claim').length).toBeGreaterThan(0);
    expect(all.filter((f) => f.region === 'title' || f.region === 'body').map((f) => f.text)).toEqual(article.map((f) => f.text));
    expect(withComments.filter((f) => f.region === 'comment').length).toBeGreaterThan(0);
    expect(withComments.some((f) => f.region === 'comment-meta' || f.region === 'boilerplate')).toBe(false);

    const wrong = await cli(['analyze', '--regions', 'body,footnotes', file]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('"footnotes" is not one');
  });

  it('is deterministic: two runs give identical output', async () => {
    const file = path.join(dir, SAMPLE);
    const a = await cli(['analyze', '--json', file]);
    const b = await cli(['analyze', '--json', file]);
    expect(a.stdout).toBe(b.stdout);
  });

  it('shows tags from the sidecar and lists orphaned tags', async () => {
    const file = path.join(dir, SAMPLE);
    const text = readFileSync(file, 'utf8');
    const claim = 'Huawei is reportedly negotiating with US carriers the launch of its newest flagship, the Mate 10 Pro.';
    const start = text.indexOf(claim);
    let sidecar = emptySidecar(SAMPLE, sha256Hex(text));
    sidecar = setTag(sidecar, { kind: 'claim', start, end: start + claim.length, status: 'speculative', sourceText: text, now: new Date(0), note: 'Bloomberg only' });
    const orphanText = `${text}\n\nA sentence that will be deleted.`;
    const at = orphanText.indexOf('A sentence');
    sidecar = setTag(sidecar, { kind: 'claim', start: at, end: at + 32, status: 'verified', sourceText: orphanText, now: new Date(0) });
    writeFileSync(`${file}.annotations.json`, serializeSidecar(sidecar));
    try {
      const out = JSON.parse((await cli(['analyze', '--json', file])).stdout).files[0];
      expect(out.sidecar.state).toBe('ok');
      const tagged = out.findings.find((f: { text: string }) => f.text === claim);
      expect(tagged.tag).toMatchObject({ status: 'speculative', note: 'Bloomberg only' });
      expect(out.orphans).toEqual([expect.objectContaining({ status: 'verified', exact: 'A sentence that will be deleted.' })]);
      const summary = (await cli(['analyze', file])).stdout;
      expect(summary).toContain('1 speculative');
      expect(summary).toContain('orphaned tag [verified] "A sentence that will be deleted."');
    } finally {
      rmSync(`${file}.annotations.json`);
    }
  });

  it('prints a readable summary for the sample sources (npm start)', async () => {
    const { code, stdout } = await cli(['analyze', ...['000_10788ba24ea37e24.txt', '002_3b3f9ef10a23df2c.txt'].map((f) => path.join(SOURCES, f))]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/\d+ claims \(0 verified, 0 speculative, 0 contradicted, \d+ untagged\)/);
    expect(stdout).toContain('Lei Jun (person, ');
    expect(stdout).toMatch(/date +L\d+ +end 2018 +→ 2018 \(END\)/);
  });

  it('reports bad input clearly and keeps going: missing, empty, binary, broken sidecar', async () => {
    const empty = path.join(dir, 'empty.txt');
    const binary = path.join(dir, 'image.txt');
    const broken = path.join(dir, 'broken.txt');
    writeFileSync(empty, '');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x01]));
    writeFileSync(broken, 'Xiaomi said it sold 10 million phones in 2017.');
    writeFileSync(`${broken}.annotations.json`, '{ not json');
    const { code, stdout, stderr } = await cli(['analyze', '--json', path.join(dir, 'missing.txt'), empty, binary, broken]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/cannot read .*missing\.txt: ENOENT/);
    const files = JSON.parse(stdout).files;
    expect(files.map((f: { file: string }) => path.basename(f.file))).toEqual(['empty.txt', 'image.txt', 'broken.txt']);
    expect(files[0].findings).toEqual([]);
    expect(files[1].skipped).toMatch(/does not look like text/);
    expect(files[2].sidecar).toMatchObject({ state: 'invalid' });
    expect(files[2].sidecar.problem).toMatch(/not valid JSON/);
    expect(readFileSync(`${broken}.annotations.json`, 'utf8')).toBe('{ not json');
    expect(existsSync(`${empty}.annotations.json`)).toBe(false);
  });

  it('rejects bad options with usage and exit code 2', async () => {
    expect((await cli(['analyze', '--reference-date', '10/03/2018', 'x.txt'])).code).toBe(2);
    expect((await cli(['analyze', '--threshold', '2', 'x.txt'])).stderr).toMatch(/--threshold must be a number from 0 to 1/);
    expect((await cli(['frobnicate'])).stderr).toMatch(/unknown command "frobnicate"/);
    expect((await cli(['--help'])).code).toBe(0);
  });
});
