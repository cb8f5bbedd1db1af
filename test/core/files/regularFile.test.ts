import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NotRegularFileError, readRegularFile, statOrMissing, statPath } from '../../../src/core/files/regularFile';

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

describe('readRegularFile', () => {
  it('reads a file, gives undefined for nothing there and refuses a folder without opening it', async () => {
    const file = path.join(dir, 'b.txt');
    writeFileSync(file, 'bytes');
    expect((await readRegularFile(file))?.toString()).toBe('bytes');
    expect(await readRegularFile(path.join(dir, 'none'))).toBeUndefined();
    await expect(readRegularFile(dir)).rejects.toBeInstanceOf(NotRegularFileError);
  });
});
