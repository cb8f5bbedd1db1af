// Preloaded into every thread of a process (NODE_OPTIONS="--require …/heapLogger.cjs", which worker
// threads inherit): notes the thread's V8 heap at its largest (sampled every 200 ms) and writes it to
// $SOURCEMARK_HEAP_DIR/<pid>-<thread>[-main].json every second and at exit, so the peak RSS of a
// spawned server can be split into its main thread's heap, each worker's, and what is outside them.
// Bench tooling only: never part of the package.
//
//   SOURCEMARK_HEAP_DIR=/tmp/heaps NODE_OPTIONS="--require $PWD/scripts/bench/heapLogger.cjs" \
//     npx tsx scripts/bench/workspace.ts 2000
'use strict';
const fs = require('node:fs');
const v8 = require('node:v8');
const { isMainThread, threadId } = require('node:worker_threads');

const dir = process.env.SOURCEMARK_HEAP_DIR;
if (dir) {
  const MB = 1024 * 1024;
  let peak = { totalMb: 0, usedMb: 0, externalMb: 0, codeMb: 0 };
  const sample = () => {
    const h = v8.getHeapStatistics();
    if (h.total_heap_size / MB <= peak.totalMb) return;
    const c = v8.getHeapCodeStatistics();
    peak = {
      totalMb: Math.round(h.total_heap_size / MB),
      usedMb: Math.round(h.used_heap_size / MB),
      externalMb: Math.round(h.external_memory / MB),
      codeMb: Math.round((c.code_and_metadata_size + c.bytecode_and_metadata_size) / MB),
    };
  };
  const write = () => {
    sample();
    const name = `${process.pid}-${threadId}${isMainThread ? '-main' : ''}.json`;
    fs.writeFileSync(`${dir}/${name}`, `${JSON.stringify({ ...peak, ...(isMainThread ? { rssMb: Math.round(process.memoryUsage().rss / MB) } : {}) })}\n`);
  };
  setInterval(sample, 200).unref();
  // A worker terminated by its owner runs no exit handler: its last write stands.
  setInterval(write, 1000).unref();
  process.on('exit', write);
}
