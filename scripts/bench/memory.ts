// Memory measurement for the benchmark.
//
// The analysis is synchronous, so a setInterval on the main thread cannot fire while it runs. The
// sampler's setInterval therefore runs in a worker thread, which has its own event loop: RSS is
// per process, so the worker sees the main thread's allocations. The kernel's high-water mark
// (VmHWM, resettable through /proc/self/clear_refs) is read as a cross-check.

import { readFileSync, writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

const SAMPLER = `
const { workerData } = require('node:worker_threads');
const shared = new Int32Array(workerData.buffer);
const tick = () => {
  const kb = Math.round(process.memoryUsage.rss() / 1024);
  if (kb > Atomics.load(shared, 0)) Atomics.store(shared, 0, kb);
  Atomics.add(shared, 1, 1);
};
tick();
setInterval(tick, workerData.intervalMs);
`;

export class RssSampler {
  private readonly shared = new Int32Array(new SharedArrayBuffer(8));
  private readonly worker: Worker;

  constructor(readonly intervalMs = 5) {
    this.worker = new Worker(SAMPLER, { eval: true, execArgv: [], workerData: { buffer: this.shared.buffer, intervalMs } });
    this.worker.unref();
  }

  reset(): void {
    Atomics.store(this.shared, 0, 0);
    Atomics.store(this.shared, 1, 0);
  }

  /** Peak RSS seen since the last reset, in bytes, and how many samples were taken. */
  read(): { peakRss: number; samples: number } {
    return { peakRss: Atomics.load(this.shared, 0) * 1024, samples: Atomics.load(this.shared, 1) };
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}

/** A field of /proc/<pid>/status in bytes (VmHWM = peak RSS, VmRSS = current), or undefined off Linux. */
export function procStatus(pid: number | 'self', field: 'VmHWM' | 'VmRSS'): number | undefined {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Resets this process's VmHWM to its current RSS; false where the kernel does not allow it. */
export function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export const hasGc = () => typeof (globalThis as { gc?: unknown }).gc === 'function';

/** CPU time (user + system, all threads) a process has used so far, in ms, from /proc/<pid>/stat; undefined off Linux. */
export function procCpuMs(pid: number | 'self'): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces, hence the last ')'): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}
