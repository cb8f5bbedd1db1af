// Who calls a function, or what it calls, from profiles kept by profileKeystroke.ts
// (PROFILE_KEEP=1): for every function whose name (`name file:line`) matches the pattern, its time
// within the kept window, per edit, split by the chain of its callers up to `depth` frames; with
// `--callees`, split by the function it called (or its own time), the outermost match counted once.
//
//   node --import tsx scripts/bench/profileCallers.ts DIR PATTERN [depth=4] [--callees]

import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ms, table } from './format';
import { frameName as name, profileTree, type Profile } from './profileKeystroke';

function main(): void {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const callees = process.argv.includes('--callees');
  const [dir, pattern, depthArg] = args;
  if (!dir || !pattern) throw new Error('usage: profileCallers.ts DIR PATTERN [depth] [--callees]');
  const depth = Number(depthArg ?? 4);
  const { from, to, edits } = JSON.parse(readFileSync(path.join(dir, 'window.json'), 'utf8')) as { from: number; to: number; edits: number };
  const match = new RegExp(pattern);
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.cpuprofile')).sort()) {
    const profile = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Profile;
    const { byId, parent } = profileTree(profile);
    const rows = new Map<string, number>();
    let t = profile.startTime;
    for (let i = 0; i < profile.samples.length; i++) {
      t += profile.timeDeltas[i]!;
      if (t < from || t > to) continue;
      const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
      // The stack from the sampled frame out; the outermost matching frame, so recursion counts once.
      const stack: number[] = [];
      for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) stack.push(id);
      let hit = -1;
      for (let k = stack.length - 1; k >= 0 && hit < 0; k--) if (match.test(name(byId.get(stack[k]!)!))) hit = k;
      if (hit < 0) continue;
      const key = callees
        ? hit === 0 ? '(self)' : name(byId.get(stack[hit - 1]!)!)
        : stack.slice(hit, hit + depth + 1).map((id) => name(byId.get(id)!)).join(' ← ');
      rows.set(key, (rows.get(key) ?? 0) + dt);
    }
    if (rows.size === 0) continue;
    const head = callees ? 'callee (per edit)' : 'chain (per edit)';
    process.stdout.write(`\n${f}\n${table([head, '>ms'], [...rows].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([k, v]) => [k, ms(v / edits)]))}\n`);
  }
}

main();
