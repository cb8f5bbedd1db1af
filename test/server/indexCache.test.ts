import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/core/analyzer';
import { DigestCache, digestCacheFromEnv } from '../../src/core/corpus/digestCache';
import { IGNORE_FILE_NAME } from '../../src/core/dismissals/ignoreFile';
import { sha256Hex } from '../../src/core/tags/quoteSelector';
import { emptySidecar, serializeSidecar } from '../../src/core/tags/sidecarFormat';
import { FileSidecarStore } from '../../src/core/tags/sidecarStore';
import { addDismissal, setTag } from '../../src/core/tags/tagOperations';
import { indexSourceFile, indexSourceFileAsJson, type IndexCache, type IndexedSource, type IndexJob } from '../../src/server/indexJob';
import { analysisOptionsOf, DEFAULT_SETTINGS } from '../../src/server/settings';
import { cleanupsAfterEach, read, tempWorkspace, write, XIAOMI_US } from './fixtureWorkspace';

const cleanups = cleanupsAfterEach();

/** An indexed source without what only a cached one carries (its cache key, the stamps it was read with and its text's hash, for snapshots). */
function unstamped(r: IndexedSource): IndexedSource {
  const { cacheKey: _k, sidecar: _s, stampedAt: _t, textSha256: _h, ...summary } = r.summary;
  return { ...r, summary };
}
const NOW = new Date('2026-01-01T00:00:00Z');

/** A workspace of one sample source and an empty cache folder, both removed after the test. */
function sampleWithCache() {
  const ws = tempWorkspace([XIAOMI_US]);
  cleanups.push(ws.cleanup);
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'sourcemark-cache-'));
  cleanups.push(() => rmSync(cacheDir, { recursive: true, force: true }));
  return { ws, cacheDir, file: ws.path(XIAOMI_US) };
}

describe('index cache', () => {
  it('answers only for the same text, sidecar, ignore file and settings; after any change it gives a fresh analysis', async () => {
    const { ws, cacheDir, file } = sampleWithCache();
    const cache: IndexCache = new DigestCache(cacheDir, 'test');
    const store = new FileSidecarStore();
    const sidecarFile = `${file}.annotations.json`;
    const job: IndexJob = { uri: pathToFileURL(file).href, path: file, options: analysisOptionsOf(DEFAULT_SETTINGS) };

    /** The cached answer for `j` (filling the cache when it misses), whether the cache answered, and what an analysis without a cache gives. */
    const both = async (j: IndexJob) => {
      const analyzer = new Analyzer();
      const viaCache = unstamped(await indexSourceFile(analyzer, store, j, cache));
      const fresh = await indexSourceFile(new Analyzer(), store, j);
      return { viaCache, fresh, fromCache: analyzer.lastStats.paragraphs === 0 };
    };

    const first = await both(job);
    expect(first.fromCache).toBe(false);
    expect(first.viaCache).toEqual(first.fresh);
    expect(readdirSync(cacheDir).length).toBeGreaterThan(0);
    const again = await both(job);
    expect(again.fromCache).toBe(true);
    expect(again.viaCache).toEqual(first.fresh);

    // Each change below alters the result; the cache must not answer with the old one.
    let previous = first.fresh;
    const changed = async (what: string, j: IndexJob = job) => {
      const r = await both(j);
      expect(r.fromCache, what).toBe(false);
      expect(r.viaCache, what).toEqual(r.fresh);
      expect(r.fresh, what).not.toEqual(previous);
      expect((await both(j)).fromCache, `${what}, asked again`).toBe(true);
      previous = r.fresh;
    };
    const text = read(file);
    const claim = first.fresh.digest.claims[0]!;
    const entity = first.fresh.digest.entities[0]!;
    const offsetOf = (s: string) => text.indexOf(s);

    // A tag written beside the source.
    const start = offsetOf(claim.text);
    expect(start).toBeGreaterThanOrEqual(0);
    const tagged = setTag(emptySidecar(XIAOMI_US, sha256Hex(text)), { kind: 'claim', start, end: start + claim.text.length, status: 'verified', sourceText: text, now: NOW }, () => 'tag-1');
    write(sidecarFile, serializeSidecar(tagged));
    await changed('a tag added');

    // A dismissal in the same sidecar (sidecar 3).
    const at = offsetOf(entity.text);
    const dismissed = addDismissal(tagged, { kind: 'ignore-name', start: at, end: at + entity.text.length, name: entity.text, sourceText: text, now: NOW }, () => 'd_1').sidecar;
    write(sidecarFile, serializeSidecar(dismissed));
    await changed('a name dismissed in the sidecar');

    // The workspace's ignore file, read from disk when the settings do not carry it.
    const beforeIgnoreFile = previous;
    const names = [...new Set(first.fresh.digest.entities.map((e) => e.text.toLowerCase()))].filter((n) => n !== entity.text.toLowerCase());
    expect(names.length).toBeGreaterThanOrEqual(2);
    write(path.join(ws.dir, IGNORE_FILE_NAME), `entity: ${names[0]}\n`);
    await changed('a name in .sourcemark-ignore');
    // …and carried by the settings, as the server sends it.
    await changed('ignored names in the settings', { ...job, options: { ...job.options, ignoredNames: [names[1]!] } });
    rmSync(path.join(ws.dir, IGNORE_FILE_NAME));
    const removed = await both(job);
    expect(removed.viaCache).toEqual(removed.fresh);
    expect(removed.fresh).toEqual(beforeIgnoreFile);

    // Other settings: regions and the claim threshold.
    await changed('other regions', { ...job, options: { ...job.options, regions: ['body'] } });
    await changed('another claim threshold', { ...job, options: { ...job.options, claimThreshold: 0.9 } });
    previous = beforeIgnoreFile;

    // The text changed: the new text's findings.
    write(file, `${text}\n\nXiaomi said on Monday that it will open 100 stores in Spain by 2019.\n`);
    await changed('the text edited');
    expect(previous.digest.claims.at(-1)!.text).toContain('100 stores in Spain');
  });

  it('files a result under the sidecar bytes it was analysed with, even when the sidecar changes between hashing and analysis', async () => {
    const { cacheDir, file } = sampleWithCache();
    const sidecarFile = `${file}.annotations.json`;
    const job: IndexJob = { uri: pathToFileURL(file).href, path: file, options: analysisOptionsOf(DEFAULT_SETTINGS) };
    const store = new FileSidecarStore();
    const untagged = await indexSourceFile(new Analyzer(), store, job);
    const text = read(file);
    const claim = untagged.digest.claims[0]!;
    const start = text.indexOf(claim.text);
    const tagged = setTag(emptySidecar(XIAOMI_US, sha256Hex(text)), { kind: 'claim', start, end: start + claim.text.length, status: 'verified', sourceText: text, now: NOW }, () => 'tag-1');

    // A cache that, once the key is made and looked up, sees the sidecar saved by someone else.
    class RacingCache extends DigestCache<Parameters<IndexCache['set']>[1]> {
      override get(key: string) {
        const known = super.get(key);
        if (!known) write(sidecarFile, serializeSidecar(tagged));
        return known;
      }
    }
    const racing: IndexCache = new RacingCache(cacheDir, 'test');
    // Hashed without a sidecar: filed as the source without tags, whatever the file holds now.
    const raced = await indexSourceFile(new Analyzer(), store, job, racing);
    expect(unstamped(raced)).toEqual(untagged);
    // And stamped as it was hashed: without a sidecar (a snapshot then sees the sidecar as new).
    expect(raced.summary.sidecar).toBeNull();
    rmSync(sidecarFile);
    const analyzer = new Analyzer();
    expect(unstamped(await indexSourceFile(analyzer, store, job, new DigestCache(cacheDir, 'test')))).toEqual(untagged);
    expect(analyzer.lastStats.paragraphs).toBe(0); // answered from the cache
    // With the tag saved, the key differs: a fresh analysis that has it.
    write(sidecarFile, serializeSidecar(tagged));
    const withTag = unstamped(await indexSourceFile(new Analyzer(), store, job, new DigestCache(cacheDir, 'test')));
    expect(withTag).toEqual(await indexSourceFile(new Analyzer(), store, job));
    expect(withTag.digest.claims[0]!.tag?.status).toBe('verified');
  });

  it('does not keep a source whose sidecar cannot be loaded (its problem names the path, in the session language)', async () => {
    const { cacheDir, file } = sampleWithCache();
    write(`${file}.annotations.json`, '{ not json');
    const job: IndexJob = { uri: pathToFileURL(file).href, path: file, options: analysisOptionsOf(DEFAULT_SETTINGS) };
    const indexed = await indexSourceFile(new Analyzer(), new FileSidecarStore(), job, new DigestCache(cacheDir, 'test'));
    expect(indexed.summary.problem).toBeTruthy();
    expect(readdirSync(cacheDir)).toEqual([]);
  });

  it("gives a worker's reply as JSON of the same result, its digest the text of the cache entry it gives back for the main thread to pack", async () => {
    // A source with curly quotes and a dash: the entry's text escapes them (asciiJson), and the reply reuses that text.
    const { cacheDir, file } = sampleWithCache();
    expect(/[^\x00-\x7f]/.test(read(file))).toBe(true);
    const store = new FileSidecarStore();
    const job: IndexJob = { uri: pathToFileURL(file).href, path: file, options: analysisOptionsOf(DEFAULT_SETTINGS) };
    const fresh = await indexSourceFile(new Analyzer(), store, job);
    const cache = new DigestCache<never>(cacheDir, 'test');
    const reply = await indexSourceFileAsJson(new Analyzer(), store, job, cache);
    expect(/^[\x00-\x7f]*$/.test(reply.json)).toBe(true);
    expect(unstamped(JSON.parse(reply.json) as IndexedSource)).toEqual(fresh);
    // The worker writes nothing itself; the entry, written in a pack as the main thread does, reads back as the analysis: the next index of the file analyses nothing.
    expect(readdirSync(cacheDir)).toEqual([]);
    await cache.writePack([reply.entry!]);
    const analyzer = new Analyzer();
    const cached = await indexSourceFileAsJson(analyzer, store, job, new DigestCache(cacheDir, 'test'));
    expect(analyzer.lastStats.paragraphs).toBe(0);
    expect(cached.entry).toBeUndefined();
    expect(unstamped(JSON.parse(cached.json) as IndexedSource)).toEqual(unstamped(JSON.parse(reply.json) as IndexedSource));
    expect((await indexSourceFileAsJson(new Analyzer(), store, job)).json).toBe(JSON.stringify(fresh));
  });

  it('is off without an analyser version (running from source) or with SOURCEMARK_CACHE_DIR=off', () => {
    expect(digestCacheFromEnv({}, undefined)).toBeUndefined();
    expect(digestCacheFromEnv({ SOURCEMARK_CACHE_DIR: 'off' }, 'v')).toBeUndefined();
    expect(digestCacheFromEnv({ SOURCEMARK_CACHE_DIR: '/tmp/x' }, 'v')).toBeInstanceOf(DigestCache);
  });
});
