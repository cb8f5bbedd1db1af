// The analyser as the extension ships it: src/core/analyzer.ts bundled with scripts/build.mjs's own
// options (into a temporary folder, its data files beside it), for benchmarks whose figures should be
// the product's. Run through tsx, the same source is ~14 % slower (README, "Then (base 2dcb59b)"):
// tsx transforms each file with options of its own (names every closure, rewrites regex literals
// with \p{…} as `new RegExp(…)`).
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Analyzer as AnalyzerClass } from '../../src/core/analyzer';

const ROOT = path.resolve(__dirname, '../..');

export async function shippedAnalyzer(root = ROOT): Promise<typeof AnalyzerClass> {
  return (await shippedModules<{ Analyzer: typeof AnalyzerClass }>({ Analyzer: 'src/core/analyzer.ts' }, root)).Analyzer;
}

/**
 * Named exports of modules of `root` (`{ name: 'src/…/file.ts' }`), bundled together as the extension
 * bundles them, data files beside them.
 */
export async function shippedModules<T>(exports: Record<string, string>, root = ROOT): Promise<T> {
  const esbuild = await import('esbuild');
  const { common } = (await import(pathToFileURL(path.join(root, 'scripts/build.mjs')).href)) as { common: Record<string, unknown> };
  const { BUNDLE_DATA } = (await import(pathToFileURL(path.join(root, 'scripts/bundleData.mjs')).href)) as { BUNDLE_DATA: string[] };
  const dir = mkdtempSync(path.join(tmpdir(), 'sourcemark-analyzer-'));
  // Read lazily (the tagger's weights), so kept until the process ends, then removed: each run left one.
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const outfile = path.join(dir, 'bundle.cjs');
  const contents = Object.entries(exports).map(([name, file]) => `export { ${name} } from ${JSON.stringify(`./${file.replace(/\.ts$/, '')}`)};`).join('\n');
  await esbuild.build({ ...common, absWorkingDir: root, stdin: { contents, resolveDir: root, loader: 'ts' }, outfile, sourcemap: false, logLevel: 'error' });
  for (const f of BUNDLE_DATA) copyFileSync(path.join(root, f), path.join(dir, path.basename(f)));
  return (await import(pathToFileURL(outfile).href)) as T;
}
