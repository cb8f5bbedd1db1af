import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { braceExpansions, compileSourceGlob, GlobTooComplexError } from '../../../src/core/files/sourceGlob';
import { SourceScope } from '../../../src/core/files/sourceScope';

describe('sources glob', () => {
  it('counts brace expansion without expanding, ranges included', () => {
    expect(braceExpansions('**/*.txt')).toBe(1);
    expect(braceExpansions('**/*.{txt,md}')).toBe(2);
    expect(braceExpansions('{a,b}/{c,d,e}/*.txt')).toBe(6);
    expect(braceExpansions('{1..500}.txt')).toBe(500);
    expect(braceExpansions('\\{a,b\\}.txt')).toBe(1);
  });

  it('refuses twenty {a,b} groups (a million patterns) with a message, and compiles a glob once', () => {
    const glob = '{a,b}'.repeat(20);
    expect(() => compileSourceGlob(glob)).toThrow(GlobTooComplexError);
    expect(() => compileSourceGlob(glob)).toThrow(/expand to more than 256 patterns\. Simplify it\./);
    expect(compileSourceGlob('**/*.txt')).toBe(compileSourceGlob('**/*.txt'));
  });

  it('reads a glob as the editor does: dot files included, a glob without a slash matched anywhere', () => {
    expect(compileSourceGlob('**/*.txt').matches('.hidden/a.txt')).toBe(true);
    expect(compileSourceGlob('*.txt').matches('deep/er/a.txt')).toBe(true);
    expect(compileSourceGlob('news/*.txt').matches('deep/news/a.txt')).toBe(false);
  });
});

describe('SourceScope', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await realpath(mkdtempSync(path.join(tmpdir(), 'sourcemark-scope-')));
    mkdirSync(path.join(dir, 'ws/sub'), { recursive: true });
    mkdirSync(path.join(dir, 'elsewhere'));
    for (const f of ['ws/a.txt', 'ws/sub/b.txt', 'ws/c.conf', 'elsewhere/d.txt', 'ws/a.txt.annotations.json']) writeFileSync(path.join(dir, f), 'x');
    symlinkSync(path.join(dir, 'elsewhere/d.txt'), path.join(dir, 'ws/link.txt'));
    symlinkSync(path.join(dir, 'ws/a.txt'), path.join(dir, 'elsewhere/in.txt'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('takes a regular file inside a folder that matches the glob; links are judged by what they point to', async () => {
    const scope = await SourceScope.of({ folders: [path.join(dir, 'ws')], glob: '**/*.txt' });
    const check = (p: string) => scope.check(path.join(dir, p));
    expect(await check('ws/a.txt')).toEqual({ ok: true, path: path.join(dir, 'ws/a.txt') });
    expect(await check('ws/sub/b.txt')).toEqual({ ok: true, path: path.join(dir, 'ws/sub/b.txt') });
    expect(await check('ws/sub/../../ws/a.txt')).toMatchObject({ ok: true });
    expect(await check('elsewhere/in.txt')).toEqual({ ok: true, path: path.join(dir, 'ws/a.txt') });
    expect(await check('ws/c.conf')).toEqual({ ok: false, reason: 'it does not match the sources glob "**/*.txt"' });
    expect(await check('ws/a.txt.annotations.json')).toEqual({ ok: false, reason: 'it is a sidecar, not a source' });
    expect(await check('elsewhere/d.txt')).toEqual({ ok: false, reason: `it is outside the folders Sourcemark works in (${path.join(dir, 'ws')})` });
    expect(await check('ws/link.txt')).toEqual({ ok: false, reason: `it is outside the folders Sourcemark works in (${path.join(dir, 'ws')}) (it is a link to ${path.join(dir, 'elsewhere/d.txt')})` });
    expect(await check('ws/sub')).toEqual({ ok: false, reason: 'it is a folder, not a regular file' });
    expect(await check('ws/none.txt')).toEqual({ ok: false, reason: 'it does not exist' });
  });

  it('takes files named explicitly wherever they are', async () => {
    const scope = await SourceScope.of({ folders: [], files: [path.join(dir, 'elsewhere/d.txt')], glob: '**/*.txt' });
    expect(await scope.check(path.join(dir, 'elsewhere/d.txt'))).toMatchObject({ ok: true });
    expect(await scope.check(path.join(dir, 'ws/a.txt'))).toEqual({ ok: false, reason: 'it is outside the folders Sourcemark works in (no folder)' });
  });
});
