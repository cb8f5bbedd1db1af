import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileTooLargeError, NotRegularFileError, readRegularFile, readRegularFileSync, statOrMissing, statPath } from '../../../src/core/files/regularFile';
import { hasMkfifo, mkfifo } from '../../fifo';

const dir = mkdtempSync(path.join(tmpdir(), 'sourcemark-regular-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('statOrMissing and statPath', () => {
  it('give what fs/promises stat gives, missing as undefined or as its ENOENT error', async () => {
    const file = path.join(dir, 'a.txt');
    writeFileSync(file, 'héllo');
    const expected = await stat(file);
    for (const got of [await statOrMissing(file), await statPath(file)]) {
      expect([got?.isFile(), got?.size, got?.mtimeMs]).toEqual([true, expected.size, expected.mtimeMs]);
    }
    expect((await statOrMissing(dir))?.isDirectory()).toBe(true);
    const missing = path.join(dir, 'missing.txt');
    expect(await statOrMissing(missing)).toBeUndefined();
    await expect(statPath(missing)).rejects.toMatchObject({ code: 'ENOENT' });
    // Any other error is not "missing": a path through a file, a path fs refuses outright (it throws, not calls back).
    await expect(statOrMissing(path.join(file, 'below'))).rejects.toMatchObject({ code: 'ENOTDIR' });
    await expect(statOrMissing(`${file}\u0000x`)).rejects.toMatchObject({ code: 'ERR_INVALID_ARG_VALUE' });
    await expect(statPath(`${file}\u0000x`)).rejects.toMatchObject({ code: 'ERR_INVALID_ARG_VALUE' });
  });
});

// The main thread reads through promises; a worker thread in one synchronous call (the same checks).
describe.each([
  ['readRegularFile', (file: string, max?: number) => readRegularFile(file, max)],
  ['readRegularFileSync', async (file: string, max?: number) => readRegularFileSync(file, max)],
])('%s', (name, read) => {
  it('reads a file, gives undefined for nothing there and refuses a folder without opening it', async () => {
    const file = path.join(dir, 'b.txt');
    writeFileSync(file, 'bytes');
    expect((await read(file))?.toString()).toBe('bytes');
    expect(await read(path.join(dir, 'none'))).toBeUndefined();
    await expect(read(dir)).rejects.toBeInstanceOf(NotRegularFileError);
  });

  it('refuses a file over the limit without reading it, and errors other than "missing" as they are', async () => {
    const file = path.join(dir, 'c.txt');
    writeFileSync(file, '12345');
    expect((await read(file, 5))?.toString()).toBe('12345');
    await expect(read(file, 4)).rejects.toBeInstanceOf(FileTooLargeError);
    await expect(read(path.join(file, 'below'))).rejects.toMatchObject({ code: 'ENOTDIR' });
  });

  it.skipIf(!hasMkfifo)('refuses a named pipe without opening it (a read would block forever)', async () => {
    const pipe = path.join(dir, `pipe-${name}`);
    mkfifo(pipe);
    await expect(read(pipe)).rejects.toMatchObject({ code: 'ENOTREG', kind: 'a named pipe (FIFO)' });
  });
});
