// Preloaded into a spawned server (node --require) by scripts/bench/reopenStalls.ts: a 1 ms timer on
// the main thread notes each time it ran more than 8 ms late ($SOURCEMARK_STALL_MS to change) (the event loop was held), with the
// monotonic time in µs (the clock of --cpu-prof's samples), and writes the list to
// $SOURCEMARK_STALL_FILE at exit. Bench tooling only: never part of the package.
'use strict';
const fs = require('node:fs');
const { isMainThread } = require('node:worker_threads');

if (isMainThread && process.env.SOURCEMARK_STALL_FILE) {
  const stalls = [];
  const over = Number(process.env.SOURCEMARK_STALL_MS) || 8;
  let last = process.hrtime.bigint();
  const timer = setInterval(() => {
    const now = process.hrtime.bigint();
    const lateMs = Number(now - last) / 1e6 - 1;
    if (lateMs > over) stalls.push(`${now / 1000n} ${lateMs.toFixed(1)}`);
    last = now;
  }, 1);
  timer.unref();
  process.on('exit', () => fs.writeFileSync(process.env.SOURCEMARK_STALL_FILE, stalls.join('\n') + '\n'));
}
