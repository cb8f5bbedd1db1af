import { execFileSync } from 'node:child_process';

/** Whether `mkfifo` is there to make named pipes (not on Windows): tests of FIFOs skip without it. */
export const hasMkfifo = (() => {
  try {
    execFileSync('mkfifo', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Makes named pipes at `paths`. */
export function mkfifo(...paths: string[]): void {
  execFileSync('mkfifo', paths);
}
