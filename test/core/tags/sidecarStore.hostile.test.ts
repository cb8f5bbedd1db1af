// The sidecar store against what a workspace may hold or a caller may ask for (issue 15): it never
// writes a file it would then refuse to read, refuses files past its limits and files that are not
// files, changes no byte it was not asked to, and gets past locks that are not locks.
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Annotation, Sidecar } from '../../../src/core/tags/annotation';
import { parseSidecar, serializeSidecar, SIDECAR_LIMITS } from '../../../src/core/tags/sidecarFormat';
import { backupPathFor, FileSidecarStore, MemorySidecarStore, SidecarStoreError } from '../../../src/core/tags/sidecarStore';
import { setNote, setTag } from '../../../src/core/tags/tagOperations';
import { ann, sidecar } from './fixtures';
import { hasMkfifo, mkfifo } from '../../fifo';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sourcemark-hostile-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const one = sidecar([ann('a_1', 0, 4)]);

async function refused(promise: Promise<unknown>): Promise<SidecarStoreError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(SidecarStoreError);
  return error as SidecarStoreError;
}

describe('the store never writes a sidecar it would refuse to read', () => {
  it.each(['pwned', '__proto__', 'Verified'])('refuses status %j, leaving the file as it was', async (status) => {
    const store = new FileSidecarStore();
    const path = join(dir, 'a.txt.annotations.json');
    await store.write(path, one);
    const before = await readFile(path, 'utf8');
    const bad = { ...one, annotations: [{ ...one.annotations[0]!, status: status as Annotation['status'] }] };
    const error = await refused(store.write(path, bad));
    expect(error.code).toBe('invalid-change');
    expect(error.message).toMatch(/^Sourcemark did not save tags to .*: the result would not be a sidecar it can read back \(.*status.*\)\. Nothing was written\.$/);
    expect(await readFile(path, 'utf8')).toBe(before);
    // Later tags on that source still work.
    expect(await store.update(path, (s) => setTag(s!, { kind: 'claim', start: 0, end: 4, status: 'speculative', sourceText: 'Acme said so.', now: new Date(0) }))).toMatchObject({ written: true });
  });

  it('refuses a note that is not text, and one longer than a note may be', async () => {
    const store = new MemorySidecarStore();
    const path = '/w/a.txt.annotations.json';
    await store.write(path, one);
    const key = { kind: 'claim' as const, start: 0, end: 4, now: new Date(0) };
    expect((await refused(store.update(path, (s) => setNote(s!, { ...key, note: 42 as unknown as string })))).code).toBe('invalid-change');
    const long = 'x'.repeat(SIDECAR_LIMITS.noteLength + 1);
    const error = await refused(store.update(path, (s) => setNote(s!, { ...key, note: long })));
    expect(error.message).toContain('has 20,001 characters, more than the 20,000 a note may have');
    expect(await store.update(path, (s) => setNote(s!, { ...key, note: 'x'.repeat(SIDECAR_LIMITS.noteLength) }))).toMatchObject({ written: true });
  });
});

describe('limits on what a sidecar may hold', () => {
  const tags = (n: number) => Array.from({ length: n }, (_, i) => ann(`a_${i.toString(16)}`, 0, 1));

  it('reads a file nested 5,000 deep as invalid without overflowing the stack, and never overwrites it', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const raw = serializeSidecar(one).replace('"annotations"', `"deep": ${deep}, "annotations"`);
    const store = new FileSidecarStore();
    const path = join(dir, 'deep.txt.annotations.json');
    await writeFile(path, raw);
    const read = await store.read(path);
    expect(read).toMatchObject({ state: 'invalid', problem: { code: 'limit' } });
    expect(read.state === 'invalid' && read.problem.message).toMatch(/nests values more than 64 levels deep/);
    expect((await refused(store.update(path, (s) => s))).code).toBe('invalid-existing');
    expect(await readFile(path, 'utf8')).toBe(raw);
  });

  it('refuses more tags than a file may hold, with a message that says what to do', () => {
    const parsed = parseSidecar(serializeSidecar(sidecar(tags(SIDECAR_LIMITS.tags + 1))));
    expect(parsed).toMatchObject({ ok: false, problem: { code: 'limit' } });
    expect(!parsed.ok && parsed.problem.message).toBe(
      'The sidecar holds 50,001 tags, more than the 50,000 Sourcemark reads from one file. Delete the tags you no longer need (by hand) or restore the file from version control; Sourcemark will not overwrite it until it is fixed.',
    );
    expect(parseSidecar(serializeSidecar(sidecar(tags(1000))))).toMatchObject({ ok: true });
  });

  it('does not read a file larger than the size limit (a 200,000-tag sidecar)', async () => {
    const raw = serializeSidecar(sidecar(tags(200_000)));
    expect(raw.length).toBeGreaterThan(SIDECAR_LIMITS.bytes);
    const path = join(dir, 'big.txt.annotations.json');
    await writeFile(path, raw);
    const read = await new FileSidecarStore().read(path);
    expect(read).toMatchObject({ state: 'invalid', problem: { code: 'limit' } });
    expect(read.state === 'invalid' && read.problem.message).toMatch(/^The sidecar is \d+\.\d MB, more than the 32\.0 MB Sourcemark reads\./);
  });

  it('keeps the schema in step with the limits (VS Code checks hand edits with it)', async () => {
    const schema = JSON.parse(await readFile(join(__dirname, '../../../schemas/sidecar-v3.schema.json'), 'utf8'));
    expect(schema.properties.annotations.maxItems).toBe(SIDECAR_LIMITS.tags);
    expect(schema.properties.dismissals.maxItems).toBe(SIDECAR_LIMITS.tags);
    expect(schema.definitions.comment.properties.body.maxLength).toBe(SIDECAR_LIMITS.noteLength);
  });
});

describe('files that are not files', () => {
  it.skipIf(!hasMkfifo)('reads a FIFO named like a sidecar as invalid, without opening it (it would block forever)', async () => {
    const path = join(dir, 'a.txt.annotations.json');
    mkfifo(path);
    const store = new FileSidecarStore();
    expect(await store.read(path)).toMatchObject({ state: 'invalid', problem: { code: 'not-a-file', message: expect.stringContaining('is a named pipe (FIFO)') } });
    expect((await refused(store.update(path, () => one))).message).toContain('is a named pipe (FIFO), not a sidecar file');
    expect((await stat(path)).isFIFO()).toBe(true);
  });

  it('reads a link to a device as invalid (/dev/zero never ends)', async () => {
    const path = join(dir, 'a.txt.annotations.json');
    await symlink('/dev/zero', path);
    expect(await new FileSidecarStore().read(path)).toMatchObject({ state: 'invalid', problem: { code: 'not-a-file', message: expect.stringContaining('is a device') } });
  });
});

describe('no silent changes', () => {
  it('reads a note holding a byte that is not UTF-8, and refuses to rewrite it rather than change that byte', async () => {
    const path = join(dir, 'a.txt.annotations.json');
    const text = serializeSidecar(sidecar([ann('a_1', 0, 4, { comments: [{ id: 'c_1', author: 'ana', createdAt: '2025-01-01T00:00:00.000Z', body: 'caf#' }] })]));
    const bytes = Buffer.from(text, 'utf8');
    bytes[bytes.indexOf('#')] = 0xe9; // Latin-1 é
    await writeFile(path, bytes);
    const store = new FileSidecarStore();
    const read = await store.read(path);
    expect(read).toMatchObject({ state: 'ok', invalidUtf8At: bytes.indexOf(0xe9) });
    expect(read.state === 'ok' && read.sidecar.annotations[0]!.comments?.[0]?.body).toBe('caf\uFFFD');
    // A change with nothing to write is fine (a dry run, a rebase that moved nothing).
    expect(await store.update(path, () => undefined)).toMatchObject({ written: false });
    const error = await refused(store.update(path, (s) => ({ ...s!, sourceSha256: '0'.repeat(64) })));
    expect(error.code).toBe('not-utf8');
    expect(error.message).toContain(`the first at byte ${bytes.indexOf(0xe9)}`);
    expect(await readFile(path)).toEqual(bytes);
  });

  const v1 = (s: Sidecar) => JSON.stringify({ ...JSON.parse(serializeSidecar(s)), schemaVersion: 1 }, null, 2);

  it('never upgrades a version 1 file without a backup, even when the backup name is taken', async () => {
    const store = new FileSidecarStore();
    const path = join(dir, 'old.txt.annotations.json');
    await writeFile(backupPathFor(path, 1), 'something else kept here');
    await writeFile(path, v1(one));
    await store.update(path, (s) => s);
    expect(await readFile(backupPathFor(path, 1), 'utf8')).toBe('something else kept here');
    expect(await readFile(backupPathFor(path, 1, 2), 'utf8')).toBe(v1(one));
    expect(backupPathFor(path, 1, 2)).toBe(`${path}.v1.2.bak`);
    // The same contents upgraded again (restored from version control): already kept, no third copy.
    await writeFile(path, v1(one));
    await store.update(path, (s) => s);
    expect((await readdir(dir)).sort()).toEqual(['old.txt.annotations.json', 'old.txt.annotations.json.v1.2.bak', 'old.txt.annotations.json.v1.bak']);
  });

  it('MemorySidecarStore picks the same fresh backup name', async () => {
    const path = '/m/a.txt.annotations.json';
    const store = new MemorySidecarStore({ [path]: v1(one), [`${path}.v1.bak`]: 'other' });
    await store.update(path, (s) => s);
    expect(store.files.get(`${path}.v1.bak`)).toBe('other');
    expect(store.files.get(`${path}.v1.2.bak`)).toBe(v1(one));
  });
});

describe('locks that are not ours', () => {
  it('reports a lock folder that holds files (committed by mistake), and leaves it alone', async () => {
    const path = join(dir, 'a.txt.annotations.json');
    await mkdir(`${path}.lock`);
    await writeFile(join(`${path}.lock`, 'notes.md'), 'mine');
    const error = await refused(new FileSidecarStore().update(path, () => one));
    expect(error.code).toBe('EFOREIGNLOCK');
    expect(error.message).toContain(`${path}.lock is a folder Sourcemark did not make (it holds "notes.md")`);
    expect(await readFile(join(`${path}.lock`, 'notes.md'), 'utf8')).toBe('mine');
  });

  it('reports a file at the lock name', async () => {
    const path = join(dir, 'a.txt.annotations.json');
    await writeFile(`${path}.lock`, '');
    expect((await refused(new FileSidecarStore().update(path, () => one))).message).toContain(`${path}.lock is a file, not the lock folder`);
  });

  it('takes over an empty lock folder dated in the future at once (it would never look stale)', async () => {
    const path = join(dir, 'a.txt.annotations.json');
    await mkdir(`${path}.lock`);
    const future = new Date(Date.now() + 24 * 3600_000);
    await utimes(`${path}.lock`, future, future);
    // A short wait: the save must not depend on waiting the lock out.
    expect(await new FileSidecarStore({ lockWaitMs: 500 }).update(path, () => one)).toMatchObject({ written: true });
    expect(await readdir(dir)).toEqual(['a.txt.annotations.json']);
  });

  it('takes over a stale lock folder (its owner died)', async () => {
    const path = join(dir, 'a.txt.annotations.json');
    await mkdir(`${path}.lock`);
    const past = new Date(Date.now() - 60_000);
    await utimes(`${path}.lock`, past, past);
    expect(await new FileSidecarStore({ lockWaitMs: 500 }).update(path, () => one)).toMatchObject({ written: true });
  });
});
