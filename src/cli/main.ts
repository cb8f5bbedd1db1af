#!/usr/bin/env node
import { isMainThread, workerData } from 'node:worker_threads';
import { runAnalysisWorker, WORKER_ROLE } from './batch/analysisWorker';
import { analyzeCommand } from './commands/analyze';
import { checkCommand } from './commands/check';
import type { Command } from './commands/command';
import { exportCommand } from './commands/export';
import { importCommand } from './commands/import';
import { reportCommand } from './commands/report';
import { statsCommand } from './commands/stats';
import { UsageError } from './options';
import { exitQuietlyOnClosedOutput, say, warn } from './terminal';

const COMMANDS: readonly Command[] = [analyzeCommand, checkCommand, statsCommand, reportCommand, exportCommand, importCommand];

const USAGE = `Usage: sourcemark <command> [options] [FILE|DIR...]

${COMMANDS.map((c) => `  ${c.name.padEnd(8)} ${c.summary}`).join('\n')}

A folder stands for every .txt in it (recursively). Run "sourcemark <command> --help" for a command's options.
Every command works per source, so a large corpus can be split by folder across machines and the outputs merged.`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    say(`${USAGE}\n`);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    warn(`sourcemark: unknown command "${name}".\n\n${USAGE}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    say(`Usage: ${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      warn(`sourcemark ${command.name}: ${e.message}\n\nUsage: ${command.usage}\n`);
      return 2;
    }
    throw e;
  }
}

if (!isMainThread && (workerData as { role?: string } | undefined)?.role === WORKER_ROLE) {
  runAnalysisWorker();
} else {
  exitQuietlyOnClosedOutput();
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: Error) => {
      warn(`sourcemark: ${e.message}\n`);
      process.exitCode = 2;
    },
  );
}
