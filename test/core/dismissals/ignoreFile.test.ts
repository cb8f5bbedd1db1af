import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  findIgnoreFile, IGNORE_FILE_NAME, ignoredNames, ignoredNamesFor, parseIgnoreFile, readIgnoreFile, serializeIgnoreFile, updateIgnoreFile,
} from '../../../src/core/dismissals/ignoreFile';

const entity = (value: string) => ({ kind: 'entity' as const, value });

describe('parseIgnoreFile', () => {
  it('reads one entry a line, skipping comments and blank lines', () => {
    const f = parseIgnoreFile('# names we never check\n\nentity: Smartphone\n  entity :  English  \n');
    expect(f.entries).toEqual([entity('Smartphone'), entity('English')]);
    expect(f.comments).toEqual(['# names we never check']);
    expect(f.unknown).toEqual([]);
  });

  it('reads CRLF and CR line ends and a leading BOM like LF', () => {
    const lf = parseIgnoreFile('entity: A\nentity: B\n');
    expect(parseIgnoreFile('\uFEFFentity: A\r\nentity: B\r\n')).toEqual(lf);
    expect(parseIgnoreFile('entity: A\rentity: B')).toEqual(lf);
  });

  it('keeps lines that are not entries, with their 1-based line number', () => {
    const f = parseIgnoreFile('entity: A\nwords: B\nentity:\n');
    expect(f.entries).toEqual([entity('A')]);
    expect(f.unknown).toEqual([{ line: 2, text: 'words: B' }, { line: 3, text: 'entity:' }]);
  });

  it('reads an empty file as no entries', () => {
    expect(parseIgnoreFile('')).toEqual({ entries: [], unknown: [] });
    expect(parseIgnoreFile('\n\n  \n')).toEqual({ entries: [], unknown: [] });
  });

  it('survives hostile content: NUL bytes, a name with a colon, a huge line', () => {
    expect(parseIgnoreFile('entity: A\u0000B\n\u0000\u0000\n').entries).toEqual([entity('A\u0000B')]);
    expect(parseIgnoreFile('entity: Ratio: 3:1\n').entries).toEqual([entity('Ratio: 3:1')]);
    // A run of spaces inside a long line: a backtracking pattern takes minutes on this (quadratic).
    const huge = `entity: a${' '.repeat(1_000_000)}b`;
    const f = parseIgnoreFile(`${huge}\nentity: C\n`);
    expect(f.entries.map((e) => e.value.length)).toEqual([1_000_002, 1]);
  });
});

describe('serializeIgnoreFile', () => {
  it('is sorted, deduplicated, one entry a line with a trailing newline', () => {
    const text = serializeIgnoreFile({ entries: [entity('Zeta'), entity('Alpha'), entity('Zeta'), entity('beta')], unknown: [] });
    expect(text).toBe('entity: Alpha\nentity: Zeta\nentity: beta\n');
  });

  it('gives the same bytes for the same set, whatever the order (git-friendly)', () => {
    const a = serializeIgnoreFile({ entries: [entity('B'), entity('A'), entity('C')], unknown: [] });
    const b = serializeIgnoreFile({ entries: [entity('C'), entity('B'), entity('A'), entity('B')], unknown: [] });
    expect(a).toBe(b);
    expect(serializeIgnoreFile(parseIgnoreFile(a))).toBe(a);
  });

  it('keeps unknown lines after the entries', () => {
    const text = serializeIgnoreFile(parseIgnoreFile('words: x\nentity: B\nentity: A\n'));
    expect(text).toBe('entity: A\nentity: B\nwords: x\n');
  });

  it('writes nothing for an empty file', () => {
    expect(serializeIgnoreFile({ entries: [], unknown: [] })).toBe('');
  });

  it('never writes a name across lines: a line break in a name cannot make a second entry', () => {
    const text = serializeIgnoreFile({ entries: [entity('Xiaomi\nentity: Apple'), entity('  ')], unknown: [] });
    expect(text.split('\n').filter(Boolean)).toHaveLength(1);
    expect(parseIgnoreFile(text).entries).toEqual([entity('Xiaomi entity: Apple')]);
  });
});

describe('ignoredNames', () => {
  it('lower-cases, deduplicates and sorts the names', () => {
    expect(ignoredNames(parseIgnoreFile('entity: Smartphone\nentity: smartphone\nentity: English\n'))).toEqual(['english', 'smartphone']);
    expect(ignoredNames(undefined)).toEqual([]);
  });
});

describe('ignore file on disk', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sourcemark-ignore-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('adds and removes entries case-insensitively, rewriting the file sorted; reports whether it changed', async () => {
    const path = join(dir, IGNORE_FILE_NAME);
    expect(await updateIgnoreFile(path, entity('Zeta'), 'add')).toBe(true);
    expect(await updateIgnoreFile(path, entity('Alpha'), 'add')).toBe(true);
    expect(await updateIgnoreFile(path, entity('alpha'), 'add')).toBe(false);
    expect(await readFile(path, 'utf8')).toBe('entity: Alpha\nentity: Zeta\n');
    expect(await updateIgnoreFile(path, entity('ZETA'), 'remove')).toBe(true);
    expect(await updateIgnoreFile(path, entity('Zeta'), 'remove')).toBe(false);
    expect(await readFile(path, 'utf8')).toBe('entity: Alpha\n');
  });

  it('keeps the comments and unknown lines a person wrote when it rewrites the file', async () => {
    const path = join(dir, IGNORE_FILE_NAME);
    await writeFile(path, '# Names the desk never checks\r\nentity: Zeta\r\nwords: x\r\n');
    await updateIgnoreFile(path, entity('Alpha'), 'add');
    const text = await readFile(path, 'utf8');
    expect(text).toContain('# Names the desk never checks\n');
    expect(text).toContain('words: x\n');
    expect(parseIgnoreFile(text).entries).toEqual([entity('Alpha'), entity('Zeta')]);
    // Rewriting again changes nothing: the comment does not move or multiply.
    await updateIgnoreFile(path, entity('Beta'), 'add');
    await updateIgnoreFile(path, entity('Beta'), 'remove');
    expect(await readFile(path, 'utf8')).toBe(text);
  });

  it('never replaces a file it cannot read: too large, not UTF-8, or a folder', async () => {
    const path = join(dir, IGNORE_FILE_NAME);
    const big = `entity: Keep\n${'#'.repeat(4 * 1024 * 1024)}\n`;
    await writeFile(path, big);
    await expect(updateIgnoreFile(path, entity('New'), 'add')).rejects.toThrow(/over the/);
    expect(await readFile(path, 'utf8')).toBe(big);
    const latin1 = Buffer.from('entity: Caf\xe9\n', 'latin1');
    await writeFile(path, latin1);
    await expect(updateIgnoreFile(path, entity('New'), 'add')).rejects.toThrow(/not UTF-8/);
    expect((await readFile(path)).equals(latin1)).toBe(true);
    await rm(path);
    await mkdir(path);
    await expect(updateIgnoreFile(path, entity('New'), 'add')).rejects.toThrow(/a folder/);
  });

  it('finds the nearest ignore file above a folder, not above the root', async () => {
    const sub = join(dir, 'a', 'b');
    await mkdir(sub, { recursive: true });
    await writeFile(join(dir, IGNORE_FILE_NAME), 'entity: Top\n');
    expect(await findIgnoreFile(sub)).toBe(join(dir, IGNORE_FILE_NAME));
    expect(await findIgnoreFile(sub, join(dir, 'a'))).toBeUndefined();
    await writeFile(join(dir, 'a', IGNORE_FILE_NAME), 'entity: Near\n');
    expect(await ignoredNamesFor(sub)).toEqual(['near']);
  });

  it('never reads above its root: a folder outside the root looks in itself only', async () => {
    const workspace = join(dir, 'ws');
    const outside = join(dir, 'elsewhere', 'deep');
    await mkdir(join(workspace, 'sources'), { recursive: true });
    await mkdir(outside, { recursive: true });
    await writeFile(join(dir, IGNORE_FILE_NAME), 'entity: Above\n');
    expect(await findIgnoreFile(join(workspace, 'sources'), workspace)).toBeUndefined();
    expect(await findIgnoreFile(outside, workspace)).toBeUndefined();
    // A root given with a trailing separator, and a sibling whose name starts like the root's.
    await mkdir(join(dir, 'ws-other'), { recursive: true });
    expect(await findIgnoreFile(join(dir, 'ws-other'), workspace)).toBeUndefined();
    await writeFile(join(workspace, IGNORE_FILE_NAME), 'entity: Here\n');
    expect(await ignoredNamesFor(join(workspace, 'sources'), `${workspace}/`)).toEqual(['here']);
    expect(await ignoredNamesFor(outside, workspace)).toEqual([]);
  });

  it('reads a missing file, or a folder in its place, as empty', async () => {
    expect(await readIgnoreFile(join(dir, IGNORE_FILE_NAME))).toEqual({ entries: [], unknown: [] });
    await mkdir(join(dir, IGNORE_FILE_NAME));
    expect(await readIgnoreFile(join(dir, IGNORE_FILE_NAME))).toEqual({ entries: [], unknown: [] });
  });
  it('keeps one entry for names that differ only in case (matching ignores case), the first spelling', () => {
    expect(serializeIgnoreFile(parseIgnoreFile('entity: Smartphone\nentity: smartphone\nentity: SMARTPHONE\nentity: Apple\n')))
      .toBe('entity: Apple\nentity: Smartphone\n');
  });
});
