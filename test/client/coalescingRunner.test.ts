import { describe, expect, it } from 'vitest';
import { CoalescingRunner } from '../../src/client/coalescingRunner';

/** A task that waits until released, recording each start. */
function gatedTask() {
  const starts: number[] = [];
  const gates: (() => void)[] = [];
  const task = () => {
    starts.push(starts.length + 1);
    return new Promise<void>((resolve) => gates.push(resolve));
  };
  const release = async () => {
    gates.shift()?.();
    // Let the runner see the finished run and start the next one.
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { task, starts, release };
}

describe('CoalescingRunner', () => {
  it('runs at once, and a burst of requests during a run leads to exactly one more run', async () => {
    const runner = new CoalescingRunner();
    const { task, starts, release } = gatedTask();
    runner.run('a', task);
    expect(starts).toEqual([1]);
    for (let i = 0; i < 20; i++) runner.run('a', task);
    expect(starts).toEqual([1]);
    await release();
    expect(starts).toEqual([1, 2]);
    await release();
    expect(starts).toEqual([1, 2]);
    runner.run('a', task);
    expect(starts).toEqual([1, 2, 3]);
    await release();
  });

  it('keeps keys apart, and a failing run does not stop the key for good', async () => {
    const runner = new CoalescingRunner();
    const seen: string[] = [];
    runner.run('a', async () => {
      seen.push('a');
      throw new Error('boom');
    });
    runner.run('b', async () => {
      seen.push('b');
    });
    await new Promise((resolve) => setImmediate(resolve));
    runner.run('a', async () => {
      seen.push('a again');
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual(['a', 'b', 'a again']);
  });
});
