// Sidecar schema 3: dismissals and note threads; a version 2 file is read, migrated, and backed up
// byte for byte on its first write.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Dismissal, Sidecar } from '../../../src/core/tags/annotation';
import { checkAgainstSource, noteAsComment, parseSidecar, serializeSidecar } from '../../../src/core/tags/sidecarFormat';
import { backupPathFor, FileSidecarStore, MemorySidecarStore } from '../../../src/core/tags/sidecarStore';
import { ann, rawSidecar, SHA, sidecar } from './fixtures';

const dismissal = (id: string, start: number, end: number, over: Partial<Dismissal> = {}): Dismissal => ({
  id, kind: 'not-a-claim', target: { start, end, exact: 'y'.repeat(end - start), prefix: '', suffix: '' }, createdAt: '2025-02-01T09:00:00.000Z', ...over,
});

/** A version 2 file as Sourcemark 0.x wrote it: a single note, no dismissals. */
function v2Raw(eol = '\n', bom = ''): string {
  const data = {
    schemaVersion: 2, source: 'a.txt', sourceSha256: SHA,
    annotations: [{
      id: 'a_000000000001', kind: 'claim', status: 'speculative',
      target: { start: 0, end: 4, exact: 'Acme', prefix: '', suffix: ' said' },
      note: 'Ask the press office.',
      history: [{ at: '2025-01-31T14:05:00.000Z', to: 'speculative' }],
      createdAt: '2025-01-31T14:05:00.000Z', updatedAt: '2025-01-31T14:06:00.000Z',
    }],
  };
  return bom + JSON.stringify(data, null, 4).replace(/\n/g, eol) + eol;
}

describe('a version 2 sidecar', () => {
  it('is read as version 3: its note becomes the first comment of a thread', () => {
    const parsed = parseSidecar(v2Raw());
    expect(parsed).toMatchObject({ ok: true, fromVersion: 2 });
    if (!parsed.ok) return;
    expect(parsed.sidecar.schemaVersion).toBe(3);
    const a = parsed.sidecar.annotations[0]!;
    expect(a).not.toHaveProperty('note');
    expect(a.comments).toEqual([noteAsComment('a_000000000001', 'Ask the press office.', '2025-01-31T14:06:00.000Z')]);
    expect(a.comments![0]).toMatchObject({ author: 'unknown', body: 'Ask the press office.' });
    // Read twice, the same thread (the comment id is derived, not random): the same file.
    expect(serializeSidecar((parseSidecar(v2Raw()) as { sidecar: Sidecar }).sidecar)).toBe(serializeSidecar(parsed.sidecar));
  });

  it('with an empty note gets no thread', () => {
    const data = JSON.parse(v2Raw());
    data.annotations[0].note = '';
    const parsed = parseSidecar(JSON.stringify(data));
    expect(parsed.ok && parsed.sidecar.annotations[0]).not.toHaveProperty('comments');
  });

  it.each([
    ['LF', '\n', ''],
    ['CRLF with a BOM', '\r\n', '\uFEFF'],
  ])('(%s) is kept as <sidecar>.v2.bak, byte-identical, on the first write only', async (_name, eol, bom) => {
    const dir = await mkdtemp(join(tmpdir(), 'sourcemark-v3-'));
    try {
      const path = join(dir, 'a.txt.annotations.json');
      const original = Buffer.from(v2Raw(eol, bom), 'utf8');
      await writeFile(path, original);
      const store = new FileSidecarStore();
      // Reading does not write anything.
      expect(await store.read(path)).toMatchObject({ state: 'ok', fromVersion: 2 });
      expect(await readdir(dir)).toEqual(['a.txt.annotations.json']);
      expect(await store.update(path, (s) => s)).toMatchObject({ written: true });
      expect(backupPathFor(path, 2)).toBe(`${path}.v2.bak`);
      expect((await readFile(`${path}.v2.bak`)).equals(original)).toBe(true);
      const migrated = await readFile(path, 'utf8');
      expect(JSON.parse(migrated)).toMatchObject({ schemaVersion: 3, annotations: [{ comments: [{ body: 'Ask the press office.' }] }] });
      // Later writes are of a version 3 file: no new backup.
      await store.update(path, (s) => ({ ...s!, annotations: [...s!.annotations, ann('a_000000000002', 5, 9)] }));
      expect((await readdir(dir)).sort()).toEqual(['a.txt.annotations.json', 'a.txt.annotations.json.v2.bak']);
      expect((await readFile(`${path}.v2.bak`)).equals(original)).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('is not backed up when a change writes nothing', async () => {
    const store = new MemorySidecarStore({ '/m/a.txt.annotations.json': v2Raw() });
    expect(await store.update('/m/a.txt.annotations.json', () => undefined)).toMatchObject({ written: false });
    expect([...store.files.keys()]).toEqual(['/m/a.txt.annotations.json']);
  });

  it('does not read a "dismissals" key it could not have written, and does not crash on one', () => {
    for (const junk of [[1], [{}], [{ id: 'd_1', target: null }], 'x', [{ ...dismissal('d_1', 0, 4), target: { start: 0, end: 4, exact: 'Acme', prefix: '', suffix: '' } }]]) {
      const data = { ...JSON.parse(v2Raw()), dismissals: junk };
      const parsed = parseSidecar(JSON.stringify(data));
      expect(parsed.ok).toBe(true);
      if (parsed.ok) {
        expect(parsed.sidecar.dismissals).toBeUndefined();
        expect(parsed.sidecar.extra).toEqual({ dismissals: junk });
        // Not written into the version 3 file, where it would mean something (the .v2.bak keeps it).
        expect(parseSidecar(serializeSidecar(parsed.sidecar))).toMatchObject({ ok: true, sidecar: { annotations: [{ id: 'a_000000000001' }] } });
        expect(serializeSidecar(parsed.sidecar)).not.toContain('dismissals');
      }
    }
  });
});

describe('a version 3 sidecar', () => {
  const full = (): Sidecar => sidecar(
    [ann('a_2', 10, 14, { comments: [{ id: 'c_1', author: 'ana', createdAt: '2025-02-01T09:00:00.000Z', editedAt: '2025-02-02T09:00:00.000Z', body: 'x' }] }), ann('a_1', 0, 4)],
    { dismissals: [dismissal('d_2', 20, 25, { kind: 'ignore-name', name: 'Yyyyy', orphanedAt: '2025-02-03T09:00:00.000Z' }), dismissal('d_1', 30, 32, { kind: 'ignore-date' })] },
  );

  it('round-trips byte-exactly', () => {
    const text = serializeSidecar(full());
    const parsed = parseSidecar(text);
    expect(parsed).toMatchObject({ ok: true, fromVersion: 3 });
    if (parsed.ok) expect(serializeSidecar(parsed.sidecar)).toBe(text);
  });

  it('is written sorted with fixed key order, whatever the order in memory', () => {
    const s = full();
    const shuffled = { ...s, annotations: [...s.annotations].reverse(), dismissals: [...s.dismissals!].reverse() };
    expect(serializeSidecar(shuffled)).toBe(serializeSidecar(s));
    const data = JSON.parse(serializeSidecar(s));
    expect(Object.keys(data)).toEqual(['schemaVersion', 'source', 'sourceSha256', 'annotations', 'dismissals']);
    expect(data.dismissals.map((d: Dismissal) => d.id)).toEqual(['d_1', 'd_2']);
    expect(Object.keys(data.dismissals[1])).toEqual(['id', 'kind', 'target', 'name', 'createdAt', 'orphanedAt']);
    expect(Object.keys(data.annotations[1].comments[0])).toEqual(['id', 'author', 'createdAt', 'editedAt', 'body']);
  });

  it('writes no dismissals key when there are none', () => {
    expect(serializeSidecar(sidecar([ann('a_1', 0, 4)], { dismissals: [] }))).not.toContain('dismissals');
  });

  it('keeps unknown keys of a dismissal', () => {
    const raw = rawSidecar();
    raw.dismissals = [{ ...dismissal('d_1', 0, 4), target: { start: 0, end: 4, exact: 'Acme', prefix: '', suffix: '' }, reviewer: 'ana' }];
    const parsed = parseSidecar(JSON.stringify(raw));
    expect(parsed.ok && parsed.sidecar.dismissals![0]!.extra).toEqual({ reviewer: 'ana' });
    if (parsed.ok) expect(JSON.parse(serializeSidecar(parsed.sidecar)).dismissals[0].reviewer).toBe('ana');
  });

  it('refuses a dismissal whose offsets do not span its quote, like a tag', () => {
    const raw = rawSidecar();
    raw.dismissals = [{ ...dismissal('d_1', 0, 4), target: { start: 0, end: 9, exact: 'Acme', prefix: '', suffix: '' } }];
    const parsed = parseSidecar(JSON.stringify(raw));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.problem.code).toBe('offsets');
      expect(parsed.problem.message).toMatch(/dismissal "d_1" \(\/dismissals\/0\/target: 0\.\.9\)/);
    }
    const tag = rawSidecar();
    tag.annotations[0].target.end = 9;
    expect(parseSidecar(JSON.stringify(tag))).toMatchObject({ ok: false, problem: { code: 'offsets' } });
  });

  it('refuses a dismissal with the id of a tag, an unknown kind or end before start', () => {
    const raw = rawSidecar();
    raw.dismissals = [{ ...dismissal('a_000000000001', 0, 4), target: { start: 0, end: 4, exact: 'Acme', prefix: '', suffix: '' } }];
    expect(parseSidecar(JSON.stringify(raw))).toMatchObject({ ok: false, problem: { code: 'duplicate-id' } });
    raw.dismissals = [{ ...dismissal('d_1', 0, 4), kind: 'hide-everything' }];
    expect(parseSidecar(JSON.stringify(raw))).toMatchObject({ ok: false, problem: { code: 'schema' } });
    raw.dismissals = [{ ...dismissal('d_1', 0, 4), target: { start: 4, end: 0, exact: '', prefix: '', suffix: '' } }];
    expect(parseSidecar(JSON.stringify(raw))).toMatchObject({ ok: false, problem: { code: 'schema' } });
  });

  it('a dismissal that does not fit the source its fingerprint names is refused; an orphaned one is not checked', () => {
    const text = 'Acme said so.';
    const s = sidecar([], { dismissals: [{ ...dismissal('d_1', 0, 4), target: { start: 0, end: 4, exact: 'Beta', prefix: '', suffix: '' } }] });
    expect(checkAgainstSource(s, text, SHA)).toMatchObject({ code: 'offsets' });
    expect(checkAgainstSource(s, text, 'b'.repeat(64))).toBeUndefined();
    const orphan = { ...s, dismissals: s.dismissals!.map((d) => ({ ...d, orphanedAt: '2025-02-03T09:00:00.000Z' })) };
    expect(checkAgainstSource(orphan, text, SHA)).toBeUndefined();
  });
});
