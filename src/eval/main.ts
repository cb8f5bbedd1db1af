// npm run eval -- <gold dir | claim-pairs.json>...   Measures Sourcemark's detection against gold
// data sets in the shared format (see README, "Measuring detection quality") and prints baseline
// rows beside it; a labelled claim-pair file measures cross-source claim matching.
import { chronoDates, compromiseEntities, cueCountClaims, modalHedges } from './baselines';
import { evaluateClaims } from './claimEval';
import { renderClaimPairReport } from './claimPairReport';
import { evaluateDates } from './dateEval';
import { evaluateEntities } from './entityEval';
import { readGoldSet, type GoldSet } from './gold';
import { evaluateHedges } from './hedgeEval';
import { renderReport, type KindReport } from './report';
import { SourcemarkSystem } from './sourcemarkSystem';

export function evaluateSet(set: GoldSet, system = new SourcemarkSystem()): KindReport {
  switch (set.kind) {
    case 'entities':
      return evaluateEntities(set, system, [compromiseEntities]);
    case 'dates':
      return evaluateDates(set, system, [chronoDates]);
    case 'claims':
      return evaluateClaims(set, system, [cueCountClaims]);
    case 'hedges':
      return evaluateHedges(set, system, [modalHedges]);
  }
}

function main(args: string[]): number {
  const dirs = args.filter((a) => !a.startsWith('-'));
  if (dirs.length === 0) {
    process.stderr.write('Usage: npm run eval -- <gold dir>...  (each dir holds a gold.jsonl in the shared evaluation format; test-fixtures/claim-pairs.json measures claim matching)\n');
    return 2;
  }
  let failed = false;
  for (const dir of dirs) {
    if (dir.endsWith('.json')) {
      const started = performance.now();
      try {
        process.stdout.write(`${renderClaimPairReport(dir)}\n(${((performance.now() - started) / 1000).toFixed(1)} s)\n\n`);
      } catch (e) {
        process.stderr.write(`Cannot read labelled claim pairs from ${dir}: ${(e as Error).message}\n`);
        failed = true;
      }
      continue;
    }
    let set: GoldSet;
    try {
      set = readGoldSet(dir);
    } catch (e) {
      process.stderr.write(`Cannot read gold data from ${dir}: ${(e as Error).message}\n`);
      failed = true;
      continue;
    }
    const started = performance.now();
    const report = evaluateSet(set);
    process.stdout.write(`${renderReport(report)}\n(${((performance.now() - started) / 1000).toFixed(1)} s)\n\n`);
  }
  return failed ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
