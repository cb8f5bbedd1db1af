// Every command on the sample sources (with tags, an orphan and an invalid sidecar), compared with
// the goldens in test-fixtures/cli. After a detector change: npm run regenerate-fixtures, then
// review the diff by hand.
import { noteOf } from '../../src/core/tags/noteThread';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emptySidecar, parseSidecar, serializeSidecar } from '../../src/core/tags/sidecarFormat';
import { sha256Hex } from '../../src/core/tags/quoteSelector';
import { addDismissal } from '../../src/core/tags/tagOperations';
import { addMemo, buildCliWorkspace, GOLDEN_DIR, GOLDEN_RUNS, REFERENCE_DATE, runCli, S002, S003, S004 } from './cliWorkspace';

const R = ['--reference-date', REFERENCE_DATE];
const roots: string[] = [];
function workspace(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'sourcemark-cmd-'));
  roots.push(root);
  buildCliWorkspace(root);
  return root;
}
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

const golden = (name: string) => readFileSync(path.join(GOLDEN_DIR, name), 'utf8');

/** The tags of a sidecar as what must survive a round trip: no ids, no timestamps. */
function tagsOf(file: string) {
  const parsed = parseSidecar(readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.problem.message);
  return parsed.sidecar.annotations
    .map((a) => ({ kind: a.kind, status: a.status, note: noteOf(a), target: a.target, evidence: a.evidence }))
    .sort((a, b) => a.target.start - b.target.start);
}

describe('goldens: every command on the sample sources', () => {
  for (const run of GOLDEN_RUNS) {
    it(`sourcemark ${run.args.join(' ')}`, async () => {
      const root = workspace();
      const { code, stdout, stderr } = await runCli(run.args, root);
      expect(code, stderr).toBe(run.exitCode);
      if (run.outputs) {
        for (const out of run.outputs) expect(readFileSync(path.join(root, out), 'utf8'), out).toBe(golden(path.join(run.name, path.basename(out))));
      } else {
        expect(stdout).toBe(golden(run.name));
      }
    });
  }
});

describe('dismissals in the CLI', () => {
  it('honours the workspace .sourcemark-ignore and a source\'s own dismissals in stats, check and exports', async () => {
    const root = workspace();
    const stats = async () => JSON.parse((await runCli(['stats', '--json', ...R, 'sources'], root)).stdout) as { files: { file: string; entities: number; claims: number; untagged: number }[] };
    const before = await stats();
    writeFileSync(path.join(root, '.sourcemark-ignore'), '# not worth checking\nentity: Xiaomi\n');
    const ignored = await stats();
    for (const f of before.files.filter((x) => !x.file.endsWith(S004))) {
      const now = ignored.files.find((x) => x.file === f.file)!;
      expect(now.entities, f.file).toBeLessThan(f.entities);
      expect(now.claims, f.file).toBe(f.claims);
    }
    // Run from inside the sources folder, the ignore file above it is not read: nothing above the folder the CLI runs in is.
    const inside = JSON.parse((await runCli(['stats', '--json', ...R, '.'], path.join(root, 'sources'))).stdout) as { files: { entities: number }[] };
    expect(inside.files.reduce((n, f) => n + f.entities, 0)).toBe(before.files.reduce((n, f) => n + f.entities, 0));
    const csv = (await runCli(['export', '--format', 'csv', ...R, 'sources'], root)).stdout;
    expect(csv.split('\n').some((l) => /,entity,[^,]*,Xiaomi,/.test(l))).toBe(false);

    // A claim dismissed in its sidecar ("Not a claim") leaves the untagged count of check.
    const source = path.join(root, 'sources', S003);
    const text = readFileSync(source, 'utf8');
    const claim = 'Once Huawei and Xiaomi secure deals with major carriers like AT&T and Verizon';
    const start = text.indexOf(claim);
    const sidecar = emptySidecar(S003, sha256Hex(text));
    const { sidecar: dismissed } = addDismissal(sidecar, { kind: 'not-a-claim', start, end: text.indexOf('.', start + claim.length) + 1, sourceText: text, now: new Date('2026-11-22T10:00:00.000Z') });
    const checkJson = async () => JSON.parse((await runCli(['check', '--json', ...R, 'sources'], root)).stdout) as { counts: { untagged: number } };
    const untagged = (await checkJson()).counts.untagged;
    const sidecarPath = `${source}.annotations.json`;
    const existing = existsSync(sidecarPath) ? parseSidecar(readFileSync(sidecarPath, 'utf8')) : { ok: true as const, sidecar };
    if (!existing.ok) throw new Error(existing.problem.message);
    writeFileSync(sidecarPath, serializeSidecar({ ...existing.sidecar, sourceSha256: dismissed.sourceSha256, dismissals: dismissed.dismissals }));
    expect((await checkJson()).counts.untagged).toBe(untagged - 1);
  }, 180_000); // several CLI runs: minutes on a loaded machine
});

describe('sourcemark check', () => {
  it('exit code follows the --fail-on policy', async () => {
    const root = workspace();
    const code = async (...args: string[]) => (await runCli(['check', ...R, ...args, 'sources'], root)).code;
    expect(await code()).toBe(1); // default: invalid, orphan, unreadable
    expect(await code('--fail-on', 'none')).toBe(0);
    expect(await code('--fail-on', 'untagged')).toBe(1);
    expect(await code('--fail-on', 'invalid')).toBe(1);
    expect(await code('--fail-on', 'orphan')).toBe(1);
    expect(await code('--fail-on', 'unreadable')).toBe(0);
    // The samples agree with each other; a memo giving the plan 2021 does not.
    expect(await code('--fail-on', 'conflict')).toBe(0);
    addMemo(root);
    expect(await code('--fail-on', 'conflict')).toBe(1);
    rmSync(path.join(root, 'sources', 'memo.txt'));
    expect(await code('--fail-on', 'untagged,bogus')).toBe(2);
    // Fix the invalid sidecar and drop the orphan: the default policy passes, untagged still fails.
    rmSync(path.join(root, 'sources', `${S004}.annotations.json`));
    expect(await code('--fail-on', 'invalid')).toBe(0);
    expect(await code('--fail-on', 'orphan')).toBe(1);
    rmSync(path.join(root, 'sources', `${S002}.annotations.json`));
    expect(await code()).toBe(0);
    expect(await code('--fail-on', 'untagged')).toBe(1);
    const missing = await runCli(['check', '--fail-on', 'unreadable', 'sources', 'nope.txt'], root);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/^nope\.txt:1:1: unreadable source: ENOENT/m);
  }, 180_000);

  it('reports a sidecar whose tags do not fit the text its fingerprint names as invalid, as the editor does', async () => {
    const root = workspace();
    const file = path.join(root, 'sources', `${S003}.annotations.json`);
    const parsed = parseSidecar(readFileSync(file, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.problem.message);
    const [first, ...rest] = parsed.sidecar.annotations;
    writeFileSync(file, serializeSidecar({ ...parsed.sidecar, annotations: [{ ...first!, target: { ...first!.target, start: first!.target.start + 1, end: first!.target.end + 1 } }, ...rest] }));
    const before = readFileSync(file, 'utf8');
    const { code, stdout } = await runCli(['check', ...R, '--fail-on', 'invalid', 'sources'], root);
    expect(code).toBe(1);
    expect(stdout).toMatch(new RegExp(`^sources/${S003}\\.annotations\\.json:1:1: invalid sidecar: Tag "${first!.id}" does not fit the source`, 'm'));
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('prints file:line:col locations that point at the claim', async () => {
    const root = workspace();
    const { stdout } = await runCli(['check', ...R, '--fail-on', 'none', 'sources'], root);
    const lines = stdout.split('\n').filter((l) => l.includes(': untagged claim: '));
    expect(lines.length).toBeGreaterThan(40);
    for (const line of lines) {
      const [, file, l, c, text] = /^(.+?):(\d+):(\d+): untagged claim: (.+)$/.exec(line)!;
      const lines = readFileSync(path.join(root, file!), 'utf8').split('\n');
      const rest = [lines[Number(l) - 1]!.slice(Number(c) - 1), ...lines.slice(Number(l))].join('\n');
      expect(rest.replace(/\s+/g, ' ').startsWith(text!.replace(/…$/, ''))).toBe(true);
    }
  });

  it('--json agrees with the text output and says whether the policy passed', async () => {
    const root = workspace();
    const json = JSON.parse((await runCli(['check', '--json', ...R, 'sources'], root)).stdout);
    expect(json).toMatchObject({ version: 1, passed: false, failOn: ['invalid', 'orphan', 'unreadable'], sources: 5, counts: { untagged: 59, orphan: 1, conflict: 0, invalid: 1, unreadable: 0 } });
    expect(json.conflicts).toEqual([]);
    addMemo(root);
    const memo = JSON.parse((await runCli(['check', '--json', ...R, 'sources'], root)).stdout);
    expect(memo.counts.conflict).toBe(8);
    expect(memo.conflicts.map((c: { kind: string }) => c.kind).sort()).toEqual([...Array(6).fill('time-frame'), 'title', 'title']);
    expect(json.files.find((f: { file: string }) => f.file.endsWith(S004)).sidecar.state).toBe('invalid');
  });

  it('gives the same output with two worker threads; quiet on stderr when piped, figures with --timing', async () => {
    const root = workspace();
    const two = await runCli(['check', '--jobs', '2', ...R, 'sources'], root);
    expect(two.stdout).toBe(golden('check.txt'));
    expect(two.stderr).toBe('');
    const timed = await runCli(['stats', '--jobs', '2', '--timing', ...R, 'sources'], root);
    expect(timed.stdout).toBe(golden('stats.txt'));
    expect(timed.stderr).toMatch(/^stats: 5 sources, [\d.]+ MB in [\d.]+ s · [\d.]+ sources\/s · [\d.]+ MB\/s · 2 workers · CPU [\d.]+ s · peak RSS \d+ MB\n$/);
  });
});

describe('sourcemark import', () => {
  /** A copy of the workspace's sources with the given extra files and no sidecars. */
  function bare(from: string, extra: (name: string) => boolean): string {
    const root = mkdtempSync(path.join(tmpdir(), 'sourcemark-bare-'));
    roots.push(root);
    mkdirSync(path.join(root, 'sources'));
    for (const f of readdirSync(path.join(from, 'sources'))) {
      if (f.endsWith('.txt') || extra(f)) copyFileSync(path.join(from, 'sources', f), path.join(root, 'sources', f));
    }
    return root;
  }

  it('brat: export then import into sidecar-less copies gives back every anchored tag', async () => {
    const root = workspace();
    expect((await runCli(['export', '--format', 'brat', ...R, 'sources'], root)).code).toBe(1); // 004's sidecar is invalid
    const copy = bare(root, (f) => f.endsWith('.ann'));
    const imported = await runCli(['import', '--format', 'brat', 'sources'], copy);
    expect(imported.code, imported.stdout + imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/Imported: 7 added, 0 updated, 0 unchanged, 0 kept, 0 not found\./);
    for (const name of readdirSync(path.join(copy, 'sources')).filter((f) => f.endsWith('.annotations.json'))) {
      const original = tagsOf(path.join(root, 'sources', name)).filter((t) => t.target.exact !== 'Xiaomi will open 1,000 stores in the US by 2019.');
      expect(tagsOf(path.join(copy, 'sources', name)), name).toEqual(original);
    }
    // Importing again changes nothing, byte for byte.
    const before = readFileSync(path.join(copy, 'sources', `${S003}.annotations.json`), 'utf8');
    const again = await runCli(['import', '--format', 'brat', 'sources'], copy);
    expect(again.stdout).toMatch(/Imported: 0 added, 0 updated, 7 unchanged/);
    expect(readFileSync(path.join(copy, 'sources', `${S003}.annotations.json`), 'utf8')).toBe(before);
  });

  it('w3c: export then import gives back every tag; the orphan is reported, not invented', async () => {
    const root = workspace();
    await runCli(['export', '--format', 'w3c', '--scope', 'tagged', '--out', 'tags.jsonld', ...R, 'sources'], root);
    const copy = bare(root, () => false);
    copyFileSync(path.join(root, 'tags.jsonld'), path.join(copy, 'tags.jsonld'));
    const imported = await runCli(['import', '--format', 'w3c', 'tags.jsonld'], copy);
    expect(imported.code).toBe(1);
    expect(imported.stdout).toMatch(/Imported: 7 added, 0 updated, 0 unchanged, 0 kept, 1 not found\./);
    expect(imported.stdout).toMatch(/"Xiaomi will open 1,000 stores in the US by 2019\." is not in the source; not imported\./);
    for (const name of [S002, S003].map((s) => `${s}.annotations.json`)) {
      const original = tagsOf(path.join(root, 'sources', name)).filter((t) => t.target.exact !== 'Xiaomi will open 1,000 stores in the US by 2019.');
      expect(tagsOf(path.join(copy, 'sources', name))).toEqual(original);
    }
  });

  it('never overwrites an invalid sidecar; --dry-run writes nothing; a differing tag is kept unless --overwrite', async () => {
    const root = workspace();
    await runCli(['export', '--format', 'brat', ...R, 'sources'], root);
    const ann = path.join(root, 'sources', `${S004.replace(/\.txt$/, '')}.ann`);
    const sidecar004 = path.join(root, 'sources', `${S004}.annotations.json`);
    const invalid = readFileSync(sidecar004, 'utf8');
    writeFileSync(ann, `T1\tClaim 0 70\t${readFileSync(path.join(root, 'sources', S004), 'utf8').slice(0, 70)}\nA1\tStatus T1 verified\n`);
    const r = await runCli(['import', '--format', 'brat', path.join('sources', S004)], root);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/not imported: its sidecar cannot be read/);
    expect(readFileSync(sidecar004, 'utf8')).toBe(invalid);

    // 003's speculative tag, marked verified in the .ann: kept, then replaced with --overwrite.
    const ann003 = path.join(root, 'sources', `${S003.replace(/\.txt$/, '')}.ann`);
    writeFileSync(ann003, readFileSync(ann003, 'utf8').replace(/^(A\d+\tStatus T\d+) speculative$/m, '$1 verified'));
    const sidecar003 = path.join(root, 'sources', `${S003}.annotations.json`);
    const before = readFileSync(sidecar003, 'utf8');
    const dry = await runCli(['import', '--format', 'brat', '--dry-run', '--overwrite', path.join('sources', S003)], root);
    expect(dry.stdout).toMatch(/1 updated.*dry run: nothing written/);
    expect(readFileSync(sidecar003, 'utf8')).toBe(before);
    const keep = await runCli(['import', '--format', 'brat', path.join('sources', S003)], root);
    expect(keep.stdout).toMatch(/kept speculative \("Only Bloomberg reports it;\nno carrier confirms\."\); the import says verified/);
    expect(readFileSync(sidecar003, 'utf8')).toBe(before);
    await runCli(['import', '--format', 'brat', '--overwrite', path.join('sources', S003)], root);
    expect(tagsOf(sidecar003).find((t) => t.kind === 'claim')!.status).toBe('verified');
  });
});

describe('bad arguments', () => {
  it('exit 2 with the command usage', async () => {
    const root = workspace();
    for (const args of [['export', 'sources'], ['export', '--format', 'pdf', 'sources'], ['report', '--format', 'pdf', '--out', 'report.html', 'sources'], ['import', '--format', 'csv'], ['stats', '--jobs', '0', 'sources'], ['frobnicate']]) {
      const r = await runCli(args, root);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/Usage: sourcemark/);
    }
    expect(existsSync(path.join(root, 'report.html'))).toBe(false);
  });
});

describe('sourcemark check --skip-conflicts', () => {
  it('says the conflicts were not searched, and refuses to fail on them', async () => {
    const root = workspace();
    const skipped = await runCli(['check', '--skip-conflicts', '--fail-on', 'none', ...R, 'sources'], root);
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).not.toMatch(/: conflict/);
    expect(skipped.stdout).toMatch(/1 orphaned tag, conflicts not searched, 1 invalid sidecar/);
    expect((await runCli(['check', '--skip-conflicts', '--fail-on', 'conflict', 'sources'], root)).code).toBe(2);
  });

  it('report --skip-conflicts says so where the conflicts would be', async () => {
    const root = workspace();
    addMemo(root);
    const report = async (...args: string[]) => (await runCli(['report', '--format', 'md', ...args, ...R, 'sources'], root)).stdout;
    expect(await report('--skip-conflicts')).toMatch(/## Conflicts between sources\n\nNot searched \(--skip-conflicts\)\.\n$/);
    expect(await report()).toMatch(/## Conflicts between sources\n\n- time-frame: /);
  });
});
