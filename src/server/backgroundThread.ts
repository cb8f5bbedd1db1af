// The index workers run at a lower scheduling priority than the server's main thread and the
// worker for long open sources, so that on a busy machine what the user looks at (an opened
// source's diagnostics, a hover) gets the cores first and indexing takes what is left.
import { readFileSync } from 'node:fs';
import { constants, setPriority } from 'node:os';

/**
 * Lowers the calling thread's priority (nice 10). Linux only: there each thread has a nice value of
 * its own, set through its thread id, which Node does not give but /proc/thread-self/stat does;
 * elsewhere setpriority would lower the whole server. False when it could not.
 */
export function lowerThreadPriority(nice: number = constants.priority.PRIORITY_BELOW_NORMAL): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const tid = Number(readFileSync('/proc/thread-self/stat', 'latin1').split(' ', 1)[0]);
    if (!Number.isInteger(tid) || tid <= 0 || tid === process.pid) return false;
    setPriority(tid, nice);
    return true;
  } catch {
    return false;
  }
}
