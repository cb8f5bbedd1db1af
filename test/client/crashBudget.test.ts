import { describe, expect, it } from 'vitest';
import { CrashBudget } from '../../src/client/crashBudget';

function budgetAt(times: number[]): { budget: CrashBudget; decisions: boolean[] } {
  let now = 0;
  const budget = new CrashBudget(4, 180_000, () => now);
  const decisions = times.map((t) => {
    now = t;
    return budget.recordCrash();
  });
  return { budget, decisions };
}

describe('crash budget', () => {
  it('restarts after four crashes and stops at the fifth within three minutes', () => {
    expect(budgetAt([0, 100, 200, 300, 400]).decisions).toEqual([true, true, true, true, false]);
  });

  it('forgets crashes older than the window', () => {
    expect(budgetAt([0, 1, 2, 3, 180_000, 180_001]).decisions).toEqual([true, true, true, true, true, true]);
    expect(budgetAt([0, 1, 2, 3, 179_999]).decisions.at(-1)).toBe(false);
  });

  it('starts afresh when the user restarts the server', () => {
    const { budget } = budgetAt([0, 1, 2, 3, 4]);
    budget.reset();
    expect(budget.recordCrash()).toBe(true);
  });
});
