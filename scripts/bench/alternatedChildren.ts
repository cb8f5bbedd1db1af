// Builds compared in child processes of their own, alternated round by round (the first of each
// round changing), so that a machine's drift falls on every build alike.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

/**
 * Runs `script --child BUNDLE …args` once per bundle per round, under tsx, and returns each
 * bundle's parsed stdout (JSON), in the order of the rounds.
 */
export function alternatedChildren<T>(script: string, bundles: readonly string[], rounds: number, args: readonly string[]): Map<string, T[]> {
  const results = new Map<string, T[]>(bundles.map((b) => [b, []]));
  for (let r = 0; r < rounds; r++) {
    for (const b of r % 2 ? [...bundles].reverse() : bundles) {
      const child = execFileSync(process.execPath, ['--import', 'tsx', script, '--child', path.resolve(b), ...args], { encoding: 'utf8' });
      results.get(b)!.push(JSON.parse(child) as T);
    }
  }
  return results;
}
