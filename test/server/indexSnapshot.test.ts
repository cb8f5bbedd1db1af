import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Connection } from 'vscode-languageserver';
import { describe, expect, it } from 'vitest';
import { DigestCache, sha256 } from '../../src/core/corpus/digestCache';
import { sha256Hex } from '../../src/core/tags/quoteSelector';
import { emptySidecar, serializeSidecar } from '../../src/core/tags/sidecarFormat';
import { setTag } from '../../src/core/tags/tagOperations';
import { settingsKey, type IndexCache, type IndexedSummary } from '../../src/server/indexJob';
import { entryBytes, inflateEntries, parseEntry, PARTED_ENTRY_BYTES, readEntry, readSnapshot, restamped, snapshotable, snapshotKey, writeSnapshot, type SnapshotEntry } from '../../src/server/indexSnapshot';
import { analysisOptionsOf, DEFAULT_SETTINGS, type SourcemarkSettings } from '../../src/server/settings';
import type { WorkspaceIndex } from '../../src/server/workspaceIndex';
import { CGTN, cleanupsAfterEach, FIXTURES, read, write, XIAOMI_US } from './fixtureWorkspace';
import { testIndex } from './workspaceIndexFixture';
import { poolsFrom, SourceGenerator } from '../../scripts/bench/generate';

const cleanups = cleanupsAfterEach();
const NOW = new Date('2026-01-01T00:00:00Z');
const SOURCES = [XIAOMI_US, CGTN, readdirSync(FIXTURES).filter((f) => f.endsWith('.txt')).sort()[4]!];
/** Settings as the server has them: the folder's ignored names included (a snapshot is kept only then). */
const SETTINGS: SourcemarkSettings = { ...DEFAULT_SETTINGS, referenceDate: '2018-03-10', ignoredNames: [] };

function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Sets a file's times an hour back (or `back` ms): a stamp that old cannot hide a later change. */
function age(file: string, back = 3_600_000): void {
  const t = new Date(Date.now() - back);
  utimesSync(file, t, t);
}

function workspace(): string {
  const dir = tempDir('sourcemark-snap-ws-');
  for (const f of SOURCES) {
    copyFileSync(path.join(FIXTURES, f), path.join(dir, f));
    age(path.join(dir, f));
  }
  // A tag on the first claim-like sentence of the first source, so counts and digests carry one.
  const file = path.join(dir, SOURCES[0]!);
  const text = read(file);
  const start = text.indexOf('Xiaomi');
  const sidecar = setTag(emptySidecar(SOURCES[0]!, sha256Hex(text)), { kind: 'entity', start, end: start + 'Xiaomi'.length, status: 'verified', sourceText: text, now: NOW }, () => 'tag-1');
  write(`${file}.annotations.json`, serializeSidecar(sidecar));
  age(`${file}.annotations.json`);
  return dir;
}

type Stamped = 'cacheKey' | 'sidecar' | 'stampedAt' | 'textSha256';
const plain = (s: IndexedSummary | undefined) => s && (Object.fromEntries(Object.entries(s).filter(([k]) => !['cacheKey', 'sidecar', 'stampedAt', 'textSha256'].includes(k))) as Omit<IndexedSummary, Stamped>);

/** Everything the index answers: sources, digests, counts, entity groups, conflicts, timeline. */
function answers(index: WorkspaceIndex) {
  const corpus = index.corpus;
  const ids = corpus.sourceIds();
  return {
    ids,
    digests: ids.map((id) => corpus.digest(id)),
    summaries: ids.map((id) => plain(index.summaryOf(id))),
    groups: corpus.entityGroups(),
    conflicts: corpus.conflicts(),
    timeline: corpus.timeline(),
  };
}

/** A scan of `dir` by a new index (analysing in this thread) with the digest cache in `cacheDir` (null: none); its answers and log. */
async function scan(dir: string, cacheDir: string | null, settings = SETTINGS, cache?: IndexCache, clock?: () => number, workers = 0) {
  const logs: string[] = [];
  const connection = {
    console: { log: (m: string) => logs.push(m), warn: (m: string) => logs.push(m), error: (m: string) => logs.push(m) },
    window: { createWorkDoneProgress: async () => ({ begin() {}, report() {}, done() {} }) },
  } as unknown as Connection;
  const index = testIndex(cleanups, { connection, workers, settingsFor: async () => settings, cache: cache ?? (cacheDir === null ? null : new DigestCache(cacheDir, 'test')), ...(clock ? { clock } : {}) });
  await index.scan([pathToFileURL(dir).href]);
  const counted = logs.map((l) => /counted (\d+) sources from the index snapshot/.exec(l)?.[1]).find(Boolean);
  return { answers: answers(index), counted: counted ? Number(counted) : 0, logs };
}

const snapshotFileOf = (cacheDir: string, dir: string, settings = SETTINGS) => {
  const cache = new DigestCache(cacheDir, 'test');
  return cache.snapshotFile(snapshotKey(cache, dir, settingsKey(analysisOptionsOf(settings))));
};

/** Every file under `dir`, relative. */
const filesUnder = (dir: string) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();

describe('workspace index snapshot', () => {
  it('a reopened workspace is counted from its snapshot, and the index then answers as after a first index without any cache', async () => {
    const dir = workspace();
    const cacheDir = tempDir('sourcemark-snap-cache-');
    const before = filesUnder(dir);
    const uncached = await scan(dir, null);
    const first = await scan(dir, cacheDir);
    expect(first.counted).toBe(0);
    expect(existsSync(snapshotFileOf(cacheDir, dir))).toBe(true);
    const reopened = await scan(dir, cacheDir);
    expect(reopened.counted).toBe(SOURCES.length);
    expect(reopened.logs.join('\n')).toContain('; 0 to index.');
    expect(uncached.answers.ids).toHaveLength(SOURCES.length);
    expect(uncached.answers.digests[0]!.entities.some((e) => e.tag?.status === 'verified')).toBe(true);
    expect(first.answers).toEqual(uncached.answers);
    expect(reopened.answers).toEqual(uncached.answers);
    // Nothing written beside the sources.
    expect(filesUnder(dir)).toEqual(before);
  });

  it('with index workers, the entries go into packs the main thread writes; reopened, the workspace is counted from its snapshot; without it, every source is read from the packs', async () => {
    const dir = workspace();
    const cacheDir = tempDir('sourcemark-snap-cache-');
    // The built worker reads the cache folder from its environment, as the server's do.
    const was = process.env.SOURCEMARK_CACHE_DIR;
    process.env.SOURCEMARK_CACHE_DIR = cacheDir;
    cleanups.push(() => {
      if (was === undefined) delete process.env.SOURCEMARK_CACHE_DIR;
      else process.env.SOURCEMARK_CACHE_DIR = was;
    });
    const packs = () => (existsSync(path.join(cacheDir, 'packs')) ? readdirSync(path.join(cacheDir, 'packs')).filter((f) => f.endsWith('.pack')).sort() : []);
    const uncached = await scan(dir, null);
    const first = await scan(dir, cacheDir, SETTINGS, undefined, undefined, 1);
    expect(first.answers).toEqual(uncached.answers);
    // One pack of the three entries, no file per entry.
    expect(packs()).toHaveLength(1);
    expect(filesUnder(cacheDir).filter((f) => f.endsWith('.json.gz'))).toEqual([]);
    const reopened = await scan(dir, cacheDir, SETTINGS, undefined, undefined, 1);
    expect(reopened.counted).toBe(SOURCES.length);
    expect(reopened.answers).toEqual(uncached.answers);
    // The snapshot gone, the workers find every source in the pack: nothing analysed, so no new pack.
    rmSync(snapshotFileOf(cacheDir, dir));
    const fromPacks = await scan(dir, cacheDir, SETTINGS, undefined, undefined, 1);
    expect(fromPacks.counted).toBe(0);
    expect(fromPacks.answers).toEqual(uncached.answers);
    expect(packs()).toHaveLength(1);
    // And the snapshot written again holds every source, its entries read from the pack.
    expect((await scan(dir, cacheDir, SETTINGS, undefined, undefined, 1)).counted).toBe(SOURCES.length);
  }, 120_000);

  it('a long source\'s entry is read back in parts, a turn of the event loop between them, as one JSON.parse reads it', async () => {
    const dir = workspace();
    const texts = SOURCES.map((f) => read(path.join(FIXTURES, f)));
    write(path.join(dir, 'long.txt'), new SourceGenerator(poolsFrom(texts), 0x51ce).source(64 * 1024));
    age(path.join(dir, 'long.txt'));
    const cacheDir = tempDir('sourcemark-snap-cache-');
    const uncached = await scan(dir, null);
    await scan(dir, cacheDir);
    const reopened = await scan(dir, cacheDir);
    expect(reopened.counted).toBe(SOURCES.length + 1);
    expect(reopened.answers).toEqual(uncached.answers);

    const cache = new DigestCache(cacheDir, 'test');
    const snapshot = (await readSnapshot(cache, snapshotKey(cache, dir, settingsKey(analysisOptionsOf(SETTINGS)))))!;
    const entry = [...snapshot.entries.values()].find((e) => e.uri.endsWith('/long.txt'))!;
    const [json] = await inflateEntries(snapshot, [entry]);
    // Long enough to be read in parts.
    expect(json!.length).toBeGreaterThan(PARTED_ENTRY_BYTES);
    let turns = 0;
    const ticking = setInterval(() => turns++, 0);
    const read1 = await readEntry(json, 0).finally(() => clearInterval(ticking));
    expect(JSON.stringify(read1)).toBe(JSON.stringify(parseEntry(json)));
    expect(read1!.claims.length).toBeGreaterThan(100);
    // A turn at least every part of 64 KB (a timer runs once a turn).
    expect(turns).toBeGreaterThan(json!.length / (128 * 1024));
    // Not a digest (a list not there, cut short): not read, as before.
    expect(await readEntry(json!.subarray(0, json!.length - 1))).toBeUndefined();
    const { digest } = JSON.parse(json!.toString()) as { digest: Record<string, unknown> };
    delete digest.dates;
    expect(await readEntry(Buffer.from(JSON.stringify({ digest })))).toBeUndefined();
  });

  it('a source or sidecar changed, added or removed since the snapshot, or one changed too recently to tell by its stamp, is indexed again', async () => {
    const dir = workspace();
    const cacheDir = tempDir('sourcemark-snap-cache-');
    await scan(dir, cacheDir);
    // An edit of the second source, and a tag on the third (both with old times: only size or presence tells).
    const second = path.join(dir, SOURCES[1]!);
    write(second, `${read(second)}\nThe company said on Monday that it had sold 300 million phones in Canada.\n`);
    age(second, 1_800_000);
    const third = path.join(dir, SOURCES[2]!);
    const text = read(third);
    const sidecar = setTag(emptySidecar(SOURCES[2]!, sha256Hex(text)), { kind: 'claim', start: 0, end: text.indexOf('\n'), status: 'contradicted', sourceText: text, now: NOW }, () => 'tag-2');
    write(`${third}.annotations.json`, serializeSidecar(sidecar));
    age(`${third}.annotations.json`);
    // And the first source's sidecar gone (the walk no longer sees it, so it is not stat'ed: missing).
    rmSync(path.join(dir, `${SOURCES[0]!}.annotations.json`));
    const reopened = await scan(dir, cacheDir);
    expect(reopened.counted).toBe(SOURCES.length - 3);
    expect(reopened.answers).toEqual((await scan(dir, null)).answers);
    // The snapshot was written again with them: the next reopening counts all.
    expect((await scan(dir, cacheDir)).counted).toBe(SOURCES.length);

    // A source written moments before it is indexed: a change just after could keep its stamp (coarse file times), so it stays out of the snapshot.
    const first = path.join(dir, SOURCES[0]!);
    write(first, read(first).replace('Xiaomi', 'Xiaoma'));
    // Its time kept ahead of the clock: too fresh to trust for the whole test, however slow the machine.
    const ahead = new Date(Date.now() + 600_000);
    utimesSync(first, ahead, ahead);
    const fresh = await scan(dir, cacheDir);
    expect(fresh.counted).toBe(SOURCES.length - 1);
    expect(fresh.answers).toEqual((await scan(dir, null)).answers);
    expect((await scan(dir, cacheDir)).counted).toBe(SOURCES.length - 1);
  });

  it('a source too fresh to trust when indexed goes into the snapshot once the scan ends late enough to check it again', async () => {
    const fresh = (ws: string) => {
      const now = new Date();
      for (const f of SOURCES) utimesSync(path.join(ws, f), now, now);
      return ws;
    };
    const dir = fresh(workspace());
    const cacheDir = tempDir('sourcemark-snap-cache-');
    // Written just now (too fresh when read); the scan's end seen 10 s later, as after a long first index.
    const first = await scan(dir, cacheDir, SETTINGS, undefined, () => Date.now() + 10_000);
    expect(first.counted).toBe(0);
    expect((await scan(dir, cacheDir)).counted).toBe(SOURCES.length);
    // Without the later check they stay out (the clock as it is: the scan ends moments after the writes).
    const other = fresh(workspace());
    const otherCache = tempDir('sourcemark-snap-cache-');
    await scan(other, otherCache, SETTINGS, undefined, () => 0);
    expect((await scan(other, otherCache)).counted).toBe(0);
  });

  it('a source too fresh to trust is stamped again once its stamps are old enough, if it still holds the text analysed', async () => {
    const dir = tempDir('sourcemark-restamp-');
    const file = path.join(dir, 'a.txt');
    writeFileSync(file, 'Xiaomi said on Friday that it sold 10 million phones.\n');
    const { mtimeMs, size } = statSync(file);
    const summary: IndexedSummary = {
      counts: { byKind: { claim: 1, entity: 1, date: 1, quotation: 0 }, verified: 0, speculative: 0, contradicted: 0, untagged: 3, orphans: 0 },
      mtimeMs, size, settingsKey: '', cacheKey: 'k', sidecar: null, stampedAt: mtimeMs + 500, textSha256: sha256(readFileSync(file, 'utf8')),
    };
    expect(snapshotable(summary)).toBe(false);
    // Still too fresh.
    expect(await restamped(file, summary, mtimeMs + 1_000)).toBeUndefined();
    const later = mtimeMs + 5_000;
    const again = await restamped(file, summary, later);
    expect(again).toEqual({ ...summary, stampedAt: later });
    expect(snapshotable(again!)).toBe(true);
    // Not the text analysed (same size and time), a sidecar come meanwhile, or another stamp: not trusted.
    expect(await restamped(file, { ...summary, textSha256: sha256('another text') }, later)).toBeUndefined();
    writeFileSync(`${file}.annotations.json`, '{}');
    expect(await restamped(file, summary, later)).toBeUndefined();
    rmSync(`${file}.annotations.json`);
    expect(await restamped(file, { ...summary, size: size + 1 }, later)).toBeUndefined();
    // A summary without the text's hash (from a snapshot, or an open source's) is left as it is.
    expect(await restamped(file, { ...summary, textSha256: undefined }, later)).toBeUndefined();
  });

  it('a truncated, corrupt or mismatched snapshot, or an unreadable entry in it, is ignored and written again; answers stay those of a first index', async () => {
    const dir = workspace();
    const cacheDir = tempDir('sourcemark-snap-cache-');
    const expected = (await scan(dir, null)).answers;
    await scan(dir, cacheDir);
    const file = snapshotFileOf(cacheDir, dir);
    const good = readFileSync(file);
    const flipped = (at: number) => {
      const b = Buffer.from(good);
      b[at] ^= 0x55;
      return b;
    };
    const cache = new DigestCache<unknown>(cacheDir, 'test');
    const snapshot = (await readSnapshot(cache, snapshotKey(cache, dir, settingsKey(analysisOptionsOf(SETTINGS)))))!;
    const entries = [...snapshot.entries.values()];
    /** The same snapshot with the first source's entry replaced by `entry`: every check of the file passes. */
    const withEntry = async (entry: Buffer) => {
      const key = snapshotKey(cache, dir, settingsKey(analysisOptionsOf(SETTINGS)));
      const sources = entries.map((e, i) => ({
        uri: e.uri,
        summary: { counts: e.counts, mtimeMs: e.mtimeMs, size: e.size, settingsKey: '', cacheKey: e.cacheKey, sidecar: e.sidecar, stampedAt: e.stampedAt },
        entry: i === 0 ? entry : snapshot.blob.subarray(e.offset, e.offset + e.length),
      }));
      await writeSnapshot(cache, key, sources);
      return readFileSync(file);
    };
    /** A gzip member with a byte of its compressed data changed: its length in the trailer still holds. */
    const damaged = (member: Buffer) => {
      const b = Buffer.from(member);
      b[Math.floor(b.length / 2)] ^= 0x55;
      return b;
    };
    const variants: [string, Buffer, number][] = [
      ['empty', Buffer.alloc(0), 0],
      ['truncated', good.subarray(0, Math.floor(good.length / 2)), 0],
      ['its end cut off', good.subarray(0, good.length - 1), 0],
      ['a byte of its index changed', flipped(60), 0],
      ['a byte of its blob changed', flipped(good.length - 100), 0],
      ['another format', Buffer.concat([Buffer.from('sourcemark index snapshot 9\n'), good.subarray(28)]), 0],
      ['an entry that is not gzip', await withEntry(Buffer.from('not gzip at all')), SOURCES.length],
      ['an entry whose gzip fails its check (its trailer says the right length)', await withEntry(damaged(snapshot.blob.subarray(entries[0]!.offset, entries[0]!.offset + entries[0]!.length))), SOURCES.length],
      ['an entry of another shape', await withEntry(gzipSync(JSON.stringify({ digest: { version: 1, claims: 'x' }, summary: {} }))), SOURCES.length],
    ];
    for (const [what, bytes, counted] of variants) {
      writeFileSync(file, bytes);
      const r = await scan(dir, cacheDir);
      expect(r.counted, what).toBe(counted);
      expect(r.answers, what).toEqual(expected);
      expect((await scan(dir, cacheDir)).counted, `${what}: written again`).toBe(SOURCES.length);
    }

    // The snapshot of other settings (here: a name ignored in the folder) under this one's name: never used.
    const other: SourcemarkSettings = { ...SETTINGS, ignoredNames: ['xiaomi'] };
    const otherFile = snapshotFileOf(cacheDir, dir, other);
    mkdirSync(path.dirname(otherFile), { recursive: true });
    copyFileSync(file, otherFile);
    const mismatched = await scan(dir, cacheDir, other);
    expect(mismatched.counted).toBe(0);
    expect(mismatched.answers).toEqual((await scan(dir, null, other)).answers);
    expect(mismatched.answers.summaries).not.toEqual(expected.summaries);

    // One larger than the cache may hold is not read.
    expect(await readSnapshot(new DigestCache(cacheDir, 'test', 100), snapshotKey(cache, dir, settingsKey(analysisOptionsOf(SETTINGS))))).toBeUndefined();
    expect(await readSnapshot(cache, snapshotKey(cache, dir, settingsKey(analysisOptionsOf(SETTINGS))))).toBeDefined();
  });

  it('a blob of several megabytes is written in pieces and read back entry for entry', async () => {
    const cache = new DigestCache<unknown>(tempDir('sourcemark-snap-cache-'), 'test');
    const summary: IndexedSummary = { counts: { byKind: { claim: 1, entity: 0, date: 0, quotation: 0 }, verified: 0, speculative: 0, contradicted: 0, untagged: 1, orphans: 0 }, mtimeMs: 1, size: 1, settingsKey: '', cacheKey: 'k', sidecar: null, stampedAt: 1e13 };
    // 700 entries of 3,001–9,991 bytes (about 4.5 MB): pieces of about 1 MB, cut between entries.
    const sources = Array.from({ length: 700 }, (_, i) => ({ uri: `file:///s${String(i).padStart(3, '0')}.txt`, summary, entry: Buffer.alloc(3_001 + ((i * 7_919) % 6_991), i % 251) }));
    const key = 'd'.repeat(64);
    await writeSnapshot(cache, key, sources);
    const back = await readSnapshot(cache, key);
    expect(back?.entries.size).toBe(sources.length);
    for (const s of sources) expect(entryBytes(back!, back!.entries.get(s.uri)!).equals(s.entry), s.uri).toBe(true);
  });

  it('snapshots count toward the cache cap, least recently used first; a temporary file left by a dead writer goes', async () => {
    const cacheDir = tempDir('sourcemark-snap-cache-');
    const cache = new DigestCache<unknown>(cacheDir, 'test', 10_000);
    const summary = (i: number): IndexedSummary => ({ counts: { byKind: { claim: i, entity: 0, date: 0, quotation: 0 }, verified: 0, speculative: 0, contradicted: 0, untagged: i, orphans: 0 }, mtimeMs: 1, size: 1, settingsKey: '', cacheKey: 'k', sidecar: null, stampedAt: 1e13 });
    const big = Buffer.alloc(4_000, 7);
    await writeSnapshot(cache, 'a'.repeat(64), [{ uri: 'file:///a.txt', summary: summary(1), entry: big }]);
    age(cache.snapshotFile('a'.repeat(64)));
    await writeSnapshot(cache, 'b'.repeat(64), [{ uri: 'file:///b.txt', summary: summary(2), entry: big }]);
    const stale = path.join(path.dirname(cache.snapshotFile('x')), '.left.123.tmp');
    const fresh = path.join(path.dirname(cache.snapshotFile('x')), '.writing.456.tmp');
    writeFileSync(stale, 'x');
    age(stale, 2 * 3_600_000);
    writeFileSync(fresh, 'x');
    await writeSnapshot(cache, 'c'.repeat(64), [{ uri: 'file:///c.txt', summary: summary(3), entry: big }]);
    expect(existsSync(cache.snapshotFile('a'.repeat(64)))).toBe(false);
    expect(existsSync(cache.snapshotFile('b'.repeat(64)))).toBe(true);
    expect(existsSync(cache.snapshotFile('c'.repeat(64)))).toBe(true);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
    expect(filesUnder(cacheDir).every((f) => f.startsWith('snapshots'))).toBe(true);
  });

  it('entries are inflated together, end to end in the blob or not, and each comes back as it was; a trailer that lies costs only its entry', async () => {
    const texts = ['{"a":1}', JSON.stringify({ digest: 'é'.repeat(5_000) }), '{}', JSON.stringify({ big: 'x'.repeat(40 * 1024 * 1024) })];
    const members = texts.map((t) => gzipSync(t));
    // The fourth says it inflates to 40 MB: over the size inflated into one buffer.
    let offset = 0;
    const entries = members.map((m, i) => {
      const e = { uri: `file:///s${i}.txt`, offset, length: m.length } as SnapshotEntry;
      offset += m.length;
      return e;
    });
    const snapshot = { file: '', entries: new Map(entries.map((e) => [e.uri, e])), blob: Buffer.concat(members) };
    const text = (b: Buffer | undefined) => b?.toString('utf8');
    expect((await inflateEntries(snapshot, entries.slice(0, 3))).map(text)).toEqual(texts.slice(0, 3));
    // Fewer bytes than zlib's smallest output chunk (64).
    expect((await inflateEntries(snapshot, [entries[2]!])).map(text)).toEqual([texts[2]]);
    expect((await inflateEntries(snapshot, [entries[2]!, entries[0]!, entries[1]!])).map(text)).toEqual([texts[2], texts[0], texts[1]]);
    expect((await inflateEntries(snapshot, entries)).map(text)).toEqual(texts);

    // A trailer saying more (or less) than the member holds: zlib rejects that member, the others are read.
    for (const size of [texts[1]!.length * 100, 3]) {
      const lying = Buffer.from(members[1]!);
      lying.writeUInt32LE(size, lying.length - 4);
      const parts = [members[0]!, lying, members[2]!];
      const blob = Buffer.concat(parts);
      const at = [0, parts[0]!.length, parts[0]!.length + parts[1]!.length];
      const lied = parts.map((p, i) => ({ uri: `file:///l${i}.txt`, offset: at[i]!, length: p.length }) as SnapshotEntry);
      expect((await inflateEntries({ file: '', entries: new Map(), blob }, lied)).map(text), `trailer says ${size}`).toEqual([texts[0], undefined, texts[2]]);
    }
  });
});
