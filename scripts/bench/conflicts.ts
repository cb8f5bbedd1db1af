// Cost of the workspace's conflict search (CorpusIndex.conflicts(), what `sourcemark check` runs),
// a hash of its result so a faster search can be shown to find exactly the same conflicts, and how
// many conflict warnings an editor would show (one per disputed place of a source).
// The generated sources are those of the workspace bench (same seeds), analysed in this process.
// Standalone: npx tsx scripts/bench/conflicts.ts [sources=405] [--cache FILE] [--rounds N]
//   --cache FILE keeps the sources' digests in FILE (written once, then read), so re-runs time the search only.

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Analyzer } from '../../src/core/analyzer';
import { CorpusIndex, digestSource, type SourceDigest } from '../../src/core/corpus';
import { conflictPlaceKey } from '../../src/core/corpus/conflicts';
import { analyzeSource } from '../../src/core/sourceAnalysis';
import { median } from './format';
import { poolsFrom, SourceGenerator } from './generate';

const SEED = 0x1dea; // as scripts/bench/workspace.ts
const REFERENCE_DATE = '2018-03-10';

export function workspaceDigests(samplesDir: string, count: number, bytesEach = 5 * 1024): [string, SourceDigest][] {
  const samples = readdirSync(samplesDir).filter((f) => f.endsWith('.txt')).sort();
  const texts = samples.map((f) => readFileSync(path.join(samplesDir, f), 'utf8'));
  const pools = poolsFrom(texts);
  const analyzer = new Analyzer(2_000);
  const out: [string, SourceDigest][] = [];
  const add = (id: string, text: string) =>
    out.push([id, digestSource(text, analyzeSource(analyzer, text, undefined, { referenceDate: REFERENCE_DATE }))]);
  samples.forEach((f, i) => add(f, texts[i]));
  for (let i = 0; i < count; i++) add(`gen-${String(i).padStart(5, '0')}.txt`, new SourceGenerator(pools, SEED + i).source(bytesEach));
  return out;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const count = Number(args.find((a) => /^\d+$/.test(a)) ?? 405) - 5; // the 5 samples count as sources
  const cacheAt = args.includes('--cache') ? args[args.indexOf('--cache') + 1] : undefined;
  const root = path.resolve(__dirname, '../..');
  let digests: [string, SourceDigest][];
  if (cacheAt && existsSync(cacheAt)) digests = JSON.parse(readFileSync(cacheAt, 'utf8'));
  else {
    digests = workspaceDigests(path.join(root, 'test-fixtures/sources'), count);
    if (cacheAt) writeFileSync(cacheAt, JSON.stringify(digests));
  }
  const claims = digests.reduce((n, [, d]) => n + d.claims.length, 0);
  // `--rounds N`: the search on N fresh indexes in this process (the digests as read), each timed; medians printed.
  const rounds = Math.max(1, Number(args.includes('--rounds') ? args[args.indexOf('--rounds') + 1] : 1));
  const walls: number[] = [];
  const cpus: number[] = [];
  let conflicts: ReturnType<CorpusIndex['conflicts']> = [];
  for (let r = 0; r < rounds; r++) {
    const index = new CorpusIndex();
    for (const [id, d] of digests) index.upsert(id, d);
    const cpu = process.cpuUsage();
    const t = performance.now();
    conflicts = index.conflicts();
    walls.push(performance.now() - t);
    const { user, system } = process.cpuUsage(cpu);
    cpus.push((user + system) / 1000);
  }
  const wallMs = median(walls);
  const cpuMs = median(cpus);
  const hash = createHash('sha256').update(JSON.stringify(conflicts)).digest('hex');
  const kinds: Record<string, number> = {};
  for (const c of conflicts) kinds[c.kind] = (kinds[c.kind] ?? 0) + 1;
  // What an editor shows: one warning per disputed place of a source (server/diagnostics.ts).
  const placesBySource = new Map<string, Set<string>>();
  for (const c of conflicts) {
    for (const s of c.sides) {
      let places = placesBySource.get(s.sourceId);
      if (!places) placesBySource.set(s.sourceId, (places = new Set()));
      places.add(conflictPlaceKey(c.kind, s));
    }
  }
  const counts = [...placesBySource.values()].map((p) => p.size).sort((a, b) => a - b);
  const warnings = { places: counts.reduce((n, x) => n + x, 0), sources: counts.length, medianPerSource: counts[counts.length >> 1] ?? 0, maxPerSource: counts.at(-1) ?? 0 };
  console.log(JSON.stringify({ sources: digests.length, claims, conflicts: conflicts.length, kinds, warnings, wallMs: Math.round(wallMs), cpuMs: Math.round(cpuMs), ...(rounds > 1 ? { rounds: walls.map(Math.round) } : {}), sha256: hash }));
}
