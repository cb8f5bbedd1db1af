// The analysis budget of a long open source is counted in the processor time its worker thread
// spends on it, not in wall-clock time: on a machine loaded by other work the same analysis takes
// longer by the clock but not in CPU, and should not be called too complex for that. Node 20 has
// no per-thread CPU clock (process.threadCpuUsage came in Node 23.9); Linux gives one in
// /proc/thread-self/stat. Elsewhere the process's CPU time stands in: it also counts the server's
// other threads, so the budget can only run out sooner there, never later.
import { readFileSync } from 'node:fs';

/** /proc reports times in USER_HZ ticks, 100 a second on every Linux. */
const TICKS_PER_SECOND = 100;
let perThread = process.platform === 'linux';

/** Processor time (user + system) used by the calling thread, in ms; 10 ms steps on Linux. */
export function threadCpuMs(): number {
  if (perThread) {
    try {
      const stat = readFileSync('/proc/thread-self/stat', 'latin1');
      // After "pid (comm) ": state is field 3, utime and stime fields 14 and 15.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]);
      if (Number.isFinite(ticks)) return (ticks * 1000) / TICKS_PER_SECOND;
    } catch {
      // No /proc (a container without it): fall through, for good.
    }
    perThread = false;
  }
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
}

export class OverBudgetError extends Error {
  constructor(readonly usedMs: number, readonly budgetMs: number) {
    super(`the analysis used ${Math.round(usedMs)} ms of processor time, over its budget of ${budgetMs} ms`);
    this.name = 'OverBudgetError';
  }
}

/**
 * A budget of processor time for one piece of work. `checkpoint` is called often (once per
 * paragraph); it reads the clock (a file read, 80-130 µs) every `every` calls once `gapMs` have passed
 * since its last read: every 16th of a 1 MB source's 8,500 paragraphs cost 43 ms of a keystroke,
 * and a read every 5 ms cost 78 ms of a 1 MB source's first analysis (3 s), for a clock that moves in
 * 10 ms steps. By default the gap is a thousandth of the budget (60 ms of 60 s): the work may run
 * over by that much. It throws OverBudgetError once the work has used more than `budgetMs`.
 */
export function workBudget(
  budgetMs: number, clock: () => number = threadCpuMs, every = 16, gapMs = Math.max(5, budgetMs / 1000), now: () => number = () => performance.now(),
): { checkpoint: () => void; usedMs: () => number } {
  const start = clock();
  let calls = 0;
  let lastRead = now();
  return {
    checkpoint: () => {
      if (++calls % every) return;
      const at = now();
      if (at - lastRead < gapMs) return;
      lastRead = at;
      const used = clock() - start;
      if (used > budgetMs) throw new OverBudgetError(used, budgetMs);
    },
    usedMs: () => clock() - start,
  };
}
