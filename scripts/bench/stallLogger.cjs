// Preloaded into a spawned server (node --require) by scripts/bench/reopenStalls.ts: a 1 ms timer on
// the main thread notes each time it ran more than 8 ms late ($SOURCEMARK_STALL_MS to change) (the event loop was held), with the
// monotonic time in µs (the clock of --cpu-prof's samples), and writes the list to
// $SOURCEMARK_STALL_FILE at exit; with $SOURCEMARK_GC_FILE, each GC pause too (kind, ms, end in µs).
// Bench tooling only: never part of the package.
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
  const pauses = [];
  if (process.env.SOURCEMARK_GC_FILE) {
    const { PerformanceObserver, constants, performance } = require('node:perf_hooks');
    const kinds = { [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor', [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major', [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental', [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb' };
    // Entry times are on performance's clock: moved to hrtime's (the profile's) by the offset at start.
    const offsetUs = Number(process.hrtime.bigint() / 1000n) - performance.now() * 1000;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) pauses.push(`${kinds[e.detail.kind] ?? e.detail.kind} ${e.duration.toFixed(2)} ${Math.round(offsetUs + (e.startTime + e.duration) * 1000)}`);
    }).observe({ entryTypes: ['gc'] });
  }
  process.on('exit', () => {
    fs.writeFileSync(process.env.SOURCEMARK_STALL_FILE, stalls.join('\n') + '\n');
    if (process.env.SOURCEMARK_GC_FILE) fs.writeFileSync(process.env.SOURCEMARK_GC_FILE, pauses.join('\n') + '\n');
  });
}
