// Summarises a V8 heap snapshot (e.g. one a server writes on SIGUSR2 when started with
// --heapsnapshot-signal=SIGUSR2): self size by object kind, and the strings held more than once.
//
//   node --max-old-space-size=8000 scripts/bench/heapSnapshotSummary.cjs FILE.heapsnapshot
const fs = require('fs');
const snap = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const m = snap.snapshot.meta; const F = m.node_fields.length; const types = m.node_types[0];
const iT = m.node_fields.indexOf('type'), iN = m.node_fields.indexOf('name'), iS = m.node_fields.indexOf('self_size');
const nodes = snap.nodes, strings = snap.strings;
const by = new Map(); let total = 0;
for (let i = 0; i < nodes.length; i += F) {
  const t = types[nodes[i + iT]]; const size = nodes[i + iS]; total += size;
  let k = t;
  if (t === 'object' || t === 'closure' || t === 'native') k = `${t}:${strings[nodes[i + iN]]}`;
  if (t === 'string' || t === 'concatenated string' || t === 'sliced string') k = 'string';
  const e = by.get(k) ?? [0, 0]; e[0] += size; e[1]++; by.set(k, e);
}
console.log('total self MB', (total / 1048576).toFixed(1));
for (const [k, [s, n]] of [...by].sort((a, b) => b[1][0] - a[1][0]).slice(0, 30)) console.log((s / 1048576).toFixed(1).padStart(7), 'MB', String(n).padStart(9), k.slice(0, 90));
// Duplicate strings: the same value held more than once.
const dup = new Map();
for (let i = 0; i < nodes.length; i += F) {
  const t = types[nodes[i + iT]];
  if (t !== 'string') continue;
  const v = strings[nodes[i + iN]]; const e = dup.get(v) ?? [0, 0]; e[0] += nodes[i + iS]; e[1]++; dup.set(v, e);
}
let wasted = 0; for (const [v, [s, n]] of dup) if (n > 1) wasted += s - s / n;
console.log('strings held more than once: MB beyond the first copy', (wasted / 1048576).toFixed(1));
for (const [v, [s, n]] of [...dup].filter(([, [, n]]) => n > 1).sort((a, b) => (b[1][0] - b[1][0] / b[1][1]) - (a[1][0] - a[1][0] / a[1][1])).slice(0, 15)) console.log(((s - s / n) / 1024).toFixed(0).padStart(6), 'KB', String(n).padStart(6), JSON.stringify(v.slice(0, 60)));
