// The sidecar layout is meant for git: a one-tag change is a small diff, and two people tagging
// different findings merge without conflict. Checked with git's own three-way merge.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSidecar, serializeSidecar, emptySidecar } from '../../../src/core/tags/sidecarFormat';
import { rebaseSidecar, attachTags } from '../../../src/core/taggedFindings';
import { sha256Hex } from '../../../src/core/tags/quoteSelector';
import { setTag } from '../../../src/core/tags/tagOperations';

const TEXT = [
  'Xiaomi plans to enter the US market by early 2019.',
  'Xiaomi is the fourth largest handset maker in China.',
  'Lei Jun said the company would start by end 2018.',
  'Huawei tried to sell its flagships via AT&T and Verizon.',
  'Apple is the last vendor that will be affected.',
  'The US government will probably block their entry.',
].join('\n\n');

const sentence = (n: number) => {
  const start = TEXT.split('\n\n').slice(0, n).join('\n\n').length + (n ? 2 : 0);
  return { kind: 'claim' as const, start, end: start + TEXT.split('\n\n')[n]!.length };
};

const T = (m: number) => new Date(Date.UTC(2026, 0, 1, 10, m));
const ids = (...list: string[]) => {
  let i = 0;
  return () => list[i++]!;
};

const dir = mkdtempSync(join(tmpdir(), 'sourcemark-merge-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function merge(base: string, ours: string, theirs: string): { merged: string; conflicts: number } {
  const files = { base: join(dir, 'base.json'), ours: join(dir, 'ours.json'), theirs: join(dir, 'theirs.json') };
  writeFileSync(files.base, base);
  writeFileSync(files.ours, ours);
  writeFileSync(files.theirs, theirs);
  const r = spawnSync('git', ['merge-file', '-p', files.ours, files.base, files.theirs], { encoding: 'utf8' });
  return { merged: r.stdout, conflicts: r.status ?? -1 };
}

describe('sidecars in git', () => {
  let base = emptySidecar('a.txt', sha256Hex(TEXT));
  base = setTag(base, { ...sentence(0), status: 'speculative', sourceText: TEXT, now: T(0) }, ids('a_20'));
  base = setTag(base, { ...sentence(2), status: 'verified', sourceText: TEXT, now: T(1) }, ids('a_50'));
  base = setTag(base, { ...sentence(4), status: 'contradicted', sourceText: TEXT, now: T(2) }, ids('a_80'));
  const baseRaw = serializeSidecar(base);

  it('a one-tag status change touches only that tag\'s lines', () => {
    const changed = serializeSidecar(setTag(base, { ...sentence(2), status: 'contradicted', sourceText: TEXT, now: T(9) }));
    writeFileSync(join(dir, 'x1'), baseRaw);
    writeFileSync(join(dir, 'x2'), changed);
    // git diff --no-index exits 1 when the files differ, which they do.
    const stat = spawnSync('git', ['diff', '--no-index', '--numstat', '--', join(dir, 'x1'), join(dir, 'x2')], { encoding: 'utf8' }).stdout.trim();
    const [added, removed] = stat.split(/\s+/).map(Number);
    // status, updatedAt, and one more history entry (5 lines: braces and three fields).
    expect(removed).toBeLessThanOrEqual(3);
    expect(added).toBeLessThanOrEqual(9);
  });

  it('re-saving after an edit elsewhere in the source rewrites nothing but offsets and the fingerprint', () => {
    const edited = TEXT.replace('Huawei tried', 'Huawei, the rival, tried');
    const rebased = rebaseSidecar(base, edited, attachTags(edited, [], base));
    const before = baseRaw.split('\n');
    const after = serializeSidecar(rebased).split('\n');
    expect(after).toHaveLength(before.length);
    const changed = after.filter((line, i) => line !== before[i]);
    for (const line of changed) expect(line).toMatch(/"sourceSha256"|"start"|"end"|"prefix"|"suffix"/);
    // The edit must really have moved something, or the loop above passes on nothing.
    expect(changed.filter((line) => /"sourceSha256"/.test(line))).toHaveLength(1);
    expect(changed.some((line) => /"start"/.test(line))).toBe(true);
    expect(changed.some((line) => /"end"/.test(line))).toBe(true);
  });

  it('two people tagging different claims merge without conflict, and nobody\'s tag is lost', () => {
    const ours = setTag(base, { ...sentence(1), status: 'verified', sourceText: TEXT, now: T(10) }, ids('a_35'));
    const theirs = setTag(
      setTag(base, { ...sentence(5), status: 'speculative', sourceText: TEXT, now: T(11) }, ids('a_95')),
      { ...sentence(0), status: 'verified', sourceText: TEXT, now: T(12) },
    );
    const { merged, conflicts } = merge(baseRaw, serializeSidecar(ours), serializeSidecar(theirs));
    expect(conflicts).toBe(0);
    const parsed = parseSidecar(merged);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.sidecar.annotations.map((a) => `${a.id}:${a.status}`)).toEqual(['a_20:verified', 'a_35:verified', 'a_50:verified', 'a_80:contradicted', 'a_95:speculative']);
  });

  it('a real conflict (both changed the same tag) is left to the user with git\'s markers, which the parser reports', () => {
    const ours = setTag(base, { ...sentence(2), status: 'contradicted', sourceText: TEXT, now: T(20) });
    const theirs = setTag(base, { ...sentence(2), status: 'speculative', sourceText: TEXT, now: T(21) });
    const { merged, conflicts } = merge(baseRaw, serializeSidecar(ours), serializeSidecar(theirs));
    expect(conflicts).toBeGreaterThan(0);
    const parsed = parseSidecar(merged);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem.code).toBe('invalid-json');
  });
});
