import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { cancelledTask, TaskCancelledError, WorkerPool } from '../../src/core/workerPool';

// A worker that answers each task with its value, and dies on a task that says so.
const WORKER = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (t) => {
  if (t.crash) throw new Error('boom');
  if (t.value === 'slow') return void setTimeout(() => parentPort.postMessage({ id: t.id, value: t.value }), 300);
  parentPort.postMessage({ id: t.id, value: t.value });
  if (t.value === 'follow') parentPort.postMessage({ followUp: t.value });
});`;

type Task = { value: string; crash?: boolean };
type Reply = { id: number; value: string };

const pools: WorkerPool<Task, Reply>[] = [];
const poolOf = (size: number, options = {}) => {
  const pool = new WorkerPool<Task, Reply>(() => new Worker(WORKER, { eval: true }), size, options);
  pools.push(pool);
  return pool;
};
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.terminate()));
});

describe('worker pool', () => {
  it('passes on a message that answers no task (a follow-up to a reply) without taking it for one', async () => {
    const others: object[] = [];
    let told!: () => void;
    const followed = new Promise<void>((resolve) => (told = resolve));
    const pool = poolOf(1, { onOther: (m: object) => (others.push(m), told()) });
    expect((await pool.run({ value: 'follow' })).value).toBe('follow');
    expect((await pool.run({ value: 'next' })).value).toBe('next');
    await followed;
    expect(others).toEqual([{ followUp: 'follow' }]);
  });

  it('answers every task with its own reply, on every worker', async () => {
    const pool = poolOf(2, { perWorker: 2 });
    expect(pool.capacity).toBe(4);
    const replies = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((value) => pool.run({ value })));
    expect(replies.map((r) => r.value)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('runs a task given first ahead of those waiting', async () => {
    const pool = poolOf(1);
    const order: string[] = [];
    const run = (value: string, first = false) => pool.run({ value }, { first }).then((r) => order.push(r.value));
    // "busy" takes the one worker; the others wait, and "urgent" goes to the head of the line.
    await Promise.all([run('busy'), run('a'), run('b'), run('urgent', true)]);
    expect(order).toEqual(['busy', 'urgent', 'a', 'b']);
  });

  it('rejects the task of a worker that fails, and goes on with a new worker', async () => {
    const errors: Error[] = [];
    const pool = poolOf(1, { onWorkerError: (e: Error) => errors.push(e) });
    await expect(pool.run({ value: 'x', crash: true })).rejects.toThrow('boom');
    expect((await pool.run({ value: 'after' })).value).toBe('after');
    expect(errors.map((e) => e.message)).toEqual(['boom']);
    expect(pool.size).toBe(1);
  });

  it('rejects what waits when it is shut down, and refuses new tasks', async () => {
    const pool = poolOf(1);
    const settled = Promise.allSettled([pool.run({ value: 'a' }), pool.run({ value: 'b' })]);
    await pool.terminate('closing');
    expect((await settled).map((r) => r.status === 'rejected' && (r.reason as Error).message)).toEqual(['closing', 'closing']);
    await expect(pool.run({ value: 'c' })).rejects.toThrow(/shut down/);
  });

  it('stops its workers once idle for idleMs, never while one runs a task, and starts them again for the next task', async () => {
    let stops = 0;
    let stopped!: () => void;
    let whenStopped = new Promise<void>((resolve) => (stopped = resolve));
    const pool = poolOf(2, { idleMs: 50, onIdleStop: () => (stops++, stopped()) });
    // "quick" is answered while "slow" still runs on the other worker: no stop until both are done.
    const [quick, slow] = await Promise.all([pool.run({ value: 'quick' }), pool.run({ value: 'slow' })]);
    expect([quick.value, slow.value]).toEqual(['quick', 'slow']);
    await whenStopped;
    expect(pool.running).toBe(false);
    expect(pool.size).toBe(2);
    whenStopped = new Promise<void>((resolve) => (stopped = resolve));
    expect((await pool.run({ value: 'again' })).value).toBe('again');
    expect(pool.running).toBe(true);
    await whenStopped;
    expect(stops).toBe(2);
  });

  describe('cancelled tasks', () => {
    // A worker that records what it ran; "spin" runs until its owner cancels it (as an analysis
    // checks between paragraphs), "late" answers after a while whatever happens.
    const CANCELLABLE = `
const { parentPort, workerData } = require('node:worker_threads');
const ran = [];
const nap = new Int32Array(new SharedArrayBuffer(4));
parentPort.on('message', (t) => {
  ran.push(t.value);
  if (t.value === 'spin') {
    while (Atomics.load(workerData.cancelled, 0) !== t.id) Atomics.wait(nap, 0, 0, 1);
    return void parentPort.postMessage({ id: t.id, value: 'stopped', ran });
  }
  if (t.value === 'late') return void setTimeout(() => parentPort.postMessage({ id: t.id, value: t.value, ran }), 200);
  parentPort.postMessage({ id: t.id, value: t.value, ran });
});`;
    type Ran = Reply & { ran: string[] };
    const cancellablePool = () => {
      const pool = new WorkerPool<Task, Ran>((cancelled) => new Worker(CANCELLABLE, { eval: true, workerData: { cancelled } }), 1);
      pools.push(pool as unknown as WorkerPool<Task, Reply>);
      return pool;
    };

    it('stops a running task through the cell its worker reads, and goes on with the next', async () => {
      const pool = cancellablePool();
      const abort = new AbortController();
      const spinning = pool.run({ value: 'spin' }, { signal: abort.signal });
      const next = pool.run({ value: 'next' });
      abort.abort();
      // Without the cell the worker spins for ever and this never settles.
      await expect(spinning).rejects.toBeInstanceOf(TaskCancelledError);
      expect((await next).ran).toEqual(['spin', 'next']);
    });

    it('never runs a cancelled task that was still waiting', async () => {
      const pool = cancellablePool();
      const abort = new AbortController();
      const first = pool.run({ value: 'late' });
      const waiting = pool.run({ value: 'skipped' }, { signal: abort.signal });
      abort.abort();
      await expect(waiting).rejects.toBeInstanceOf(TaskCancelledError);
      await first;
      expect((await pool.run({ value: 'after' })).ran).toEqual(['late', 'after']);
      await expect(pool.run({ value: 'x' }, { signal: abort.signal })).rejects.toBeInstanceOf(TaskCancelledError);
    });

    it('drops the reply of a running task that was cancelled but did not stop (its worker never reads the cell)', async () => {
      const pool = cancellablePool();
      const abort = new AbortController();
      const late = pool.run({ value: 'late' }, { signal: abort.signal });
      abort.abort();
      await expect(late).rejects.toBeInstanceOf(TaskCancelledError);
      expect((await pool.run({ value: 'after' })).ran).toEqual(['late', 'after']);
    });

    it('tells a worker which of its tasks was cancelled, and no other', () => {
      const cell = new Int32Array(new SharedArrayBuffer(4));
      const [a, b] = [cancelledTask(cell, 1), cancelledTask(cell, 2)];
      expect([a(), b()]).toEqual([false, false]);
      Atomics.store(cell, 0, 2);
      expect([a(), b()]).toEqual([false, true]);
      expect(cancelledTask(undefined, 2)()).toBe(false);
    });
  });
});
