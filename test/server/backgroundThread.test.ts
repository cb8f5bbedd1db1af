import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isMainThread, Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { lowerThreadPriority } from '../../src/server/backgroundThread';
import { INDEX_WORKER } from './workspaceIndexFixture';

/** This process's threads by id, with their nice values. */
function niceOfThreads(): Map<number, number> {
  const nice = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'latin1');
      // After "pid (comm) " the state is field 3; nice is field 19.
      nice.set(Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
    } catch {
      // The thread ended meanwhile.
    }
  }
  return nice;
}

const workers: Worker[] = [];
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.terminate()));
});

/** An index worker, once it has loaded (it answers a digest request for a source it does not hold). */
async function readyWorker(workerData: object): Promise<Worker> {
  const worker = new Worker(INDEX_WORKER, { workerData });
  workers.push(worker);
  await new Promise((resolve) => {
    worker.once('message', resolve);
    worker.postMessage({ id: 1, digest: { uri: 'file:///none.txt', seq: 1 } });
  });
  return worker;
}

describe.runIf(process.platform === 'linux' && existsSync(INDEX_WORKER))('background threads', () => {
  it('run an index worker at a lower priority, and leave the main thread and other workers as they were', async () => {
    const before = niceOfThreads();
    const main = before.get(process.pid)!;
    await readyWorker({});
    const afterForeground = niceOfThreads();
    // A new thread takes the nice value of the thread that made it.
    expect([...afterForeground].filter(([tid, nice]) => !before.has(tid) && nice !== main)).toEqual([]);
    await readyWorker({ background: true });
    const after = niceOfThreads();
    expect([...after].filter(([tid, nice]) => !afterForeground.has(tid) && nice === Math.max(10, main))).toHaveLength(1);
    expect(after.get(process.pid)).toBe(main);
  });

  it.runIf(isMainThread)('never lowers the process from its main thread', () => {
    const before = niceOfThreads().get(process.pid);
    expect(lowerThreadPriority()).toBe(false);
    expect(niceOfThreads().get(process.pid)).toBe(before);
  });
});
