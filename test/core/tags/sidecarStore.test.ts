import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serializeSidecar } from '../../../src/core/tags/sidecarFormat';
import {
  backupPathFor,
  updateSidecarOf,
  FileSidecarStore,
  MemorySidecarStore,
  SidecarStoreError,
  sidecarPathFor,
  type SidecarStore,
} from '../../../src/core/tags/sidecarStore';
import { ann, sidecar } from './fixtures';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const BROKEN = '{"schemaVersion": 1, "annotations": [\n';

describe('sidecarPathFor', () => {
  it('appends .annotations.json', () => {
    expect(sidecarPathFor('/x/a.txt')).toBe('/x/a.txt.annotations.json');
    expect(sidecarPathFor('C:\\docs\\b.md')).toBe('C:\\docs\\b.md.annotations.json');
  });
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sourcemark-tags-'));
});
afterEach(async () => {
  await chmod(dir, 0o755).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

const one = sidecar([ann('a_1', 0, 4)]);
const two = sidecar([ann('a_1', 0, 4), ann('a_2', 5, 9, { kind: 'entity' })]);

// Both stores must behave the same; each case runs against each.
const stores: [string, () => SidecarStore, (p: string, raw: string) => Promise<void>, (p: string) => Promise<string | undefined>][] = [
  [
    'FileSidecarStore',
    () => new FileSidecarStore(),
    (p, raw) => writeFile(p, raw),
    (p) => readFile(p, 'utf8').catch(() => undefined),
  ],
  (() => {
    const mem = new MemorySidecarStore();
    return [
      'MemorySidecarStore',
      () => mem,
      async (p: string, raw: string) => void mem.files.set(p, raw),
      async (p: string) => mem.files.get(p),
    ] as [string, () => SidecarStore, (p: string, raw: string) => Promise<void>, (p: string) => Promise<string | undefined>];
  })(),
];

describe.each(stores)('%s', (_name, makeStore, seed, contents) => {
  it('reads a missing sidecar as missing', async () => {
    expect(await makeStore().read(join(dir, 'nothing.txt.annotations.json'))).toEqual({ state: 'missing' });
  });

  it('round-trips a sidecar', async () => {
    const store = makeStore();
    const path = join(dir, 'a.txt.annotations.json');
    await store.write(path, two);
    const read = await store.read(path);
    expect(read).toEqual({ state: 'ok', sidecar: two, raw: serializeSidecar(two), fromVersion: 3 });
    expect(await contents(path)).toBe(serializeSidecar(two));
    await store.write(path, one);
    expect(await store.read(path)).toMatchObject({ state: 'ok', sidecar: one });
  });

  it('reads an invalid sidecar as invalid, with the problem', async () => {
    const path = join(dir, 'bad.txt.annotations.json');
    await seed(path, BROKEN);
    const read = await makeStore().read(path);
    expect(read).toMatchObject({ state: 'invalid', problem: { code: 'invalid-json' } });
  });

  it('refuses to overwrite a sidecar that does not parse, leaving it unchanged', async () => {
    const path = join(dir, 'bad.txt.annotations.json');
    await seed(path, BROKEN);
    const error = await makeStore().write(path, one).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SidecarStoreError);
    expect((error as SidecarStoreError).code).toBe('invalid-existing');
    expect((error as SidecarStoreError).problem?.code).toBe('invalid-json');
    expect((error as Error).message).toContain(`Cannot save tags to ${path}`);
    expect((error as Error).message).toContain('left untouched');
    expect(await contents(path)).toBe(BROKEN);
  });

  it('refuses to overwrite a sidecar from a newer Sourcemark', async () => {
    const path = join(dir, 'new.txt.annotations.json');
    const future = JSON.stringify({ schemaVersion: 4, whatever: true });
    await seed(path, future);
    await expect(makeStore().write(path, one)).rejects.toThrow(/newer Sourcemark \(schema version 4\)/);
    expect(await contents(path)).toBe(future);
  });

  it('overwrites a valid sidecar with a BOM', async () => {
    const path = join(dir, 'bom.txt.annotations.json');
    await seed(path, '\uFEFF' + serializeSidecar(one));
    await makeStore().write(path, two);
    expect(await contents(path)).toBe(serializeSidecar(two));
  });
});

describe('FileSidecarStore on disk', () => {
  const store = new FileSidecarStore();

  it('leaves no temp files behind', async () => {
    const path = join(dir, 'a.txt.annotations.json');
    await store.write(path, one);
    await store.write(path, two);
    await store.write(path, one);
    expect(await readdir(dir)).toEqual(['a.txt.annotations.json']);
  });

  it('skips the write when the content is byte-identical', async () => {
    const path = join(dir, 'a.txt.annotations.json');
    await store.write(path, two);
    const before = await stat(path);
    await store.write(path, sidecar([...two.annotations].reverse()));
    const after = await stat(path);
    // An atomic rename would give the file a new inode.
    expect(after.ino).toBe(before.ino);
    expect(after.mtimeMs).toBe(before.mtimeMs);
    await store.write(path, one);
    expect((await stat(path)).ino).not.toBe(before.ino);
  });

  it('keeps the permissions of the file it replaces', async () => {
    const path = join(dir, 'a.txt.annotations.json');
    await store.write(path, one);
    await chmod(path, 0o640);
    await store.write(path, two);
    expect((await stat(path)).mode & 0o777).toBe(0o640);
  });

  it('reads a folder named like a sidecar as invalid (not missing), and will not save there', async () => {
    const path = join(dir, 'folder.annotations.json');
    await mkdir(path);
    const read = await store.read(path);
    expect(read).toEqual({ state: 'invalid', problem: expect.objectContaining({ code: 'not-a-file' }) });
    expect(read.state === 'invalid' && read.problem.message).toBe(
      `${path} is a folder, not a sidecar file, so Sourcemark does not read it and will not save tags there. Move it aside.`,
    );
    const error = await store.write(path, one).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SidecarStoreError);
    expect((error as Error).message).toMatch(/^Cannot save tags to .*: .* is a folder, not a sidecar file, .* Your tag was not saved\.$/);
  });

  it('throws read errors other than ENOENT instead of reporting missing', async () => {
    const path = join(dir, 'loop.annotations.json');
    await symlink(path, path);
    const error = await store.read(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SidecarStoreError);
    expect((error as SidecarStoreError).code).toBe('ELOOP');
    expect((error as Error).message).toContain(`Cannot read tags from ${path}`);
  });

  it('explains a path whose parent is a file (ENOTDIR) and writes nothing', async () => {
    const parent = join(dir, 'not-a-folder');
    await writeFile(parent, 'plain file');
    const path = join(parent, 'a.txt.annotations.json');
    const error = await store.write(path, one).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SidecarStoreError);
    expect((error as SidecarStoreError).code).toBe('ENOTDIR');
    expect((error as Error).message).toMatch(/^Cannot save tags to .*a\.txt\.annotations\.json: .*\(ENOTDIR\)\..*your tag was not saved\.$/);
    expect(await readdir(dir)).toEqual(['not-a-folder']);
    expect(await readFile(parent, 'utf8')).toBe('plain file');
  });

  // Root ignores directory permissions, so this case can only be seen as a normal user.
  it('explains a read-only folder (EACCES) and writes nothing', async (ctx) => {
    ctx.skip(isRoot, 'root ignores folder permissions: run the tests as a normal user for this one (test/server/lspSpawned.test.ts covers it as root, with the server run as nobody)');
    const ro = join(dir, 'ro');
    await mkdir(ro);
    const path = join(ro, 'a.txt.annotations.json');
    await chmod(ro, 0o555);
    try {
      const error = await store.write(path, one).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SidecarStoreError);
      expect((error as SidecarStoreError).code).toBe('EACCES');
      expect((error as Error).message).toBe(
        `Cannot save tags to ${path}: the folder is read-only or you lack permission to write there (EACCES). ` +
          'Make the folder writable or copy the sources somewhere writable; your tag was not saved.',
      );
      expect(await readdir(ro)).toEqual([]);
    } finally {
      await chmod(ro, 0o755);
    }
  });
});

describe('MemorySidecarStore', () => {
  it('can be seeded with raw contents', async () => {
    const store = new MemorySidecarStore({ '/x/a.txt.annotations.json': serializeSidecar(one) });
    expect(await store.read('/x/a.txt.annotations.json')).toMatchObject({ state: 'ok', sidecar: one });
  });
});

describe('update', () => {
  const v1Raw = () => JSON.stringify({ ...JSON.parse(serializeSidecar(one)), schemaVersion: 1 }, null, 2);

  it.each([
    ['FileSidecarStore', () => new FileSidecarStore()],
    ['MemorySidecarStore', () => new MemorySidecarStore()],
  ] as const)('%s applies the change to what is on disk now, and skips identical bytes', async (_n, make) => {
    const store = make();
    const path = join(dir, 'u.txt.annotations.json');
    const first = await store.update(path, (current) => {
      expect(current).toBeUndefined();
      return one;
    });
    expect(first).toEqual({ sidecar: one, written: true });
    const second = await store.update(path, (current) => ({ ...current!, annotations: [...current!.annotations, ann('a_2', 5, 9)] }));
    expect(second.written).toBe(true);
    expect((await store.read(path)).state === 'ok' && ((await store.read(path)) as any).sidecar.annotations.map((a: any) => a.id)).toEqual(['a_1', 'a_2']);
    expect(await store.update(path, (current) => current)).toMatchObject({ written: false });
    expect(await store.update(path, () => undefined)).toMatchObject({ written: false });
  });

  it('backs up a version 1 file before its first upgrade, and only once', async () => {
    const store = new FileSidecarStore();
    const path = join(dir, 'old.txt.annotations.json');
    const raw = v1Raw();
    await writeFile(path, raw);
    const read = await store.read(path);
    expect(read).toMatchObject({ state: 'ok', fromVersion: 1 });
    await store.update(path, (current) => current); // re-serialised as version 3: a real upgrade
    expect(await readFile(backupPathFor(path, 1), 'utf8')).toBe(raw);
    expect(JSON.parse(await readFile(path, 'utf8')).schemaVersion).toBe(3);
    // Another version 1 file in its place (restored from version control, say): this upgrade
    // must find the backup already there and leave the first one alone.
    const otherRaw = JSON.stringify({ ...JSON.parse(serializeSidecar(two)), schemaVersion: 1 }, null, 2);
    expect(otherRaw).not.toBe(raw);
    await writeFile(path, otherRaw);
    expect(await store.update(path, (current) => current)).toMatchObject({ written: true });
    expect(JSON.parse(await readFile(path, 'utf8')).schemaVersion).toBe(3);
    expect(await readFile(backupPathFor(path, 1), 'utf8')).toBe(raw);
  });

  it('MemorySidecarStore keeps the same backup', async () => {
    const store = new MemorySidecarStore({ '/m/a.txt.annotations.json': v1Raw() });
    await store.update('/m/a.txt.annotations.json', () => two);
    expect(store.files.get('/m/a.txt.annotations.json.v1.bak')).toBe(v1Raw());
  });

  it('says another Sourcemark is saving when the lock stays taken', async () => {
    const path = join(dir, 'locked.txt.annotations.json');
    const lockfile = await import('proper-lockfile');
    const release = await lockfile.lock(path, { realpath: false });
    try {
      await expect(new FileSidecarStore({ lockWaitMs: 300 }).update(path, () => one)).rejects.toThrow(/another Sourcemark .* has been saving it/);
    } finally {
      await release();
    }
    await new FileSidecarStore().update(path, () => one);
    expect(await readFile(path, 'utf8')).toBe(serializeSidecar(one));
  });

  it('updateSidecarOf changes the sidecar beside a source', async () => {
    const source = join(dir, 'src.txt');
    await updateSidecarOf(source, () => one);
    expect(await readFile(`${source}.annotations.json`, 'utf8')).toBe(serializeSidecar(one));
  });
});
