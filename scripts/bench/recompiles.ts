// What a fresh thread spends compiling the analyser again: the analyser bundled as shipped, run in a
// new process over `count` generated 5 KB sources through one Analyzer (as an index worker runs
// them) with V8's --trace-opt and --trace-deopt, which this script reads: deoptimisations by reason,
// TurboFan compile time in all and the part spent on functions compiled before (a recompile follows a
// deoptimisation), the functions recompiled most. Then the same run without tracing, for its CPU:
// the first 100 sources against the rest. `--root DIR` measures DIR's checkout instead (before/after).
// `--keep DIR` leaves the bundle, the sources and the child script in DIR, to find where each
// deoptimisation happens: `node --trace-deopt-verbose DIR/child.cjs | grep -A1 bailout` gives the
// bundle's line and column of each ("deoptimize at <…/analyzer.cjs:LINE:COL>").
//
//   node --import tsx scripts/bench/recompiles.ts [count=1000] [--root DIR] [--top 12] [--keep DIR]

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { poolsFrom, SourceGenerator } from './generate';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const count = Number(args.find((a, i) => /^\d+$/.test(a) && !args[i - 1]?.startsWith('--')) ?? 1000);
const root = path.resolve(opt('--root') ?? path.join(__dirname, '../..'));
const top = Number(opt('--top') ?? 12);
const SEED = 0x77;

/** Runs in the child: every source through one analyser; CPU after the first 100 and in all. */
const CHILD = `
const { Analyzer } = require('./analyzer.cjs');
const texts = JSON.parse(require('fs').readFileSync(__dirname + '/sources.json', 'utf8'));
const analyzer = new Analyzer(256);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const start = cpu();
let first = 0;
texts.forEach((t, i) => { analyzer.analyze(t); if (i === 99) first = cpu() - start; });
process.stderr.write('CPU ' + first.toFixed(0) + ' ' + (cpu() - start).toFixed(0) + '\\n');
`;

interface Compile {
  name: string;
  ms: number;
}

/** `[completed compiling 0x… <JSFunction name (sfi = 0x…)> (target TURBOFAN) - took a, b, c ms]`: keyed by function (its sfi). */
function compilesOf(trace: string): { key: string; c: Compile }[] {
  const out: { key: string; c: Compile }[] = [];
  for (const m of trace.matchAll(/completed compiling 0x[0-9a-f]+ <JSFunction (\S*) \(sfi = (0x[0-9a-f]+)\)>.*? took ([\d.]+), ([\d.]+), ([\d.]+) ms/g)) {
    out.push({ key: `${m[1]} ${m[2]}`, c: { name: m[1] || '(anonymous)', ms: Number(m[3]) + Number(m[4]) + Number(m[5]) } });
  }
  return out;
}

async function main(): Promise<void> {
  const esbuild = await import('esbuild');
  const { common } = (await import(pathToFileURL(path.join(root, 'scripts/build.mjs')).href)) as { common: Record<string, unknown> };
  const { BUNDLE_DATA } = (await import(pathToFileURL(path.join(root, 'scripts/bundleData.mjs')).href)) as { BUNDLE_DATA: string[] };
  const keep = opt('--keep');
  if (keep) mkdirSync(keep, { recursive: true });
  const dir = keep ? path.resolve(keep) : mkdtempSync(path.join(tmpdir(), 'sourcemark-recompiles-'));
  try {
    await esbuild.build({ ...common, absWorkingDir: root, entryPoints: [path.join(root, 'src/core/analyzer.ts')], outfile: path.join(dir, 'analyzer.cjs'), sourcemap: false, logLevel: 'error' });
    for (const f of BUNDLE_DATA) copyFileSync(path.join(root, f), path.join(dir, path.basename(f)));
    const samplesDir = path.join(__dirname, '../../test-fixtures/sources');
    const samples = readdirSync(samplesDir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(path.join(samplesDir, f), 'utf8'));
    const generator = new SourceGenerator(poolsFrom(samples), SEED);
    writeFileSync(path.join(dir, 'sources.json'), JSON.stringify(Array.from({ length: count }, () => generator.source(5 * 1024))));
    writeFileSync(path.join(dir, 'child.cjs'), CHILD);
    const child = path.join(dir, 'child.cjs');

    const traced = spawnSync(process.execPath, ['--trace-opt', '--trace-deopt', child], { encoding: 'utf8', maxBuffer: 1 << 30 });
    const trace = traced.stdout;
    const deopts = new Map<string, number>();
    for (const m of trace.matchAll(/\[bailout \(kind: [^,]+, reason: ([^)]*)\)/g)) deopts.set(m[1], (deopts.get(m[1]) ?? 0) + 1);
    const seen = new Set<string>();
    const again = new Map<string, Compile & { n: number }>();
    let total = 0;
    let recompiled = 0;
    const compiles = compilesOf(trace);
    for (const { key, c } of compiles) {
      total += c.ms;
      if (seen.has(key)) {
        recompiled += c.ms;
        const a = again.get(key) ?? { ...c, ms: 0, n: 0 };
        a.ms += c.ms;
        a.n++;
        again.set(key, a);
      }
      seen.add(key);
    }
    const plain = spawnSync(process.execPath, [child], { encoding: 'utf8' });
    const cpu = /CPU (\d+) (\d+)/.exec(plain.stderr);
    const load = loadavg().map((l) => l.toFixed(2)).join(' / ');
    process.stdout.write(`${root}: ${count} sources of 5 KB through one analyser in a new process (load ${load})\n`);
    process.stdout.write(`  deoptimisations ${[...deopts.values()].reduce((a, b) => a + b, 0)} (${[...deopts].sort((a, b) => b[1] - a[1]).map(([r, n]) => `${r} ${n}`).join(', ')})\n`);
    process.stdout.write(`  TurboFan compiles ${compiles.length}, ${total.toFixed(0)} ms; of functions compiled before: ${again.size} functions, ${[...again.values()].reduce((a, b) => a + b.n, 0)} compiles, ${recompiled.toFixed(0)} ms\n`);
    if (cpu) process.stdout.write(`  CPU untraced: first 100 sources ${cpu[1]} ms, all ${cpu[2]} ms (${((Number(cpu[2]) - Number(cpu[1])) / (count - 100)).toFixed(1)} ms a source after the first 100)\n`);
    for (const a of [...again.values()].sort((x, y) => y.ms - x.ms).slice(0, top)) process.stdout.write(`    ${a.ms.toFixed(0).padStart(5)} ms  ${a.n}×  ${a.name}\n`);
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

void main();
