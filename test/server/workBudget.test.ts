// The analysis budget of a long open source counts processor time, not the clock (workBudget.ts).
import { describe, expect, it } from 'vitest';
import { OverBudgetError, threadCpuMs, workBudget } from '../../src/server/workBudget';

describe('workBudget', () => {
  it('throws at the first checkpoint after the work has used its budget, reading the clock every few calls', () => {
    let now = 1000;
    let reads = 0;
    const clock = () => (reads++, now);
    const budget = workBudget(50, clock, 4, 0);
    for (let i = 0; i < 8; i++) budget.checkpoint();
    expect(reads).toBe(1 + 2); // at the start, then every 4th checkpoint
    now += 50;
    for (let i = 0; i < 4; i++) budget.checkpoint(); // 50 ms used: not over yet
    now += 1;
    for (let i = 0; i < 3; i++) budget.checkpoint();
    expect(() => budget.checkpoint()).toThrow(OverBudgetError);
    expect(budget.usedMs()).toBe(51);
  });

  it('reads the clock only once the gap has passed since its last read', () => {
    let reads = 0;
    let wall = 0;
    const clock = () => (reads++, 0);
    const budget = workBudget(50, clock, 1, 5, () => wall);
    for (let i = 0; i < 10; i++) budget.checkpoint();
    expect(reads).toBe(1); // the start only: no time has passed
    wall = 5;
    for (let i = 0; i < 10; i++) budget.checkpoint();
    expect(reads).toBe(2);
    wall = 9;
    budget.checkpoint();
    expect(reads).toBe(2);
    wall = 10.5;
    budget.checkpoint();
    expect(reads).toBe(3);
  });

  it('by default leaves a thousandth of the budget between reads (at least 5 ms)', () => {
    const readsAfter = (budgetMs: number, walls: number[]) => {
      let reads = 0;
      let wall = 0;
      const budget = workBudget(budgetMs, () => (reads++, 0), 1, undefined, () => wall);
      for (const w of walls) {
        wall = w;
        budget.checkpoint();
      }
      return reads - 1; // not the read at the start
    };
    expect(readsAfter(60_000, [30, 59.9])).toBe(0);
    expect(readsAfter(60_000, [60, 100, 120])).toBe(2); // at 60 and 120
    expect(readsAfter(1_000, [4.9, 5, 9, 10])).toBe(2); // at 5 and 10
  });

  it('does not count time the thread spends waiting (a loaded machine), only time it computes', () => {
    const before = threadCpuMs();
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300); // 300 ms asleep
    const asleep = threadCpuMs() - before;
    expect(asleep).toBeLessThan(100);
    const start = threadCpuMs();
    let x = 0;
    while (threadCpuMs() - start < 50) x += Math.sqrt(x + 1); // computes until the clock has moved
    expect(threadCpuMs() - start).toBeGreaterThanOrEqual(50);
  });
});
