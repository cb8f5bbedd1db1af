import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/core/analyzer';
import { DigestCache, digestCacheFromEnv } from '../../src/core/corpus/digestCache';
import { FileSidecarStore } from '../../src/core/tags/sidecarStore';
import { indexSourceFile, type IndexCache } from '../../src/server/indexJob';
import { analysisOptionsOf, DEFAULT_SETTINGS } from '../../src/server/settings';
import { cleanupsAfterEach, read, tempWorkspace, write, XIAOMI_US } from './fixtureWorkspace';

const cleanups = cleanupsAfterEach();

describe('index cache', () => {
  it('gives what an analysis gives for the same text, sidecar and settings, and analyses again when one changes', async () => {
    const ws = tempWorkspace([XIAOMI_US]);
    cleanups.push(ws.cleanup);
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'sourcemark-cache-'));
    cleanups.push(() => rmSync(cacheDir, { recursive: true, force: true }));
    const cache: IndexCache = new DigestCache(cacheDir, 'test');
    const store = new FileSidecarStore();
    const file = ws.path(XIAOMI_US);
    const job = { uri: pathToFileURL(file).href, path: file, options: analysisOptionsOf(DEFAULT_SETTINGS) };

    const analysed = await indexSourceFile(new Analyzer(), store, job);
    const first = await indexSourceFile(new Analyzer(), store, job, cache);
    expect(first).toEqual(analysed);
    expect(readdirSync(cacheDir).length).toBeGreaterThan(0);

    const untouched = new Analyzer();
    const again = await indexSourceFile(untouched, store, job, cache);
    expect(again).toEqual(analysed);
    expect(untouched.lastStats.paragraphs).toBe(0); // answered from the cache

    // A tag written beside the source: its counts change, so the cache must not answer.
    const claim = analysed.digest.claims[0]!;
    write(`${file}.annotations.json`, JSON.stringify({
      version: 2, source: XIAOMI_US, sourceSha256: '', annotations: [],
    }));
    const withSidecar = new Analyzer();
    await indexSourceFile(withSidecar, store, job, cache);
    expect(withSidecar.lastStats.paragraphs).toBeGreaterThan(0);

    // The text changed: analysed again, with the new text's findings.
    write(file, `${read(file)}\n\nXiaomi said on Monday that it will open 100 stores in Spain by 2019.\n`);
    const edited = new Analyzer();
    const after = await indexSourceFile(edited, store, job, cache);
    expect(edited.lastStats.paragraphs).toBeGreaterThan(0);
    expect(after.digest.claims.length).toBeGreaterThan(0);
    expect(after.digest.claims.at(-1)!.text).not.toBe(claim.text);

    // Other settings: another key.
    const stricter = new Analyzer();
    await indexSourceFile(stricter, store, { ...job, options: { ...job.options, claimThreshold: 0.9 } }, cache);
    expect(stricter.lastStats.paragraphs).toBeGreaterThan(0);
  });

  it('is off without an analyser version (running from source) or with SOURCEMARK_CACHE_DIR=off', () => {
    expect(digestCacheFromEnv({}, undefined)).toBeUndefined();
    expect(digestCacheFromEnv({ SOURCEMARK_CACHE_DIR: 'off' }, 'v')).toBeUndefined();
    expect(digestCacheFromEnv({ SOURCEMARK_CACHE_DIR: '/tmp/x' }, 'v')).toBeInstanceOf(DigestCache);
  });
});
