// Two (and three) real processes hammering the same sidecar through the store: no update is lost.
// Writers killed mid-save (SIGKILL) leave the old or the new file, never a broken one.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseSidecar, serializeSidecar, emptySidecar } from '../../../src/core/tags/sidecarFormat';

const WRITER = resolve(__dirname, 'processes/sidecarWriter.ts');

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sourcemark-concurrency-'));
  path = join(dir, 'a.txt.annotations.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

interface Writer {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  /** Resolves when the writer printed a line matching `pattern`. */
  printed: (pattern: RegExp) => Promise<void>;
}

function startWriter(name: string, count: number, pauseAt?: number): Writer {
  const args = ['--import', 'tsx', WRITER, path, name, String(count), ...(pauseAt === undefined ? [] : [String(pauseAt)])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiters: (() => void)[] = [];
  child.stdout!.on('data', (d) => {
    out += d;
    for (const w of waiters.splice(0)) w();
  });
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return {
    child,
    output: () => out + err,
    exited,
    printed: async (pattern) => {
      while (!pattern.test(out)) {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`writer ${name} exited first:\n${out}${err}`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 200);
        });
      }
    },
  };
}

function ids(): string[] {
  const parsed = parseSidecar(readFileSync(path, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.problem.message);
  return parsed.sidecar.annotations.map((a) => a.id);
}

describe('concurrent writers (real processes)', () => {
  it('two writers adding 60 tags each to the same sidecar lose none', { timeout: 120_000 }, async () => {
    const writers = [startWriter('w1', 60), startWriter('w2', 60)];
    const codes = await Promise.all(writers.map((w) => w.exited));
    expect(codes, writers.map((w) => w.output()).join('\n')).toEqual([0, 0]);
    const all = ids();
    for (const w of ['w1', 'w2']) for (let i = 0; i < 60; i++) expect(all).toContain(`${w}_${i}`);
    expect(all).toHaveLength(121); // 120 + the shared one both kept flipping
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp') || f.endsWith('.lock'))).toEqual([]);
  });

  it('three writers on a sidecar that already has tags keep those too', { timeout: 120_000 }, async () => {
    const seeded = emptySidecar('a.txt', '0'.repeat(64));
    writeFileSync(path, serializeSidecar({ ...seeded, annotations: [{ id: 'old', kind: 'date', status: 'speculative', target: { start: 0, end: 4, exact: '2017', prefix: '', suffix: '' }, createdAt: '2025-01-01T00:00:00Z', updatedAt: '2025-01-01T00:00:00Z' }] }));
    const writers = ['x', 'y', 'z'].map((n) => startWriter(n, 25));
    expect(await Promise.all(writers.map((w) => w.exited))).toEqual([0, 0, 0]);
    const all = ids();
    expect(all).toContain('old');
    expect(all).toHaveLength(1 + 75 + 1);
  });
});

describe('crash safety', () => {
  it('a writer killed after writing its temporary file but before the rename leaves the old sidecar intact', { timeout: 60_000 }, async () => {
    const first = startWriter('w', 3);
    expect(await first.exited).toBe(0);
    const before = readFileSync(path, 'utf8');

    const victim = startWriter('v', 5, 2); // pauses inside its third save, with the new file flushed
    await victim.printed(/PAUSED 2/);
    expect(readFileSync(path, 'utf8')).not.toBe(before); // its first two saves landed
    const landed = readFileSync(path, 'utf8');
    victim.child.kill('SIGKILL');
    await victim.exited;
    expect(readFileSync(path, 'utf8')).toBe(landed);
    expect(ids()).toEqual(expect.arrayContaining(['v_0', 'v_1', 'w_2']));
    expect(ids()).not.toContain('v_2');
    // The next writer takes over the dead writer's lock once it is stale, and saves.
    const next = startWriter('n', 1);
    expect(await next.exited, next.output()).toBe(0);
    expect(ids()).toEqual(expect.arrayContaining(['v_1', 'n_0']));
    // And removes the dead writer's temporary file.
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writers killed at random moments always leave a whole sidecar, old or new', { timeout: 300_000 }, async () => {
    const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 12);
    let previous = new Set<string>();
    let killedMidWrite = 0;
    let killedWithTempFile = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const w = startWriter(`r${round}`, 1000);
      await w.printed(/WROTE 0/);
      await new Promise((r) => setTimeout(r, 20 + Math.random() * 300));
      w.child.kill('SIGKILL');
      await w.exited;
      if (readdirSync(dir).some((f) => f.endsWith('.tmp') && f.includes(`.${w.child.pid}.`))) killedWithTempFile++;
      const raw = readFileSync(path, 'utf8');
      const parsed = parseSidecar(raw);
      expect(parsed.ok, raw.slice(0, 200)).toBe(true);
      const now = new Set(ids());
      // Nothing that was there before is gone, and this writer's tags form an unbroken run.
      for (const id of previous) expect(now.has(id)).toBe(true);
      const mine = [...now].filter((id) => id.startsWith(`r${round}_`)).map((id) => Number(id.split('_')[1])).sort((a, b) => a - b);
      expect(mine).toEqual(mine.map((_, i) => i));
      const printed = (w.output().match(/WROTE (\d+)/g) ?? []).length;
      // Each save it reported is on disk; at most the one it was killed in is not reported yet.
      expect(mine.length === printed || mine.length === printed + 1).toBe(true);
      if (mine.length === printed + 1) killedMidWrite++;
      previous = now;
      // A killed writer's lock would only delay the next round by its staleness (tested above).
      rmSync(`${path}.lock`, { recursive: true, force: true });
    }
    // Temporary files of killed writers are all that may be left, and they are never the sidecar.
    for (const f of readdirSync(dir)) expect(f === 'a.txt.annotations.json' || /^\.a\.txt\.annotations\.json\.\d+\.[0-9a-f]+\.tmp$/.test(f)).toBe(true);
    console.log(
      `crash safety: ${ROUNDS} writers killed at random moments (SIGKILL); ${killedWithTempFile} while their temporary file existed (between create and rename), ` +
        `${killedMidWrite} after their last rename but before reporting it; every sidecar parsed and kept every earlier save`,
    );
  });
});
