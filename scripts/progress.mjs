// Progress of a long set-up for a person watching: which step, how far, how long so far. On a
// terminal one line per step is redrawn every second; in a log (CI, a pipe) a line is written at
// the start, every 15 s while it runs, and at the end. The steps' own output goes to a log file
// and is shown only when a step fails.
import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';

const seconds = (ms) => `${Math.round(ms / 1000)} s`;

export class Progress {
  /** `total` steps; the commands' output is appended to `logFile`. */
  constructor(total, logFile, out = process.stderr) {
    this.total = total;
    this.logFile = logFile;
    this.out = out;
    this.index = 0;
    this.started = Date.now();
  }

  /**
   * Runs `work` as the next step. `howFar()` (optional) says how far it got ("84/119 packages").
   * Returns what `work` returns.
   */
  async step(title, work, howFar = () => '') {
    this.index++;
    const prefix = `[${this.index}/${this.total}] ${title}`;
    const begun = Date.now();
    const line = () => [prefix, howFar(), seconds(Date.now() - begun)].filter(Boolean).join(' · ');
    const tty = Boolean(this.out.isTTY);
    let lastLogged = begun;
    if (!tty) this.out.write(`${prefix}…\n`);
    const timer = setInterval(() => {
      if (tty) this.out.write(`\r\x1b[K${line()}`);
      else if (Date.now() - lastLogged >= 15_000) {
        lastLogged = Date.now();
        this.out.write(`  … ${line()}\n`);
      }
    }, 1000);
    if (tty) this.out.write(line());
    try {
      const result = await work();
      clearInterval(timer);
      this.out.write(`${tty ? '\r\x1b[K' : ''}${prefix}: done in ${seconds(Date.now() - begun)}\n`);
      return result;
    } catch (error) {
      clearInterval(timer);
      if (tty) this.out.write('\n');
      throw error;
    }
  }

  /** Runs a command for the current step; its output goes to the log, its last lines into the error. */
  run(cwd, command, args, env = {}) {
    appendFileSync(this.logFile, `\n$ (cd ${cwd} && ${command} ${args.join(' ')})\n`);
    return new Promise((resolve, reject) => {
      const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
      const append = (d) => appendFileSync(this.logFile, d);
      child.stdout.on('data', append);
      child.stderr.on('data', append);
      child.once('error', reject);
      child.once('close', (code, signal) => {
        if (code === 0) return resolve();
        const tail = readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-25).join('\n');
        reject(new Error(`${command} ${args.join(' ')} failed (${code ?? signal}) in ${cwd}. Its last lines (all of it is in ${this.logFile}):\n${tail}`));
      });
    });
  }

  /** Time since the progress began, for the closing line. */
  elapsed() {
    return seconds(Date.now() - this.started);
  }
}
