// The process startupSnapshot.ts times, bundled by it (a snapshot builder may require built-in
// modules only). Run plainly, it reads the generated sources' cache entries (argv[2]: one entry's
// JSON a line, read one by one as a reopening reads them), puts their digests into a CorpusIndex
// and groups the entities. Run with --build-snapshot, it does the same and leaves the index in the
// snapshot, so that a process started from the blob has it at once. Either way it then answers what
// a view asks first and prints one JSON line: when the index was ready and when the answers were in
// (ms since the process started), a hash of the answers (the parent checks that both ways agree),
// the heap and the peak RSS.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as v8 from 'node:v8';
import { CorpusIndex, type SourceDigest } from '../../src/core/corpus';

const uptimeMs = () => process.uptime() * 1000;

function load(file: string): CorpusIndex {
  const entries = readFileSync(file, 'latin1').split('\n');
  const index = new CorpusIndex();
  entries.forEach((json, i) => index.upsert(sourceId(i), (JSON.parse(json) as { digest: SourceDigest }).digest));
  index.entityGroups();
  return index;
}

const sourceId = (i: number) => `file:///ws/gen-${String(i).padStart(5, '0')}.txt`;

function answer(index: CorpusIndex): void {
  const readyMs = uptimeMs();
  const groups = index.entityGroups();
  const conflicts = [0, 7, 1000].map((i) => index.conflicts(sourceId(i)));
  const answeredMs = uptimeMs();
  const answers = createHash('sha256').update(JSON.stringify({ sources: index.size, groups, conflicts })).digest('hex').slice(0, 16);
  const mb = (n: number) => Math.round(n / 1024 / 1024);
  process.stdout.write(`${JSON.stringify({ readyMs, answeredMs, groups: groups.length, conflicts: conflicts.reduce((n, c) => n + c.length, 0), answers, heapMb: mb(process.memoryUsage().heapUsed), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
}

if (v8.startupSnapshot.isBuildingSnapshot()) {
  const index = load(process.argv[2]!);
  v8.startupSnapshot.setDeserializeMainFunction(() => answer(index));
} else {
  answer(load(process.argv[2]!));
}
