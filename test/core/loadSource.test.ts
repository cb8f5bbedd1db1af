// A source file's text hash without its text (src/core/loadSource.ts sourceTextSha256): the same as
// sha256 of the text readSourceFile gives, for valid UTF-8 (hashed as it is), a BOM, and bytes that
// are not UTF-8 (decoded first, as the text has U+FFFD for them).
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/core/corpus/digestCache';
import { readSourceFile, sourceTextSha256 } from '../../src/core/loadSource';

const dir = mkdtempSync(path.join(tmpdir(), 'sourcemark-text-sha-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BOM = [0xef, 0xbb, 0xbf];

async function both(bytes: Uint8Array): Promise<[string, string]> {
  const file = path.join(dir, 'source.txt');
  writeFileSync(file, bytes);
  return [await sourceTextSha256(file), sha256((await readSourceFile(file)).text)];
}

describe('sourceTextSha256', () => {
  it('is sha256 of the text readSourceFile gives, for any bytes', async () => {
    const pieces = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 40 }).map((t) => [...Buffer.from(t, 'utf8')]),
      fc.constantFrom(BOM, [0xff], [0xc3], [0xed, 0xa0, 0x80], [0xe2, 0x80], [0xf0, 0x9f, 0x98, 0x80], [0x0d, 0x0a], [0]),
    );
    await fc.assert(fc.asyncProperty(fc.array(pieces, { maxLength: 12 }), async (parts) => {
      const [fast, slow] = await both(Uint8Array.from(parts.flat()));
      expect(fast).toBe(slow);
    }), { numRuns: 400 });
  });

  it('hashes a long file over several slices the same way, with a BOM or two or none, valid or not', async () => {
    const text = `Zürich “quoted” 😀 中文 ${'a'.repeat(700 * 1024)} end`;
    const bom = Buffer.from(BOM);
    for (const bytes of [Buffer.from(text), Buffer.concat([bom, Buffer.from(text)]), Buffer.concat([bom, bom, Buffer.from(text)]), Buffer.concat([bom, bom, bom]), Buffer.concat([Buffer.from(text), Buffer.from([0xc3])])]) {
      const [fast, slow] = await both(bytes);
      expect(fast).toBe(slow);
    }
  });
});
