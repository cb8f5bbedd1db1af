import { bytes, int, median, ms, quantile, table } from './format';
import type { TagBench } from './tags';

/** The tag section of the bench output, line by line. */
export function printTagBench(results: TagBench, sourceLength: number): string[] {
  const lines: string[] = [];
  lines.push(`5. Tags (generated 1 MB source, ${int(sourceLength)} UTF-16 units)`);
  lines.push('   Re-anchoring 1,000 tags (2/3 whole sentences, 1/3 names) after an outside edit, QuoteAnchorer.anchorAll, median of 5 runs after one warm-up:');
  lines.push(table(
    ['outside edit', '>median', '>max', 'how the tags were found', '>orphans', '>intact tags misplaced'],
    results.reanchor.map((r) => [
      r.name, ms(median(r.runs)), ms(Math.max(...r.runs)),
      Object.entries(r.methods).filter(([m]) => m !== 'orphan').map(([m, n]) => `${m} ${n}`).join(', '), int(r.orphans), int(r.misplaced),
    ]),
  ));
  lines.push('   Sidecar save latency through FileSidecarStore.update (lock, read, compare, temp file, fsync, unchanged-file check, rename, unlock), 35 saves after 5 warm-ups:');
  lines.push(table(
    ['sidecar', '>size', '>median', '>p95', '>max'],
    results.save.map((s) => [s.name, bytes(s.bytes), ms(median(s.samples)), ms(quantile(s.samples, 0.95)), ms(Math.max(...s.samples))]),
  ));
  return lines;
}
