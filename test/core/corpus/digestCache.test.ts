// The digest cache's folder stays under its size cap: past it, the least recently used entries go
// (reading an entry counts as using it), until it holds 90 % of the cap.
import { isAscii } from 'node:buffer';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { DigestCache, digestCacheFromEnv, sha256, sha256InSlices } from '../../../src/core/corpus/digestCache';
import { valueOf } from './cacheValues';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function entries(dir: string): { name: string; size: number }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
    .map((e) => ({ name: e.name, size: statSync(path.join(e.parentPath, e.name)).size }));
}

describe('digest cache eviction', () => {
  it.each(['evict', 'evictAsync'] as const)('removes the least recently used entries once the folder is over its cap, down to nine tenths of it, and stale temporary files (%s)', async (how) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sourcemark-cache-evict-'));
    dirs.push(dir);
    const big = new DigestCache<{ text: string }>(dir, 'v', 1e9);
    const keys = [0, 1, 2, 3, 4, 5].map((i) => big.key([`source-${i}`]));
    keys.forEach((k, i) => big.set(k, valueOf(i + 1, 4000)));
    const sizes = entries(dir);
    expect(sizes).toHaveLength(6);
    const total = sizes.reduce((s, e) => s + e.size, 0);
    // Written an hour apart, oldest first; then the oldest one read again (so used last).
    keys.forEach((k, i) => {
      const file = entries(dir).find((e) => e.name.startsWith(k))!;
      const at = new Date(Date.UTC(2026, 0, 1, i));
      utimesSync(readdirSync(dir, { recursive: true, withFileTypes: true }).map((e) => path.join(e.parentPath, e.name)).find((f) => f.endsWith(file.name))!, at, at);
    });
    expect(big.get(keys[0]!)).toEqual(valueOf(1, 4000));

    // A cap the six entries exceed by about one and a half: the 90 % target leaves three or four.
    const capped = new DigestCache<{ text: string }>(dir, 'v', Math.floor((total * 4.5) / 6));
    // A write's temporary file left by a process that died two hours ago goes; a fresh one is a write under way.
    const sub = path.join(dir, keys[3]!.slice(0, 2));
    writeFileSync(path.join(sub, 'dead.json.gz.0a0b.tmp'), 'x');
    writeFileSync(path.join(sub, 'live.json.gz.0c0d.tmp'), 'x');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    utimesSync(path.join(sub, 'dead.json.gz.0a0b.tmp'), twoHoursAgo, twoHoursAgo);
    const removed = await capped[how]();
    expect(existsSync(path.join(sub, 'dead.json.gz.0a0b.tmp'))).toBe(false);
    expect(existsSync(path.join(sub, 'live.json.gz.0c0d.tmp'))).toBe(true);
    rmSync(path.join(sub, 'live.json.gz.0c0d.tmp'));
    const left = entries(dir);
    expect(removed).toBeGreaterThanOrEqual(2);
    expect(left.reduce((s, e) => s + e.size, 0)).toBeLessThanOrEqual(Math.floor((total * 4.5) / 6) * 0.9);
    const kept = new Set(left.map((e) => e.name.slice(0, 64)));
    // The entry read last stays; the ones unused longest went first.
    expect(kept.has(keys[0]!)).toBe(true);
    expect(kept.has(keys[1]!)).toBe(false);
    expect(kept.has(keys[2]!)).toBe(false);
    expect(kept.has(keys[5]!)).toBe(true);
    expect(capped.get(keys[1]!)).toBeUndefined();
  });

  it('makes a shard\'s folder when a write first needs it, and again when the folder was deleted meanwhile', () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'sourcemark-cache-dirs-')), 'not yet');
    dirs.push(path.dirname(dir));
    const cache = new DigestCache<{ text: string }>(dir, 'v', 1e9);
    const [a, b] = [cache.key(['a']), cache.key(['b'])];
    cache.set(a, { text: 'first' });
    expect(cache.get(a)).toEqual({ text: 'first' });
    rmSync(dir, { recursive: true });
    cache.set(b, { text: 'second' });
    expect(cache.get(b)).toEqual({ text: 'second' });
    expect(readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.tmp'))).toEqual([]);
  });

  it('checks its size on a process\'s first write, and leaves a folder under the cap alone', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sourcemark-cache-evict-'));
    dirs.push(dir);
    const filler = new DigestCache<{ text: string }>(dir, 'v', 1e9);
    for (let i = 0; i < 4; i++) filler.set(filler.key([`old-${i}`]), valueOf(i + 7, 4000));
    const before = entries(dir).reduce((s, e) => s + e.size, 0);
    expect(new DigestCache<{ text: string }>(dir, 'v', before * 10).evict()).toBe(0);
    // A new process (a new cache object) with a cap the folder is over: its first write trims it.
    const small = new DigestCache<{ text: string }>(dir, 'v', before / 2);
    small.set(small.key(['new']), valueOf(99, 4000));
    expect(entries(dir).reduce((s, e) => s + e.size, 0)).toBeLessThanOrEqual((before / 2) * 0.9);
  });

  it('checks asynchronously again within ten minutes only when the writes since could take it over the cap', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sourcemark-cache-evict-'));
    dirs.push(dir);
    const filler = new DigestCache<{ text: string }>(dir, 'v', 1e9);
    for (let i = 0; i < 4; i++) filler.set(filler.key([`old-${i}`]), valueOf(i + 11, 4000));
    const before = entries(dir).reduce((s, e) => s + e.size, 0);
    const cache = new DigestCache<{ text: string }>(dir, 'v', Math.floor(before * 1.5));
    expect(await cache.evictAsync()).toBe(0); // under the cap: nothing to do, but now it knows the size
    // Another process fills the folder past the cap meanwhile; this one's small write does not check again.
    for (let i = 0; i < 4; i++) filler.set(filler.key([`new-${i}`]), valueOf(i + 21, 4000));
    expect(await cache.evictAsync(10)).toBe(0);
    expect(entries(dir).reduce((s, e) => s + e.size, 0)).toBeGreaterThan(before * 1.5);
    // A write that could take what it knows over the cap does, and trims the folder to 90 % of it.
    expect(await cache.evictAsync(before)).toBeGreaterThan(0);
    expect(entries(dir).reduce((s, e) => s + e.size, 0)).toBeLessThanOrEqual(before * 1.5 * 0.9);
  });

  /** A folder of 256 shards, one entry of 1,000 bytes and one stale temporary file in each; its entries' bytes. */
  function fullFolder(): { dir: string; entryBytes: number; staleLeft: () => number } {
    const dir = mkdtempSync(path.join(tmpdir(), 'sourcemark-cache-evict-'));
    dirs.push(dir);
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    for (let i = 0; i < 256; i++) {
      const shard = i.toString(16).padStart(2, '0');
      mkdirSync(path.join(dir, shard));
      const at = new Date(Date.UTC(2026, 0, 1, 0, i));
      writeFileSync(path.join(dir, shard, `${shard}${'0'.repeat(62)}.json.gz`), Buffer.alloc(1000, i));
      utimesSync(path.join(dir, shard, `${shard}${'0'.repeat(62)}.json.gz`), at, at);
      writeFileSync(path.join(dir, shard, `dead-${shard}.json.gz.0a0b.tmp`), 'x');
      utimesSync(path.join(dir, shard, `dead-${shard}.json.gz.0a0b.tmp`), twoHoursAgo, twoHoursAgo);
    }
    const staleLeft = () => entries(dir).filter((e) => e.name.endsWith('.tmp')).length;
    return { dir, entryBytes: 256 * 1000, staleLeft };
  }

  it.each(['evict', 'evictAsync'] as const)('under its cap, a check stats one shard of entries in sixteen, a different one each time (%s)', async (how) => {
    const { dir, entryBytes, staleLeft } = fullFolder();
    const cache = new DigestCache<{ text: string }>(dir, 'v', entryBytes * 2);
    // evictAsync skips a check while it knows the folder to be under the cap: told of a large write, it checks.
    const check = () => (how === 'evict' ? cache.evict() : cache.evictAsync(entryBytes * 2));
    expect(await check()).toBe(0);
    // Only the shards it read lost their stale temporary files.
    expect(staleLeft()).toBe(256 - 16);
    // The next fifteen checks read the other shards.
    for (let i = 1; i < 16; i++) expect(await check()).toBe(0);
    expect(staleLeft()).toBe(0);
    expect(entries(dir).reduce((s, e) => s + e.size, 0)).toBe(entryBytes);
  });

  it.each(['evict', 'evictAsync'] as const)('over its cap by the sample, stats the whole folder and trims it; snapshots are counted whole (%s)', async (how) => {
    const { dir, entryBytes, staleLeft } = fullFolder();
    expect(await new DigestCache<{ text: string }>(dir, 'v', entryBytes / 2)[how]()).toBeGreaterThan(0);
    expect(staleLeft()).toBe(0);
    expect(entries(dir).reduce((s, e) => s + e.size, 0)).toBeLessThanOrEqual((entryBytes / 2) * 0.9);
    // Small entries and one large snapshot, older than them all: over the cap only with the snapshot counted.
    const left = entries(dir).reduce((s, e) => s + e.size, 0);
    mkdirSync(path.join(dir, 'snapshots'));
    const snapshot = path.join(dir, 'snapshots', 'k.snapshot');
    writeFileSync(snapshot, Buffer.alloc(entryBytes, 1));
    utimesSync(snapshot, new Date(Date.UTC(2025, 0, 1)), new Date(Date.UTC(2025, 0, 1)));
    expect(await new DigestCache<{ text: string }>(dir, 'v', left + entryBytes / 2)[how]()).toBe(1);
    expect(existsSync(snapshot)).toBe(false);
    expect(entries(dir).reduce((s, e) => s + e.size, 0)).toBe(left);
  });

  it.each(['evict', 'evictAsync'] as const)('a folder just under its cap, read whole because a sample put it over, is trimmed to nine tenths of it (%s)', async (how) => {
    const { dir, entryBytes } = fullFolder();
    // A large entry in shard 00: a sample holding that shard puts the folder far over its cap, the others under it.
    writeFileSync(path.join(dir, '00', `01${'0'.repeat(62)}.json.gz`), Buffer.alloc(20_000, 7));
    const total = entryBytes + 20_000;
    const cap = Math.round(total / 0.985);
    const cache = new DigestCache<{ text: string }>(dir, 'v', cap);
    let removed = 0;
    for (let i = 0; i < 16; i++) removed += await (how === 'evict' ? cache.evict() : cache.evictAsync(cap));
    expect(removed).toBeGreaterThan(0);
    expect(entries(dir).filter((e) => !e.name.endsWith('.tmp')).reduce((s, e) => s + e.size, 0)).toBeLessThanOrEqual(cap * 0.9);
  });

  it('takes its cap from SOURCEMARK_CACHE_MAX_MB', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sourcemark-cache-evict-'));
    dirs.push(dir);
    const cache = digestCacheFromEnv<{ text: string }>({ SOURCEMARK_CACHE_DIR: dir, SOURCEMARK_CACHE_MAX_MB: '0.01' }, 'v')!;
    for (let i = 0; i < 6; i++) cache.set(cache.key([`s-${i}`]), valueOf(i + 3, 4000));
    cache.evict();
    expect(entries(dir).reduce((s, e) => s + e.size, 0)).toBeLessThanOrEqual(0.01 * 1024 * 1024 * 0.9);
  });
});

describe('sha256InSlices', () => {
  it('is the sha256 of the whole, whatever the length against the slice', async () => {
    for (const length of [0, 1, 512 * 1024 - 1, 512 * 1024, 512 * 1024 + 1, 3 * 512 * 1024 + 77]) {
      const data = Buffer.alloc(length, length % 251);
      for (let i = 0; i < length; i += 4099) data[i] = i % 256;
      expect(await sha256InSlices(data), String(length)).toBe(sha256(data));
      // Cut into pieces anywhere (empty ones too): the hash of their concatenation.
      const cuts = [0, 3, 4099, 512 * 1024 + 5, length].filter((c) => c <= length).sort((a, b) => a - b);
      const pieces = cuts.slice(1).map((c, k) => data.subarray(cuts[k], c));
      expect(await sha256InSlices([Buffer.alloc(0), ...pieces]), `${length} in pieces`).toBe(sha256(data));
      // Many small pieces (a snapshot's entries), the slices crossing them.
      const small = Array.from({ length: Math.ceil(length / 12_289) }, (_, k) => data.subarray(k * 12_289, (k + 1) * 12_289));
      expect(await sha256InSlices(small), `${length} in small pieces`).toBe(sha256(data));
    }
  });

  it('hashes a text as sha256 of the text does (its UTF-8), a pair never cut between slices, a lone half as it is', async () => {
    const slice = 256 * 1024;
    const texts = [
      '',
      'plain',
      // A pair across the first slice's end, then one just after it.
      `${'a'.repeat(slice - 1)}😀${'b'.repeat(10)}`,
      `${'a'.repeat(slice)}😀`,
      // Lone halves at and around the slice's end.
      `${'a'.repeat(slice - 1)}\ud800${'b'.repeat(3)}`,
      `${'a'.repeat(slice - 1)}\udc00\ud800`,
      `${'é中'.repeat(slice)}\ud83d`,
    ];
    let turns = 0;
    const ticking = setInterval(() => turns++, 0);
    try {
      for (const text of texts) expect(await sha256InSlices(text), JSON.stringify(text.slice(-12))).toBe(sha256(text));
    } finally {
      clearInterval(ticking);
    }
    // The longest (two slices' worth and more) took turns of the event loop.
    expect(turns).toBeGreaterThan(0);
  });
});

describe('digest cache entries', () => {
  it('hold text with curly quotes, emoji and other scripts as it was, written as ASCII when the rest is', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sourcemark-cache-text-'));
    dirs.push(dir);
    const cache = new DigestCache<{ text: string }>(dir, 'test');
    const values = [
      { text: `${'Sales rose 20% last year, the company said. '.repeat(10)}It’s “big” — 😀 café a\ud800b` },
      { text: 'Компания сообщила, что продажи выросли. 小米公司表示销售额增长。' },
    ];
    values.forEach((v, i) => cache.set(cache.key([String(i)]), v));
    values.forEach((v, i) => expect(cache.get(cache.key([String(i)]))).toEqual(v));
    const written = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => gunzipSync(readFileSync(path.join(e.parentPath, e.name))));
    expect(written.filter((b) => isAscii(b))).toHaveLength(1);
  });

  it('written before as UTF-8 JSON still read', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sourcemark-cache-text-'));
    dirs.push(dir);
    const cache = new DigestCache<{ text: string }>(dir, 'test');
    const key = cache.key(['old']);
    cache.set(key, { text: 'placeholder' });
    const file = readdirSync(dir, { recursive: true, withFileTypes: true }).find((e) => e.isFile())!;
    const value = { text: 'It’s “big” — café 😀' };
    writeFileSync(path.join(file.parentPath, file.name), gzipSync(JSON.stringify(value)));
    expect(cache.get(key)).toEqual(value);
  });
});
