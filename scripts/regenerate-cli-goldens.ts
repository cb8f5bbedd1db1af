// Rewrites test-fixtures/cli/* by running the built CLI (dist/cli.js) in the CLI test workspace
// (test/cli/cliWorkspace.ts). Review the diff by hand before committing.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildCliWorkspace, GOLDEN_DIR, GOLDEN_RUNS, ROOT, runCli } from '../test/cli/cliWorkspace';

export async function regenerateCliGoldens(): Promise<void> {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  mkdirSync(GOLDEN_DIR, { recursive: true });
  for (const golden of GOLDEN_RUNS) {
    const root = mkdtempSync(path.join(tmpdir(), 'sourcemark-golden-'));
    try {
      buildCliWorkspace(root);
      const { code, stdout, stderr } = await runCli(golden.args, root);
      if (code !== golden.exitCode) throw new Error(`${golden.args.join(' ')}: exit code ${code}, expected ${golden.exitCode}\n${stderr}`);
      if (golden.outputs) {
        for (const out of golden.outputs) {
          const target = path.join(GOLDEN_DIR, golden.name, path.basename(out));
          mkdirSync(path.dirname(target), { recursive: true });
          writeFileSync(target, readFileSync(path.join(root, out)));
        }
        console.log(`${golden.name}/: ${golden.outputs.length} files`);
      } else {
        writeFileSync(path.join(GOLDEN_DIR, golden.name), stdout);
        console.log(`${golden.name}: ${stdout.length} characters`);
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
}
