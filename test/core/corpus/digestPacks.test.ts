// Digest cache entries written many to a file (src/core/corpus/digestPacks.ts, DigestCache.writePack):
// read back by a cache that reads packs, counted and evicted as one file, and a pack that does not
// read as one is skipped, never trusted.
import { mkdtempSync, readdirSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { DigestCache } from '../../../src/core/corpus/digestCache';
import { packBytes, readPackIndex } from '../../../src/core/corpus/digestPacks';
import { valueOf } from './cacheValues';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const folder = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sourcemark-packs-'));
  dirs.push(dir);
  return dir;
};
const packsIn = (dir: string) => readdirSync(path.join(dir, 'packs')).filter((f) => f.endsWith('.pack')).sort().map((f) => path.join(dir, 'packs', f));

describe('digest cache packs', () => {
  it('hold many entries in one file, read back by a cache that reads packs, with curly quotes and emoji as they were', async () => {
    const dir = folder();
    const writer = new DigestCache<{ text: string }>(dir, 'v', 1e9);
    const keys = Array.from({ length: 50 }, (_, i) => writer.key([`source-${i}`]));
    const value = (i: number) => ({ text: i === 7 ? 'Lei Jun said “yes” 😀 – да' : `source ${i}` });
    await writer.writePack(keys.map((k, i) => writer.packable(k, JSON.stringify(value(i)))));
    expect(packsIn(dir)).toHaveLength(1);
    expect(readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.json.gz'))).toEqual([]);
    const reader = new DigestCache<{ text: string }>(dir, 'v', 1e9);
    keys.forEach((k, i) => expect(reader.get(k)).toEqual(value(i)));
    expect(reader.get(writer.key(['another source']))).toBeUndefined();
    // The writer reads what it wrote; a workspace snapshot takes an entry's stored bytes as they are.
    expect(writer.get(keys[7]!)).toEqual(value(7));
    const stored = await reader.storedBytes(keys[7]!);
    expect(JSON.parse(gunzipSync(stored!).toString('utf8'))).toEqual(value(7));
    expect(await reader.storedBytes(writer.key(['another source']))).toBeUndefined();
    // No entries, no pack.
    await writer.writePack([]);
    expect(packsIn(dir)).toHaveLength(1);
  });

  it('are skipped when they do not read as a pack (truncated, another file, a lying index), and the others still read', async () => {
    const dir = folder();
    const writer = new DigestCache<{ n: number }>(dir, 'v', 1e9);
    const [a, b, c] = [1, 2, 3].map((n) => writer.key([`source-${n}`]));
    await writer.writePack([writer.packable(a!, '{"n":1}')]);
    await writer.writePack([writer.packable(b!, '{"n":2}')]);
    const second = packsIn(dir)[1]!;
    truncateSync(second, statSync(second).size - 5);
    writeFileSync(path.join(dir, 'packs', 'zz-not-a-pack.pack'), 'PK\u0003\u0004 a zip, not a pack');
    // An index whose key is no key, one whose entry lies past the file's end.
    const [head] = packBytes([{ key: c!, gz: gzipSync('{"n":3}') }]);
    writeFileSync(path.join(dir, 'packs', 'zz-bad-key.pack'), Buffer.from(Buffer.from(head!).toString('latin1').replace(c!, '../../etc/passwd'.padEnd(64, 'x')), 'latin1'));
    writeFileSync(path.join(dir, 'packs', 'zz-short.pack'), head!);
    for (const bad of ['zz-not-a-pack.pack', 'zz-bad-key.pack']) expect(readPackIndex(path.join(dir, 'packs', bad))).toBeUndefined();
    const reader = new DigestCache<{ n: number }>(dir, 'v', 1e9);
    expect(reader.get(a!)).toEqual({ n: 1 });
    expect(reader.get(b!)).toBeUndefined();
    expect(reader.get(c!)).toBeUndefined();
  });

  it('count towards the cap, and the pack none of whose entries was read for longest goes first, whole', async () => {
    const dir = folder();
    const writer = new DigestCache<{ text: string }>(dir, 'v', 1e9);
    const keys = [0, 1, 2, 3].map((i) => writer.key([`source-${i}`]));
    // Four packs of one entry, written an hour apart, oldest first; then the oldest read again (so used last).
    for (const [i, k] of keys.entries()) {
      await writer.writePack([writer.packable(k, JSON.stringify(valueOf(i + 1, 4000)))]);
      const at = new Date(Date.UTC(2026, 0, 1, i));
      utimesSync(packsIn(dir).find((p) => readPackIndex(p)!.has(k))!, at, at);
    }
    expect(new DigestCache<{ text: string }>(dir, 'v', 1e9).get(keys[0]!)).toEqual(valueOf(1, 4000));
    const total = packsIn(dir).reduce((n, p) => n + statSync(p).size, 0);
    const capped = new DigestCache<{ text: string }>(dir, 'v', Math.floor(total * 0.8));
    expect(capped.evict()).toBe(2);
    const reader = new DigestCache<{ text: string }>(dir, 'v', 1e9);
    expect(keys.map((k) => reader.get(k) !== undefined)).toEqual([true, false, false, true]);
  });
});
