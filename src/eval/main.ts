// npm run eval -- <gold dir>...   Measures Sourcemark's detection against gold data sets in the
// shared format (see README, "Measuring detection quality") and prints baseline rows beside it.
import { chronoDates, compromiseEntities, cueCountClaims, modalHedges } from './baselines';
import { evaluateClaims } from './claimEval';
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
    process.stderr.write('Usage: npm run eval -- <gold dir>...  (each dir holds a gold.jsonl in the shared evaluation format)\n');
    return 2;
  }
  let failed = false;
  for (const dir of dirs) {
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
