// A CPU profile of one cold analysis of the bench's generated 1 MB (coldCore.ts's text), after
// coldCore's warm-up: only the analysis is sampled (node:inspector), then self time is summed by
// function and by file group, top rows printed. `--dump FILE` writes that analysis's result as
// JSON instead (to diff the findings of two checkouts); `--root DIR` analyses with DIR's src/core.
//
//   node --import tsx scripts/bench/profileCold.ts [--top 40] [--root DIR] [--dump FILE] [--save FILE.cpuprofile] [--bundle FILE.cjs] [--warm N]

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MB } from './format';
import { poolsFrom, SourceGenerator } from './generate';
import type { Profile } from './profileKeystroke';

const SEED = 0x5eed;
const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const root = path.resolve(opt('--root') ?? path.join(__dirname, '../..'));
const top = Number(opt('--top') ?? 40);

/** A file's group: its folder under src/core (kinds/<kind> with the tagger apart), or its package. */
function group(url: string): string {
  if (!url) return '(native, GC, builtins)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const core = /src\/core\/(.*)\/[^/]+$/.exec(url);
  if (core) return `core/${core[1]!.startsWith('kinds/entity/tagger') ? 'kinds/entity/tagger' : core[1]}`;
  if (/src\/core\/[^/]+$/.test(url)) return 'core';
  return url.startsWith('node:') ? 'node internals' : path.basename(url);
}

async function main(): Promise<void> {
  const bundle = opt('--bundle'); // a CommonJS bundle exporting Analyzer: lines and names as built, without tsx's keepNames
  const { Analyzer } = (await import(pathToFileURL(bundle ? path.resolve(bundle) : path.join(root, 'src/core/analyzer.ts')).href)) as typeof import('../../src/core/analyzer');
  const dir = path.join(__dirname, '../../test-fixtures/sources');
  const samples = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(path.join(dir, f), 'utf8'));
  const text = new SourceGenerator(poolsFrom(samples), SEED).source(MB);
  for (let i = 0; i < 3; i++) for (const s of samples) new Analyzer().analyze(s); // JIT warm-up, as coldCore
  // `--warm N`: N other generated MB analysed first, for the steady rate (an index worker after its first sources).
  for (let i = 0; i < Number(opt('--warm') ?? 0); i++) new Analyzer().analyze(new SourceGenerator(poolsFrom(samples), SEED + 1 + i).source(MB));
  const dump = opt('--dump');
  if (dump) {
    writeFileSync(dump, `${JSON.stringify(new Analyzer().analyze(text), null, 1)}\n`);
    return;
  }
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  const c = process.cpuUsage();
  new Analyzer().analyze(text);
  const u = process.cpuUsage(c);
  const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
  session.disconnect();
  const save = opt('--save');
  if (save) writeFileSync(save, JSON.stringify(profile));

  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  // In a bundle, a line's source file is the last `// path` comment esbuild wrote above it.
  const modules = bundle ? readFileSync(bundle, 'utf8').split('\n').flatMap((l, i) => (/^\/\/ (\S*(?:src|node_modules)\/\S+)$/.exec(l) ? [{ line: i, file: l.slice(3) }] : [])) : [];
  const sourceOf = (line: number) => {
    let file = '';
    for (const m of modules) if (m.line <= line) file = m.file;
    return file;
  };
  const fileOf = (n: Profile['nodes'][number]) => (bundle && n.callFrame.url.endsWith(path.basename(bundle)) ? sourceOf(n.callFrame.lineNumber) : n.callFrame.url);
  const name = (n: Profile['nodes'][number]) => `${n.callFrame.functionName || '(anonymous)'} ${path.basename(fileOf(n))}:${n.callFrame.lineNumber + 1}`;
  const self = new Map<string, number>();
  const groups = new Map<string, number>();
  const files = new Map<string, number>();
  let all = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const node = byId.get(profile.samples[i]!)!;
    if (node.callFrame.functionName === '(idle)' || node.callFrame.functionName === '(program)') continue;
    all += dt;
    const g = node.callFrame.functionName === '(garbage collector)' ? '(garbage collector)' : group(fileOf(node));
    self.set(name(node), (self.get(name(node)) ?? 0) + dt);
    groups.set(g, (groups.get(g) ?? 0) + dt);
    const f = fileOf(node).replace(/^.*?(node_modules|src)\//, '$1/');
    files.set(f, (files.get(f) ?? 0) + dt);
  }
  const rows = (m: Map<string, number>, n: number) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${v.toFixed(0).padStart(7)} ms ${((100 * v) / all).toFixed(1).padStart(5)} %  ${k}`).join('\n');
  process.stdout.write(`cpu ${((u.user + u.system) / 1000).toFixed(0)} ms, sampled ${all.toFixed(0)} ms, load ${loadavg().map((l) => l.toFixed(2)).join(' / ')}\n\nby file group (self):\n${rows(groups, 30)}\n\nby file (self):\n${rows(files, 30)}\n\nby function (self):\n${rows(self, top)}\n`);
}

void main();
