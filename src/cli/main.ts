#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { Analyzer } from '../core/analyzer';
import { FINDING_KINDS, type FindingKind } from '../core/model';
import { reportJson, ANALYZE_JSON_VERSION } from './findingJson';
import { reportSource } from './sourceReport';
import { formatSummary } from './summary';

const USAGE = `Usage: sourcemark analyze [--json] [--reference-date YYYY-MM-DD] [--threshold 0.5] [--kinds claim,entity,date] FILE...

Prints the claims, named entities and dates of each source, with the tags from its
<file>.annotations.json sidecar. Offsets are UTF-16 code units; --json output is documented in the README.`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      'reference-date': { type: 'string' },
      threshold: { type: 'string' },
      kinds: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...files] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  if (command !== 'analyze') {
    process.stderr.write(`sourcemark: unknown command "${command}".\n${USAGE}\n`);
    return 2;
  }
  if (!files.length) {
    process.stderr.write(`sourcemark analyze: give at least one source file.\n${USAGE}\n`);
    return 2;
  }
  const referenceDate = values['reference-date'];
  if (referenceDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(referenceDate)) {
    process.stderr.write(`sourcemark: --reference-date must be YYYY-MM-DD, got "${referenceDate}".\n`);
    return 2;
  }
  const threshold = values.threshold === undefined ? undefined : Number(values.threshold);
  if (threshold !== undefined && !(threshold >= 0 && threshold <= 1)) {
    process.stderr.write(`sourcemark: --threshold must be a number from 0 to 1, got "${values.threshold}".\n`);
    return 2;
  }
  const kinds = values.kinds?.split(',').map((k) => k.trim()) as FindingKind[] | undefined;
  if (kinds?.some((k) => !FINDING_KINDS.includes(k))) {
    process.stderr.write(`sourcemark: --kinds takes ${FINDING_KINDS.join(', ')}.\n`);
    return 2;
  }

  const analyzer = new Analyzer();
  const options = { ...(referenceDate ? { referenceDate } : {}), ...(threshold !== undefined ? { claimThreshold: threshold } : {}), ...(kinds ? { kinds } : {}) };
  const reports = [];
  let failed = 0;
  for (const file of files) {
    try {
      reports.push(await reportSource(file, analyzer, options));
    } catch (e) {
      failed++;
      process.stderr.write(`sourcemark: cannot read ${file}: ${(e as Error).message}\n`);
    }
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ version: ANALYZE_JSON_VERSION, files: reports.map(reportJson) }, null, 2)}\n`);
  } else {
    process.stdout.write(`${reports.map(formatSummary).join('\n\n')}\n`);
  }
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: Error) => {
    process.stderr.write(`sourcemark: ${e.message}\n`);
    process.exitCode = 2;
  },
);
