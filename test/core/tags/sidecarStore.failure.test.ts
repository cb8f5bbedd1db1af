// Forces failures after the temp file exists, which a real disk will not do on demand.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const failures = vi.hoisted(() => ({ rename: undefined as string | undefined }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...actual,
    rename: async (from: string, to: string) => {
      if (failures.rename) throw Object.assign(new Error(`${failures.rename}: forced`), { code: failures.rename });
      return actual.rename(from, to);
    },
  };
});

const { FileSidecarStore, SidecarStoreError } = await import('../../../src/core/tags/sidecarStore');
const { serializeSidecar } = await import('../../../src/core/tags/sidecarFormat');
const { ann, sidecar } = await import('./fixtures');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sourcemark-tags-fail-'));
});
afterEach(async () => {
  failures.rename = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe('FileSidecarStore when the final rename fails', () => {
  const store = new FileSidecarStore();
  const one = sidecar([ann('a_1', 0, 4)]);
  const two = sidecar([ann('a_1', 0, 4), ann('a_2', 5, 9)]);

  it('removes the temp file, keeps the old sidecar and explains the error', async () => {
    const path = join(dir, 'a.txt.annotations.json');
    await store.write(path, one);
    failures.rename = 'ENOSPC';
    const error = await store.write(path, two).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SidecarStoreError);
    expect((error as InstanceType<typeof SidecarStoreError>).code).toBe('ENOSPC');
    expect((error as Error).message).toBe(
      `Cannot save tags to ${path}: the disk is full (ENOSPC). Free some space and try again; your tag was not saved.`,
    );
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(await readdir(dir)).toEqual(['a.txt.annotations.json']);
    expect(await readFile(path, 'utf8')).toBe(serializeSidecar(one));
  });

  it('explains EROFS', async () => {
    failures.rename = 'EROFS';
    await expect(store.write(join(dir, 'b.txt.annotations.json'), one)).rejects.toThrow(
      /read-only file system \(EROFS\)\. Copy the sources somewhere writable; your tag was not saved\./,
    );
    expect(await readdir(dir)).toEqual([]);
  });
});
