// The workspace's conflict search, as check and report run it once every source is in the index.
import type { Conflict, CorpusIndex } from '../core/corpus';
import { formatCount, plural } from '../core/text/count';
import { warn } from './terminal';

/** Sources from which the conflict search is announced on stderr (with the option that skips it). */
const LARGE_CORPUS = 300;

/**
 * Every conflict of `corpus`. Announced on stderr for a large corpus; timed there with --timing or
 * on a terminal, after the batch's figures (`check: 21,994 conflicts across 2,001 sources in 0.67 s · CPU 0.94 s`),
 * so what the search costs beside the analysis is in sight.
 */
export function searchConflicts(corpus: CorpusIndex, label: string, timing: boolean): Conflict[] {
  if (corpus.size > LARGE_CORPUS) warn(`sourcemark: looking for conflicts across ${formatCount(corpus.size)} sources; --skip-conflicts skips it.\n`);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const conflicts = corpus.conflicts();
  if (timing || process.stderr.isTTY) {
    const used = process.cpuUsage(cpu);
    warn(`${label}: ${plural(conflicts.length, 'conflict')} across ${plural(corpus.size, 'source')} in ${((performance.now() - started) / 1000).toFixed(2)} s · CPU ${((used.user + used.system) / 1e6).toFixed(2)} s\n`);
  }
  return conflicts;
}
